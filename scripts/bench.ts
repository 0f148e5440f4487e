/**
 * npm run bench: the engine on one unit, and a department of 1,000 units (300,000 line items)
 * consolidated end to end through the database, with the SQL alone timed beside it. Runs on a
 * throwaway database: PGlite in memory, or a fresh database on the server named by DATABASE_URL.
 * Figures go into docs/benchmarks.md by hand; nothing here asserts a time.
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { computeDisclosure } from "../src/lib/budget";
import { benchInput } from "../src/lib/budget/bench-data";
import { queryRows } from "../src/server/db/client";
import { seedDatabase } from "../src/server/db/seed";
import { loadConsolidatedInput, publishedBudgetIds } from "../src/server/queries/consolidation";
import { createTestDatabase } from "../tests/helpers/db";

const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const LINES_PER_UNIT = Number(process.env.BENCH_LINES ?? 300);
const YEAR = 2024;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]!, runs: samples.length };
}

function fmt(ms: number) {
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

async function benchEngine() {
  const input = benchInput(500);
  for (let i = 0; i < 50; i++) computeDisclosure(input); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) samples.push((await time(() => computeDisclosure(input)))[0]);
  const s = stats(samples);
  console.log(`engine: 17 tables + checks, 500 line items: median ${fmt(s.median)}, p95 ${fmt(s.p95)} (${s.runs} runs)`);
}

/** A department of UNITS fictional units with LINES_PER_UNIT line items each, published for YEAR. */
async function buildDepartment(db: Awaited<ReturnType<typeof createTestDatabase>>["db"]) {
  await seedDatabase(db);
  const [region] = await queryRows<{ id: number }>(db, sql`SELECT id FROM organisations WHERE kind = 'region' LIMIT 1`);
  const [dept] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO organisations (kind, parent_id, code, name) VALUES ('department', ${region!.id}, '099', '基准测试部门（虚构）') RETURNING id`,
  );
  const deptId = dept!.id;
  await db.execute(sql`
    INSERT INTO organisations (kind, parent_id, code, name, unit_type, sort)
    SELECT 'unit', ${deptId}, '099' || lpad(g::text, 6, '0'), '基准测试单位' || g || '（虚构）', 'institution', g
    FROM generate_series(1, ${UNITS}) g`);
  await db.execute(sql`
    INSERT INTO budgets (unit_id, year, revision, status, approved_on, published_at)
    SELECT id, ${YEAR}, 1, 'published', '2024-01-15', '2024-01-30' FROM organisations WHERE parent_id = ${deptId}`);
  await db.execute(sql`
    INSERT INTO projects (budget_id, sort, name, content)
    SELECT b.id, p, '基准项目' || p, '基准测试项目内容' FROM budgets b JOIN organisations u ON u.id = b.unit_id, generate_series(1, 5) p
    WHERE u.parent_id = ${deptId}`);
  await db.execute(sql`
    INSERT INTO performance_targets (budget_id, project_id, goal)
    SELECT budget_id, id, '基准测试绩效目标' FROM projects WHERE budget_id IN (SELECT b.id FROM budgets b JOIN organisations u ON u.id = b.unit_id WHERE u.parent_id = ${deptId})`);
  // 300 lines a unit over a realistic spread of codes: salaries, running costs, projects.
  await db.execute(sql`
    WITH b AS (
      SELECT b.id, row_number() OVER (ORDER BY b.id) AS n,
             (SELECT array_agg(p.id ORDER BY p.sort) FROM projects p WHERE p.budget_id = b.id) AS projects
      FROM budgets b JOIN organisations u ON u.id = b.unit_id WHERE u.parent_id = ${deptId}
    ), l AS (
      SELECT b.id AS budget_id, b.n, b.projects, i,
             CASE WHEN i % 10 < 5 THEN 'personnel' WHEN i % 10 < 8 THEN 'public' ELSE 'project' END AS kind
      FROM b, generate_series(1, ${LINES_PER_UNIT}) i
    )
    INSERT INTO line_items (budget_id, year, function_code, economic_code, kind, project_id, source, period, amount, sort)
    SELECT budget_id, ${YEAR},
      CASE kind WHEN 'personnel' THEN (ARRAY['2080150','2080505','2101102','2210201'])[1 + i % 4]
                WHEN 'public' THEN '2080150'
                ELSE (ARRAY['2080199','2080106','2080799'])[1 + i % 3] END,
      CASE kind WHEN 'personnel' THEN (ARRAY['30101','30102','30107','30108','30110','30113'])[1 + (i / 10) % 6]
                WHEN 'public' THEN (ARRAY['30201','30207','30209','30211','30228','30299'])[1 + (i / 10) % 6]
                ELSE (ARRAY['30299','30399'])[1 + i % 2] END,
      kind,
      CASE WHEN kind = 'project' THEN projects[1 + (i / 10) % 5] END,
      CASE WHEN i % 7 = 0 THEN 'unit_business' ELSE 'gpb' END,
      CASE WHEN kind = 'project' AND i % 9 = 0 THEN 'carryover' ELSE 'current' END,
      ((i * 7919 + n * 104729) % 5000000)::numeric / 100,
      i
    FROM l`);
  await db.execute(sql`
    INSERT INTO published_snapshots (budget_id, unit_id, year, revision, published_at, total, input)
    SELECT b.id, b.unit_id, b.year, 1, b.published_at, (SELECT coalesce(sum(amount), 0) FROM line_items WHERE budget_id = b.id), '{}'::jsonb
    FROM budgets b JOIN organisations u ON u.id = b.unit_id WHERE u.parent_id = ${deptId}`);
  await db.execute(sql`ANALYZE`);
  return deptId;
}

async function benchConsolidation() {
  const database = await createTestDatabase();
  try {
    const [buildMs, deptId] = await time(() => buildDepartment(database.db));
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM line_items li JOIN budgets b ON b.id = li.budget_id JOIN organisations u ON u.id = b.unit_id WHERE u.parent_id = ${deptId}`,
    );
    console.log(`department: ${UNITS} units, ${n} line items on ${database.engine} (built in ${fmt(buildMs)})`);

    const scope = { organisationId: deptId, year: YEAR };
    const sqlOnly: number[] = [];
    const endToEnd: number[] = [];
    let groups = 0;
    let total = "";
    for (let run = 0; run < 6; run++) {
      const ids = await publishedBudgetIds(database.db, scope);
      const [ms, rows] = await time(() =>
        queryRows<{ amount: string }>(
          database.db,
          sql`SELECT budget_id, function_code, economic_code, kind, project_id, source, period, sum(amount)::text AS amount
              FROM line_items WHERE budget_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
              GROUP BY budget_id, function_code, economic_code, kind, project_id, source, period`,
        ),
      );
      groups = rows.length;
      const [e2e, disclosure] = await time(async () => computeDisclosure((await loadConsolidatedInput(database.db, scope))!));
      total = disclosure.summary.total;
      if (run > 0) {
        // The first run warms caches and the JIT; it is not counted.
        sqlOnly.push(ms);
        endToEnd.push(e2e);
      }
    }
    const a = stats(sqlOnly);
    const b = stats(endToEnd);
    console.log(`  SQL GROUP BY alone (${groups} groups): median ${fmt(a.median)}, min ${fmt(a.min)}`);
    console.log(`  end to end (select budgets, GROUP BY, batched entities, consolidate, 17 tables + checks): median ${fmt(b.median)}, min ${fmt(b.min)}`);
    console.log(`  overhead above the query: median ${fmt(b.median - a.median)}; department total ${total} 元`);
  } finally {
    await database.close();
  }
}

console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
await benchEngine();
await benchConsolidation();
