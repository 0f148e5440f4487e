/**
 * npm run db:backup / db:restore on both engines: one file, its path as the last word; a restore
 * refuses a database holding data unless forced, and brings back exactly what was backed up.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { backupDatabase, restoreDatabase } from "@/server/db/backup";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-backup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function displayNameOf(dir: string, username: string) {
  const d = await openDatabase({ dataDir: dir });
  try {
    const [u] = await d.db.select({ n: s.users.displayName }).from(s.users).where(eq(s.users.username, username));
    return u?.n;
  } finally {
    await d.close();
  }
}

describe("embedded database (PGlite)", () => {
  it("npm run db:backup writes one file; db:restore refuses a database with data unless --force, and restores it", { timeout: 600_000 }, async () => {
    const dataDir = path.join(tmp, "data");
    const dir = path.join(dataDir, "pglite");
    const d = await openDatabase({ dataDir: dir });
    await seedDatabase(d.db);
    await d.close();
    const original = await displayNameOf(dir, "preparer");
    expect(original).toBeTruthy();

    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, BACKUP_DIR: path.join(tmp, "backups") };
    delete env.DATABASE_URL;
    const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
    const backup = spawnSync(process.execPath, [tsx, "scripts/db-backup.ts"], { env, encoding: "utf8" });
    expect(backup.status, backup.stderr).toBe(0);
    const file = backup.stdout.trim().split("\n").at(-1)?.split(/\s+/).at(-1) ?? "";
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(path.join(tmp, "backups"))).toEqual([path.basename(file)]);

    // The data changes after the backup…
    const changed = await openDatabase({ dataDir: dir });
    await changed.db.update(s.users).set({ displayName: "改过的名字" }).where(eq(s.users.username, "preparer"));
    await changed.close();

    // …a restore over it is refused without --force and changes nothing…
    const refused = spawnSync(process.execPath, [tsx, "scripts/db-restore.ts", file], { env, encoding: "utf8" });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/已有数据.*--force/);
    expect(await displayNameOf(dir, "preparer")).toBe("改过的名字");

    // …and with --force brings the backed-up data back, keeping the replaced folder.
    const forced = spawnSync(process.execPath, [tsx, "scripts/db-restore.ts", file, "--force"], { env, encoding: "utf8" });
    expect(forced.status, forced.stderr).toBe(0);
    expect(await displayNameOf(dir, "preparer")).toBe(original);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith("pglite.before-restore-"))).toHaveLength(1);

    // Into an empty folder, no --force is needed.
    const fresh = path.join(tmp, "fresh", "pglite");
    await restoreDatabase({ engine: "pglite", dir: fresh }, file);
    expect(await displayNameOf(fresh, "preparer")).toBe(original);
  });
});

const server = process.env.DATABASE_URL;
const hasPgDump = spawnSync("pg_dump", ["--version"]).status === 0;

describe.skipIf(!server || !hasPgDump)("PostgreSQL server (pg_dump / pg_restore)", () => {
  let source: TestDatabase | undefined;
  let target: TestDatabase | undefined;
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it("backs up one database and restores it into another; refuses a non-empty one unless forced", { timeout: 600_000 }, async () => {
    source = await createTestDatabase();
    await seedDatabase(source.db);
    const [before] = await source.db.select({ n: s.users.displayName }).from(s.users).where(eq(s.users.username, "reviewer"));
    const file = await backupDatabase({ engine: "postgresql", url: source.url ?? "" }, path.join(tmp, "server-backups"));

    // A migrated but empty database (the app started once) counts as empty.
    target = await createTestDatabase();
    const url = target.url ?? "";
    await restoreDatabase({ engine: "postgresql", url }, file);
    const count = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const r = await c.query("SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM published_snapshots)::int AS snaps, (SELECT display_name FROM users WHERE username = 'reviewer') AS name");
        return r.rows[0] as { users: number; snaps: number; name: string };
      } finally {
        await c.end();
      }
    };
    const restored = await count();
    expect(restored.users).toBeGreaterThan(0);
    expect(restored.snaps).toBeGreaterThan(0);
    expect(restored.name).toBe(before?.n);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("UPDATE users SET display_name = '改过的名字' WHERE username = 'reviewer'");
    await c.end();
    await expect(restoreDatabase({ engine: "postgresql", url }, file)).rejects.toThrow(/已有数据/);
    expect((await count()).name).toBe("改过的名字");
    await restoreDatabase({ engine: "postgresql", url }, file, { force: true });
    expect(await count()).toEqual(restored);
  });
});
