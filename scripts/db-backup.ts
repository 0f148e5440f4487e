/**
 * npm run db:backup [-- --dir FOLDER]: one backup file of the configured database (embedded or
 * server). The last word of the last line is the file's path.
 */
import path from "node:path";
import { pgliteDir, readEnv } from "../src/env";
import { backupDatabase } from "../src/server/db/backup";
import { exitOnError } from "./lib";

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--dir");
  const dir = path.resolve(at >= 0 && args[at + 1] ? args[at + 1]! : (process.env.BACKUP_DIR ?? "backups"));
  const env = readEnv();
  const target = env.DATABASE_URL ? { engine: "postgresql" as const, url: env.DATABASE_URL } : { engine: "pglite" as const, dir: pgliteDir() };
  const file = await backupDatabase(target, dir);
  console.log(`备份完成 / backup written: ${file}`);
}

main().catch(exitOnError);
