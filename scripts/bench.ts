/**
 * npm run bench: the engine on one unit, and a department of 1,000 units (300,000 line items)
 * consolidated end to end through the database, with the SQL alone timed beside it. Runs on a
 * throwaway database: PGlite in memory, or a fresh database on the server named by DATABASE_URL.
 * Figures go into docs/benchmarks.md by hand; nothing here asserts a time.
 *
 *   npx tsx scripts/bench.ts                                                         # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench.ts # server
 *
 * BENCH_UNITS / BENCH_LINES shrink the department while iterating; BENCH_SCALE_LINES sets the
 * size of the per-line scaling run (0 skips it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { computeDisclosure, consolidate } from "../src/lib/budget";
import { benchInput } from "../src/lib/budget/bench-data";
import type { BudgetInput } from "../src/lib/budget/types";
import { queryRows, type Db } from "../src/server/db/client";
import { seedDatabase } from "../src/server/db/seed";
import { aggregatedLinesQuery, groupedLinesQuery, loadBudgetInputs } from "../src/server/queries/budget-input";
import { loadConsolidatedInput, publishedBudgetIds } from "../src/server/queries/consolidation";
import { createTestDatabase } from "../tests/helpers/db";

const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const LINES_PER_UNIT = Number(process.env.BENCH_LINES ?? 300);
const SCALE_LINES = Number(process.env.BENCH_SCALE_LINES ?? 100_000);
const YEAR = 2024;
/** Department runs; the first warms caches and the JIT and is not counted. */
const RUNS = 6;

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

function line(label: string, samples: number[]) {
  const s = stats(samples);
  console.log(`  ${label}: median ${fmt(s.median)}, min ${fmt(s.min)}`);
  return s;
}

async function benchEngine() {
  const input = benchInput(500);
  const [coldMs] = await time(() => computeDisclosure(input));
  // Warm up the JIT: at least 50 runs and one second (V8 optimises the engine's functions on a
  // background thread; on two cores the first hundred or so fast runs still meet tier-ups).
  const warmUntil = performance.now() + 1000;
  for (let i = 0; i < 50 || performance.now() < warmUntil; i++) computeDisclosure(input);
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) samples.push((await time(() => computeDisclosure(input)))[0]);
  const s = stats(samples);
  console.log(
    `engine: 17 tables + checks, 500 line items: median ${fmt(s.median)}, p95 ${fmt(s.p95)} (${s.runs} runs after 1 s of warm-up; first run ${fmt(coldMs)})`,
  );
  if (SCALE_LINES > 0) {
    const big = benchInput(SCALE_LINES);
    computeDisclosure(big);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push((await time(() => computeDisclosure(big)))[0]);
    const b = stats(runs);
    console.log(
      `engine, ${SCALE_LINES} line items: median ${fmt(b.median)} (${((b.median * 1000) / SCALE_LINES).toFixed(2)} µs a line, ${b.runs} runs)`,
    );
  }
}

