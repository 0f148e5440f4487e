import { getDatabase } from "@/server/db";
import { checkReadiness } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** How long readiness waits for the database before answering 503. */
const TIMEOUT_MS = 3000;

/**
 * Readiness: the database answers within a few seconds and carries this version's migrations.
 * A proxy or orchestrator sends traffic only to a process that answers 200 here.
 */
export async function GET() {
  const engine = process.env.DATABASE_URL ? "postgresql" : "pglite";
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`数据库 ${TIMEOUT_MS} ms 内无响应 / no answer from the database within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    const check = (async () => {
      const database = await getDatabase();
      return { database, state: await checkReadiness(database.db) };
    })();
    const { database, state } = await Promise.race([check, timeout]);
    if (!state.ready) return Response.json({ ready: false, engine, error: state.reason }, { status: 503, headers: { "cache-control": "no-store" } });
    return Response.json({ ready: true, engine: database.engine, migration: database.migration }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return Response.json({ ready: false, engine, error: (error as Error).message }, { status: 503, headers: { "cache-control": "no-store" } });
  } finally {
    clearTimeout(timer);
  }
}
