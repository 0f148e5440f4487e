/**
 * The production server: Next's request handler behind our front handler
 * (src/server/http/front.ts): client address, 400 for malformed paths, security headers, and the
 * in-process cache for the public pages (src/server/http/page-cache.ts). With several processes on
 * one PostgreSQL server, a publication in any of them clears every process's caches
 * (src/server/http/publication-listener.ts).
 */
import http from "node:http";
import next from "next";
import { PublicPageCache, registerPublicPageCache } from "../src/server/http/page-cache";
import { trustedProxyCount } from "../src/server/http/client-address";
import { createFrontHandler } from "../src/server/http/front";
import { listenForPublications } from "../src/server/http/publication-listener";

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
  const httpsOrigin = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
  const server = http.createServer(createFrontHandler({ handle, port, cache, trustProxy, httpsOrigin }));
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
