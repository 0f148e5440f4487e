import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";

/**
 * End every session of a user: their session version moves on, and a session is honoured only
 * while it carries the current one. With `only`, only if the version is still that one (a sign-out
 * with an old cookie does not end the sessions opened since).
 */
export async function endUserSessions(db: DbOrTx, userId: number, only?: number): Promise<void> {
  await db
    .update(s.users)
    .set({ sessionVersion: sql`${s.users.sessionVersion} + 1` })
    .where(only === undefined ? eq(s.users.id, userId) : and(eq(s.users.id, userId), eq(s.users.sessionVersion, only)));
}
