/**
 * Which request the running code serves: its id (also sent back as `x-request-id`) and, once the
 * session is checked, the signed-in user's id. The custom server opens the context around Next's
 * handler; code inside Next's bundle reaches the same AsyncLocalStorage through `globalThis`.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestInfo {
  id: string;
  userId?: number;
}

const KEY = Symbol.for("dept-budget.request-context");

function storage(): AsyncLocalStorage<RequestInfo> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestInfo> | undefined>;
  return (g[KEY] ??= new AsyncLocalStorage<RequestInfo>());
}

export function runWithRequest<T>(info: RequestInfo, fn: () => T): T {
  return storage().run(info, fn);
}

export function currentRequest(): RequestInfo | undefined {
  return storage().getStore();
}

/** Record who the current request is from, for its log line. */
export function noteRequestUser(userId: number) {
  const info = currentRequest();
  if (info) info.userId = userId;
}
