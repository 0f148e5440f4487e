/**
 * The production server: Next's request handler behind our front handler
 * (src/server/http/front.ts): client address, 400 for malformed paths, security headers, and the
 * in-process cache for the public pages (src/server/http/page-cache.ts). With several processes on
 * one PostgreSQL server, a publication in any of them clears every process's caches
 * (src/server/http/publication-listener.ts).
 */
import http from "node:http";
import next from "next";
import crypto from "node:crypto";
import { PublicPageCache, isCacheableRequest, registerPublicPageCache } from "../src/server/http/page-cache";
import { trustedProxyCount } from "../src/server/http/client-address";
import { guard, pageCacheHandler } from "../src/server/http/front";
import { listenForPublications } from "../src/server/http/publication-listener";
import { observe } from "../src/server/http/observe";
import { metrics } from "../src/server/observability/metrics";

export interface ServeOptions {
  port: number;
  hostname?: string;
  dir?: string;
}

export async function serve({ port, hostname, dir = process.cwd() }: ServeOptions) {
  const trustProxy = trustedProxyCount();
  const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const cache = new PublicPageCache();
  registerPublicPageCache(cache);
  const m = metrics();
  m.sources.pageCache = () => ({ entries: cache.size, bytes: cache.bytes });
  const bypass = crypto.randomBytes(16).toString("hex");
  const httpsOrigin = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
  const pages = pageCacheHandler({
    handle,
    port,
    cache,
    trustProxy,
    httpsOrigin,
    bypass,
    onCacheHit: () => m.pageCacheHits.inc(),
    onCacheMiss: () => m.pageCacheMisses.inc(),
  });
  // Outermost the guard (client address, 400, security headers), then the request log and metrics.
  const server = http.createServer(
    guard(
      observe(pages, {
        metricsToken: process.env.METRICS_TOKEN?.trim() || undefined,
        servedFromCache: (req) => isCacheableRequest(req) && cache.get(req.url ?? "/") !== undefined,
        internal: (req) => req.headers["x-page-cache-bypass"] === bypass,
      }),
      { trustProxy, httpsOrigin, bypass },
    ),
  );
  server.keepAliveTimeout = 65_000;
  // On a server database other processes may publish: follow their publications.
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const listener = listenForPublications(databaseUrl);
    server.on("close", () => void listener.close());
    await Promise.race([listener.ready, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  return server;
}
