/**
 * A byte-bounded, in-process LRU cache for the public side's data, documents and downloads
 * (instead of Next's data cache, which keeps files under .next/cache keyed per start and never
 * removes them). Everything it holds is derived from published snapshots: a publication or a
 * correction clears it through the same entry point as the page cache (`clearPublicPageCache`).
 *
 * No Next imports: loaded by scripts/serve.ts as plain Node and inside Next's bundle alike; the
 * two meet through `globalThis`.
 */

const LISTENERS = Symbol.for("dept-budget.public-cache-clear-listeners");

type Listener = () => void;

function listeners(): Set<Listener> {
  const g = globalThis as Record<symbol, unknown>;
  let set = g[LISTENERS] as Set<Listener> | undefined;
  if (!set) {
    set = new Set();
    g[LISTENERS] = set;
  }
  return set;
}

/** Run `fn` whenever the public caches are cleared (a publication, a correction). */
export function onPublicCachesCleared(fn: Listener): () => void {
  listeners().add(fn);
  return () => listeners().delete(fn);
}

/** Clear every cache registered with onPublicCachesCleared. */
export function notifyPublicCachesCleared(): void {
  for (const fn of listeners()) fn();
}

/** Megabytes from an environment variable, or the default. */
export function megabytesFromEnv(name: string, fallbackMb: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallbackMb * 1024 * 1024;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of megabytes, got "${raw}"`);
  return Math.floor(n * 1024 * 1024);
}

/**
 * An estimate of the memory a value takes: strings at two bytes a character, buffers by length,
 * anything else by its JSON text (×3 for the objects' own overhead).
 */
export function estimateBytes(value: unknown): number {
  if (value === null || value === undefined) return 16;
  if (typeof value === "string") return 2 * value.length + 64;
  if (value instanceof Uint8Array) return value.byteLength + 64;
  if (typeof value === "object" && "bytes" in value && typeof (value as { bytes: unknown }).bytes === "number")
    return (value as { bytes: number }).bytes + 64;
  return 3 * JSON.stringify(value).length + 64;
}

export interface BoundedCacheOptions {
  /** The bound, in bytes, of the values held (estimated with `sizeOf`). */
  maxBytes: number;
  sizeOf?: (value: unknown) => number;
  /** Clear with the other public caches on publication (default true). */
  clearOnPublication?: boolean;
}

export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private readonly sizeOf: (value: unknown) => number;
  readonly maxBytes: number;
  private total = 0;
  private generation = 0;

  constructor(options: BoundedCacheOptions) {
    this.maxBytes = options.maxBytes;
    this.sizeOf = options.sizeOf ?? estimateBytes;
    if (options.clearOnPublication !== false) onPublicCachesCleared(() => this.clear());
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held (estimated), never above maxBytes. */
  get bytes(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Store unless the cache was cleared since `generation` (a load that began before a publication). */
  set(key: string, value: V, generation = this.generation): void {
    if (generation !== this.generation) return;
    const bytes = this.sizeOf(value) + 2 * key.length;
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  /** The cached value, or load it once (concurrent callers share the load) and keep it. */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    if (this.entries.has(key)) return Promise.resolve(this.get(key) as V);
    const running = this.pending.get(key);
    if (running) return running;
    const generation = this.generation;
    const job = load().then(
      (value) => {
        this.pending.delete(key);
        this.set(key, value, generation);
        return value;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, job);
    return job;
  }

  currentGeneration(): number {
    return this.generation;
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.pending.clear();
    this.total = 0;
  }
}
