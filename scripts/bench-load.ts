/**
 * Load figures for several processes (docs/benchmarks.md, "Many readers, several processes"):
 *
 * 1. 1,000 concurrent public readers (keep-alive connections, each reading public pages in a loop)
 *    for a bounded time, against one app process, and against two app processes behind a small
 *    round-robin Node reverse proxy (the stand-in for Caddy/nginx of docker-compose.yml);
 * 2. the workspace's save (editing.updateLineItem over HTTP, as the grid saves a cell) with 20
 *    editors saving concurrently, each their own budget: latency percentiles up to the maximum.
 *
 * Runs on a fresh database on the PostgreSQL server (several processes need one; created and
 * dropped here), against the built app (npm run build first). Loopback only.
 *
 *   npx tsx scripts/bench-load.ts [--readers 1000] [--seconds 10] [--editors 20] [--saves 15] [--write]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): the server to use.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "../src/server/db/client";
import * as s from "../src/server/db/schema";
import { seedDatabase, DEMO_PASSWORD } from "../src/server/db/seed";
import { toSessionUser } from "../src/server/auth/session";
import { createUser } from "../src/server/services/users";
import { createBudget } from "../src/server/services/budgets";
import { addLineItem } from "../src/server/services/editing";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const READERS = opt("readers", 1000);
const SECONDS = opt("seconds", 10);
const EDITORS = opt("editors", 20);
const SAVES = opt("saves", 15);
const WRITE = args.includes("--write");
const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORTS = { a: 3180, b: 3181, proxy2: 3182, proxy1: 3183 };
const PAGES = ["/", "/budgets/2024", "/budgets/2024/023002", "/budgets/2024/departments/023", "/budgets/2023/023902"];

interface Stats {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function summarise(latencies: number[], errors: number, seconds: number): Stats {
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) ?? NaN };
}

function get(agent: http.Agent, port: number, pathName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathName, agent, headers: { "accept-encoding": "gzip" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

/** `readers` keep-alive connections, each reading the public pages in turn until the time is up. */
async function readers(port: number, count: number, seconds: number): Promise<Stats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      let n = i;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const status = await get(agent, port, PAGES[n++ % PAGES.length]!);
          if (status === 200) latencies.push(performance.now() - t0);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  return summarise(latencies, errors, (performance.now() - start) / 1000);
}

/** A small round-robin reverse proxy, in its own process, appending X-Forwarded-For like Caddy. */
function startProxy(port: number, upstreams: number[]): ChildProcess {
  const code = `
    const http = require("node:http");
    const ups = ${JSON.stringify(upstreams)};
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    let next = 0;
    http.createServer((req, res) => {
      const port = ups[next++ % ups.length];
      const xff = req.headers["x-forwarded-for"];
      const headers = { ...req.headers, "x-forwarded-for": (xff ? xff + ", " : "") + req.socket.remoteAddress, "x-forwarded-proto": "http" };
      const up = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers, agent }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on("error", () => { if (!res.headersSent) res.writeHead(502); res.end(); });
      req.pipe(up);
    }).listen(${port}, "127.0.0.1");
  `;
  return spawn(process.execPath, ["-e", code], { stdio: "inherit" });
}

async function waitFor(port: number, pathName = "/api/health", timeoutMs = 180_000) {
  const agent = new http.Agent();
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await get(agent, port, pathName)) === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`port ${port} did not answer ${pathName}`);
}

// --- HTTP client of the app for the editors: next-auth sign-in, tRPC calls with the cookie ---

async function call(port: number, cookie: string, method: "GET" | "POST", pathName: string, body?: string, contentType = "application/json") {
  const res = await fetch(`http://127.0.0.1:${port}${pathName}`, {
    method,
    body,
    headers: { cookie, ...(body ? { "content-type": contentType } : {}) },
    redirect: "manual",
  });
  return res;
}

