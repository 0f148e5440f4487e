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

export interface FrontOptions {
  /** Next's request handler. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
  /** Where this server listens, for rendering a miss over loopback. */
  port: number;
  cache: PublicPageCache;
  /** TRUST_PROXY: how many reverse proxies to believe in X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy: number;
  /** The public address is https (NEXTAUTH_URL): HSTS on every response. */
  httpsOrigin?: boolean;
}

type Rendered = CachedPage | { status: number; headers: Record<string, string>; body: Buffer };

function lastForwarded(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value.join(",") : value;
  return v?.split(",").pop()?.trim().toLowerCase();
}

export function createFrontHandler({ handle, port, cache, trustProxy, httpsOrigin = false }: FrontOptions) {
  const bypass = crypto.randomBytes(16).toString("hex");
  const pending = new Map<string, Promise<Rendered>>();
  const appHeaders = { plain: securityHeaders({ https: false }), https: securityHeaders({ https: true }) };
  const documentHeaders = { plain: securityHeaders({ https: false, document: true }), https: securityHeaders({ https: true, document: true }) };

  async function render(path: string): Promise<Rendered> {
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

  return function front(req: IncomingMessage, res: ServerResponse) {
    const fromSelf = req.headers["x-page-cache-bypass"] === bypass;
    if (!fromSelf) annotateClientAddress(req, trustProxy);
    const https = httpsOrigin || (trustProxy > 0 && lastForwarded(req.headers["x-forwarded-proto"]) === "https");
    const set = (headers: Record<string, string>) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    };

    const problem = pathProblem(req.url);
    if (problem) {
      set(appHeaders[https ? "https" : "plain"]);
      const body = Buffer.from(`${problem}\n`);
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "content-length": String(body.length), "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }

    if (fromSelf || !isCacheableRequest(req)) {
      set(appHeaders[https ? "https" : "plain"]);
      void handle(req, res);
      return;
    }
    const key = req.url ?? "/";
    const hit = cache.get(key);
    if (hit) {
      set(documentHeaders[https ? "https" : "plain"]);
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
        if ("etag" in page) {
          set(documentHeaders[https ? "https" : "plain"]);
          sendCachedPage(req, res, page);
        } else {
          // Passed on as Next sent it (with its scripts): the app's policy.
          set(appHeaders[https ? "https" : "plain"]);
          res.writeHead(page.status, { ...page.headers, "content-length": String(page.body.length), "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : page.body);
        }
      },
      () => {
        // Rendering through the cache failed: let Next answer the request itself.
        set(appHeaders[https ? "https" : "plain"]);
        void handle(req, res);
      },
    );
  };
}
