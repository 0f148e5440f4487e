import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema";
import { DatabaseSetupError, describeServerUrl } from "./errors";
import { logEvent } from "../observability/log";
import { metrics } from "../observability/metrics";

export type Schema = typeof schema;
/** The one database type everything above this module uses; it does not say which engine runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: queries take this. */
export type DbOrTx = Db | Tx;

export type Engine = "pglite" | "postgresql";

/** Raw SQL rows, the same on both engines (both drivers answer with `rows`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface Database {
  db: Db;
  engine: Engine;
  /** The tag of the newest migration applied, e.g. "0001_snapshot_immutable". */
  migration: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL server URL; without it, PGlite. */
  url?: string;
  /** PGlite folder; undefined means in memory (tests). */
  dataDir?: string;
  /** Pool size for the server engine. */
  poolSize?: number;
}

export function migrationsFolder(): string {
  return path.resolve(process.cwd(), "drizzle");
}

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

function readJournal(): JournalEntry[] {
  const file = path.join(migrationsFolder(), "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(file, "utf8")) as { entries: JournalEntry[] };
  return journal.entries;
}

function assertNotBuilding() {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("next build must not open the database: render this page at request time");
  }
}

/**
 * Refuse a database that was migrated by a newer version of this application: applying our
 * older migrations on top of it could only do harm.
 */
async function checkCompatible(db: Db, journal: JournalEntry[], where: string): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!exists?.present) return journal.length;
  const applied = await queryRows<{ created_at: string }>(
    db,
    sql`SELECT created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at`,
  );
  const known = new Set(journal.map((e) => String(e.when)));
  const unknown = applied.filter((r) => !known.has(String(r.created_at)));
  if (unknown.length > 0) {
    throw new DatabaseSetupError(
      `数据库 ${where} 由更新版本的程序创建（含 ${unknown.length} 个本版本未知的迁移），不能使用。请先备份后升级程序，或备份后重置。\n` +
        `The database at ${where} was migrated by a newer version of this application (${unknown.length} unknown migrations). Back it up, then upgrade the application or reset the database.`,
    );
  }
  return journal.length - applied.length;
}

/** Log the migrations a start applied (none is the usual case, and is not logged). */
function logMigrations(engine: Engine, where: string, pending: number, journal: JournalEntry[]) {
  if (pending > 0) logEvent("migration", { engine, where, applied: pending, latest: latestTag(journal) });
}

type Queryable = { query: (...args: never[]) => unknown };

/** Time every statement a client sends into the db_query_duration_seconds histogram. */
function timeQueries(target: Queryable, engine: Engine) {
  const histogram = metrics().dbQueryDuration;
  const original = target.query.bind(target) as (...args: unknown[]) => unknown;
  target.query = ((...args: unknown[]) => {
    const end = histogram.startTimer({ engine });
    const last = args[args.length - 1];
    // node-postgres's pool calls its clients with a callback rather than a promise.
    if (typeof last === "function") {
      args[args.length - 1] = (...results: unknown[]) => {
        end();
        return (last as (...a: unknown[]) => unknown)(...results);
      };
      return original(...args);
    }
    try {
      const result = original(...args);
      if (result && typeof (result as { then?: unknown }).then === "function") (result as Promise<unknown>).then(() => end(), () => end());
      else end();
      return result;
    } catch (error) {
      end();
      throw error;
    }
  }) as Queryable["query"];
}

/** The newest migration this version of the application knows, e.g. "0003_organisation_short_name". */
export function expectedMigration(): string {
  return latestTag(readJournal());
}

/**
 * Whether the database answers and carries every migration this version knows: a process whose
 * database is down or behind must not be sent traffic.
 */
export async function checkReadiness(db: Db): Promise<{ ready: true } | { ready: false; reason: string }> {
  const journal = readJournal();
  const applied = await queryRows<{ created_at: string }>(db, sql`SELECT created_at::text AS created_at FROM drizzle.__drizzle_migrations`);
  const done = new Set(applied.map((r) => String(r.created_at)));
  const missing = journal.filter((e) => !done.has(String(e.when)));
  if (missing.length > 0) {
    const tags = missing.map((e) => e.tag).join(", ");
    return { ready: false, reason: `数据库缺少迁移 ${tags} / the database lacks migrations ${tags}` };
  }
  return { ready: true };
}

