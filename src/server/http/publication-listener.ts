/**
 * Several app processes on one PostgreSQL server: each LISTENs on `dept_budget_public`, which a
 * trigger on published_snapshots notifies when a publication or correction commits (migration
 * 0017). On a notification the process clears its public page cache and moves its public data
 * generation on, so the next reader sees the new figures at once. A lost connection is re-opened;
 * notifications sent meanwhile are lost, so (re)connecting clears the caches too. No Next imports.
 *
 * The embedded engine (PGlite) admits one process, whose publishing path clears its own caches.
 */
import pg from "pg";
import { clearPublicPageCache } from "./page-cache";
import { bumpPublicDataGeneration } from "./public-generation";

export const PUBLICATION_CHANNEL = "dept_budget_public";

/** Everything a process caches about the public site, dropped. */
export function forgetPublicCaches(): void {
  bumpPublicDataGeneration();
  clearPublicPageCache();
}

export interface PublicationListener {
  /** Resolves when LISTEN is in place (the first time). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listenForPublications(
  url: string,
  options: { onChange?: (payload: string) => void; retryMs?: number; log?: (line: string) => void } = {},
): PublicationListener {
  const onChange = options.onChange ?? (() => forgetPublicCaches());
  const retryMs = options.retryMs ?? 2000;
  const log = options.log ?? ((line: string) => console.error(line));
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    const retry = () => {
      if (closed || client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      timer = setTimeout(() => void connect(), retryMs);
    };
    c.on("error", (error) => {
      log(`publication listener: connection lost (${error.message}); reconnecting`);
      retry();
    });
    c.on("end", retry);
    c.on("notification", (message) => {
      if (message.channel === PUBLICATION_CHANNEL) onChange(message.payload ?? "");
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PUBLICATION_CHANNEL}`);
      // Anything published while we were not listening.
      onChange("");
      markReady();
    } catch (error) {
      log(`publication listener: cannot listen (${(error as Error).message}); retrying`);
      retry();
    }
  };
  void connect();

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
