/**
 * Sign-in, lockout and sessions, against a real database, with an injected clock and sleeper.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, errorOf, sessionUserOf, unitIdOf } from "./helpers/trpc";
import { DEMO_PASSWORD, seedDatabase } from "@/server/db/seed";
import { queryRows } from "@/server/db/client";
import * as s from "@/server/db/schema";
import {
  ACCOUNT_FAILURE_LIMIT,
  ADDRESS_FAILURE_LIMIT,
  LOCKOUT_WINDOW_MS,
  SIGN_IN_MESSAGES,
  signInWithPassword,
  type SignInOptions,
} from "@/server/auth/sign-in";
import { resolveSessionUser, SESSION_MAX_AGE_SECONDS } from "@/server/auth/session";
import { authOptions, clientAddress, endSignedOutSession } from "@/server/auth/options";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";

let t: TestDatabase;
const T0 = new Date("2025-03-01T01:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  // Every test starts from an empty attempt log.
  // eslint-disable-next-line drizzle/enforce-delete-with-where
  await t.db.delete(s.signInAttempts);
});

async function versionOf(userId: number): Promise<number> {
  const [row] = await t.db.select({ v: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, userId));
  return row?.v ?? -1;
}

/** Sign in at a given time; records the waits instead of waiting. */
function attempt(username: string, password: string, options: { now?: Date; address?: string; waits?: number[] } = {}) {
  const opts: SignInOptions = {
    now: options.now ?? T0,
    sleep: async (ms) => {
      options.waits?.push(ms);
    },
  };
  return signInWithPassword(t.db, { username, password, address: options.address ?? "10.0.0.1" }, opts);
}

