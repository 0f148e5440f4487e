/**
 * Hostile input over HTTP (the handler the route uses): text with NUL or unpaired surrogates is a
 * 400 with a Chinese message, lengths count characters, batches are bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, rolledBack, sessionUserOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { DbOrTx } from "@/server/db/client";
import { handleTrpcRequest } from "@/server/api/http";
import { createContext } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/http-limits";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => t?.close());

interface Body {
  error?: { json: { message: string; data: { code: string; httpStatus: number } } };
  result?: { data: { json: unknown } };
}

async function post(db: DbOrTx, user: SessionUser, path: string, rawBody: string) {
  const req = new Request(`http://test/api/trpc/${path}`, { method: "POST", body: rawBody, headers: { "content-type": "application/json" } });
  const res = await handleTrpcRequest(req, () => createContext({ db, user }));
  return { status: res.status, body: (await res.json()) as Body };
}

const encode = (input: unknown) => JSON.stringify(superjson.serialize(input));

describe("text fields", () => {
  it("refuse NUL and unpaired surrogates with 400 and a Chinese message; count characters, not UTF-16 units", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = await sessionUserOf(tx, "preparer");
      const draft = await callerFor(tx, preparer).budgets.create({ year: 2025, from: "blank" });
      const ref = { budgetId: draft.budgetId, version: draft.version };

      const nul = await post(tx, preparer, "editing.addProject", encode({ ...ref, project: { name: "办公楼\u0000维修" } }));
      expect(nul.status).toBe(400);
      expect(nul.body.error?.json.message).toMatch(/项目名称不能包含空字符/);

      // JSON can carry an unpaired surrogate as an escape; written out by hand, as an attacker would.
      const lone = `{"json":{"budgetId":${ref.budgetId},"version":${ref.version},"project":{"name":"a\\ud800b"}}}`;
      const surrogate = await post(tx, preparer, "editing.addProject", lone);
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.error?.json.message).toMatch(/不成对的代理项/);

      const tooMany = await post(tx, preparer, "editing.addProject", encode({ ...ref, project: { name: "😀".repeat(201) } }));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error?.json.message).toMatch(/项目名称不能超过 200 字/);

      const emoji = await post(tx, preparer, "editing.addProject", encode({ ...ref, project: { name: "😀".repeat(200) } }));
      expect(emoji.status).toBe(200);
      const after = await callerFor(tx, preparer).budgets.get({ budgetId: draft.budgetId });
      expect(after.projects.map((p) => p.name)).toEqual(["😀".repeat(200)]);
    });
  });
});

describe("batching", () => {
  it(`refuses a batch of more than ${TRPC_MAX_BATCH_SIZE} calls with 400`, async () => {
    const reviewer = await sessionUserOf(t.db, "reviewer");
    const batch = async (n: number) => {
      const paths = Array.from({ length: n }, () => "budgets.createOptions").join(",");
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), { json: null }]));
      const req = new Request(`http://test/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
      const res = await handleTrpcRequest(req, () => createContext({ db: t.db, user: reviewer }));
      await res.arrayBuffer();
      return res.status;
    };
    expect(await batch(TRPC_MAX_BATCH_SIZE)).toBe(200);
    expect(await batch(TRPC_MAX_BATCH_SIZE + 1)).toBe(400);
    expect(await batch(100)).toBe(400);
  });
});
