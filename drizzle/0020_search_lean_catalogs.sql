-- The search index reads the catalogue names of a lean snapshot (0018) from its named part, not
-- only from the embedded copy; entries written while they were missing are rebuilt.
CREATE OR REPLACE FUNCTION public_search_fill(sid integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  inp jsonb;
  tot numeric;
  cats jsonb;
BEGIN
  -- A lean snapshot (0018) names its catalogues instead of embedding them.
  SELECT p.input, p.total, coalesce(p.input->'catalogs', sp.body) INTO inp, tot, cats
  FROM published_snapshots p LEFT JOIN snapshot_parts sp ON sp.hash = p.catalogs_hash
  WHERE p.id = sid;
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
    FROM jsonb_array_elements(coalesce(cats->(CASE WHEN g.kind = 'function' THEN 'functions' ELSE 'deptEconomic' END), '[]'::jsonb)) e
    WHERE e->>'code' = g.code
    LIMIT 1
  ) c ON TRUE;
END
$$;
--> statement-breakpoint
DELETE FROM public_search_entries;
--> statement-breakpoint
SELECT public_search_fill(id) FROM published_snapshots ORDER BY id;
