/**
 * An in-process HTTP cache in front of Next for the public pages: a published page is rendered
 * once and then served from memory, like a reverse-proxy cache, until a publication clears it.
 * The cache is bounded in bytes (PAGE_CACHE_MB, default 64) and keyed by path and the query
 * parameters the page reads (`pageCacheKey`), so unknown parameters never add entries.
 * Public pages are documents without client components, so they are served without Next's
 * client runtime (its scripts are stripped): they work, and print, without JavaScript.
 *
 * No Next imports here: the custom server (scripts/serve.ts) loads this module as plain Node,
 * and the publishing code inside Next's bundle reaches the same cache through `globalThis`.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { megabytesFromEnv, notifyPublicCachesCleared } from "./bounded-cache";
import { logEvent } from "../observability/log";
import { metrics } from "../observability/metrics";

const REGISTRY = Symbol.for("dept-budget.public-page-cache");

export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  /** The document, gzipped: what almost every client takes; others get it inflated on the way out. */
  gzip: Buffer;
  /** Length of the uncompressed document. */
  length: number;
  etag: string;
  storedAt: number;
  /** Estimated memory held by the entry, key included. */
  bytes: number;
  /** Response headers, prepared once: identity, gzip, not modified. */
  plainHeaders: Record<string, string>;
  gzipHeaders: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
}

/** The uncompressed document of a cached page. */
export function plainBody(page: CachedPage): Buffer {
  return zlib.gunzipSync(page.gzip);
}

/** Paths of the public, anonymous, document pages. */
const PUBLIC_PAGE = /^\/(?:budgets(?:\/[0-9A-Za-z._-]+){0,3}|search)?\/?$/;

export function isPublicPagePath(pathname: string): boolean {
  return PUBLIC_PAGE.test(pathname);
}

/**
 * Whether a request may be answered from the cache: a plain browser GET or HEAD of a public page.
 * Next's own client requests (RSC payloads, prefetches, server actions) always go to Next.
 */
export function isCacheableRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const h = req.headers;
  if (h["rsc"] || h["next-router-prefetch"] || h["next-action"] || h["next-router-state-tree"]) return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  if (q >= 0 && /[?&]_rsc=/.test(url.slice(q))) return false;
  return isPublicPagePath(q >= 0 ? url.slice(0, q) : url);
}

/**
 * The query parameters each public page reads. Anything else in a URL (tracking tags, cache
 * busters, typos) cannot change the page, so it is left out of the cache key and of the render:
 * `/search?q=人&utm_source=x` is the entry `/search?q=人`.
 */
const PAGE_PARAMETERS: [RegExp, readonly string[]][] = [
  [/^\/search\/?$/, ["q", "page"]],
  [/^\/budgets\/\d{4}\/departments\/[^/]+\/?$/, ["page"]],
  [/^\/budgets\/\d{4}\/[^/]+\/?$/, ["revision"]],
];

/** The cache key of a public page request, which is also the URL rendered for it. */
export function pageCacheKey(url: string): string {
  const q = url.indexOf("?");
  const path = q >= 0 ? url.slice(0, q) : url;
  if (q < 0) return path;
  const known = PAGE_PARAMETERS.find(([re]) => re.test(path))?.[1] ?? [];
  if (known.length === 0) return path;
  const given = new URLSearchParams(url.slice(q + 1));
  const kept = new URLSearchParams();
  for (const name of known) for (const value of given.getAll(name)) if (value !== "") kept.append(name, value);
  const query = kept.toString();
  return query ? `${path}?${query}` : path;
}

/** Remove Next's client runtime from a server-rendered document: scripts and their preloads. */
export function stripClientRuntime(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "")
    .replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/gi, "");
}

export interface PageCacheOptions {
  /** Bound on the memory held, in bytes (default: PAGE_CACHE_MB megabytes, else 64 MB). */
  maxBytes?: number;
  /**
   * Optional ceiling on an entry's age. None by default: a publication or correction clears the
   * cache (`clearPublicPageCache`), in every process once that is signalled across processes.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/** Fixed cost of an entry besides its bytes: the entry, its header objects, the map slot. */
const ENTRY_OVERHEAD = 2048;

export class PublicPageCache {
  private readonly entries = new Map<string, CachedPage>();
  readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private total = 0;
  /** Bumped by clear(): a render that started before a publication is not stored after it. */
  private generation = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? megabytesFromEnv("PAGE_CACHE_MB", 64);
    this.maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
  }

  get size() {
    return this.entries.size;
  }

