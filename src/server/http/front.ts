/**
 * The production server's request handler, in front of Next: it resolves the client's address,
 * refuses malformed paths with 400, sets the security headers on every response, and answers the
 * public pages from the page cache (a miss renders the page through Next over loopback). No Next
 * imports here: scripts/serve.ts passes Next's handler in.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { annotateClientAddress } from "./client-address";
import { PublicPageCache, isCacheableRequest, sendCachedPage, stripClientRuntime, type CachedPage } from "./page-cache";
import { pathProblem } from "./request-guard";
import { securityHeaders } from "./security-headers";

export interface GuardOptions {
  /** TRUST_PROXY: how many reverse proxies to believe in X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy: number;
  /** The public address is https (NEXTAUTH_URL): HSTS on every response. */
  httpsOrigin?: boolean;
  /** The token of the server's own loopback renders (they keep the address they were rendered for). */
  bypass: string;
}

export interface FrontOptions extends Omit<GuardOptions, "bypass"> {
  /** Next's request handler. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
  /** Where this server listens, for rendering a miss over loopback. */
  port: number;
  cache: PublicPageCache;
  bypass?: string;
  onCacheHit?: () => void;
  onCacheMiss?: () => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Rendered = CachedPage | { status: number; headers: Record<string, string>; body: Buffer };

function lastForwarded(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value.join(",") : value;
  return v?.split(",").pop()?.trim().toLowerCase();
}

function isHttps(req: IncomingMessage, trustProxy: number, httpsOrigin: boolean): boolean {
  return httpsOrigin || (trustProxy > 0 && lastForwarded(req.headers["x-forwarded-proto"]) === "https");
}

const APP_HEADERS = { plain: securityHeaders({ https: false }), https: securityHeaders({ https: true }) };
const DOCUMENT_HEADERS = { plain: securityHeaders({ https: false, document: true }), https: securityHeaders({ https: true, document: true }) };

function setHeaders(res: ServerResponse, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/**
 * The outermost layer: the client's address, 400 for a malformed path, and the app's security
 * headers on whatever the inner handler answers (it may replace them, as the page cache does).
 */
export function guard(inner: Handler, { trustProxy, httpsOrigin = false, bypass }: GuardOptions): Handler {
  return (req, res) => {
    if (req.headers["x-page-cache-bypass"] !== bypass) annotateClientAddress(req, trustProxy);
    setHeaders(res, APP_HEADERS[isHttps(req, trustProxy, httpsOrigin) ? "https" : "plain"]);
    const problem = pathProblem(req.url);
    if (problem) {
      const body = Buffer.from(`${problem}\n`);
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "content-length": String(body.length), "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    inner(req, res);
  };
}

/** The public pages from the page cache (their own, script-free policy); everything else to Next. */
export function pageCacheHandler(options: FrontOptions & { bypass: string }): Handler {
  const { handle, port, cache, trustProxy, httpsOrigin = false, bypass } = options;
  const pending = new Map<string, Promise<Rendered>>();

  async function render(path: string): Promise<Rendered> {
    const generation = cache.currentGeneration();
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { "x-page-cache-bypass": bypass, accept: "text/html", "accept-encoding": "identity" },
      redirect: "manual",
    });
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "content-disposition", "location", "content-language"]) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    const raw = Buffer.from(await response.arrayBuffer());
    const html = (headers["content-type"] ?? "").startsWith("text/html");
    if (response.status === 200 && html) {
      const body = Buffer.from(stripClientRuntime(raw.toString("utf8")));
      return cache.store(path, { status: 200, headers, body }, generation) ?? { status: 200, headers, body };
    }
    // Anything else (404, a redirect) is passed on as Next sent it: a not-found page streams its
    // content through the client runtime, so it keeps its scripts (and the app's policy).
    return { status: response.status, headers, body: raw };
  }

  return (req, res) => {
    const fromSelf = req.headers["x-page-cache-bypass"] === bypass;
    if (fromSelf || !isCacheableRequest(req)) {
      void handle(req, res);
      return;
    }
    const documentHeaders = DOCUMENT_HEADERS[isHttps(req, trustProxy, httpsOrigin) ? "https" : "plain"];
    const key = req.url ?? "/";
    const hit = cache.get(key);
    if (hit) {
      options.onCacheHit?.();
      setHeaders(res, documentHeaders);
      sendCachedPage(req, res, hit);
      return;
    }
    options.onCacheMiss?.();
    let job = pending.get(key);
    if (!job) {
      job = render(key).finally(() => pending.delete(key));
      pending.set(key, job);
    }
    job.then(
      (page) => {
        if ("etag" in page) {
          setHeaders(res, documentHeaders);
          sendCachedPage(req, res, page);
        } else {
          res.writeHead(page.status, { ...page.headers, "content-length": String(page.body.length), "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : page.body);
        }
      },
      () => {
        // Rendering through the cache failed: let Next answer the request itself.
        void handle(req, res);
      },
    );
  };
}

/** guard ∘ pageCacheHandler: the whole front without logging (scripts/serve.ts puts the request log between them). */
export function createFrontHandler(options: FrontOptions): Handler {
  const bypass = options.bypass ?? crypto.randomBytes(16).toString("hex");
  return guard(pageCacheHandler({ ...options, bypass }), { trustProxy: options.trustProxy, httpsOrigin: options.httpsOrigin, bypass });
}
