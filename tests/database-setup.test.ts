import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/server/db/client";
import { DatabaseSetupError } from "@/server/db/errors";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "budget-pglite-"));
}

describe("opening the database", () => {
  it("an unreachable DATABASE_URL fails with one Chinese and English line naming the host, exit non-zero", async () => {
    const result = await run(process.execPath, [tsx, "scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" },
    }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in result ? result.code : 0).not.toBe(0);
    const lines = (result as { stderr: string }).stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/无法连接 PostgreSQL 服务器 127\.0\.0\.1:1\/nowhere/);
    expect(lines[0]).toMatch(/Cannot connect to the PostgreSQL server at 127\.0\.0\.1:1/);
  });

  it("an embedded folder migrated by a newer version is refused with backup and reset advice", async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await first.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', 99999999999999)`);
    await first.close();
    const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect((error as Error).message).toMatch(/更新版本/);
    expect((error as Error).message).toMatch(/Back it up/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("an embedded folder that is not a usable database is refused with backup and reset advice", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "PG_VERSION"), "9\n");
    const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect((error as Error).message).toMatch(/备份/);
    expect((error as Error).message).toMatch(/mv /);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reopening a migrated embedded folder applies nothing twice", async () => {
    const dir = tempDir();
    const a = await openDatabase({ dataDir: dir });
    await a.close();
    const b = await openDatabase({ dataDir: dir });
    const r = (await b.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: { tag: string }[] };
    expect(r.rows[0]!.n).toBe(journal.entries.length);
    expect(b.migration).toBe(journal.entries.at(-1)!.tag);
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
