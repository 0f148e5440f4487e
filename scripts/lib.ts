import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, pgliteDir, readEnv } from "../src/env";
import { openDatabase, type Database } from "../src/server/db/client";
import { DatabaseSetupError } from "../src/server/db/errors";

/** Open the configured database (server or embedded) and migrate it. */
export function openConfiguredDatabase(): Promise<Database> {
  const env = readEnv();
  return openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : pgliteDir() });
}

/** The auth secret: from the environment, else generated once and kept beside the embedded data. */
export function ensureAuthSecret(): string {
  const env = readEnv();
  const given = env.AUTH_SECRET || env.NEXTAUTH_SECRET;
  if (given) return given;
  const file = path.join(dataDir(), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir(), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Print a setup error as its one- or two-line message and exit non-zero; anything else with its stack. */
export function exitOnError(error: unknown): never {
  if (error instanceof DatabaseSetupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
}
