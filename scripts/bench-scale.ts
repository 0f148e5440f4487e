/**
 * npm run bench:scale — a region of N units × Y years, published through the product's own
 * publish path (createSnapshot, lean snapshots), in a throwaway database of either engine, then
 * the app (`npm start`: Next behind the page cache) measured against it:
 *   - cold (first request, every cache empty for that URL) and warm (page cache) times and bytes
 *     of the home, year, department, unit, search and open-data index pages;
 *   - resident memory of the server after a crawl of every unit page and 1,000 distinct searches;
 *   - database size and snapshot storage per published budget;
 *   - disk used by caches (.next/cache) across restarts.
 *
 *   npm run bench:scale                       1,000 units × 3 years on PGlite (.data-scale/, removed after)
 *   npm run bench:scale -- --units 10000      10,000 × 3
 *   DATABASE_URL=postgres://… npm run bench:scale   a fresh database on that server, dropped after
 *   options: --units N --years Y (≤ 5, ending 2025 or 2026) --searches 1000 --restarts 10 --write
 *
 * Loopback only. `--write` replaces the "Scale" section of docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { Decimal } from "decimal.js";
import { openDatabase, queryRows, type Database, type DbOrTx } from "../src/server/db/client";
import * as s from "../src/server/db/schema";
import { seedDatabase } from "../src/server/db/seed";
import { sampleBudgets } from "../src/server/db/seed/sample";
import { createSnapshot, insertBudgetContent } from "../src/server/queries/budget-write";
import type { BudgetInput } from "../src/lib/budget/types";

interface Options {
  units: number;
  years: number;
  searches: number;
  restarts: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { units: 1000, years: 3, searches: 1000, restarts: 10, write: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => Number(argv[++i]);
    if (a === "--units") o.units = Math.max(1, Math.min(20_000, next()));
    else if (a === "--years") o.years = Math.max(1, Math.min(5, next()));
    else if (a === "--searches") o.searches = Math.max(0, Math.min(10_000, next()));
    else if (a === "--restarts") o.restarts = Math.max(0, Math.min(20, next()));
    else if (a === "--write") o.write = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const ROOT = process.cwd();
const LAST_YEAR = 2025;
const YEARS = Array.from({ length: opts.years }, (_, i) => LAST_YEAR - opts.years + 1 + i).filter((y) => y >= 2022);
const UNITS_PER_DEPARTMENT = 24;

// ---------------------------------------------------------------------------
// The region

function scaled(amount: string, factor: Decimal): string {
  return new Decimal(amount).times(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** A template budget with every amount scaled by `factor` (exact decimals). */
function scaleInput(input: BudgetInput, factor: Decimal): BudgetInput {
  return {
    ...input,
    lineItems: input.lineItems.map((l) => ({ ...l, amount: scaled(l.amount, factor) })),
    procurement: input.procurement.map((p) => ({ ...p, amount: scaled(p.amount, factor), smeReserved: scaled(p.smeReserved, factor) })),
    purchasedServices: input.purchasedServices.map((p) => ({ ...p, amount: scaled(p.amount, factor) })),
    targets: input.targets.map((t) => ({ ...t, tasks: t.tasks.map((k) => ({ ...k, amount: scaled(k.amount, factor) })) })),
    baseline: input.baseline ? { ...input.baseline, total: scaled(input.baseline.total, factor) } : null,
  };
}

interface Region {
  departments: string[];
  units: { code: string; department: string }[];
}

