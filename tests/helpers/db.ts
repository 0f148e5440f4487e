import crypto from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/server/db/client";

export interface TestDatabase extends Database {
  /** Which database this is, for messages. */
  name: string;
  /** The server database's URL (undefined for PGlite). */
  url?: string;
}

/**
 * A throwaway database for one test file: PGlite in memory by default, or a fresh database on
 * the server named by DATABASE_URL (created here, dropped on close). Never the user's .data/.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDatabase({});
    return { ...db, name: "pglite:memory" };
  }
  const name = `budget_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ url: target.toString(), poolSize: 4 });
  return {
    ...db,
    name,
    url: target.toString(),
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
