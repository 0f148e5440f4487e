import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createRequestContext } from "@/server/api/request-context";

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

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: createRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed: ${loggableCause(error)}`);
    },
  });
}

export { handler as GET, handler as POST };
