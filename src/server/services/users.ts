import { asc, eq } from "drizzle-orm";
import { endUserSessions } from "../queries/sessions";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { SessionUser } from "../auth/session";
import { hashPassword, verifyPassword } from "../auth/password";
import { normaliseUsername } from "../auth/sign-in";
import { ROLE_ORGANISATION_KIND, type Role } from "@/lib/auth/permissions";
import { AppError, assertPermission } from "./errors";
import { writeAudit } from "./audit";

/*
 * Accounts. Passwords are hashed before anything else sees them; audit rows record that a
 * password changed (its time), never the password or its hash.
 */

export function listUsers(db: DbOrTx) {
  return db
    .select({
      id: s.users.id,
      username: s.users.username,
      displayName: s.users.displayName,
      role: s.users.role,
      organisationId: s.users.organisationId,
      organisationCode: s.organisations.code,
      organisationName: s.organisations.name,
      disabled: s.users.disabled,
      createdAt: s.users.createdAt,
    })
    .from(s.users)
    .innerJoin(s.organisations, eq(s.organisations.id, s.users.organisationId))
    .orderBy(asc(s.users.username));
}

export function listOrganisations(db: DbOrTx) {
  return db
    .select({ id: s.organisations.id, kind: s.organisations.kind, code: s.organisations.code, name: s.organisations.name })
    .from(s.organisations)
    .where(eq(s.organisations.active, true))
    .orderBy(asc(s.organisations.code));
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
  password: string;
}

export async function createUser(db: DbOrTx, actor: SessionUser, input: NewUser) {
  assertPermission(actor, "user.manage");
  const username = normaliseUsername(input.username);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(s.organisations).where(eq(s.organisations.id, input.organisationId));
    if (!organisation) throw new AppError("BAD_REQUEST", "所选机构不存在");
    if (organisation.kind !== ROLE_ORGANISATION_KIND[input.role]) {
      throw new AppError("BAD_REQUEST", "角色与机构不匹配：填报员属于预算单位，审核员属于主管部门，管理员属于本级财政（区划）");
    }
    const [taken] = await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, username));
    if (taken) throw new AppError("CONFLICT", `用户名“${username}”已被使用`);
    const [created] = await tx
      .insert(s.users)
      .values({ username, displayName: input.displayName, role: input.role, organisationId: input.organisationId, passwordHash })
      .returning({ id: s.users.id });
    if (!created) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      userId: actor.id,
      action: "user.create",
      entity: "user",
      entityId: created.id,
      after: { username, displayName: input.displayName, role: input.role, organisationId: input.organisationId },
    });
    return { userId: created.id };
  });
}

async function requireUser(tx: DbOrTx, userId: number) {
  const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId)).for("update");
  if (!user) throw new AppError("NOT_FOUND", "用户不存在");
  return user;
}

/** Disabling and enabling both end the user's existing sessions: a re-enabled user signs in afresh. */
export async function setUserDisabled(db: DbOrTx, actor: SessionUser, input: { userId: number; disabled: boolean }) {
  assertPermission(actor, "user.manage");
  if (input.userId === actor.id && input.disabled) throw new AppError("BAD_REQUEST", "不能停用自己的账号");
  return db.transaction(async (tx) => {
    const user = await requireUser(tx, input.userId);
    if (user.disabled === input.disabled) return { userId: user.id, disabled: user.disabled };
    await tx.update(s.users).set({ disabled: input.disabled }).where(eq(s.users.id, user.id));
    await endUserSessions(tx, user.id);
    await writeAudit(tx, {
      userId: actor.id,
      action: input.disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityId: user.id,
      before: { disabled: user.disabled },
      after: { disabled: input.disabled },
    });
    return { userId: user.id, disabled: input.disabled };
  });
}

async function setPassword(db: DbOrTx, actor: SessionUser, userId: number, password: string, action: string, now: Date) {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    // Moving password_changed_at ends every session opened before now.
    await tx.update(s.users).set({ passwordHash, passwordChangedAt: now }).where(eq(s.users.id, user.id));
    await endUserSessions(tx, user.id);
    await writeAudit(tx, {
      userId: actor.id,
      action,
      entity: "user",
      entityId: user.id,
      before: { passwordChangedAt: user.passwordChangedAt.toISOString() },
      after: { passwordChangedAt: now.toISOString() },
    });
    return { userId: user.id };
  });
}

export async function resetUserPassword(db: DbOrTx, actor: SessionUser, input: { userId: number; password: string }, now = new Date()) {
  assertPermission(actor, "user.manage");
  return setPassword(db, actor, input.userId, input.password, "user.resetPassword", now);
}

export async function changeOwnPassword(
  db: DbOrTx,
  actor: SessionUser,
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
) {
  const [user] = await db.select({ passwordHash: s.users.passwordHash }).from(s.users).where(eq(s.users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_REQUEST", "当前密码不正确");
  }
  if (input.currentPassword === input.newPassword) throw new AppError("BAD_REQUEST", "新密码不能与当前密码相同");
  return setPassword(db, actor, actor.id, input.newPassword, "account.changePassword", now);
}
