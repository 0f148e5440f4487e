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
  isCacheableRequest,
  pageCacheKey,
  registerPublicPageCache,
  sendCachedPage,
  stripClientRuntime,
  type CachedPage,
} from "../src/server/http/page-cache";

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
  const bypass = crypto.randomBytes(16).toString("hex");
  const pending = new Map<string, Promise<CachedPage | { status: number; headers: Record<string, string>; body: Buffer }>>();

  async function render(path: string) {
    const generation = cache.currentGeneration();
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
      const body = Buffer.from(stripClientRuntime(raw.toString("utf8")));
      return cache.store(path, { status: 200, headers, body }, generation) ?? { status: 200, headers, body };
    }
    // Anything else (404, a redirect) is passed on as Next sent it: a not-found page streams its
    // content through the client runtime, so it keeps its scripts.
    return { status: response.status, headers, body: raw };
  }

  const server = http.createServer((req, res) => {
    const fromSelf = req.headers["x-page-cache-bypass"] === bypass;
    if (fromSelf || !isCacheableRequest(req)) {
      void handle(req, res);
      return;
    }
    // Only the parameters the page reads: the same entry (and the same render) for any others.
    const key = pageCacheKey(req.url ?? "/");
    const hit = cache.get(key);
    if (hit) {
      sendCachedPage(req, res, hit);
      return;
    }
    let job = pending.get(key);
    if (!job) {
      job = render(key).finally(() => pending.delete(key));
      pending.set(key, job);
    }
    job.then(
      (page) => {
        if ("etag" in page) sendCachedPage(req, res, page as CachedPage);
        else {
          res.writeHead(page.status, { ...page.headers, "content-length": String(page.body.length), "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : page.body);
        }
      },
      () => {
        // Rendering through the cache failed: let Next answer the request itself.
        void handle(req, res);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  return server;
}
