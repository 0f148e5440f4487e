/**
 * npm run db:restore -- FILE [--force]: restore a backup made by npm run db:backup into the
 * configured database. Refuses a database that holds data unless --force. Stop the app first.
 */
import path from "node:path";
import { pgliteDir, readEnv } from "../src/env";
import { restoreDatabase } from "../src/server/db/backup";
import { exitOnError } from "./lib";

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => !a.startsWith("--"));
  if (files.length !== 1) {
    console.error("用法 / usage: npm run db:restore -- FILE [--force]");
    process.exit(2);
  }
  const file = path.resolve(files[0]!);
  const env = readEnv();
  const target = env.DATABASE_URL ? { engine: "postgresql" as const, url: env.DATABASE_URL } : { engine: "pglite" as const, dir: pgliteDir() };
  const result = await restoreDatabase(target, file, { force });
  if (result.keptPrevious) console.log(`原数据库目录已保留 / the previous folder was kept: ${result.keptPrevious}`);
  console.log(`恢复完成，启动应用时会自动执行迁移 / restored ${file}; npm start migrates it if needed`);
}

main().catch(exitOnError);