describe("sign-in", () => {
  it("accepts the right password and answers with the session user", async () => {
    const r = await attempt("preparer", DEMO_PASSWORD);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.user).toMatchObject({ username: "preparer", role: "preparer", organisationCode: "023002", scope: { kind: "unit" } });
    const upper = await attempt("  Preparer ", DEMO_PASSWORD);
    expect(upper.ok).toBe(true);
  });

  it("answers an unknown user exactly as a wrong password, and a disabled account too", async () => {
    const wrong = await attempt("preparer", "not-the-password");
    const unknown = await attempt("nobody-here", DEMO_PASSWORD);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    await t.db.update(s.users).set({ disabled: true }).where(eq(s.users.username, "preparer2"));
    try {
      expect(await attempt("preparer2", DEMO_PASSWORD)).toEqual(wrong);
    } finally {
      await t.db.update(s.users).set({ disabled: false }).where(eq(s.users.username, "preparer2"));
    }
    expect(SIGN_IN_MESSAGES.invalid).toBe("用户名或密码错误");
  });

  it("records attempts without the password", async () => {
    await attempt("reviewer", "secret-typo-123");
    const rows = await queryRows<Record<string, unknown>>(t.db, sql`SELECT * FROM sign_in_attempts`);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(["address", "at", "id", "succeeded", "username"]);
    expect(JSON.stringify(rows)).not.toContain("secret-typo-123");
  });

  it("slows repeated failures down, then locks the account for the window, even for the right password", async () => {
    const waits: number[] = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect(await attempt("reviewer", `wrong-${i}`, { now: at(i * 1000), waits })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(waits).toEqual([250, 500, 1000, 2000]);
    const locked = await attempt("reviewer", DEMO_PASSWORD, { now: at(10_000) });
    expect(locked).toEqual({ ok: false, reason: "locked" });
    expect(SIGN_IN_MESSAGES.locked).toMatch(/锁定/);
    // Another address does not help: the account itself is locked.
    expect(await attempt("reviewer", DEMO_PASSWORD, { now: at(11_000), address: "10.9.9.9" })).toEqual({ ok: false, reason: "locked" });
    // Once the failures are older than the window, the right password works again.
    const later = await attempt("reviewer", DEMO_PASSWORD, { now: at(11_000 + LOCKOUT_WINDOW_MS + 1) });
    expect(later.ok).toBe(true);
  });

  it("locks an unknown username the same way, so the lock does not reveal whether it exists", async () => {
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await attempt("ghost", "x", { now: at(i) });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await attempt("admin", "x", { now: at(i) });
    expect(await attempt("ghost", "x", { now: at(100) })).toEqual(await attempt("admin", "x", { now: at(100) }));
    expect(await attempt("ghost", "x", { now: at(200) })).toEqual({ ok: false, reason: "locked" });
  });

  it("counts an account's failures from its last success", async () => {
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await attempt("preparer", "x", { now: at(i) });
    expect((await attempt("preparer", DEMO_PASSWORD, { now: at(10) })).ok).toBe(true);
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await attempt("preparer", "x", { now: at(20 + i) });
    expect((await attempt("preparer", DEMO_PASSWORD, { now: at(40) })).ok).toBe(true);
  });

  it("locks an address that sprays many usernames", async () => {
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) await attempt(`user${i}`, "x", { now: at(i), address: "203.0.113.7" });
    expect(await attempt("preparer", DEMO_PASSWORD, { now: at(100), address: "203.0.113.7" })).toEqual({ ok: false, reason: "locked" });
    expect((await attempt("preparer", DEMO_PASSWORD, { now: at(100), address: "198.51.100.1" })).ok).toBe(true);
  });

  it("takes the client address the server resolved, never a client-sent X-Forwarded-For", () => {
    // TRUST_PROXY and the resolution itself: src/server/http/client-address.test.ts
    expect(clientAddress({ "x-forwarded-for": "1.1.1.1, 10.0.0.9" })).toBe("unknown");
    expect(clientAddress(new Headers({ "x-real-ip": "10.0.0.5", [CLIENT_ADDRESS_HEADER]: "10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});

describe("sessions", () => {
  it("carry user id, role and organisation, and expire after the absolute lifetime", async () => {
    const jwt = authOptions.callbacks?.jwt;
    if (!jwt) throw new Error("no jwt callback");
    const token = await jwt({ token: {} as never, user: { id: "7", role: "reviewer", organisationId: 3, sessionVersion: 4 } as never, account: null, trigger: "signIn" });
    expect(token).toMatchObject({ uid: 7, role: "reviewer", organisationId: 3, sv: 4 });
    expect(typeof token.authAt).toBe("number");
    expect(authOptions.session).toMatchObject({ strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS });

    const user = await sessionUserOf(t.db, "reviewer");
    // Signed in now (after the seed set the password); the clock is moved forward from there.
    const signedIn = Date.now();
    const after = (ms: number) => new Date(signedIn + ms);
    const claims = { userId: user.id, authAt: signedIn, sessionVersion: await versionOf(user.id) };
    expect(await resolveSessionUser(t.db, claims, after(60_000))).toEqual(user);
    expect(await resolveSessionUser(t.db, claims, after(SESSION_MAX_AGE_SECONDS * 1000))).toEqual(user);
    expect(await resolveSessionUser(t.db, claims, after(SESSION_MAX_AGE_SECONDS * 1000 + 1))).toBeNull();
    expect(await resolveSessionUser(t.db, { ...claims, userId: 999_999 }, after(1))).toBeNull();
  });

  it("end when the user is disabled, re-enabled or the password changes", async () => {
    const admin = callerFor(t.db, await sessionUserOf(t.db, "admin"));
    const target = await sessionUserOf(t.db, "preparer2");
    const signIn = async () => {
      const result = await attempt("preparer2", password, { now: new Date() });
      if (!result.ok) throw new Error("sign-in failed");
      return { userId: target.id, authAt: Date.now(), sessionVersion: result.sessionVersion };
    };
    let password = DEMO_PASSWORD;
    const claims = await signIn();
    expect(await resolveSessionUser(t.db, claims)).not.toBeNull();

    await admin.users.setDisabled({ userId: target.id, disabled: true });
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
    await admin.users.setDisabled({ userId: target.id, disabled: false });
    // Re-enabling does not bring the old session back; signing in again does.
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
    const again = await signIn();
    expect(await resolveSessionUser(t.db, again)).not.toBeNull();

    await admin.users.resetPassword({ userId: target.id, password: "reset-pass-1" });
    expect(await resolveSessionUser(t.db, again)).toBeNull();
    password = "reset-pass-1";
    const fresh = await signIn();
    expect(await resolveSessionUser(t.db, fresh, new Date(fresh.authAt + 1000))).not.toBeNull();
    expect((await attempt("preparer2", DEMO_PASSWORD, { now: new Date() })).ok).toBe(false);
  });

  it("end on the server when the user signs out: a copied cookie stops working", async () => {
    const result = await attempt("reviewer", DEMO_PASSWORD, { now: new Date() });
    if (!result.ok) throw new Error("sign-in failed");
    const claims = { userId: result.user.id, authAt: Date.now(), sessionVersion: result.sessionVersion };
    const otherDevice = { ...claims, authAt: Date.now() - 5000 };
    expect(await resolveSessionUser(t.db, claims)).not.toBeNull();
    await endSignedOutSession(t.db, { uid: claims.userId, sv: claims.sessionVersion });
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
    expect(await resolveSessionUser(t.db, otherDevice)).toBeNull();
    // Signing out again with the old cookie does not end the sessions opened since.
    const next = await attempt("reviewer", DEMO_PASSWORD, { now: new Date() });
    if (!next.ok) throw new Error("sign-in failed");
    const nextClaims = { userId: next.user.id, authAt: Date.now(), sessionVersion: next.sessionVersion };
    await endSignedOutSession(t.db, { uid: claims.userId, sv: claims.sessionVersion });
    expect(await resolveSessionUser(t.db, nextClaims)).not.toBeNull();
    // next-auth calls it on sign-out.
    expect(authOptions.events?.signOut).toBeTypeOf("function");
  });
});

describe("passwords", () => {
  it("a user changes their own password; the old one and the old session stop working", async () => {
    const user = await sessionUserOf(t.db, "reviewer2");
    const me = callerFor(t.db, user);
    const wrong = await errorOf(me.account.changePassword({ currentPassword: "nope", newPassword: "better-2025" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", message: "当前密码不正确" });
    const weak = await errorOf(me.account.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: "short" }));
    expect(weak.code).toBe("BAD_REQUEST");
    expect(weak.message).toMatch(/新密码至少 8 位/);

    const before = { userId: user.id, authAt: Date.now() - 1000, sessionVersion: await versionOf(user.id) };
    await me.account.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: "better-2025" });
    expect(await resolveSessionUser(t.db, before)).toBeNull();
    expect((await attempt("reviewer2", "better-2025", { now: new Date() })).ok).toBe(true);
    expect((await attempt("reviewer2", DEMO_PASSWORD, { now: new Date() })).ok).toBe(false);
  });

  it("admins create users (role must fit the organisation); no password or hash reaches the audit log", async () => {
    const admin = callerFor(t.db, await sessionUserOf(t.db, "admin"));
    const unit = await unitIdOf(t.db, "023002");
    const department = await unitIdOf(t.db, "023");
    const mismatch = await errorOf(
      admin.users.create({ username: "x.reviewer", displayName: "审核", role: "reviewer", organisationId: unit, password: "first-pass-1" }),
    );
    expect(mismatch.code).toBe("BAD_REQUEST");
    const created = await admin.users.create({ username: "New.Preparer", displayName: "新填报员", role: "preparer", organisationId: unit, password: "first-pass-1" });
    expect((await attempt("new.preparer", "first-pass-1", { now: new Date() })).ok).toBe(true);
    const taken = await errorOf(
      admin.users.create({ username: "new.preparer", displayName: "重复", role: "reviewer", organisationId: department, password: "first-pass-1" }),
    );
    expect(taken.code).toBe("CONFLICT");
    expect((await admin.users.list()).find((u) => u.id === created.userId)).toMatchObject({ username: "new.preparer", disabled: false });

    const cannotDisableSelf = await errorOf(admin.users.setDisabled({ userId: (await sessionUserOf(t.db, "admin")).id, disabled: true }));
    expect(cannotDisableSelf.code).toBe("BAD_REQUEST");

    const [hash] = await t.db.select({ h: s.users.passwordHash }).from(s.users).where(eq(s.users.id, created.userId));
    const log = JSON.stringify(await t.db.select().from(s.auditLog));
    for (const secret of ["first-pass-1", "reset-pass-1", "better-2025", hash?.h ?? "?", "$argon2"]) expect(log).not.toContain(secret);
    const actions = (await t.db.select({ a: s.auditLog.action }).from(s.auditLog)).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["user.create", "user.disable", "user.enable", "user.resetPassword", "account.changePassword"]));
  });
});
