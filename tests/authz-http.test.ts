/**
 * The same procedures over HTTP (the fetch adapter the route handler uses): each refusal arrives
 * with its HTTP status, its Chinese message and, for a blocked submission, the blocking checks;
 * an unexpected failure never shows its internals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, rolledBack, sessionUserOf, unitIdOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";

let t: TestDatabase;
let budget2024: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  const unit = await unitIdOf(t.db, "023002");
  const [b] = await t.db.select({ id: s.budgets.id }).from(s.budgets).where(and(eq(s.budgets.unitId, unit), eq(s.budgets.year, 2024)));
  budget2024 = b?.id ?? 0;
});
afterAll(async () => t?.close());

interface ErrorBody {
  error: { json: { message: string; data: { code: string; httpStatus: number; details?: { checks?: { id: string }[] } } } };
}

async function http(db: DbOrTx, user: SessionUser | null, path: string, input: unknown, method: "GET" | "POST") {
  const encoded = JSON.stringify(superjson.serialize(input));
  const url = `http://test/api/trpc/${path}${method === "GET" ? `?input=${encodeURIComponent(encoded)}` : ""}`;
  const req = new Request(url, method === "GET" ? {} : { method, body: encoded, headers: { "content-type": "application/json" } });
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext({ db, user }) });
  return { status: res.status, body: (await res.json()) as ErrorBody };
}

describe("over HTTP", () => {
  it("answers 401, 403 and 404 with Chinese messages", async () => {
    const anonymous = await http(t.db, null, "budgets.list", undefined, "GET");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.json.message).toBe("请先登录");

    const preparer = await sessionUserOf(t.db, "preparer");
    const forbidden = await http(t.db, preparer, "workflow.approve", { budgetId: budget2024, version: 1 }, "POST");
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.json.message).toBe("没有权限：当前角色不能批复预算");

    const outside = await http(t.db, await sessionUserOf(t.db, "preparer2"), "budgets.get", { budgetId: budget2024 }, "GET");
    expect(outside.status).toBe(404);
    expect(outside.body.error.json.data.code).toBe("NOT_FOUND");
  });

  it("answers 400 with the blocking checks, and 409 for a stale version", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = await sessionUserOf(tx, "preparer");
      const caller = callerFor(tx, preparer);
      const draft = await caller.budgets.create({ year: 2025, from: "prior" });
      const { lineItems } = await caller.budgets.get({ budgetId: draft.budgetId });
      const line = lineItems.find((l) => l.kind === "public");
      if (!line) throw new Error("no 公用经费 line");
      // 人员经费 on a 公用经费 code: an error that blocks submission.
      const edited = await caller.editing.addLineItem({
        budgetId: draft.budgetId,
        version: draft.version,
        item: { ...line, source: "gpb", kind: "personnel", amount: "1.00" },
      });
      const blocked = await http(tx, preparer, "workflow.submit", { budgetId: draft.budgetId, version: edited.version, acknowledgedWarnings: [] }, "POST");
      expect(blocked.status).toBe(400);
      expect(blocked.body.error.json.message).toMatch(/不能提交/);
      expect(blocked.body.error.json.data.details?.checks?.map((c) => c.id)).toContain("BUD-C008");

      const stale = await http(tx, preparer, "editing.updateNarrative", { budgetId: draft.budgetId, version: draft.version, narrative: { overview: "x" } }, "POST");
      expect(stale.status).toBe(409);
    });
  });

  it("never shows an unexpected failure's internals", async () => {
    const broken = { select: () => { throw new Error("SELECT secret FROM users -- params: $argon2id$…"); } } as unknown as DbOrTx;
    const res = await http(broken, await sessionUserOf(t.db, "admin"), "users.list", undefined, "GET");
    expect(res.status).toBe(500);
    expect(res.body.error.json.message).toBe("服务器内部错误，请稍后再试");
    expect(JSON.stringify(res.body)).not.toMatch(/secret|argon2/);
  });
});
