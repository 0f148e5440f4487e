/**
 * Structured logs: one JSON line per request and per significant event, to stdout, with the level
 * set by LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default info, silent under
 * vitest). Plain Node: the custom server (scripts/serve.ts) and the code inside Next's bundle share
 * one logger through `globalThis`. Nothing secret is ever passed to it; the redaction below is a
 * second line of defence for fields that must never reach a log even by mistake.
 */
import pino, { type DestinationStream, type Logger } from "pino";

const KEY = Symbol.for("dept-budget.logger");

const REDACT = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "cookie",
  "*.cookie",
  "authorization",
  "*.authorization",
  "headers",
  "*.headers",
  "secret",
  "*.secret",
];

export function defaultLogLevel(): string {
  return process.env.LOG_LEVEL?.trim() || (process.env.VITEST ? "silent" : "info");
}

export function createLogger(destination?: DestinationStream, level: string = defaultLogLevel()): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, remove: true },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

type Registry = Record<symbol, Logger | undefined>;

/** The process's logger. */
export function logger(): Logger {
  const g = globalThis as unknown as Registry;
  return (g[KEY] ??= createLogger());
}

/** Replace the process's logger (tests capture lines this way); returns the previous one. */
export function setLogger(next: Logger): Logger {
  const g = globalThis as unknown as Registry;
  const previous = logger();
  g[KEY] = next;
  return previous;
}

export type EventName =
  | "sign_in.succeeded"
  | "sign_in.failed"
  | "sign_in.locked"
  | "workflow"
  | "publication"
  | "import"
  | "cache.invalidated"
  | "migration"
  | "server.started"
  | "overload";

/** A significant event, e.g. `logEvent("publication", { budgetId, year, unitCode })`. */
export function logEvent(event: EventName, fields: Record<string, unknown> = {}, level: "info" | "warn" | "error" = "info") {
  logger()[level]({ event, ...fields });
}
