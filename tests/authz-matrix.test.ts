/**
 * The authorisation matrix, generated from the router itself: every procedure × every kind of
 * caller → the expected outcome. A procedure without an entry fails the first test, so a new
 * procedure cannot ship without its authorisation being decided here.
 *
 * Each case runs in a transaction that is rolled back, so each starts from the same data. The
 * target is always the reference unit 023002 (department 023): the preparer's own unit, the
 * reviewer's department, outside preparer2's unit and reviewer2's department.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, rolledBack, outcomeOf, sessionUserOf, submitAcknowledging, unitIdOf, type Caller, type Outcome } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { Tx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import { appRouter } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session";

const ACTORS = ["anonymous", "preparer", "preparer2", "reviewer", "reviewer2", "admin"] as const;
type Actor = (typeof ACTORS)[number];
type Expectation = Record<Actor, Outcome>;

const U = "UNAUTHORIZED";
const F = "FORBIDDEN";
const N = "NOT_FOUND";

/** Anyone signed in. */
const SIGNED_IN: Expectation = { anonymous: U, preparer: "OK", preparer2: "OK", reviewer: "OK", reviewer2: "OK", admin: "OK" };
/** Reading one 023002 budget: its unit, its department and the admin. */
const READ_IN_SCOPE: Expectation = { anonymous: U, preparer: "OK", preparer2: N, reviewer: "OK", reviewer2: N, admin: "OK" };
/** The unit's own work (create, edit, submit). */
const PREPARE: Expectation = { anonymous: U, preparer: "OK", preparer2: N, reviewer: F, reviewer2: F, admin: F };
/** The department's work on the budget (return, approve, publish, timeline). */
const REVIEW: Expectation = { anonymous: U, preparer: F, preparer2: F, reviewer: "OK", reviewer2: N, admin: "OK" };
/** Lists for reviewers and admins, each within their own scope. */
const REVIEW_LIST: Expectation = { anonymous: U, preparer: F, preparer2: F, reviewer: "OK", reviewer2: "OK", admin: "OK" };
const ADMIN: Expectation = { anonymous: U, preparer: F, preparer2: F, reviewer: F, reviewer2: F, admin: "OK" };

interface Fixture {
  as: (actor: Exclude<Actor, "anonymous">) => Caller;
}

type Ref = { budgetId: number; version: number };

interface Case {
  /** Builds the state the call needs, inside the case's transaction; returns the call's input. */
  setup: (f: Fixture) => Promise<unknown>;
  expect: Expectation;
}

let t: TestDatabase;
const users = new Map<Actor, SessionUser | null>();
let unit023002: number;
let published2024: Ref;
let preparer2Id: number;
let regionId: number;
let department023: number;
let department031: number;

async function draft(f: Fixture): Promise<Ref> {
  const created = await f.as("preparer").budgets.create({ year: 2025, from: "prior" });
  return { budgetId: created.budgetId, version: created.version };
}
async function submitted(f: Fixture): Promise<Ref> {
  const r = await submitAcknowledging(f.as("preparer"), await draft(f));
  return { budgetId: r.budgetId, version: r.version };
}
async function approved(f: Fixture): Promise<Ref> {
  const r = await f.as("reviewer").workflow.approve(await submitted(f));
  return { budgetId: r.budgetId, version: r.version };
}
async function firstLine(f: Fixture, ref: Ref) {
  const detail = await f.as("preparer").budgets.get({ budgetId: ref.budgetId });
  const line = detail.lineItems.find((l) => l.kind !== "project");
  if (!line) throw new Error("the copied draft has no basic-expenditure line");
  return line;
}
const lineFields = (l: Awaited<ReturnType<typeof firstLine>>) => ({
  functionCode: l.functionCode,
  economicCode: l.economicCode,
  kind: l.kind,
  projectId: l.projectId,
  source: l.source as "gpb",
  period: l.period,
  amount: l.amount,
});
async function withProject(f: Fixture): Promise<Ref & { projectId: number }> {
  const ref = await draft(f);
  const r = await f.as("preparer").editing.addProject({ ...ref, project: { name: "授权测试项目", content: "", debtFinanced: false } });
  return { budgetId: r.budgetId, version: r.version, projectId: r.projectId };
}

async function reviewerComment(f: Fixture): Promise<number> {
  const ref = await submitted(f);
  const c = await f.as("reviewer").review.comment({ budgetId: ref.budgetId, body: "请核对公用经费", target: { kind: "budget" } });
  return c.commentId;
}

const budgetId = async () => ({ budgetId: published2024.budgetId });
const none = async () => undefined;

