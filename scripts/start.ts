/**
 * npm start: build when the sources are newer than the build, migrate, seed the embedded
 * database on first start, then serve on PORT (default 3000): Next behind the public-page cache.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../src/env";
import { isSeeded, seedDatabase } from "../src/server/db/seed";
import { ensureAuthSecret, exitOnError, openConfiguredDatabase } from "./lib";
import { serve } from "./serve";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const inputs = ["src", "public", "drizzle", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
  return inputs.some((p) => newestMtime(path.join(root, p)) > built);
}

async function main() {
  const env = readEnv();
  const secret = ensureAuthSecret();

  if (needsBuild()) {
    console.log("正在构建应用（next build）… / building the app");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const database = await openConfiguredDatabase();
  try {
    // The embedded default seeds itself on first start; a server is seeded only on request (npm run db:seed).
    if (database.engine === "pglite" && !(await isSeeded(database.db))) {
      console.log("首次启动：正在载入示例数据和演示账号… / first start: loading the sample data and demo accounts");
      console.log(await seedDatabase(database.db));
    }
    console.log(`数据库：${database.engine}，迁移 ${database.migration}`);
  } finally {
    // PGlite admits one connection at a time: release it before the server opens its own.
    await database.close();
  }

  process.env.AUTH_SECRET = secret;
  process.env.NEXTAUTH_SECRET = secret;
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  await serve({ port: env.PORT });
  console.log(`部门预算公开平台已启动：http://localhost:${env.PORT} / listening on http://localhost:${env.PORT}`);
}

main().catch(exitOnError);
