/**
 * The page cache in front of a renderer, over real HTTP: a search with extra parameters is served
 * from the same entry (no new entry, no new render); the bound in bytes holds under a crawl.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PublicPageCache, createPageCacheHandler, isCacheableRequest, type RenderedPage } from "./page-cache";

const renders: string[] = [];
const cache = new PublicPageCache({ maxBytes: 300_000 });
let server: http.Server;
let base = "";

async function render(key: string): Promise<RenderedPage> {
  renders.push(key);
  const url = new URL(key, "http://x");
  // Pages of different sizes, incompressible enough to make the bound matter.
  const filler = Buffer.from(Array.from({ length: 4000 + (key.length % 7) * 1000 }, (_, i) => String.fromCharCode(33 + ((i * 7919 + key.length * 31) % 90))).join(""));
  const body = Buffer.from(`<html><body><h1>${url.pathname}</h1><p>q=${url.searchParams.get("q") ?? ""}</p>${filler}</body></html>`);
  return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body, cacheable: true };
}

beforeAll(async () => {
  const handler = createPageCacheHandler(cache, render, (_req, res) => {
    res.writeHead(500);
    res.end();
  });
  server = http.createServer((req, res) => {
    if (!isCacheableRequest(req)) {
      res.writeHead(404);
      res.end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the page cache over HTTP", () => {
  it("serves a search with extra parameters from the same entry, without a new render", async () => {
    cache.clear();
    renders.length = 0;
    const q = encodeURIComponent("人力资源");
    const first = await fetch(`${base}/search?q=${q}`);
    const text = await first.text();
    expect(text).toContain("q=人力资源");
    const size = cache.size;
    expect(size).toBe(1);
    for (const extra of ["utm_source=x", "_=123", "fbclid=abc&gclid=def", "q2=other", "page="]) {
      const res = await fetch(`${base}/search?q=${q}&${extra}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(text);
    }
    const reordered = await fetch(`${base}/search?utm_medium=y&q=${q}`);
    expect(await reordered.text()).toBe(text);
    expect(cache.size).toBe(size);
    expect(renders).toEqual([`/search?q=${q}`]);
  });

  it("renders concurrent misses once", async () => {
    cache.clear();
    renders.length = 0;
    await Promise.all(Array.from({ length: 8 }, (_, i) => fetch(`${base}/budgets/2024/023002?x=${i}`).then((r) => r.text())));
    expect(renders).toEqual(["/budgets/2024/023002"]);
  });

  it("never holds more than its byte bound during a crawl", async () => {
    cache.clear();
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${base}/budgets/2024/${String(100000 + i)}`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    }
    expect(cache.size).toBeGreaterThan(5);
    expect(cache.size).toBeLessThan(200);
  });
});
