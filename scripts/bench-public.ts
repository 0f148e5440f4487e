/**
 * The public unit page under load, against a plain Node `http` server that serves the same HTML
 * from memory: requests/s and p95 latency for both, and the ratio. Also the page's first-load
 * JavaScript, gzipped, from the build output.
 *
 *   npx tsx scripts/bench-public.ts                 build if needed, start the app on a fresh
 *                                                   embedded database (.data-bench), measure, stop
 *   npx tsx scripts/bench-public.ts --url http://127.0.0.1:3000   measure an app already running
 *   options: --path /budgets/2024/023002 --seconds 10 --connections 32 --write (update docs/benchmarks.md)
 *
 * Loopback only, bounded in time and in request count: this is a bench, not a load-testing tool.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";

interface Options {
  url: string | null;
  path: string;
  seconds: number;
  warmup: number;
  connections: number;
  maxRequests: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { url: null, path: "/budgets/2024/023002", seconds: 10, warmup: 3, connections: 32, maxRequests: 2_000_000, write: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--url") o.url = next().replace(/\/$/, "");
    else if (a === "--path") o.path = next();
    else if (a === "--seconds") o.seconds = Math.min(120, Math.max(1, Number(next())));
    else if (a === "--warmup") o.warmup = Math.min(30, Math.max(0, Number(next())));
    else if (a === "--connections") o.connections = Math.min(256, Math.max(1, Number(next())));
    else if (a === "--write") o.write = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function assertLoopback(url: URL) {
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname)) {
    throw new Error(`refusing to load ${url.host}: the bench only talks to this machine (127.0.0.1)`);
  }
}

// ---------------------------------------------------------------------------
// The app under test

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}

async function startApp(): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = path.resolve(".data-bench");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` };
  delete env.DATABASE_URL;
  console.log(`starting the app on 127.0.0.1:${port} (builds first if the sources changed)…`);
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 900_000);
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

// ---------------------------------------------------------------------------
// The reference: the same bytes from memory, on its own thread so it does not share the load
// generator's event loop.

const STATIC_SERVER = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const body = Buffer.from(workerData.html);
const server = http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;

async function startStatic(html: Buffer): Promise<{ base: string; worker: Worker }> {
  const worker = new Worker(STATIC_SERVER, { eval: true, workerData: { html } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return { base: `http://127.0.0.1:${port}`, worker };
}

// ---------------------------------------------------------------------------
// Load generator: `connections` keep-alive connections, each sending its next request as soon as
// the last response has been read, until the time or the request budget runs out.

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
}

function getOnce(agent: http.Agent, url: URL): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: { "accept-encoding": "identity" } },
      (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => {
          bytes += c.length;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
  });
}

async function load(target: string, connections: number, seconds: number, maxRequests: number): Promise<LoadResult> {
  const url = new URL(target);
  assertLoopback(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && latencies.length + errors < maxRequests) {
      const t0 = performance.now();
      try {
        const r = await getOnce(agent, url);
        if (r.status !== 200) errors++;
        else {
          latencies.push(performance.now() - t0);
          bytes += r.bytes;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), bytes };
}

// ---------------------------------------------------------------------------
// First-load JS: the script files the HTML references, gzipped, read from .next/static when the
// build is local, else fetched. `noModule` scripts (Next's legacy-browser polyfills) are left out:
// a current browser neither downloads nor runs them.

interface ScriptSizes {
  files: Map<string, { raw: number; gzip: number }>;
  raw: number;
  gzip: number;
  skipped: number;
  source: string;
}

function scriptRefs(html: string): { refs: Set<string>; skipped: number } {
  const refs = new Set<string>();
  let skipped = 0;
  for (const m of html.matchAll(/<script\b[^>]*>/g)) {
    const tag = m[0];
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
    if (!src) continue;
    if (/\snomodule/i.test(tag)) skipped++;
    else refs.add(src.replace(/&amp;/g, "&"));
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (!/rel="modulepreload"/.test(tag) && !(/rel="preload"/.test(tag) && /as="script"/.test(tag))) continue;
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href) refs.add(href.replace(/&amp;/g, "&"));
  }
  return { refs, skipped };
}

async function scriptSizes(html: string, base: string): Promise<ScriptSizes> {
  const { refs, skipped } = scriptRefs(html);
  const files = new Map<string, { raw: number; gzip: number }>();
  let raw = 0;
  let gzip = 0;
  let local = 0;
  for (const ref of refs) {
    const pathname = new URL(ref, base).pathname;
    const file = pathname.startsWith("/_next/static/")
      ? path.resolve(".next/static", decodeURIComponent(pathname.slice("/_next/static/".length)))
      : null;
    let bytes: Buffer;
    if (file && fs.existsSync(file)) {
      bytes = fs.readFileSync(file);
      local++;
    } else {
      bytes = Buffer.from(await (await fetch(new URL(pathname, base))).arrayBuffer());
    }
    const size = { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    files.set(pathname, size);
    raw += size.raw;
    gzip += size.gzip;
  }
  return { files, raw, gzip, skipped, source: local === refs.size ? ".next/static" : "HTTP" };
}

// ---------------------------------------------------------------------------

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

function writeDocs(section: string) {
  const file = path.resolve("docs/benchmarks.md");
  const heading = "## Public pages";
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = text.indexOf(heading);
  if (start >= 0) {
    const after = text.indexOf("\n## ", start + heading.length);
    text = text.slice(0, start) + section + (after >= 0 ? text.slice(after + 1) : "");
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  fs.writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  console.log(`updated ${path.relative(process.cwd(), file)}`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0] ?? 0;
  let app: { base: string; child: ChildProcess | null };
  if (o.url) {
    assertLoopback(new URL(o.url));
    app = { base: o.url, child: null };
  } else {
    app = await startApp();
  }
  const pageUrl = `${app.base}${o.path}`;
  let stat: { base: string; worker: Worker } | null = null;
  try {
    const first = await fetch(pageUrl, { headers: { "accept-encoding": "identity" } });
    if (first.status !== 200) throw new Error(`${pageUrl} answered ${first.status}`);
    const html = Buffer.from(await first.arrayBuffer());
    const js = await scriptSizes(html.toString("utf8"), app.base);
    // What every page loads anyway (React, the Next.js runtime, the root layout): a page that does
    // not exist renders the root layout's 404 and nothing of the public pages.
    const bare = await fetch(`${app.base}/__bench-no-such-page__`);
    const baseline = await scriptSizes(await bare.text(), app.base);
    stat = await startStatic(html);

    console.log(`warming up (${o.warmup} s each)…`);
    await load(pageUrl, o.connections, o.warmup, o.maxRequests);
    await load(`${stat.base}/`, o.connections, o.warmup, o.maxRequests);

    console.log(`measuring ${o.seconds} s each with ${o.connections} connections…`);
    const next = await load(pageUrl, o.connections, o.seconds, o.maxRequests);
    const plain = await load(`${stat.base}/`, o.connections, o.seconds, o.maxRequests);
    const ratio = plain.rps / next.rps;

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const lines = [
      "## Public pages",
      "",
      `\`npx tsx scripts/bench-public.ts${o.url ? ` --url ${o.url}` : ""}\` — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu.trim()}, Node ${process.version}, ` +
        `${o.connections} keep-alive connections for ${o.seconds} s each (after ${o.warmup} s of warm-up), load generator on the same machine.`,
      "",
      `Page: \`${o.path}\` (${kb(html.length)} of HTML, uncompressed). The app as \`npm start\` serves it (Next.js behind the in-process public-page cache, embedded PGlite) against a plain Node \`http\` server sending the same bytes from memory. Neither client asks for gzip.`,
      "",
      "| server | requests | req/s | p50 | p95 | p99 | errors |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      `| app unit page (\`npm start\`) | ${next.requests} | ${next.rps.toFixed(0)} | ${ms(next.p50)} | ${ms(next.p95)} | ${ms(next.p99)} | ${next.errors} |`,
      `| plain Node http, same HTML | ${plain.requests} | ${plain.rps.toFixed(0)} | ${ms(plain.p50)} | ${ms(plain.p95)} | ${ms(plain.p99)} | ${plain.errors} |`,
      "",
      `The app reaches **${((100 * next.rps) / plain.rps).toFixed(0)} %** of the plain server's requests/s (target: at least 50 %); plain ÷ app: ${ratio.toFixed(2)}×; p95 ratio: ${(next.p95 / plain.p95).toFixed(1)}×.`,
      "",
      `First-load JS of the unit page: **${kb(js.gzip)} gzipped** (${kb(js.raw)} raw, gzip -9) in ${js.files.size} script files referenced by the HTML, read from ${js.source}` +
        `${js.skipped ? `, not counting ${js.skipped} \`noModule\` polyfill script that current browsers skip` : ""}. ` +
        `For comparison, a page that keeps Next's client runtime (the 404 page) loads ${kb(baseline.gzip)}. Budget: 100 kB gzipped.`,
      "",
      "How the page is served: `npm start` runs Next's request handler behind an in-process cache for the public pages " +
        "(src/server/http/page-cache.ts, scripts/serve.ts). A miss renders the page through Next over loopback — at request time " +
        "from Next's data cache (`unstable_cache`, tagged `public` and `budget:{year}:{unit}`), with the disclosure document " +
        "rendered to HTML once per published snapshot (src/components/disclosure/static-html.ts) — and keeps the result, ETag " +
        "and gzip included, until a publication or correction clears it (or 60 s pass, for deployments with several processes).",
      "",
      "First-load JS: the public pages have no client components, so the cache stores them without Next's client runtime " +
        "(its scripts and their preloads are stripped): they are plain HTML documents that work, and print, without JavaScript, " +
        "and half the size, since the inline RSC payload that repeated the markup goes with the scripts. The workspace keeps " +
        "the runtime.",
      "",
      "The figures vary with whatever else runs on the machine (load average at the start of this run: " +
        `${loadAtStart.toFixed(2)} on ${os.cpus().length} cores); compare runs on a quiet machine.`,
      "",
    ];
    const section = lines.join("\n");
    console.log(`\n${section}`);
    if (o.write) writeDocs(section);
  } finally {
    if (stat) await stat.worker.terminate();
    if (app.child) await stopApp(app.child);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
