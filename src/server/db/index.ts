import "server-only";
import { readEnv, pgliteDir } from "@/env";
import { openDatabase, type Database } from "./client";

export type { Db, DbOrTx, Tx, Engine, Database } from "./client";

const globalForDb = globalThis as unknown as { __budgetDb?: Promise<Database> };

/**
 * The application's database, opened once per process: PGlite in DATA_DIR without DATABASE_URL,
 * a node-postgres pool with it. Migrations apply on first use.
 */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.__budgetDb) {
    const env = readEnv();
    const opening = openDatabase({ url: env.DATABASE_URL, dataDir: pgliteDir() });
    globalForDb.__budgetDb = opening;
    // A failed open is not cached: the next request tries again (e.g. after the server came up).
    opening.catch(() => {
      if (globalForDb.__budgetDb === opening) globalForDb.__budgetDb = undefined;
    });
  }
  return globalForDb.__budgetDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
