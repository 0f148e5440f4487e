import path from "node:path";
import { z } from "zod";

const schema = z.object({
  /** A PostgreSQL server. Without it, the embedded PGlite engine keeps its data in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Where the embedded database and the generated auth secret live. */
  DATA_DIR: z.string().trim().default(".data"),
  AUTH_SECRET: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

export type Env = z.infer<typeof schema>;

/** Read at call time, not import time, so tests and scripts can set variables first. */
export function readEnv(): Env {
  return schema.parse(process.env);
}

export function dataDir(): string {
  return path.resolve(readEnv().DATA_DIR);
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}
