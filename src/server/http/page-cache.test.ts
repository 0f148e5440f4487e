import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { PublicPageCache, clearPublicPageCache, isCacheableRequest, registerPublicPageCache, stripClientRuntime } from "./page-cache";

const page = (body: string) => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: Buffer.from(body) });
const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers }) as unknown as IncomingMessage;

describe("the public page cache", () => {
  it("caches only anonymous GETs of public pages, never Next's own client requests or the workspace", () => {
    expect(isCacheableRequest(req("/"))).toBe(true);
    expect(isCacheableRequest(req("/budgets/2024/023002"))).toBe(true);
    expect(isCacheableRequest(req("/budgets/2024/023002?revision=1"))).toBe(true);
    expect(isCacheableRequest(req("/budgets/2024/departments/023"))).toBe(true);
    expect(isCacheableRequest(req("/search?q=%E4%BA%BA"))).toBe(true);
    expect(isCacheableRequest(req("/budgets/2024/023002", {}, "HEAD"))).toBe(true);
    expect(isCacheableRequest(req("/budgets/2024/023002", {}, "POST"))).toBe(false);
    expect(isCacheableRequest(req("/budgets/2024/023002", { rsc: "1" }))).toBe(false);
    expect(isCacheableRequest(req("/budgets/2024/023002?_rsc=abc"))).toBe(false);
    expect(isCacheableRequest(req("/workspace"))).toBe(false);
    expect(isCacheableRequest(req("/login"))).toBe(false);
    expect(isCacheableRequest(req("/api/open/v1/budgets"))).toBe(false);
    expect(isCacheableRequest(req("/api/health"))).toBe(false);
  });

  it("strips Next's client runtime and keeps the document and its styles", () => {
    const html =
      '<html><head><link rel="stylesheet" href="/_next/static/a.css"/><link rel="preload" as="script" href="/_next/static/x.js"/>' +
      '<script src="/_next/static/x.js" async=""></script></head><body><h1>5,114.04</h1><script>self.__next_f.push([1,"<h1>"])</script></body></html>';
    const out = stripClientRuntime(html);
    expect(out).not.toMatch(/<script/);
    expect(out).not.toMatch(/as="script"/);
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/a.css"/>');
    expect(out).toContain("<h1>5,114.04</h1>");
  });

  it("is cleared by a publication, and a render that began before it is not kept", () => {
    const cache = new PublicPageCache();
    registerPublicPageCache(cache);
    const before = cache.currentGeneration();
    cache.store("/", page("old"), before);
    expect(cache.get("/")?.body.toString()).toBe("old");
    clearPublicPageCache();
    expect(cache.get("/")).toBeUndefined();
    // A page rendered from data read before the publication arrives after it: not stored.
    cache.store("/", page("stale"), before);
    expect(cache.get("/")).toBeUndefined();
    cache.store("/", page("new"), cache.currentGeneration());
    expect(cache.get("/")?.body.toString()).toBe("new");
  });

  it("expires entries after their maximum age and bounds its size", () => {
    let now = 0;
    const cache = new PublicPageCache({ maxEntries: 2, maxAgeMs: 1000, now: () => now });
    cache.store("/a", page("a"), 0);
    cache.store("/b", page("b"), 0);
    cache.get("/a"); // /a is now the most recent
    cache.store("/c", page("c"), 0);
    expect(cache.get("/b")).toBeUndefined();
    expect(cache.get("/a")).toBeDefined();
    now = 1001;
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("prepares ETag and gzip once", () => {
    const cache = new PublicPageCache();
    const entry = cache.store("/", page("<h1>x</h1>"), 0)!;
    expect(entry.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(entry.gzipHeaders["content-encoding"]).toBe("gzip");
    expect(entry.plainHeaders["content-length"]).toBe(String(Buffer.byteLength("<h1>x</h1>")));
  });
});
