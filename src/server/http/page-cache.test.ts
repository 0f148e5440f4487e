import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { BoundedCache } from "./bounded-cache";
import {
  PublicPageCache,
  clearPublicPageCache,
  isCacheableRequest,
  pageCacheKey,
  plainBody,
  registerPublicPageCache,
  stripClientRuntime,
} from "./page-cache";

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
    expect((cache.get("/") ? plainBody(cache.get("/")!).toString() : undefined)).toBe("old");
    clearPublicPageCache();
    expect(cache.get("/")).toBeUndefined();
    // A page rendered from data read before the publication arrives after it: not stored.
    cache.store("/", page("stale"), before);
    expect(cache.get("/")).toBeUndefined();
    cache.store("/", page("new"), cache.currentGeneration());
    expect((cache.get("/") ? plainBody(cache.get("/")!).toString() : undefined)).toBe("new");
  });

  it("keeps no age ceiling by default and honours one when given", () => {
    let now = 0;
    const forever = new PublicPageCache({ now: () => now });
    forever.store("/a", page("a"), 0);
    now = 10 * 365 * 24 * 3600 * 1000;
    expect(forever.get("/a")).toBeDefined();
    const capped = new PublicPageCache({ maxAgeMs: 1000, now: () => now });
    capped.store("/a", page("a"), 0);
    now += 1001;
    expect(capped.get("/a")).toBeUndefined();
    expect(capped.size).toBe(0);
  });

  it("never holds more than its byte bound, evicting the least recently used", () => {
    const maxBytes = 200_000;
    const cache = new PublicPageCache({ maxBytes });
    // Incompressible pages of random sizes: gzip cannot shrink them below the bound's reach.
    for (let i = 0; i < 300; i++) {
      const size = 1 + ((i * 7919) % 40_000);
      cache.store(`/budgets/2024/${String(i).padStart(6, "0")}`, page(crypto.randomBytes(size).toString("base64")), 0);
      expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
      if (i % 3 === 0) cache.get("/budgets/2024/000000");
    }
    expect(cache.size).toBeGreaterThan(1);
    expect(cache.get("/budgets/2024/000000")).toBeDefined(); // kept in use, never evicted
    expect(cache.get("/budgets/2024/000001")).toBeUndefined();
    // A page larger than the whole bound is served but not kept.
    const huge = cache.store("/budgets/2024/999999", page(crypto.randomBytes(300_000).toString("base64")), 0);
    expect(huge?.status).toBe(200);
    expect(cache.get("/budgets/2024/999999")).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
  });

  it("keys a page by its path and the parameters it reads: extra parameters add no entries", () => {
    expect(pageCacheKey("/search?q=%E4%BA%BA&utm_source=x&_=1")).toBe("/search?q=%E4%BA%BA");
    expect(pageCacheKey("/search?utm_source=x&q=%E4%BA%BA")).toBe("/search?q=%E4%BA%BA");
    expect(pageCacheKey("/search?page=2&q=a&fbclid=z")).toBe("/search?q=a&page=2");
    expect(pageCacheKey("/search?q=")).toBe("/search");
    expect(pageCacheKey("/budgets/2024/023002?revision=1&x=y")).toBe("/budgets/2024/023002?revision=1");
    expect(pageCacheKey("/budgets/2024/023002?x=y")).toBe("/budgets/2024/023002");
    expect(pageCacheKey("/budgets/2024?anything=1")).toBe("/budgets/2024");
    expect(pageCacheKey("/?ref=home")).toBe("/");
    const cache = new PublicPageCache();
    for (const url of ["/search?q=%E4%BA%BA", "/search?q=%E4%BA%BA&a=1", "/search?b=2&q=%E4%BA%BA", "/search?q=%E4%BA%BA&a=1&a=2&c"]) {
      const key = pageCacheKey(url);
      if (!cache.get(key)) cache.store(key, page("results"), cache.currentGeneration());
    }
    expect(cache.size).toBe(1);
  });

  it("clears the data caches behind the pages with it, through the one entry point", async () => {
    const data = new BoundedCache<string>({ maxBytes: 1_000_000 });
    await data.getOrLoad("published", async () => "rows");
    expect(data.get("published")).toBe("rows");
    const pages = new PublicPageCache();
    registerPublicPageCache(pages);
    clearPublicPageCache();
    expect(data.get("published")).toBeUndefined();
    // A load that began before the publication is not kept after it.
    let release: (v: string) => void = () => {};
    const slow = data.getOrLoad("published", () => new Promise<string>((r) => (release = r)));
    clearPublicPageCache();
    release("stale rows");
    expect(await slow).toBe("stale rows");
    expect(data.get("published")).toBeUndefined();
  });

  it("bounds the data cache in bytes too", () => {
    const data = new BoundedCache<string>({ maxBytes: 10_000, clearOnPublication: false });
    for (let i = 0; i < 100; i++) {
      data.set(`k${i}`, "x".repeat(1000 + i * 10));
      expect(data.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(data.size).toBeGreaterThan(0);
  });

  it("prepares ETag and gzip once", () => {
    const cache = new PublicPageCache();
    const entry = cache.store("/", page("<h1>x</h1>"), 0)!;
    expect(entry.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(entry.gzipHeaders["content-encoding"]).toBe("gzip");
    expect(entry.plainHeaders["content-length"]).toBe(String(Buffer.byteLength("<h1>x</h1>")));
    expect(plainBody(entry).toString()).toBe("<h1>x</h1>");
  });
});