const CASES: Record<string, Case> = {
  "account.me": { setup: none, expect: SIGNED_IN },
  "account.changePassword": { setup: async () => ({ currentPassword: "demo-2024", newPassword: "changed-2025" }), expect: SIGNED_IN },

  "users.list": { setup: none, expect: ADMIN },
  "users.organisations": { setup: none, expect: ADMIN },
  "users.create": {
    setup: async () => ({ username: "new.preparer", displayName: "新填报员", role: "preparer", organisationId: unit023002, password: "welcome-2025" }),
    expect: ADMIN,
  },
  "users.setDisabled": { setup: async () => ({ userId: preparer2Id, disabled: true }), expect: ADMIN },
  "users.resetPassword": { setup: async () => ({ userId: preparer2Id, password: "reset-2025x" }), expect: ADMIN },

  "admin.years": { setup: none, expect: ADMIN },
  "admin.auditLog": { setup: async () => ({ unitCode: "023002" }), expect: ADMIN },
  "admin.overview": { setup: async () => ({ year: 2025 }), expect: ADMIN },
  "admin.importHistory": {
    // Empty content: the admin passes authorisation and is refused on the content (BAD_REQUEST).
    setup: async () => ({ unitCode: "023002", year: 2025, approvedOn: "2025-02-01", publishedOn: "2025-02-10", content: "{}" }),
    expect: { anonymous: U, preparer: F, preparer2: F, reviewer: F, reviewer2: F, admin: "BAD_REQUEST" },
  },
  "admin.catalogue": { setup: async () => ({ year: 2025, catalogue: "function" }), expect: ADMIN },
  "admin.addCode": { setup: async () => ({ year: 2025, catalogue: "function", code: "2080598", name: "授权测试项" }), expect: ADMIN },
  "admin.changeCode": { setup: async () => ({ year: 2025, catalogue: "function", code: "2080505", name: "授权测试改名" }), expect: ADMIN },
  "admin.crosswalk": { setup: none, expect: ADMIN },
  "admin.addCrosswalk": {
    setup: async () => ({ catalogue: "function", fromYear: 2024, fromCode: "2080505", toYear: 2025, toCode: "2080505" }),
    expect: ADMIN,
  },
  "admin.organisations": { setup: none, expect: ADMIN },
  "admin.createOrganisation": {
    setup: async () => ({ kind: "unit", code: "023777", name: "授权测试单位", unitType: "admin", parentId: department023 }),
    expect: ADMIN,
  },
  "admin.updateOrganisation": { setup: async () => ({ id: unit023002, name: "改名测试" }), expect: ADMIN },
  "admin.setOrganisationActive": { setup: async () => ({ id: unit023002, active: false }), expect: ADMIN },
  "admin.moveUnit": { setup: async () => ({ unitId: unit023002, departmentId: department031, fromYear: 2026 }), expect: ADMIN },
  "admin.openYear": { setup: async () => ({ year: 2027 }), expect: ADMIN },
  "admin.settings": { setup: async () => ({ year: 2024 }), expect: ADMIN },
  "admin.updateSettings": {
    setup: async () => ({ regionId, year: 2025, amountUnit: "yuan", titleWording: "department", explanationSections: ["overview"] }),
    expect: ADMIN,
  },
  "admin.updateGlossary": { setup: async () => ({ year: 2025, entries: [{ term: "财政拨款收入", definition: "授权测试" }] }), expect: ADMIN },

  "budgets.list": { setup: none, expect: SIGNED_IN },
  "budgets.createOptions": { setup: none, expect: SIGNED_IN },
  "budgets.get": { setup: budgetId, expect: READ_IN_SCOPE },
  "budgets.checks": { setup: budgetId, expect: READ_IN_SCOPE },
  "budgets.content": { setup: budgetId, expect: READ_IN_SCOPE },
  "budgets.preview": { setup: budgetId, expect: READ_IN_SCOPE },
  "budgets.formOptions": { setup: budgetId, expect: READ_IN_SCOPE },
  "budgets.timeline": { setup: budgetId, expect: REVIEW },
  "budgets.deadlines": { setup: none, expect: REVIEW_LIST },
  "budgets.create": { setup: async () => ({ unitId: unit023002, year: 2025, from: "prior" }), expect: PREPARE },

  "editing.applyChanges": {
    setup: async (f) => {
      const ref = await draft(f);
      const line = await firstLine(f, ref);
      return {
        ...ref,
        changes: {
          lineItems: { upsert: [{ id: line.id, ...lineFields(line), amount: "99.00" }, { clientKey: "n1", ...lineFields(line), amount: "1.00" }] },
          narrative: { overview: "批量保存" },
        },
      };
    },
    expect: PREPARE,
  },
  "editing.addLineItem": {
    setup: async (f) => {
      const ref = await draft(f);
      return { ...ref, item: { ...lineFields(await firstLine(f, ref)), amount: "100.00" } };
    },
    expect: PREPARE,
  },
  "editing.updateLineItem": {
    setup: async (f) => {
      const ref = await draft(f);
      const line = await firstLine(f, ref);
      return { ...ref, lineItemId: line.id, item: { ...lineFields(line), amount: "123.45" } };
    },
    expect: PREPARE,
  },
  "editing.deleteLineItem": {
    setup: async (f) => {
      const ref = await draft(f);
      return { ...ref, lineItemId: (await firstLine(f, ref)).id };
    },
    expect: PREPARE,
  },
  "editing.addProject": {
    setup: async (f) => ({ ...(await draft(f)), project: { name: "新项目", content: "内容", debtFinanced: false } }),
    expect: PREPARE,
  },
  "editing.updateProject": {
    setup: async (f) => {
      const { projectId, ...ref } = await withProject(f);
      return { ...ref, projectId, project: { name: "改名后的项目", content: "", debtFinanced: false } };
    },
    expect: PREPARE,
  },
  "editing.deleteProject": {
    setup: async (f) => withProject(f),
    expect: PREPARE,
  },
  "editing.updateNarrative": {
    setup: async (f) => ({ ...(await draft(f)), narrative: { totalChangeReason: "业务量增加" } }),
    expect: PREPARE,
  },

  "workflow.submit": {
    setup: async (f) => {
      const ref = await draft(f);
      // A draft copied from the prior year carries review warnings; the preparer acknowledges them.
      const { checks } = await f.as("preparer").budgets.checks({ budgetId: ref.budgetId });
      return { ...ref, acknowledgedWarnings: checks.filter((c) => c.severity === "warning").map((c) => c.id) };
    },
    expect: PREPARE,
  },
  "workflow.return": { setup: async (f) => ({ ...(await submitted(f)), comment: "请核对公用经费" }), expect: REVIEW },
  "workflow.approve": { setup: async (f) => submitted(f), expect: REVIEW },
  "workflow.publish": { setup: async (f) => approved(f), expect: REVIEW },
  "workflow.withdraw": { setup: async (f) => submitted(f), expect: PREPARE },
  "review.queue": { setup: none, expect: SIGNED_IN },
  "review.get": { setup: budgetId, expect: READ_IN_SCOPE },
  "review.comments": { setup: budgetId, expect: READ_IN_SCOPE },
  "review.start": { setup: async (f) => ({ budgetId: (await submitted(f)).budgetId }), expect: REVIEW },
  "review.comment": {
    setup: async (f) => ({ budgetId: (await submitted(f)).budgetId, body: "请核对", target: { kind: "budget" } }),
    expect: REVIEW,
  },
  "review.reply": { setup: async (f) => ({ commentId: await reviewerComment(f), body: "已核对" }), expect: READ_IN_SCOPE },
  "review.resolve": { setup: async (f) => ({ commentId: await reviewerComment(f) }), expect: REVIEW },
  "workflow.startCorrection": {
    setup: async () => published2024,
    expect: { anonymous: U, preparer: "OK", preparer2: N, reviewer: "OK", reviewer2: N, admin: "OK" },
  },

  "templates.list": { setup: async () => undefined, expect: ADMIN },
  "templates.get": { setup: async () => ({ code: "mof-8" }), expect: ADMIN },
  "templates.copy": { setup: async () => ({ from: "mof-8", name: "复制的模板" }), expect: ADMIN },
  "templates.update": {
    setup: async (f) => {
      const users_ = f.as("admin");
      const { code, version } = await users_.templates.copy({ from: "mof-8", name: "待修改的模板" });
      const { template } = await users_.templates.get({ code });
      return { code, version, definition: { ...template, name: "已修改的模板" } };
    },
    expect: ADMIN,
  },
  "templates.preview": { setup: async () => ({ definition: { id: "x", name: "x", emptyCell: "blank", text: { number: "plain" }, sections: [], tables: [{ id: "t", kind: "sanggong", title: "三公" }] } }), expect: ADMIN },
};


