import { and, count, eq, gt, max } from "drizzle-orm";
import type { Db } from "../db/client";
import * as s from "../db/schema";
import { dummyPasswordHash, verifyPassword } from "./password";
import { toSessionUser, type SessionUser } from "./session";
import { SIGN_IN_MESSAGES } from "@/lib/auth/sign-in-messages";
import { cleanQueryText } from "@/lib/text/input";
import { logEvent } from "../observability/log";
import { metrics } from "../observability/metrics";

export { SIGN_IN_MESSAGES };

/** Failures counted over this window, for one account and for one address. */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
/** Failures for one account (since its last success) that lock it for the window. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/**
 * Failures from one address that lock the address. Higher than the account limit because a whole
 * office signs in from behind one NAT address; an attacker spraying many usernames still hits it.
 */
export const ADDRESS_FAILURE_LIMIT = 20;
/** From the second failure on, each answer waits longer, up to this. */
const MAX_DELAY_MS = 4000;

export type SignInFailure = keyof typeof SIGN_IN_MESSAGES;
export type SignInResult = { ok: true; user: SessionUser; sessionVersion: number } | { ok: false; reason: SignInFailure };

export interface SignInOptions {
  now?: Date;
  /** Waits between failures; tests pass a recorder instead of a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A typed user name as looked up and recorded: cleaned of what cannot be stored (NUL, unpaired surrogates). */
export function normaliseUsername(raw: string): string {
  return cleanQueryText(raw, 64).toLowerCase();
}

async function recentFailures(db: Db, username: string, address: string, now: Date) {
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
  const [lastSuccess] = await db
    .select({ at: max(s.signInAttempts.at) })
    .from(s.signInAttempts)
    .where(and(eq(s.signInAttempts.username, username), eq(s.signInAttempts.succeeded, true), gt(s.signInAttempts.at, since)));
  const accountSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const [account] = await db
    .select({ n: count() })
    .from(s.signInAttempts)
    .where(and(eq(s.signInAttempts.username, username), eq(s.signInAttempts.succeeded, false), gt(s.signInAttempts.at, accountSince)));
  const [byAddress] = await db
    .select({ n: count() })
    .from(s.signInAttempts)
    .where(and(eq(s.signInAttempts.address, address), eq(s.signInAttempts.succeeded, false), gt(s.signInAttempts.at, since)));
  return { account: account?.n ?? 0, address: byAddress?.n ?? 0 };
}

/**
 * Check a username and password. Unknown users, wrong passwords and disabled accounts get the same
 * answer after the same work (a hash is verified either way); repeated failures for a username,
 * existing or not, or from an address are slowed down and then locked. The password is never
 * stored or logged, only whether the attempt succeeded.
 */
export async function signInWithPassword(
  db: Db,
  credentials: { username: string; password: string; address: string },
  options: SignInOptions = {},
): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const sleep = options.sleep ?? realSleep;
  // Bounded so that an oversized field cannot be used to fill the attempts table.
  const username = normaliseUsername(credentials.username).slice(0, 64);
  const address = credentials.address.slice(0, 64) || "unknown";
  const record = (succeeded: boolean) => db.insert(s.signInAttempts).values({ username, address, succeeded, at: now });

  const failures = await recentFailures(db, username, address, now);
  if (failures.account >= ACCOUNT_FAILURE_LIMIT || failures.address >= ADDRESS_FAILURE_LIMIT) {
    await record(false);
    metrics().signInLocks.inc();
    logEvent("sign_in.locked", { username, address }, "warn");
    return { ok: false, reason: "locked" };
  }

  const [row] = await db
    .select({ user: s.users, organisation: { code: s.organisations.code, name: s.organisations.name } })
    .from(s.users)
    .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId))
    .where(eq(s.users.username, username));
  const valid = await verifyPassword(row?.user.passwordHash ?? (await dummyPasswordHash()), credentials.password);
  if (row && valid && !row.user.disabled) {
    await record(true);
    logEvent("sign_in.succeeded", { username, userId: row.user.id, address });
    return { ok: true, user: toSessionUser(row.user, row.organisation), sessionVersion: row.user.sessionVersion };
  }

  await record(false);
  metrics().signInFailures.inc();
  logEvent("sign_in.failed", { username, address }, "warn");
  const failed = Math.max(failures.account, failures.address) + 1;
  if (failed >= 2) await sleep(Math.min(250 * 2 ** (failed - 2), MAX_DELAY_MS));
  return { ok: false, reason: "invalid" };
}
