/**
 * The front of every request the custom server answers (scripts/serve.ts): a request id (returned
 * as `x-request-id`), one JSON log line and the request metrics when the answer is finished, the
 * metrics endpoint, and backpressure for expensive downloads. Plain Node, no Next imports.
 *
 * Backpressure: generating a download (xlsx, CSV, PDF, the import workbook) is bounded per process;
 * beyond the bound the answer is at once 429 with Retry-After, never a queue that grows and never a
 * 5xx. Requests the page cache answers never reach the bound.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import os from "node:os";
import { logger } from "../observability/log";
import { metrics } from "../observability/metrics";
import { runWithRequest, type RequestInfo } from "../observability/request-context";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ObserveOptions {
  /** METRICS_TOKEN: without it GET /api/metrics answers 404. */
  metricsToken?: string;
  /** How many downloads may be generated at once (EXPENSIVE_CONCURRENCY). */
  expensiveConcurrency?: number;
  retryAfterSeconds?: number;
  /** True when the request will be answered from a cache: such requests never wait for the bound. */
  servedFromCache?: (req: IncomingMessage) => boolean;
  /**
   * True for the server's own loopback requests (the page cache rendering a miss through Next): they
   * are part of the request that caused them, so they get no log line and no metrics of their own.
   */
  internal?: (req: IncomingMessage) => boolean;
}

const STATIC_SEGMENT = /^(?:v\d{1,2}|[a-z][a-z-]*)(?:\.(?:csv|json|xlsx|pdf))?$/;

/**
 * A route pattern for labels: literal segments stay, values become placeholders, so the number
 * of distinct labels stays small however many units and years there are.
 */
export function routeLabel(pathname: string, status: number): string {
  if (status === 404) return "(not found)";
  if (pathname.startsWith("/_next/")) return `/_next/${pathname.split("/")[2] ?? ""}`;
  if (pathname.startsWith("/api/trpc/")) return "/api/trpc";
  if (pathname.startsWith("/api/auth/")) return "/api/auth";
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length === 0) return "/";
  return (
    "/" +
    segments
      .map((seg) => {
        if (STATIC_SEGMENT.test(seg)) return seg;
        if (/^\d{4}$/.test(seg)) return ":year";
        const ext = /\.(csv|json|xlsx|pdf)$/.exec(seg);
        return ext ? `:id.${ext[1]}` : ":id";
      })
      .join("/")
  );
}

/** Which expensive kind a request generates, or null for ordinary requests. */
export function expensiveKind(method: string | undefined, pathname: string): "xlsx" | "csv" | "pdf" | "workbook" | null {
  if (method !== "GET" && method !== "HEAD" && method !== "PUT") return null;
  if (/\/workbook\/?$/.test(pathname)) return "workbook";
  const ext = /\.(xlsx|csv|pdf)$/.exec(pathname);
  return ext ? (ext[1] as "xlsx" | "csv" | "pdf") : null;
}

/** At most `max` holders at once; `tryAcquire` never waits. */
export class ConcurrencyLimiter {
  private active = 0;
  constructor(readonly max: number) {}

  get inFlight() {
    return this.active;
  }

  tryAcquire(): (() => void) | null {
    if (this.active >= this.max) return null;
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
    };
  }
}

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return q >= 0 ? raw.slice(0, q) : raw;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

async function answerMetrics(req: IncomingMessage, res: ServerResponse, token: string | undefined) {
  if (!token) {
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "未找到" }));
    return;
  }
  if (!tokenMatches(req.headers.authorization, token)) {
    res.writeHead(401, { "content-type": "application/json; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' });
    res.end(JSON.stringify({ error: "需要有效的访问令牌（Authorization: Bearer …）" }));
    return;
  }
  const registry = metrics().registry;
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(body);
}

export function defaultExpensiveConcurrency(): number {
  const configured = Number.parseInt(process.env.EXPENSIVE_CONCURRENCY ?? "", 10);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.max(2, os.availableParallelism());
}

/** Wrap the server's handler with request ids, logs, metrics, the metrics endpoint and backpressure. */
export function observe(handler: RequestHandler, options: ObserveOptions = {}): RequestHandler {
  const limiter = new ConcurrencyLimiter(options.expensiveConcurrency ?? defaultExpensiveConcurrency());
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  const m = metrics();

  return (req, res) => {
    if (options.internal?.(req)) {
      handler(req, res);
      return;
    }
    const started = process.hrtime.bigint();
    const incoming = req.headers["x-request-id"];
    const info: RequestInfo = {
      id: typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID(),
    };
    res.setHeader("x-request-id", info.id);
    const pathname = pathOf(req.url);
    let release: (() => void) | null = null;
    let kind: ReturnType<typeof expensiveKind> = null;

    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (release) {
        release();
        m.expensiveInFlight.dec({ kind: kind ?? "" });
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.headersSent ? res.statusCode : 499;
      const route = routeLabel(pathname, status);
      const labels = { route, method: req.method ?? "", status: String(status) };
      m.httpRequests.inc(labels);
      m.httpDuration.observe(labels, seconds);
      logger().info({
        msg: "request",
        reqId: info.id,
        method: req.method,
        route,
        path: pathname,
        status,
        durationMs: Math.round(seconds * 1e6) / 1e3,
        ...(info.userId !== undefined ? { userId: info.userId } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    };
    res.once("finish", finish);
    res.once("close", finish);

    runWithRequest(info, () => {
      if (pathname === "/api/metrics" && req.method === "GET") {
        answerMetrics(req, res, options.metricsToken).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
        return;
      }
      kind = expensiveKind(req.method, pathname);
      if (kind && !options.servedFromCache?.(req)) {
        release = limiter.tryAcquire();
        if (!release) {
          m.overloadRejected.inc({ kind });
          logger().warn({ event: "overload", reqId: info.id, kind, inFlight: limiter.inFlight });
          res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": retryAfter, "cache-control": "no-store" });
          res.end(JSON.stringify({ error: `服务器正在生成其他下载文件，请 ${retryAfter} 秒后重试` }));
          return;
        }
        m.expensiveInFlight.inc({ kind });
      }
      handler(req, res);
    });
  };
}
