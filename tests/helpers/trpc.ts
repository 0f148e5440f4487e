import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { toSessionUser, type SessionUser } from "@/server/auth/session";

export type Caller = ReturnType<typeof createCaller>;
export type Outcome = "OK" | TRPCError["code"];

/** The session user a signed-in demo account has, built from the database as the context does. */
export async function sessionUserOf(db: DbOrTx, username: string): Promise<SessionUser> {
  const [row] = await db
    .select({ user: s.users, organisation: { code: s.organisations.code, name: s.organisations.name } })
    .from(s.users)
    .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId))
    .where(eq(s.users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return toSessionUser(row.user, row.organisation);
}

export function callerFor(db: DbOrTx, user: SessionUser | null): Caller {
  return createCaller(createContext({ db, user }));
}

export async function callerOf(db: DbOrTx, username: string | null): Promise<Caller> {
  return callerFor(db, username === null ? null : await sessionUserOf(db, username));
}

/** "OK" or the tRPC error code the call answered with. */
export async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** The TRPCError a call failed with (fails the test if it succeeded). */
export async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

export async function unitIdOf(db: DbOrTx, code: string): Promise<number> {
  const [row] = await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code));
  if (!row) throw new Error(`no organisation ${code}`);
  return row.id;
}

/** Submit with every current warning acknowledged, as a preparer who read them does. */
export async function submitAcknowledging(preparer: Caller, ref: { budgetId: number; version: number }) {
  const { checks } = await preparer.budgets.checks({ budgetId: ref.budgetId });
  const acknowledgedWarnings = checks.filter((c) => c.severity === "warning").map((c) => c.id);
  return preparer.workflow.submit({ ...ref, acknowledgedWarnings });
}

class Rollback extends Error {}

/** Run `fn` in a transaction (a savepoint inside one) and undo everything it did. */
export async function rolledBack<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let out: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      out = { value: await fn(tx) };
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!out) throw new Error("transaction produced nothing");
  return out.value;
}