function latestTag(journal: JournalEntry[]): string {
  return journal[journal.length - 1]?.tag ?? "";
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const journal = readJournal();
  let client: PGlite;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
  }
  try {
    // pg_trgm (shipped with PGlite) speeds up the public search's ILIKE (migration 0014).
    const extensions = { pg_trgm };
    client = dataDir ? await PGlite.create(dataDir, { extensions }) : await PGlite.create({ extensions });
  } catch (cause) {
    const shown = dataDir ?? "(memory)";
    throw new DatabaseSetupError(
      `嵌入式数据库目录 ${shown} 无法打开，可能由不兼容的版本创建或已损坏。请先备份（例如 mv ${shown} ${shown}.bak），再运行 npm start 重新创建并载入示例数据。\n` +
        `The embedded database in ${shown} cannot be opened: it may come from an incompatible version or be damaged. Back it up (e.g. mv ${shown} ${shown}.bak), then run npm start to create it afresh with the sample data.`,
      { cause },
    );
  }
  timeQueries(client as unknown as Queryable, "pglite");
  const transaction = client.transaction.bind(client);
  client.transaction = ((callback: (tx: Queryable) => Promise<unknown>) =>
    transaction(async (tx) => {
      timeQueries(tx as unknown as Queryable, "pglite");
      return callback(tx as unknown as Queryable);
    })) as typeof client.transaction;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const where = dataDir ?? "(memory)";
  try {
    const pending = await checkCompatible(db, journal, where);
    // drizzle applies all pending migrations in one transaction: all or nothing.
    await migratePglite(db as never, { migrationsFolder: migrationsFolder() });
    logMigrations("pglite", where, pending, journal);
  } catch (cause) {
    await client.close().catch(() => undefined);
    if (cause instanceof DatabaseSetupError) throw cause;
    throw new DatabaseSetupError(
      `嵌入式数据库 ${where} 迁移失败，数据库保持迁移前的状态。请备份该目录（例如 mv ${where} ${where}.bak）后重新运行 npm start。原因：${(cause as Error).message}\n` +
        `Migrating the embedded database in ${where} failed; it was left as it was before. Back the folder up (e.g. mv ${where} ${where}.bak) and run npm start again.`,
      { cause },
    );
  }
  return {
    db,
    engine: "pglite",
    migration: latestTag(journal),
    close: () => client.close(),
  };
}

/** Advisory lock key of the migrations (any fixed bigint; "budgetmg" in ASCII). */
const MIGRATION_LOCK = "7094687183238622567";

async function openServer(url: string, poolSize: number): Promise<Database> {
  const journal = readJournal();
  const where = describeServerUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => undefined);
  // Every physical connection is timed; pool.query goes through them too.
  pool.on("connect", (connection) => timeQueries(connection as unknown as Queryable, "postgresql"));
  metrics().sources.pool = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  try {
    const c = await pool.connect();
    c.release();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DatabaseSetupError(
      `无法连接 PostgreSQL 服务器 ${where}：${(cause as Error).message} / Cannot connect to the PostgreSQL server at ${where}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  try {
    // Several app processes may start at once on one server: one migrates, the others wait for it
    // (a session advisory lock held on its own connection) and then find nothing left to apply.
    const lock = await pool.connect();
    try {
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      const pending = await checkCompatible(db, journal, where);
      await migratePg(db as never, { migrationsFolder: migrationsFolder() });
      logMigrations("postgresql", where, pending, journal);
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      lock.release();
    }
  } catch (cause) {
    await pool.end().catch(() => undefined);
    if (cause instanceof DatabaseSetupError) throw cause;
    throw new DatabaseSetupError(
      `数据库 ${where} 迁移失败，数据库保持迁移前的状态（迁移在一个事务中执行）。请备份数据库（pg_dump）后检查原因：${(cause as Error).message}\n` +
        `Migrating the database at ${where} failed and was rolled back. Back it up (pg_dump) and check the cause.`,
      { cause },
    );
  }
  return {
    db,
    engine: "postgresql",
    migration: latestTag(journal),
    close: () => pool.end(),
  };
}

/** Open a database and bring its schema up to date. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  assertNotBuilding();
  if (options.url) return openServer(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}