function fixture(tx: Tx): Fixture {
  return { as: (actor) => callerFor(tx, users.get(actor) ?? null) };
}

/** `caller.a.b(input)` for the path "a.b". */
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  return (target as (i: unknown) => Promise<unknown>)(input);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  for (const actor of ACTORS) users.set(actor, actor === "anonymous" ? null : await sessionUserOf(t.db, actor));
  unit023002 = await unitIdOf(t.db, "023002");
  regionId = await unitIdOf(t.db, "210102000");
  department023 = await unitIdOf(t.db, "023");
  department031 = await unitIdOf(t.db, "031");
  const [b] = await t.db
    .select({ id: s.budgets.id, version: s.budgets.version })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unit023002), eq(s.budgets.year, 2024)));
  if (!b) throw new Error("seed has no 2024 budget for 023002");
  published2024 = { budgetId: b.id, version: b.version };
  preparer2Id = users.get("preparer2")?.id ?? 0;
});
afterAll(async () => t?.close());

const procedurePaths = () => Object.keys(appRouter._def.procedures).sort();

describe("authorisation matrix", () => {
  it("has an entry for every procedure of the router, and none for a procedure that does not exist", () => {
    expect(procedurePaths().length).toBeGreaterThan(20);
    expect(procedurePaths().filter((p) => !(p in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((p) => !procedurePaths().includes(p))).toEqual([]);
  });

  for (const path of Object.keys(CASES).sort()) {
    it(`${path}: ${ACTORS.map((a) => `${a}→${CASES[path]?.expect[a]}`).join(", ")}`, async () => {
      const entry = CASES[path];
      if (!entry) throw new Error(`no case for ${path}`);
      const seen = await rolledBack(t.db, async (tx) => {
        const f = fixture(tx);
        const input = await entry.setup(f);
        const outcomes: Partial<Record<Actor, Outcome>> = {};
        for (const actor of ACTORS) {
          outcomes[actor] = await rolledBack(tx, (inner) => outcomeOf(call(callerFor(inner, users.get(actor) ?? null), path, input)));
        }
        return outcomes;
      });
      expect(seen).toEqual(entry.expect);
    });
  }
});

describe("scope", () => {
  const unitsOf = async (actor: Exclude<Actor, "anonymous">) =>
    new Set((await callerFor(t.db, users.get(actor) ?? null).budgets.list()).map((b) => b.unitCode));
  const departmentsOf = async (actor: Exclude<Actor, "anonymous">) =>
    new Set((await callerFor(t.db, users.get(actor) ?? null).budgets.list()).map((b) => b.departmentCode));

  it("a preparer lists only their own unit's budgets", async () => {
    expect([...(await unitsOf("preparer"))]).toEqual(["023002"]);
    const own = users.get("preparer2")?.organisationCode;
    expect([...(await unitsOf("preparer2"))]).toEqual([own]);
  });

  it("a reviewer lists the units of their own department only; the admin lists all", async () => {
    expect([...(await departmentsOf("reviewer"))]).toEqual(["023"]);
    expect([...(await departmentsOf("reviewer2"))]).toEqual(["031"]);
    expect([...(await departmentsOf("admin"))].sort()).toEqual(["023", "031"]);
    expect((await unitsOf("reviewer")).has("023002")).toBe(true);
  });

  it("the units offered for a new budget follow the same scope", async () => {
    const units = async (actor: Exclude<Actor, "anonymous">) =>
      (await callerFor(t.db, users.get(actor) ?? null).budgets.createOptions()).units.map((u) => u.code);
    expect(await units("preparer")).toEqual(["023002"]);
    expect((await units("reviewer2")).every((c) => c.startsWith("031"))).toBe(true);
  });

  it("a budget of the other department answers NOT_FOUND, in both directions", async () => {
    const other = (await callerFor(t.db, users.get("reviewer2") ?? null).budgets.list())[0];
    if (!other) throw new Error("reviewer2 sees no budget");
    const preparer = callerFor(t.db, users.get("preparer") ?? null);
    const reviewer = callerFor(t.db, users.get("reviewer") ?? null);
    expect(await outcomeOf(preparer.budgets.get({ budgetId: other.id }))).toBe("NOT_FOUND");
    expect(await outcomeOf(reviewer.budgets.get({ budgetId: other.id }))).toBe("NOT_FOUND");
    expect(await outcomeOf(reviewer.budgets.timeline({ budgetId: other.id }))).toBe("NOT_FOUND");
  });

  it("says in Chinese what is refused", async () => {
    const preparer = callerFor(t.db, users.get("preparer") ?? null);
    await expect(preparer.workflow.approve({ budgetId: published2024.budgetId, version: 1 })).rejects.toThrow("没有权限：当前角色不能批复预算");
    const anonymous = callerFor(t.db, null);
    await expect(anonymous.budgets.list()).rejects.toThrow("请先登录");
    const preparer2 = callerFor(t.db, users.get("preparer2") ?? null);
    await expect(preparer2.budgets.get({ budgetId: published2024.budgetId })).rejects.toThrow("预算不存在或不在您的权限范围内");
  });
});
