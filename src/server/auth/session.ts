import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { Role } from "@/lib/auth/permissions";

/** Absolute session lifetime: a session ends this long after sign-in, however active it was. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** What a user may see: their unit, their department's units, or everything (admin). */
export type Scope = { kind: "unit"; unitId: number } | { kind: "department"; departmentId: number } | { kind: "all" };

/** The signed-in user as every procedure sees it, already checked against the database. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
  organisationCode: string;
  organisationName: string;
  scope: Scope;
}

/** What the session cookie carries about the user (signed by next-auth, checked again here). */
export interface SessionClaims {
  userId: number;
  /** When the user signed in, in ms since the epoch. */
  authAt: number;
  /** The user's session version at sign-in; the session ends when the user's moves on. */
  sessionVersion: number;
}

export function scopeOf(role: Role, organisationId: number): Scope {
  switch (role) {
    case "preparer":
      return { kind: "unit", unitId: organisationId };
    case "reviewer":
      return { kind: "department", departmentId: organisationId };
    case "admin":
      return { kind: "all" };
  }
}

/** The user behind a session's claims, or null when the session must not be honoured. */
export async function resolveSessionUser(db: DbOrTx, claims: SessionClaims, now: Date = new Date()): Promise<SessionUser | null> {
  if (now.getTime() - claims.authAt > SESSION_MAX_AGE_SECONDS * 1000 || claims.authAt > now.getTime() + 60_000) return null;
  const [row] = await db
    .select({ user: s.users, organisation: { code: s.organisations.code, name: s.organisations.name } })
    .from(s.users)
    .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId))
    .where(eq(s.users.id, claims.userId));
  if (!row || row.user.disabled) return null;
  // Sign-out, a password change, disabling or enabling moved the version on: this session has ended.
  if (claims.sessionVersion !== row.user.sessionVersion) return null;
  // A password change or reset ends every session opened before it.
  if (claims.authAt < row.user.passwordChangedAt.getTime()) return null;
  return toSessionUser(row.user, row.organisation);
}

export function toSessionUser(user: typeof s.users.$inferSelect, organisation: { code: string; name: string }): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisationId,
    organisationCode: organisation.code,
    organisationName: organisation.name,
    scope: scopeOf(user.role, user.organisationId),
  };
}