  /** Memory held by the entries (estimated), never above maxBytes. */
  get bytes() {
    return this.total;
  }

  private remove(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.bytes;
  }

  /** Whether a fresh entry is held, without touching its recency. */
  has(key: string): boolean {
    const hit = this.entries.get(key);
    return hit !== undefined && this.now() - hit.storedAt <= this.maxAgeMs;
  }

  get(key: string): CachedPage | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.storedAt > this.maxAgeMs) {
      this.remove(key);
      return undefined;
    }
    // Map order doubles as recency for the LRU bound.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  currentGeneration() {
    return this.generation;
  }

  store(key: string, page: { status: number; headers: Record<string, string>; body: Buffer }, generation: number): CachedPage | undefined {
    const etag = `"${crypto.createHash("sha1").update(page.body).digest("base64url")}"`;
    const gzip = zlib.gzipSync(page.body);
    const common = { ...page.headers, etag, vary: "Accept-Encoding", "cache-control": page.headers["cache-control"] ?? "public, max-age=0, must-revalidate" };
    const entry: CachedPage = {
      status: page.status,
      headers: page.headers,
      gzip,
      length: page.body.length,
      etag,
      storedAt: this.now(),
      bytes: gzip.length + 2 * key.length + ENTRY_OVERHEAD,
      plainHeaders: { ...common, "content-length": String(page.body.length) },
      gzipHeaders: { ...common, "content-encoding": "gzip", "content-length": String(gzip.length) },
      notModifiedHeaders: common,
    };
    if (generation !== this.generation || entry.bytes > this.maxBytes) return entry;
    this.remove(key);
    this.entries.set(key, entry);
    this.total += entry.bytes;
    for (const [k] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.remove(k);
    }
    return entry;
  }

  /** Forget every page; the data caches behind the pages are cleared with it. */
  clear() {
    this.generation += 1;
    this.entries.clear();
    this.total = 0;
    notifyPublicCachesCleared();
  }
}

/** Register the process's cache, so that publishing can clear it from inside Next's bundle. */
export function registerPublicPageCache(cache: PublicPageCache) {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = cache;
}

/** Called after a publication or correction: every public page may have changed. */
export function clearPublicPageCache() {
  const cache = (globalThis as Record<symbol, unknown>)[REGISTRY] as PublicPageCache | undefined;
  if (cache) cache.clear();
  else notifyPublicCachesCleared();
  metrics().pageCacheInvalidations.inc();
  logEvent("cache.invalidated", { cache: "public-pages" });
}

/** Send a cached page, honouring If-None-Match and Accept-Encoding. */
export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage) {
  if (req.headers["if-none-match"] === page.etag) {
    res.writeHead(304, page.notModifiedHeaders);
    res.end();
    return;
  }
  const gzip = (req.headers["accept-encoding"] ?? "").includes("gzip");
  res.writeHead(page.status, gzip ? page.gzipHeaders : page.plainHeaders);
  res.end(req.method === "HEAD" ? undefined : gzip ? page.gzip : plainBody(page));
}

/** A page as rendered by Next for the cache: `cacheable` when it is a 200 document to keep. */
export interface RenderedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  cacheable: boolean;
}

/**
 * The cache in front of Next for cacheable requests (`isCacheableRequest`): the key is
 * `pageCacheKey(url)`, which is also the URL rendered, so parameters a page does not read neither
 * add entries nor renders. A miss is rendered once however many requests wait for it; a render
 * that fails falls back to `fallback` (Next answering the request itself).
 */
export function createPageCacheHandler(
  cache: PublicPageCache,
  render: (key: string) => Promise<RenderedPage>,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
  events: { hit?: () => void; miss?: () => void } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const pending = new Map<string, Promise<CachedPage | RenderedPage>>();
  return (req, res) => {
    const key = pageCacheKey(req.url ?? "/");
    const hit = cache.get(key);
    if (hit) {
      events.hit?.();
      sendCachedPage(req, res, hit);
      return;
    }
    events.miss?.();
    let job = pending.get(key);
    if (!job) {
      const generation = cache.currentGeneration();
      job = render(key)
        .then((page) => (page.cacheable ? (cache.store(key, page, generation) ?? page) : page))
        .finally(() => pending.delete(key));
      pending.set(key, job);
    }
    job.then(
      (page) => {
        if ("etag" in page) sendCachedPage(req, res, page);
        else {
          res.writeHead(page.status, { ...page.headers, "content-length": String(page.body.length), "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : page.body);
        }
      },
      () => fallback(req, res),
    );
  };
}