async function signIn(port: number, username: string): Promise<string> {
  const csrf = await call(port, "", "GET", "/api/auth/csrf");
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = (pair ?? "").split("=");
      if (k) jar.set(k, v ?? "");
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const form = new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, json: "true" }).toString();
  const res = await call(port, cookie(), "POST", "/api/auth/callback/credentials", form, "application/x-www-form-urlencoded");
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in of ${username} failed (${res.status})`);
  return cookie();
}

async function editors(port: number, fixtures: { username: string; budgetId: number; version: number; lineItemId: number; item: Record<string, unknown> }[], saves: number): Promise<Stats> {
  const cookies = await Promise.all(fixtures.map((f) => signIn(port, f.username)));
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    fixtures.map(async (f, i) => {
      let version = f.version;
      for (let n = 1; n <= saves; n++) {
        const input = { json: { budgetId: f.budgetId, version, lineItemId: f.lineItemId, item: { ...f.item, amount: `${1000 + n}.00` } } };
        const t0 = performance.now();
        const res = await call(port, cookies[i]!, "POST", "/api/trpc/editing.updateLineItem", JSON.stringify(input));
        const body = (await res.json()) as { result?: { data: { json: { version: number } } } };
        if (res.status === 200 && body.result) {
          latencies.push(performance.now() - t0);
          version = body.result.data.json.version;
        } else errors++;
      }
      // The next round goes on from the version these saves reached.
      f.version = version;
    }),
  );
  return summarise(latencies, errors, (performance.now() - start) / 1000);
}

/** 20 units under the seed department, each with its own preparer and a 2026 draft with one line. */
async function createEditors(url: string, count: number) {
  const database = await openDatabase({ url, poolSize: 4 });
  const db = database.db;
  try {
    await seedDatabase(db);
    const [adminRow] = await db
      .select({ user: s.users, organisation: { code: s.organisations.code, name: s.organisations.name } })
      .from(s.users)
      .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId))
      .where(eq(s.users.username, "admin"));
    if (!adminRow) throw new Error("no admin");
    const admin = toSessionUser(adminRow.user, adminRow.organisation);
    const [department] = await db.select().from(s.organisations).where(eq(s.organisations.code, "023"));
    const [template] = await db
      .select()
      .from(s.lineItems)
      .where(and(eq(s.lineItems.year, 2026), eq(s.lineItems.kind, "public")))
      .limit(1);
    if (!department || !template) throw new Error("seed without department 023 or a 2026 public line");
    const item = { functionCode: template.functionCode, economicCode: template.economicCode, kind: "public" as const, projectId: null, source: template.source as "gpb", period: template.period };
    const out = [];
    for (let i = 0; i < count; i++) {
      const code = `0237${String(i).padStart(2, "0")}`;
      const [unit] = await db
        .insert(s.organisations)
        .values({ kind: "unit", parentId: department.id, code, name: `压力测试单位${i + 1}`, unitType: "institution", sort: 900 + i })
        .returning();
      const username = `bench.editor${i}`;
      await createUser(db, admin, { username, displayName: `编辑${i + 1}`, role: "preparer", organisationId: unit!.id, password: DEMO_PASSWORD });
      const [userRow] = await db.select().from(s.users).where(eq(s.users.username, username));
      const editor = toSessionUser(userRow!, { code, name: unit!.name });
      const created = await createBudget(db, editor, { year: 2026, from: "blank" });
      const added = await addLineItem(db, editor, { budgetId: created.budgetId, version: created.version }, { ...item, amount: "1000.00" });
      const [line] = await db.select({ id: s.lineItems.id }).from(s.lineItems).where(eq(s.lineItems.budgetId, created.budgetId));
      out.push({ username, budgetId: created.budgetId, version: added.version, lineItemId: line!.id, item });
    }
    return out;
  } finally {
    await database.close();
  }
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("build the app first: npm run build");
  const name = `budget_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(SERVER);
  target.pathname = `/${name}`;
  const url = target.toString();
  const children: ChildProcess[] = [];
  try {
    console.log(`seeding ${name} and ${EDITORS} editors…`);
    const fixtures = await createEditors(url, EDITORS);
    const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
    const env = { ...process.env, DATABASE_URL: url, AUTH_SECRET: crypto.randomBytes(24).toString("base64url"), TRUST_PROXY: "1", NEXT_TELEMETRY_DISABLED: "1" };
    for (const port of [PORTS.a, PORTS.b]) {
      children.push(spawn(process.execPath, [tsx, "scripts/start.ts"], { env: { ...env, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` }, stdio: ["ignore", "ignore", "inherit"] }));
    }
    children.push(startProxy(PORTS.proxy2, [PORTS.a, PORTS.b]), startProxy(PORTS.proxy1, [PORTS.a]));
    for (const port of [PORTS.a, PORTS.b, PORTS.proxy2, PORTS.proxy1]) await waitFor(port);
    // Warm every page in both processes' caches.
    for (const port of [PORTS.a, PORTS.b]) for (const p of PAGES) await waitFor(port, p);

    const results: [string, Stats][] = [];
    for (const [label, port] of [
      ["one process, direct", PORTS.a],
      ["one process behind the proxy", PORTS.proxy1],
      ["two processes behind the proxy", PORTS.proxy2],
    ] as const) {
      await readers(port, 50, 2); // warm-up
      console.log(`${READERS} readers for ${SECONDS} s: ${label}…`);
      const r = await readers(port, READERS, SECONDS);
      console.log(`  ${r.requests} requests, ${r.rps.toFixed(0)}/s, p95 ${ms(r.p95)}, errors ${r.errors}`);
      results.push([label, r]);
    }

    const saves: [string, Stats][] = [];
    const half = Math.floor(SAVES / 2);
    for (const [label, port, n] of [
      ["one process, direct", PORTS.a, half],
      ["two processes behind the proxy", PORTS.proxy2, SAVES - half],
    ] as const) {
      console.log(`${EDITORS} editors × ${n} saves: ${label}…`);
      const e = await editors(port, fixtures, n);
      console.log(`  ${e.requests} saves, p50 ${ms(e.p50)}, p95 ${ms(e.p95)}, p99 ${ms(e.p99)}, max ${ms(e.max)}, errors ${e.errors}`);
      saves.push([label, e]);
    }

    const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
    const lines = [
      "## Many readers, several processes (issue 13)",
      "",
      `\`npx tsx scripts/bench-load.ts\` — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, Node ${process.version}, PostgreSQL server on the same machine; ` +
        `the load generator, the proxy and the app processes all share these cores (and the machine was shared with other work), so the figures are a floor.`,
      "",
      `**${READERS} concurrent public readers** (keep-alive connections, each reading ${PAGES.length} public pages in turn for ${SECONDS} s; pages served from each process's page cache):`,
      "",
      "| setup | requests | req/s | p50 | p95 | p99 | max | errors |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...results.map(([l, r]) => `| ${l} | ${r.requests} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} |`),
      "",
      "The proxy is a small round-robin Node reverse proxy in its own process (no Caddy or nginx on this machine); docker-compose.yml uses Caddy.",
      "",
      `**The workspace's save under ${EDITORS} concurrent editors** (each signed in as its own preparer, saving one line of its own 2026 draft over and over through \`editing.updateLineItem\`, as the grid saves a cell; the next save starts when the previous one answered):`,
      "",
      "| setup | saves | p50 | p95 | p99 | max | errors |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...saves.map(([l, e]) => `| ${l} | ${e.requests} | ${ms(e.p50)} | ${ms(e.p95)} | ${ms(e.p99)} | ${ms(e.max)} | ${e.errors} |`),
      "",
      "Reading the figures: a second process adds no CPU on a 2-core machine shared with the load generator and the database, only a second copy of Next and one more hop; the two-process rows show that the replicas serve the same pages and saves correctly together (errors, tail latency), not scaling. With a core per process the page cache keeps each process near the direct figure.",
      "",
    ];
    const text = lines.join("\n");
    console.log(`\n${text}`);
    if (WRITE) {
      const file = "docs/benchmarks.md";
      const current = fs.readFileSync(file, "utf8");
      const start = current.indexOf("## Many readers, several processes");
      const next = start >= 0 ? current.indexOf("\n## ", start + 5) : -1;
      const updated = start < 0 ? `${current.trimEnd()}\n\n${text}` : `${current.slice(0, start)}${text}${next >= 0 ? current.slice(next) : ""}`;
      fs.writeFileSync(file, updated.endsWith("\n") ? updated : `${updated}\n`);
    }
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    const dropper = new pg.Client({ connectionString: SERVER });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await dropper.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
