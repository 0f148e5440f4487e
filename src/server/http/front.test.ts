/**
 * The front handler with a stand-in for Next: security headers on every kind of response (Next's
 * pages and APIs, cached public pages, refusals), 400 for malformed paths, the client address.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontHandler } from "./front";
import { PublicPageCache } from "./page-cache";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { APP_CSP, DOCUMENT_CSP } from "./security-headers";

let server: http.Server;
let base: string;
const seen: { url: string; address: unknown }[] = [];
const cache = new PublicPageCache();

beforeAll(async () => {
  // Next, as far as the front handler can tell: HTML pages with inline scripts, a JSON API.
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({ url: req.url ?? "", address: req.headers[CLIENT_ADDRESS_HEADER] });
    if ((req.url ?? "").startsWith("/api/")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<html><body><h1>${req.url}</h1><script>self.__next_f=1</script></body></html>`);
  };
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  server.on("request", createFrontHandler({ handle: next, port, cache, trustProxy: 1 }));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function expectSecurityHeaders(res: Response, csp: string) {
  expect(res.headers.get("content-security-policy")).toBe(csp);
  expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

describe("the front handler", () => {
  it("sets the security headers on Next's pages and APIs, and on cached public pages (both the miss and the hit)", async () => {
    for (const path of ["/workspace", "/login", "/api/health"]) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res, APP_CSP);
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const miss = await fetch(`${base}/budgets/2024/023002`);
    const hit = await fetch(`${base}/budgets/2024/023002`);
    for (const res of [miss, hit]) {
      expect(res.status).toBe(200);
      expectSecurityHeaders(res, DOCUMENT_CSP);
      expect(await res.text()).not.toMatch(/<script/);
    }
    expect(cache.size).toBe(1);
  });

  it("sends HSTS only for HTTPS, as the trusted proxy reports it", async () => {
    const res = await fetch(`${base}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const cached = await fetch(`${base}/budgets/2024/023002`, { headers: { "x-forwarded-proto": "https" } });
    expect(cached.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it.each(["/budgets/2024/%ZZ", "/api/open/v1/budgets/2024/%", "/budgets/2024/%ED%A0%80", "/budgets/2024/02%00", "/search?q=%E4%BA", "/search?q=a%00"])(
    "answers %s with 400, never reaching Next",
    async (path) => {
      const before = seen.length;
      const res = await fetch(base + path);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/请求的地址无效/);
      expectSecurityHeaders(res, APP_CSP);
      expect(seen.length).toBe(before);
    },
  );

  it("hands Next the client address the trusted proxy appended, not one the client chose", async () => {
    await fetch(`${base}/api/whoami`, { headers: { "x-forwarded-for": "1.2.3.4, 198.51.100.7", [CLIENT_ADDRESS_HEADER]: "6.6.6.6" } });
    expect(seen.at(-1)).toEqual({ url: "/api/whoami", address: "198.51.100.7" });
  });
});
