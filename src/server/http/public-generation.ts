/**
 * The generation of this process's cached public data (Next's data cache entries behind the public
 * pages are keyed by it). A publication in another process cannot revalidate this process's tags,
 * so the publication listener moves the generation on instead: every later read misses and loads
 * afresh. Kept on globalThis: the server script and Next's bundle are separate module graphs in one
 * process. No Next imports here.
 */
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("dept-budget.public-data-generation");
type Holder = { [KEY]?: string };

export function publicDataGeneration(): string {
  const g = globalThis as Holder;
  // Random per process: Next keeps data-cache entries on disk across restarts, tag revalidations only in memory.
  g[KEY] ??= randomUUID();
  return g[KEY];
}

export function bumpPublicDataGeneration(): void {
  (globalThis as Holder)[KEY] = randomUUID();
}
