/**
 * Prometheus metrics (prom-client), one registry per process shared through `globalThis` by the
 * custom server and the code inside Next's bundle. Served at GET /api/metrics with
 * `Authorization: Bearer $METRICS_TOKEN` (src/server/http/observe.ts).
 */
import client from "prom-client";

const KEY = Symbol.for("dept-budget.metrics");

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
}

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const sources: { pool?: () => PoolStats; pageCache?: () => PageCacheStats } = {};

  const m = {
    registry,
    sources,
    httpRequests: new client.Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Time from request to the last byte of the answer, by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    pageCacheHits: new client.Counter({ name: "page_cache_hits_total", help: "Public pages answered from the in-process page cache", registers: [registry] }),
    pageCacheMisses: new client.Counter({ name: "page_cache_misses_total", help: "Public pages rendered because the page cache had no copy", registers: [registry] }),
    pageCacheInvalidations: new client.Counter({ name: "page_cache_invalidations_total", help: "Times the page cache was cleared (publications, corrections)", registers: [registry] }),
    dbQueryDuration: new client.Histogram({
      name: "db_query_duration_seconds",
      help: "Database statements, from sending to the result",
      labelNames: ["engine"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    signInFailures: new client.Counter({ name: "sign_in_failures_total", help: "Failed sign-ins (wrong user name or password, disabled user)", registers: [registry] }),
    signInLocks: new client.Counter({ name: "sign_in_locked_total", help: "Sign-ins refused because the account or address is locked", registers: [registry] }),
    publications: new client.Counter({ name: "publications_total", help: "Budgets published (first publications and corrections)", registers: [registry] }),
    imports: new client.Counter({ name: "imports_total", help: "Imports applied, by kind", labelNames: ["kind"] as const, registers: [registry] }),
    workflowActions: new client.Counter({ name: "workflow_actions_total", help: "Workflow verbs carried out, by verb", labelNames: ["action"] as const, registers: [registry] }),
    overloadRejected: new client.Counter({
      name: "overload_rejected_total",
      help: "Expensive requests answered 429 because their concurrency bound was reached, by kind",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    expensiveInFlight: new client.Gauge({
      name: "expensive_requests_in_flight",
      help: "Expensive requests (downloads) being generated now, by kind",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
  };

  new client.Gauge({
    name: "page_cache_entries",
    help: "Pages held by the in-process page cache",
    registers: [registry],
    collect() {
      this.set(sources.pageCache?.().entries ?? 0);
    },
  });
  new client.Gauge({
    name: "page_cache_bytes",
    help: "Bytes held by the in-process page cache (plain and gzip copies)",
    registers: [registry],
    collect() {
      this.set(sources.pageCache?.().bytes ?? 0);
    },
  });
  new client.Gauge({
    name: "db_pool_connections",
    help: "Connections of the PostgreSQL pool by state (total, idle, waiting clients); absent on the embedded engine",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      if (!pool) return;
      this.set({ state: "total" }, pool.total);
      this.set({ state: "idle" }, pool.idle);
      this.set({ state: "waiting" }, pool.waiting);
    },
  });
  return m;
}

export type Metrics = ReturnType<typeof create>;

export function metrics(): Metrics {
  const g = globalThis as unknown as Record<symbol, Metrics | undefined>;
  return (g[KEY] ??= create());
}
