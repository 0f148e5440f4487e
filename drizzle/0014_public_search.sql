-- The public search (src/server/queries/public-search.ts): one row per searchable thing of a
-- published snapshot (the unit, each project, each 功能分类 类/款/项 and 部门经济分类 类/款 it uses)
-- with its amount, filled from the snapshot when it is written. It reads only published data.
CREATE TABLE "public_search_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"snapshot_id" integer NOT NULL,
	"kind" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"amount" numeric NOT NULL,
	"haystack" text NOT NULL,
	CONSTRAINT "public_search_entries_kind_ck" CHECK ("public_search_entries"."kind" IN ('unit', 'project', 'function', 'economic'))
);
--> statement-breakpoint
ALTER TABLE "public_search_entries" ADD CONSTRAINT "public_search_entries_snapshot_id_published_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."published_snapshots"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "public_search_entries_snapshot_idx" ON "public_search_entries" USING btree ("snapshot_id");
--> statement-breakpoint
CREATE INDEX "public_search_entries_code_idx" ON "public_search_entries" USING btree ("code" text_pattern_ops);
--> statement-breakpoint
-- pg_trgm makes ILIKE '%…%' use an index. PGlite loads it (src/server/db/client.ts), a PostgreSQL
-- server has it in contrib; where it cannot be created the search runs the same ILIKE unindexed.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN others THEN
    RAISE NOTICE 'pg_trgm unavailable (%); the public search runs without a trigram index', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX public_search_entries_haystack_trgm ON public_search_entries USING gin (haystack gin_trgm_ops)';
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION public_search_fill(sid integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  inp jsonb;
  tot numeric;
BEGIN
  SELECT p.input, p.total INTO inp, tot FROM published_snapshots p WHERE p.id = sid;
  IF inp IS NULL THEN
    RETURN;
  END IF;
  -- The unit, with its short name and department.
  INSERT INTO public_search_entries (snapshot_id, kind, code, name, detail, amount, haystack)
  SELECT sid, 'unit', inp->'unit'->>'code', inp->'unit'->>'name',
         concat_ws(' ', nullif(inp->'unit'->>'shortName', ''), inp->'unit'->>'departmentName'),
         tot,
         concat_ws(' ', inp->'unit'->>'code', inp->'unit'->>'name', inp->'unit'->>'shortName', inp->'unit'->>'departmentName')
  WHERE inp->'unit'->>'name' IS NOT NULL;
  -- Projects: name, content and the money of their lines.
  INSERT INTO public_search_entries (snapshot_id, kind, code, name, detail, amount, haystack)
  SELECT sid, 'project', '', pr->>'name', coalesce(pr->>'content', ''),
         coalesce((SELECT sum((li->>'amount')::numeric) FROM jsonb_array_elements(inp->'lineItems') li
                   WHERE li->>'projectId' = pr->>'id'), 0),
         concat_ws(' ', pr->>'name', pr->>'content')
  FROM jsonb_array_elements(coalesce(inp->'projects', '[]'::jsonb)) pr
  WHERE pr->>'name' IS NOT NULL;
  -- 支出功能分类 类 (3) / 款 (5) / 项 (7) and 部门预算支出经济分类 类 (3) / 款 (5) the lines use.
  INSERT INTO public_search_entries (snapshot_id, kind, code, name, detail, amount, haystack)
  SELECT sid, g.kind, g.code, coalesce(c.name, ''), '', g.amount, concat_ws(' ', g.code, c.name)
  FROM (
    SELECT 'function' AS kind, left(li->>'functionCode', n) AS code, sum((li->>'amount')::numeric) AS amount
    FROM jsonb_array_elements(coalesce(inp->'lineItems', '[]'::jsonb)) li, (VALUES (3), (5), (7)) AS lv(n)
    WHERE li->>'functionCode' IS NOT NULL
    GROUP BY 1, 2
    UNION ALL
    SELECT 'economic', left(li->>'economicCode', n), sum((li->>'amount')::numeric)
    FROM jsonb_array_elements(coalesce(inp->'lineItems', '[]'::jsonb)) li, (VALUES (3), (5)) AS lv(n)
    WHERE li->>'economicCode' IS NOT NULL
    GROUP BY 1, 2
  ) g
  LEFT JOIN LATERAL (
    SELECT e->>'name' AS name
    FROM jsonb_array_elements(coalesce(inp->'catalogs'->(CASE WHEN g.kind = 'function' THEN 'functions' ELSE 'deptEconomic' END), '[]'::jsonb)) e
    WHERE e->>'code' = g.code
    LIMIT 1
  ) c ON TRUE;
END
$$;
--> statement-breakpoint
CREATE FUNCTION public_search_on_publish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public_search_fill(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER public_search_on_publish AFTER INSERT ON published_snapshots FOR EACH ROW EXECUTE FUNCTION public_search_on_publish();
--> statement-breakpoint
SELECT public_search_fill(id) FROM published_snapshots ORDER BY id;