async function buildRegion(db: DbOrTx): Promise<Region> {
  await seedDatabase(db as never);
  const [region] = await queryRows<{ id: number }>(db, sql`SELECT id FROM organisations WHERE kind = 'region' ORDER BY id LIMIT 1`);
  const templates = new Map<number, BudgetInput[]>();
  for (const b of sampleBudgets()) {
    if (b.status !== "published" || !YEARS.includes(b.input.year)) continue;
    templates.set(b.input.year, [...(templates.get(b.input.year) ?? []), b.input]);
  }
  // Years without a sample budget take the nearest year's, moved to that year.
  for (const y of YEARS) {
    if (templates.has(y)) continue;
    const near = [...templates.keys()].sort((a, b) => Math.abs(a - y) - Math.abs(b - y))[0];
    if (near === undefined) throw new Error("no published sample budget to copy");
    templates.set(y, (templates.get(near) ?? []).map((t) => ({ ...t, year: y })));
  }
  const nDept = Math.max(1, Math.ceil(opts.units / UNITS_PER_DEPARTMENT));
  const out: Region = { departments: [], units: [] };
  const deptIds: number[] = [];
  for (let d = 0; d < nDept; d++) {
    const code = `8${String(d + 1).padStart(4, "0")}`;
    const [row] = await db
      .insert(s.organisations)
      .values({ kind: "department", parentId: region!.id, code, name: `规模测试第${d + 1}局（虚构）`, sort: 1000 + d })
      .returning({ id: s.organisations.id });
    out.departments.push(code);
    deptIds.push(row!.id);
  }
  const unitIds: number[] = [];
  for (let i = 0; i < opts.units; i += 500) {
    const chunk = Array.from({ length: Math.min(500, opts.units - i) }, (_, k) => {
      const n = i + k;
      const d = n % nDept;
      const code = `${out.departments[d]}${String(Math.floor(n / nDept) + 1).padStart(3, "0")}`;
      out.units.push({ code, department: out.departments[d]! });
      const t = (templates.get(YEARS[0]!) ?? [])[n % (templates.get(YEARS[0]!)?.length ?? 1)]!;
      return { kind: "unit" as const, parentId: deptIds[d]!, code, name: `规模测试单位${code}（虚构）`, unitType: t.unit.type, sort: n + 1 };
    });
    const rows = await db.insert(s.organisations).values(chunk).returning({ id: s.organisations.id });
    unitIds.push(...rows.map((r) => r.id));
  }
  let done = 0;
  const started = Date.now();
  for (const [yi, year] of YEARS.entries()) {
    const list = templates.get(year)!;
    for (let i = 0; i < opts.units; i += 50) {
      await (db as Database["db"]).transaction(async (tx) => {
        for (let n = i; n < Math.min(opts.units, i + 50); n++) {
          const template = list[n % list.length]!;
          const input = scaleInput(template, new Decimal(10 + (n % 17)).dividedBy(10 + (yi % 3)));
          const [b] = await tx
            .insert(s.budgets)
            .values({
              unitId: unitIds[n]!,
              year,
              revision: 1,
              status: "draft",
              baselineTotal: yi === 0 ? (input.baseline?.total ?? null) : null,
              totalChangeReason: input.narrative.totalChangeReason,
              sanggongChangeReason: input.narrative.sanggongChangeReason,
              overview: input.narrative.overview,
            })
            .returning({ id: s.budgets.id });
          await insertBudgetContent(tx, b!.id, year, input);
          const publishedAt = new Date(Date.UTC(year, 1, 1, 2) + n * 60_000);
          await tx.update(s.budgets).set({ status: "published", approvedOn: `${year}-01-20`, publishedAt }).where(eq(s.budgets.id, b!.id));
          await createSnapshot(tx, b!.id, null, publishedAt);
          done++;
        }
      });
      if (done % 500 === 0) console.log(`  published ${done} / ${opts.units * YEARS.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  await db.execute(sql`ANALYZE`);
  return out;
}

// ---------------------------------------------------------------------------
// The app

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startApp(env: NodeJS.ProcessEnv): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    env: { ...env, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 1_800_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error("the app did not come up");
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, child };
}

function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    }, 10_000).unref();
  });
}

/** Resident memory of a process and its descendants, from /proc (Linux). */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

function duBytes(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const e of fs.readdirSync(p)) total += duBytes(path.join(p, e));
  return total;
}

async function get(base: string, url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`, { headers: { "accept-encoding": "identity" } });
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, bytes: body.length, status: res.status };
}

const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length ? a[Math.floor((a.length - 1) / 2)]! : NaN;
};
const max = (xs: number[]) => Math.max(...xs);
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;

