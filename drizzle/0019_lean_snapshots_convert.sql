-- Convert the snapshots published before 0018 to the lean form. A snapshot is immutable by trigger
-- (0001); this migration is the one sanctioned rewrite, and it does not change what any snapshot
-- states: the parts it now names hold exactly the catalogues and glossary it embedded (addressed by
-- the hash of that very jsonb), and the prior year is referenced only when the embedded copy is
-- equal, as jsonb, to that prior snapshot's input (with its own prior year set to null), which is how
-- publishing built it. Otherwise the embedded copy stays. The trigger is switched off for this one
-- UPDATE inside the migration's transaction and switched on again before it commits.
INSERT INTO snapshot_parts (hash, kind, body)
SELECT DISTINCT encode(sha256(convert_to((input->'catalogs')::text, 'UTF8')), 'hex'), 'catalogs', input->'catalogs'
FROM published_snapshots
WHERE jsonb_typeof(input->'catalogs') = 'object'
ON CONFLICT (hash) DO NOTHING;
--> statement-breakpoint
INSERT INTO snapshot_parts (hash, kind, body)
SELECT DISTINCT encode(sha256(convert_to((input->'glossary')::text, 'UTF8')), 'hex'), 'glossary', input->'glossary'
FROM published_snapshots
WHERE jsonb_typeof(input->'glossary') = 'array'
ON CONFLICT (hash) DO NOTHING;
--> statement-breakpoint
ALTER TABLE published_snapshots DISABLE TRIGGER published_snapshots_immutable;
--> statement-breakpoint
UPDATE published_snapshots s
SET prior_snapshot_id = (
  SELECT p.id FROM published_snapshots p
  WHERE p.unit_id = s.unit_id AND p.year = s.year - 1 AND p.id <> s.id
    AND (p.input || '{"priorBudget": null}'::jsonb) = s.input->'priorBudget'
  ORDER BY p.revision DESC
  LIMIT 1
)
WHERE s.prior_snapshot_id IS NULL AND jsonb_typeof(s.input->'priorBudget') = 'object';
--> statement-breakpoint
UPDATE published_snapshots s
SET basic_total = coalesce((SELECT sum((li->>'amount')::numeric) FROM jsonb_array_elements(s.input->'lineItems') li WHERE li->>'kind' <> 'project'), 0),
    project_total = coalesce((SELECT sum((li->>'amount')::numeric) FROM jsonb_array_elements(s.input->'lineItems') li WHERE li->>'kind' = 'project'), 0),
    baseline_total = (s.input->'baseline'->>'total')::numeric
WHERE s.basic_total IS NULL;
--> statement-breakpoint
UPDATE published_snapshots
SET catalogs_hash = CASE WHEN jsonb_typeof(input->'catalogs') = 'object'
                         THEN encode(sha256(convert_to((input->'catalogs')::text, 'UTF8')), 'hex') END,
    glossary_hash = CASE WHEN jsonb_typeof(input->'glossary') = 'array'
                         THEN encode(sha256(convert_to((input->'glossary')::text, 'UTF8')), 'hex') END,
    input = (CASE WHEN prior_snapshot_id IS NULL THEN input ELSE input - 'priorBudget' END)
            - (CASE WHEN jsonb_typeof(input->'catalogs') = 'object' THEN 'catalogs' ELSE '' END)
            - (CASE WHEN jsonb_typeof(input->'glossary') = 'array' THEN 'glossary' ELSE '' END)
WHERE catalogs_hash IS NULL AND glossary_hash IS NULL
  AND (jsonb_typeof(input->'catalogs') = 'object' OR jsonb_typeof(input->'glossary') = 'array' OR prior_snapshot_id IS NOT NULL);
--> statement-breakpoint
ALTER TABLE published_snapshots ENABLE TRIGGER published_snapshots_immutable;