/** A department of UNITS fictional units with LINES_PER_UNIT line items each, published for YEAR. */
export async function buildDepartment(db: Db) {
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
      round(((i * 7919 + n * 104729) % 5000000)::numeric / 100, 2),
      i
    FROM l`);
  await db.execute(sql`
    INSERT INTO published_snapshots (budget_id, unit_id, year, revision, published_at, total, input)
    SELECT b.id, b.unit_id, b.year, 1, b.published_at, (SELECT coalesce(sum(amount), 0) FROM line_items WHERE budget_id = b.id), '{}'::jsonb
    FROM budgets b JOIN organisations u ON u.id = b.unit_id WHERE u.parent_id = ${deptId}`);
  await db.execute(sql`ANALYZE`);
  return deptId;
}

async function engineName(database: { db: Db; engine: string }): Promise<string> {
  const [v] = await queryRows<{ v: string }>(database.db, sql`SELECT current_setting('server_version') AS v`);
  const server = `PostgreSQL ${v?.v ?? "?"}`;
  if (database.engine !== "pglite") return server;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve("node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string };
    return `PGlite ${pkg.version} (${server}, WebAssembly, in process)`;
  } catch {
    return `PGlite (${server})`;
  }
}

async function benchConsolidation() {
  const database = await createTestDatabase();
  try {
    const db = database.db;
    const [buildMs, deptId] = await time(() => buildDepartment(db));
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM line_items li JOIN budgets b ON b.id = li.budget_id JOIN organisations u ON u.id = b.unit_id WHERE u.parent_id = ${deptId}`,
    );
    const engine = await engineName(database);
    console.log(`department: ${UNITS} units, ${n} line items on ${engine} (built in ${fmt(buildMs)})`);

    const scope = { organisationId: deptId, year: YEAR };
    const sqlPacked: number[] = [];
    const sqlRows: number[] = [];
    const endToEnd: number[] = [];
    const loadMs: number[] = [];
    const computeMs: number[] = [];
    let groups = 0;
    let packedRows = 0;
    let total = "";
    for (let run = 0; run < RUNS; run++) {
      const ids = await publishedBudgetIds(db, scope);
      // The query the loader sends: the GROUP BY, its sums packed one text per budget.
      const [packedMs, packed] = await time(() => queryRows(db, aggregatedLinesQuery(ids)));
      // The same GROUP BY returning one row per sum (how the sums used to travel).
      const [rowsMs, rows] = await time(() => queryRows(db, groupedLinesQuery(ids)));
      packedRows = packed.length;
      groups = rows.length;
      const start = performance.now();
      const input = (await loadConsolidatedInput(db, scope)) as BudgetInput;
      const loaded = performance.now();
      const disclosure = computeDisclosure(input);
      const end = performance.now();
      total = disclosure.summary.total;
      if (run > 0) {
        sqlPacked.push(packedMs);
        sqlRows.push(rowsMs);
        endToEnd.push(end - start);
        loadMs.push(loaded - start);
        computeMs.push(end - loaded);
      }
    }
    const a = line(`SQL alone, the loader's GROUP BY (${groups} sums packed into ${packedRows} rows)`, sqlPacked);
    line(`SQL alone, the same GROUP BY as ${groups} rows`, sqlRows);
    const b = line("end to end (select budgets, GROUP BY, batched entities, consolidate, 17 tables + checks)", endToEnd);
    line("  of which loadConsolidatedInput (all queries, consolidate)", loadMs);
    line("  of which computeDisclosure (17 tables, explanation, checks)", computeMs);
    console.log(`  overhead above the query: median ${fmt(b.median - a.median)}; department total ${total} 元`);

    // Where the time above the query goes, one step at a time (loadConsolidatedInput overlaps
    // the line query with the other queries; here they run one after the other).
    const ids = await publishedBudgetIds(db, scope);
    const steps: Record<string, number[]> = { load: [], consolidate: [], compute: [] };
    const asUnit = (await loadConsolidatedInput(db, scope))!.unit;
    for (let run = 0; run < RUNS; run++) {
      const [loadOnly, inputs] = await time(() => loadBudgetInputs(db, ids, { withPrior: false, aggregateLines: true }));
      const [consolidateMs, input] = await time(() => consolidate(inputs, asUnit, { withPrior: false }));
      const [computeOnly] = await time(() => computeDisclosure(input));
      if (run > 0) {
        steps.load!.push(loadOnly);
        steps.consolidate!.push(consolidateMs);
        steps.compute!.push(computeOnly);
      }
    }
    console.log("  steps, one after the other:");
    line("  loadBudgetInputs with the GROUP BY (all queries, unpacking, per-unit inputs)", steps.load!);
    line(`  consolidate (${ids.length} unit inputs into one)`, steps.consolidate!);
    line("  computeDisclosure", steps.compute!);
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const cpu = os.cpus()[0]?.model ?? "?";
  console.log(`machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  await benchEngine();
  await benchConsolidation();
}