async function crawl(base: string, urls: string[], concurrency: number): Promise<{ ms: number; failures: number; maxBytes: number }> {
  let i = 0;
  let failures = 0;
  let maxBytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < urls.length) {
        const url = urls[i++]!;
        const r = await get(base, url);
        if (r.status !== 200) failures++;
        maxBytes = Math.max(maxBytes, r.bytes);
      }
    }),
  );
  return { ms: performance.now() - t0, failures, maxBytes };
}

// ---------------------------------------------------------------------------

async function main() {
  const engineIsServer = Boolean(process.env.DATABASE_URL);
  const dataDir = path.resolve(".data-scale");
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let serverDb: string | null = null;
  let database: Database;
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (engineIsServer) {
    serverDb = `budget_scale_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${serverDb}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${serverDb}`;
    env.DATABASE_URL = u.toString();
    database = await openDatabase({ url: env.DATABASE_URL, poolSize: 4 });
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = dataDir;
    database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
  }
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  try {
    console.log(`building ${opts.units} units × ${YEARS.length} years (${YEARS.join(", ")}) on ${database.engine}…`);
    const t0 = performance.now();
    const region = await buildRegion(database.db);
    const buildMs = performance.now() - t0;
    const [sizes] = await queryRows<{ n: number; db: string; snaps: string; parts: string; input: string }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM published_snapshots) AS n,
                 pg_database_size(current_database())::text AS db,
                 pg_total_relation_size('published_snapshots')::text AS snaps,
                 pg_total_relation_size('snapshot_parts')::text AS parts,
                 (SELECT sum(pg_column_size(input))::text FROM published_snapshots) AS input`,
    );
    await database.close();
    const n = sizes!.n;
    const dbBytes = engineIsServer ? Number(sizes!.db) : duBytes(path.join(dataDir, "pglite"));

    const cacheDir = path.join(ROOT, ".next", "cache");
    const cacheBefore = duBytes(cacheDir);
    const app = await startApp(env);
    const base = app.base;
    let pid = app.child.pid!;
    const y = YEARS[YEARS.length - 1]!;
    const sampleUnits = [0, 1, Math.floor(region.units.length / 2), region.units.length - 1].map((i) => region.units[i]!);
    const kinds: [string, string[]][] = [
      ["home `/`", ["/"]],
      ["year `/budgets/{y}`", YEARS.map((yy) => `/budgets/${yy}`)],
      ["department `/budgets/{y}/departments/{d}`", [0, 1, region.departments.length - 1].map((i) => `/budgets/${y}/departments/${region.departments[i]}`)],
      ["unit `/budgets/{y}/{u}`", sampleUnits.map((u, i) => `/budgets/${YEARS[i % YEARS.length]}/${u.code}`)],
      ["search `/search?q=…`", ["/search?q=规模测试单位", `/search?q=${region.units[5]!.code}`, "/search?q=人力资源"]],
      ["index `/api/open/v1/budgets`", ["/api/open/v1/budgets", `/api/open/v1/budgets?year=${y}`, `/api/open/v1/budgets?department=${region.departments[0]}`]],
      ["index, largest page `?limit=1000`", [`/api/open/v1/budgets?limit=1000`]],
    ];
    const rows: string[] = [];
    for (const [label, urls] of kinds) {
      const cold: number[] = [];
      const warm: number[] = [];
      const bytes: number[] = [];
      for (const url of urls) {
        const a = await get(base, url);
        if (a.status !== 200) throw new Error(`${url}: ${a.status}`);
        cold.push(a.ms);
        bytes.push(a.bytes);
        for (let k = 0; k < 5; k++) warm.push((await get(base, url)).ms);
      }
      rows.push(`| ${label} | ${urls.length} | ${ms(median(cold))} / ${ms(max(cold))} | ${ms(median(warm))} | ${kb(max(bytes))} |`);
    }
    const rssStart = treeRss(pid);
    const unitUrls = YEARS.flatMap((yy) => region.units.map((u) => `/budgets/${yy}/${u.code}`));
    const c = await crawl(base, unitUrls, 4);
    const rssCrawl = treeRss(pid);
    const searchUrls = Array.from({ length: opts.searches }, (_, i) => `/search?q=${encodeURIComponent(`规模测试单位${region.units[(i * 7919) % region.units.length]!.code.slice(0, 4 + (i % 5))}`)}&i=${i}`);
    const sc = await crawl(base, searchUrls, 4);
    const rssSearch = treeRss(pid);
    const cacheAfterCrawl = duBytes(cacheDir);
    await stopApp(app.child);

    const cacheSizes: number[] = [];
    for (let r = 0; r < opts.restarts; r++) {
      const again = await startApp(env);
      pid = again.child.pid!;
      await crawl(again.base, ["/", `/budgets/${y}`, ...unitUrls.slice(r * 50, r * 50 + 50), "/api/open/v1/budgets"], 4);
      await stopApp(again.child);
      cacheSizes.push(duBytes(cacheDir));
    }

    say(`Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:scale${opts.units !== 1000 ? ` -- --units ${opts.units}` : ""}\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), shared; engine: ${database.engine}.`);
    say("");
    say(`Region: ${opts.units.toLocaleString("en")} units in ${region.departments.length} departments × ${YEARS.length} years = ${n.toLocaleString("en")} published budgets, built through the publish path in ${(buildMs / 1000).toFixed(0)} s.`);
    say("");
    say("| page | URLs | cold: median / max | warm (page cache), median | largest body, uncompressed |");
    say("| --- | --- | --- | --- | --- |");
    for (const r of rows) say(r);
    say("");
    say(`- Crawl of every unit page (${unitUrls.length.toLocaleString("en")} URLs, 4 connections): ${(c.ms / 1000).toFixed(1)} s, ${c.failures} failures, largest ${kb(c.maxBytes)}.`);
    say(`- ${opts.searches.toLocaleString("en")} distinct searches (each with an extra unknown parameter): ${(sc.ms / 1000).toFixed(1)} s, ${sc.failures} failures.`);
    say(`- Resident memory of the server (process tree): ${mb(rssStart)} after the page samples, ${mb(rssCrawl)} after the unit crawl, ${mb(rssSearch)} after the searches.`);
    say(`- Database: ${mb(dbBytes)} in all, ${kb(dbBytes / n)} per published budget; snapshots ${kb((Number(sizes!.snaps) + Number(sizes!.parts)) / n)} per published budget (table, TOAST and indexes, shared parts included; stored input ${kb(Number(sizes!.input) / n)} on average).`);
    say(`- Disk used by caches (.next/cache): ${kb(cacheBefore)} before, ${kb(cacheAfterCrawl)} after the crawl; after each of ${opts.restarts} restarts: ${cacheSizes.map(kb).join(", ") || "—"}.`);
  } finally {
    if (serverDb) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${serverDb} WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (opts.write) {
    const file = path.resolve("docs/benchmarks.md");
    const doc = fs.readFileSync(file, "utf8");
    const title = `### ${opts.units.toLocaleString("en")} units × ${YEARS.length} years`;
    const section = `${title}\n\n${lines.join("\n")}\n`;
    const start = doc.indexOf(title);
    let out: string;
    if (start >= 0) {
      const end = doc.indexOf("\n### ", start + title.length);
      const stop = doc.indexOf("\n## ", start + title.length);
      const cut = [end, stop].filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? doc.length;
      out = doc.slice(0, start) + section + doc.slice(cut + 1);
    } else if (doc.includes("## Scale")) {
      const at = doc.indexOf("## Scale");
      const after = doc.indexOf("\n## ", at + 3);
      const insertAt = after >= 0 ? after + 1 : doc.length;
      out = doc.slice(0, insertAt) + section + "\n" + doc.slice(insertAt);
    } else {
      out = `${doc.trimEnd()}\n\n## Scale (\`npm run bench:scale\`)\n\n${section}`;
    }
    fs.writeFileSync(file, out);
    console.log(`wrote ${file}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
