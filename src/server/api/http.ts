import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import type { Context } from "./trpc";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/http-limits";

/**
 * The innermost cause of a failure, without drizzle's wrapper: its message quotes the SQL
 * parameters, which may hold password hashes or personal data and must not reach the logs.
 */
function loggableCause(error: unknown): string {
  let e = error as { name?: string; message?: string; code?: string; query?: string; cause?: unknown } | undefined;
  while (e?.cause) e = e.cause as typeof e;
  if (!e) return "unknown error";
  return [e.name, e.code, e.query === undefined ? e.message : "(query failed)"].filter(Boolean).join(" ");
}

/** tRPC over HTTP at /api/trpc: batches limited to TRPC_MAX_BATCH_SIZE calls, internal errors logged without SQL. */
export function handleTrpcRequest(req: Request, createContext: () => Promise<Context> | Context) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed: ${loggableCause(error)}`);
    },
  });
}
