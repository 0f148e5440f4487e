/**
 * Backup and restore of the configured database, as an operator runs them (npm run db:backup,
 * npm run db:restore -- FILE [--force]).
 *
 * - Embedded engine (PGlite, DATA_DIR/pglite): the whole data folder as one gzipped tarball
 *   (PGlite's dumpDataDir); restoring loads it into a fresh folder (loadDataDir). Stop the app first:
 *   the embedded engine admits one process.
 * - PostgreSQL server (DATABASE_URL): pg_dump's custom format; restoring runs pg_restore in one
 *   transaction. The pg_dump on the machine must be at least the server's version.
 *
 * A restore refuses a target that holds data unless forced; forced, an embedded folder is kept
 * beside the new one (renamed, not deleted) and a server database is cleaned and replaced.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { DatabaseSetupError } from "./errors";

export type BackupTarget = { engine: "pglite"; dir: string } | { engine: "postgresql"; url: string };

const PGLITE_SUFFIX = ".pglite.tar.gz";
const SERVER_SUFFIX = ".pgdump";

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

/** Tables of the public schema that hold at least one row (drizzle's migration log lives elsewhere). */
async function tablesWithRows(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<string[]> {
  const { rows } = await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const out: string[] = [];
  for (const r of rows) {
    const name = String(r.tablename);
    const { rows: any } = await query(`SELECT EXISTS (SELECT 1 FROM "${name.replace(/"/g, '""')}") AS x`);
    if (any[0]?.x === true) out.push(name);
  }
  return out;
}

function pgliteHasData(dir: string): boolean {
  return fs.existsSync(path.join(dir, "PG_VERSION"));
}

function run(command: string, args: string[], what: string) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new DatabaseSetupError(`找不到 ${command}：请安装 PostgreSQL 客户端工具（版本不低于服务器）/ ${command} not found: install the PostgreSQL client tools (at least the server's version)`);
  }
  if (result.status !== 0) {
    throw new DatabaseSetupError(`${what}失败 / ${what} failed: ${(result.stderr || result.stdout || "").trim().split("\n").slice(-5).join("\n")}`);
  }
  return result;
}

/** Write a backup of `target` into `outDir`; returns the file's absolute path. */
export async function backupDatabase(target: BackupTarget, outDir: string, now = new Date()): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  if (target.engine === "pglite") {
    if (!pgliteHasData(target.dir)) throw new DatabaseSetupError(`嵌入式数据库目录 ${target.dir} 不存在或为空 / no embedded database in ${target.dir}`);
    const file = path.resolve(outDir, `budget-${stamp(now)}${PGLITE_SUFFIX}`);
    const db = await PGlite.create(target.dir);
    try {
      const dump = await db.dumpDataDir("gzip");
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    } finally {
      await db.close();
    }
    return file;
  }
  const file = path.resolve(outDir, `budget-${stamp(now)}${SERVER_SUFFIX}`);
  run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${target.url}`], "pg_dump 备份");
  fs.chmodSync(file, 0o600);
  return file;
}

export interface RestoreResult {
  /** Forced over an embedded database: where the previous folder was kept. */
  keptPrevious?: string;
}

/** Restore `file` into `target`; refuses a target holding data unless `force`. */
export async function restoreDatabase(target: BackupTarget, file: string, options: { force?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new DatabaseSetupError(`备份文件不存在：${file} / no such backup file: ${file}`);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  const isServerDump = head.toString("latin1") === "PGDMP";
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;

  if (target.engine === "pglite") {
    if (!isGzip) throw new DatabaseSetupError(`${file} 不是嵌入式数据库的备份（*${PGLITE_SUFFIX}）/ not a backup of the embedded database`);
    const result: RestoreResult = {};
    if (pgliteHasData(target.dir)) {
      const existing = await PGlite.create(target.dir);
      let tables: string[];
      try {
        tables = await tablesWithRows((q) => existing.query(q) as Promise<{ rows: Record<string, unknown>[] }>);
      } finally {
        await existing.close();
      }
      if (tables.length > 0 && !options.force) {
        throw new DatabaseSetupError(
          `目标数据库 ${target.dir} 已有数据（${tables.length} 个表），未恢复。确认覆盖请加 --force（原目录会改名保留）。\n` +
            `The database in ${target.dir} is not empty (${tables.length} tables hold rows); nothing was restored. Add --force to replace it (the old folder is kept, renamed).`,
        );
      }
      result.keptPrevious = `${target.dir}.before-restore-${stamp(options.now ?? new Date())}`;
      fs.renameSync(target.dir, result.keptPrevious);
    }
    fs.mkdirSync(target.dir, { recursive: true });
    const blob = new Blob([fs.readFileSync(file)]);
    const db = await PGlite.create(target.dir, { loadDataDir: blob });
    await db.query("SELECT 1");
    await db.close();
    return result;
  }

  if (!isServerDump) throw new DatabaseSetupError(`${file} 不是 PostgreSQL 服务器的备份（pg_dump 自定义格式，*${SERVER_SUFFIX}）/ not a pg_dump custom-format backup`);
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  let tables: string[];
  try {
    tables = await tablesWithRows((q) => client.query(q));
  } finally {
    await client.end();
  }
  if (tables.length > 0 && !options.force) {
    throw new DatabaseSetupError(
      `目标数据库已有数据（${tables.length} 个表），未恢复。确认覆盖请加 --force。\n` +
        `The target database is not empty (${tables.length} tables hold rows); nothing was restored. Add --force to replace its content.`,
    );
  }
  run(
    "pg_restore",
    ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${target.url}`, file],
    "pg_restore 恢复",
  );
  return {};
}
