/**
 * Operations: what an operator reads. A request through the server's front (src/server/http/observe.ts)
 * leaves one JSON log line with its id and duration and no secrets; the metrics endpoint refuses
 * without the token and counts requests with it; a burst of downloads beyond the bound is answered
 * 429 with Retry-After while a page from the page cache still answers at once.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger, setLogger } from "@/server/observability/log";
import { noteRequestUser } from "@/server/observability/request-context";
import { observe, routeLabel, expensiveKind, type ObserveOptions, type RequestHandler } from "@/server/http/observe";
import { PublicPageCache, sendCachedPage } from "@/server/http/page-cache";

const lines: string[] = [];
let previousLogger: ReturnType<typeof setLogger>;

beforeAll(() => {
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      callback();
    },
  });
  previousLogger = setLogger(createLogger(sink, "info"));
});
afterAll(() => {
  setLogger(previousLogger);
});

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function start(handler: RequestHandler, options: ObserveOptions = {}) {
  const server = http.createServer(observe(handler, options));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const requestLines = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "request");

describe("request logs", () => {
  it("writes one JSON line per request with its id, route, status, duration and user, never a cookie or a password", async () => {
    const base = await start((req, res) => {
      noteRequestUser(42);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
    const before = requestLines().length;
    const res = await fetch(`${base}/budgets/2024/023002?password=hunter2`, {
      headers: { cookie: "next-auth.session-token=SECRET-COOKIE", authorization: "Bearer SECRET-TOKEN" },
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const mine = requestLines().slice(before);
    expect(mine).toHaveLength(1);
    const line = mine[0]!;
    expect(line).toMatchObject({ level: "info", reqId: id, method: "GET", route: "/budgets/:year/:id", path: "/budgets/2024/023002", status: 200, userId: 42 });
    expect(typeof line.durationMs).toBe("number");
    expect(typeof line.time).toBe("string");
    const raw = lines.join("\n");
    expect(raw).not.toContain("SECRET-COOKIE");
    expect(raw).not.toContain("SECRET-TOKEN");
    expect(raw).not.toContain("hunter2");
  });

  it("keeps a well-formed request id given by a proxy and replaces a malformed one", async () => {
    const base = await start((_req, res) => res.end("ok"));
    const kept = await fetch(base, { headers: { "x-request-id": "proxy-abc-12345" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-abc-12345");
    const replaced = await fetch(base, { headers: { "x-request-id": "bad id\twith tab" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /api/metrics", () => {
  it("is 404 when METRICS_TOKEN is unset and 401 without the right bearer token", async () => {
    const handler: RequestHandler = (_req, res) => res.end("ok");
    const off = await start(handler, {});
    expect((await fetch(`${off}/api/metrics`)).status).toBe(404);
    const on = await start(handler, { metricsToken: "s3cret-token" });
    expect((await fetch(`${on}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${on}/api/metrics`, { headers: { authorization: "Bearer wrong-token!" } })).status).toBe(401);
  });

  it("with the token, counts a request that just happened, by route and status", async () => {
    const base = await start(
      (_req, res) => {
        res.writeHead(200);
        res.end("ok");
      },
      { metricsToken: "s3cret-token" },
    );
    const read = async () => {
      const res = await fetch(`${base}/api/metrics`, { headers: { authorization: "Bearer s3cret-token" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      return res.text();
    };
    const count = (text: string) => {
      const m = /^http_requests_total\{route="\/budgets\/:year\/departments\/:id",method="GET",status="200"\} (\d+)$/m.exec(text);
      return m ? Number(m[1]) : 0;
    };
    const before = count(await read());
    expect((await fetch(`${base}/budgets/2031/departments/777`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = await read();
    expect(count(text)).toBe(before + 1);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.1",route="\/budgets\/:year\/departments\/:id",method="GET",status="200"\} \d+$/m);
    for (const name of ["process_resident_memory_bytes", "nodejs_eventloop_lag_seconds", "page_cache_entries", "page_cache_bytes", "sign_in_failures_total", "publications_total"]) {
      expect(text).toContain(name);
    }
  });
});

describe("backpressure", () => {
  it("answers a burst of downloads beyond the bound with 429 and Retry-After, while a cached page still answers", async () => {
    const cache = new PublicPageCache();
    cache.store("/budgets/2024/023002", { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: Buffer.from("<h1>5,114.04</h1>") }, cache.currentGeneration());
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const base = await start(
      (req, res) => {
        const hit = cache.get(req.url ?? "/");
        if (hit) return sendCachedPage(req, res, hit);
        // A download being generated: held until the gate opens.
        void gate.then(() => {
          res.writeHead(200, { "content-type": "application/octet-stream" });
          res.end("xlsx");
        });
      },
      { expensiveConcurrency: 2, retryAfterSeconds: 7, servedFromCache: (req) => cache.get(req.url ?? "/") !== undefined },
    );
    const held = [fetch(`${base}/api/open/v1/budgets/2024/023002.xlsx`), fetch(`${base}/budgets/2024/023002.pdf`)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await Promise.all([1, 2, 3].map((n) => fetch(`${base}/api/open/v1/budgets/2024/023002/tables/${n}.csv`)));
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("7");
      expect((await r.json()).error).toContain("请 7 秒后重试");
    }
    const page = await fetch(`${base}/budgets/2024/023002`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("5,114.04");
    open();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    // The bound frees up once the downloads are done.
    const after = await fetch(`${base}/api/open/v1/budgets/2024/023002/tables/1.csv`);
    expect(after.status).toBe(200);
  });
});

describe("labels stay few", () => {
  it("turns values into placeholders and unknown paths into one label", () => {
    expect(routeLabel("/", 200)).toBe("/");
    expect(routeLabel("/budgets/2024/023002", 200)).toBe("/budgets/:year/:id");
    expect(routeLabel("/api/open/v1/budgets/2024/023002.xlsx", 200)).toBe("/api/open/v1/budgets/:year/:id.xlsx");
    expect(routeLabel("/api/trpc/budgets.list,budgets.checks", 200)).toBe("/api/trpc");
    expect(routeLabel("/_next/static/chunks/abc.js", 200)).toBe("/_next/static");
    expect(routeLabel("/anything/at/all", 404)).toBe("(not found)");
  });

  it("knows which requests generate downloads", () => {
    expect(expensiveKind("GET", "/api/open/v1/budgets/2024/023002.xlsx")).toBe("xlsx");
    expect(expensiveKind("GET", "/budgets/2024/023002.pdf")).toBe("pdf");
    expect(expensiveKind("PUT", "/api/workspace/v1/budgets/2026/023002/workbook")).toBe("workbook");
    expect(expensiveKind("GET", "/budgets/2024/023002")).toBeNull();
    expect(expensiveKind("POST", "/api/open/v1/budgets/2024/023002.xlsx")).toBeNull();
  });
});
