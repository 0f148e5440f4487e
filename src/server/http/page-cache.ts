/**
 * An in-process HTTP cache in front of Next for the public pages: a published page is rendered
 * once and then served from memory, like a reverse-proxy cache, until a publication clears it.
 * Public pages are documents without client components, so they are served without Next's
 * client runtime (its scripts are stripped): they work, and print, without JavaScript.
 *
 * No Next imports here: the custom server (scripts/serve.ts) loads this module as plain Node,
 * and the publishing code inside Next's bundle reaches the same cache through `globalThis`.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { logEvent } from "../observability/log";
import { metrics } from "../observability/metrics";

const REGISTRY = Symbol.for("dept-budget.public-page-cache");

export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  storedAt: number;
  /** Response headers, prepared once: identity, gzip, not modified. */
  plainHeaders: Record<string, string>;
  gzipHeaders: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
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

/** Remove Next's client runtime from a server-rendered document: scripts and their preloads. */
export function stripClientRuntime(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "")
    .replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/gi, "");
}

export interface PageCacheOptions {
  maxEntries?: number;
  /** Safety net for deployments with several processes: a page is re-rendered after this long. */
  maxAgeMs?: number;
  now?: () => number;
}

export class PublicPageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  /** Bumped by clear(): a render that started before a publication is not stored after it. */
  private generation = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get size() {
    return this.entries.size;
  }

  /** Bytes held: each page's plain and gzip copies. */
  get bytes() {
    let total = 0;
    for (const page of this.entries.values()) total += page.body.length + page.gzip.length;
    return total;
  }

  get(key: string): CachedPage | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.storedAt > this.maxAgeMs) {
      this.entries.delete(key);
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

  store(key: string, page: Pick<CachedPage, "status" | "headers" | "body">, generation: number): CachedPage | undefined {
    const etag = `"${crypto.createHash("sha1").update(page.body).digest("base64url")}"`;
    const gzip = zlib.gzipSync(page.body);
    const common = { ...page.headers, etag, vary: "Accept-Encoding", "cache-control": "public, max-age=0, must-revalidate" };
    const entry: CachedPage = {
      ...page,
      etag,
      gzip,
      storedAt: this.now(),
      plainHeaders: { ...common, "content-length": String(page.body.length) },
      gzipHeaders: { ...common, "content-encoding": "gzip", "content-length": String(gzip.length) },
      notModifiedHeaders: common,
    };
    if (generation !== this.generation) return entry;
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  clear() {
    this.generation += 1;
    this.entries.clear();
  }
}

/** Register the process's cache, so that publishing can clear it from inside Next's bundle. */
export function registerPublicPageCache(cache: PublicPageCache) {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = cache;
}

/** Called after a publication or correction: every public page may have changed. */
export function clearPublicPageCache() {
  const cache = (globalThis as Record<symbol, unknown>)[REGISTRY] as PublicPageCache | undefined;
  cache?.clear();
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
  res.end(req.method === "HEAD" ? undefined : gzip ? page.gzip : page.body);
}
