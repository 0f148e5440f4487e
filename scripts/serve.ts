/**
 * The production server: Next's request handler behind an in-process cache for the public
 * pages (src/server/http/page-cache.ts). A cache miss renders the page through Next over
 * loopback, so Next serves it exactly as it would on its own; the stripped document is kept
 * until a publication clears the cache.
 */
import crypto from "node:crypto";
import http from "node:http";
import next from "next";
import {
  PublicPageCache,
  createPageCacheHandler,
  isCacheableRequest,
  pageCacheKey,
  registerPublicPageCache,
  stripClientRuntime,
  type RenderedPage,
} from "../src/server/http/page-cache";
import { observe } from "../src/server/http/observe";
import { metrics } from "../src/server/observability/metrics";

export interface ServeOptions {
  port: number;
  hostname?: string;
  dir?: string;
}

export async function serve({ port, hostname, dir = process.cwd() }: ServeOptions) {
  const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const cache = new PublicPageCache();
  registerPublicPageCache(cache);
  const m = metrics();
  m.sources.pageCache = () => ({ entries: cache.size, bytes: cache.bytes });
  const bypass = crypto.randomBytes(16).toString("hex");

  async function render(path: string): Promise<RenderedPage> {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { "x-page-cache-bypass": bypass, accept: "text/html", "accept-encoding": "identity" },
      redirect: "manual",
    });
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "location", "content-language"]) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    const raw = Buffer.from(await response.arrayBuffer());
    const html = (headers["content-type"] ?? "").startsWith("text/html");
    if (response.status === 200 && html) {
      return { status: 200, headers, body: Buffer.from(stripClientRuntime(raw.toString("utf8"))), cacheable: true };
    }
    // Anything else (404, a redirect) is passed on as Next sent it: a not-found page streams its
    // content through the client runtime, so it keeps its scripts.
    return { status: response.status, headers, body: raw, cacheable: false };
  }

  // Rendering through the cache failed: let Next answer the request itself.
  const cached = createPageCacheHandler(cache, render, (req, res) => void handle(req, res), {
    hit: () => m.pageCacheHits.inc(),
    miss: () => m.pageCacheMisses.inc(),
  });
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const fromSelf = req.headers["x-page-cache-bypass"] === bypass;
    if (fromSelf || !isCacheableRequest(req)) {
      void handle(req, res);
      return;
    }
    cached(req, res);
  };
  const server = http.createServer(
    observe(handler, {
      metricsToken: process.env.METRICS_TOKEN?.trim() || undefined,
      servedFromCache: (req) => isCacheableRequest(req) && cache.has(pageCacheKey(req.url ?? "/")),
      internal: (req) => req.headers["x-page-cache-bypass"] === bypass,
    }),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  return server;
}
