/**
 * The budget workflow through the tRPC caller against a real database: every legal and illegal
 * transition, optimistic concurrency, the engine's checks at submission, publication snapshots
 * and corrections, and the audit trail each step leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, rolledBack, errorOf, outcomeOf, sessionUserOf, submitAcknowledging, unitIdOf, type Caller } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { DbOrTx, Tx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import type { SessionUser } from "@/server/auth/session";
import { listPublishedFor } from "./helpers/published";
import { ACTION_LABELS, STATUS_LABELS, canTransition, type BudgetStatus, type WorkflowAction } from "@/lib/workflow";
import { approveBudget, publishBudget, submitBudget } from "@/server/services/workflow";
import { listDeadlines } from "@/server/services/budgets";

let t: TestDatabase;
let preparerUser: SessionUser;
let reviewerUser: SessionUser;
let unit023002: number;
let prior2024: number;

type Ref = { budgetId: number; version: number };
const refOf = (r: Ref): Ref => ({ budgetId: r.budgetId, version: r.version });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  preparerUser = await sessionUserOf(t.db, "preparer");
  reviewerUser = await sessionUserOf(t.db, "reviewer");
  unit023002 = await unitIdOf(t.db, "023002");
  const [b] = await t.db
    .select({ id: s.budgets.id })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unit023002), eq(s.budgets.year, 2024)));
  if (!b) throw new Error("seed has no 2024 budget for 023002");
  prior2024 = b.id;
});
afterAll(async () => t?.close());


const roles = (db: DbOrTx) => ({ preparer: callerFor(db, preparerUser), reviewer: callerFor(db, reviewerUser) });

async function lineOf(preparer: Caller, budgetId: number, pick: (l: { kind: string; economicCode: string }) => boolean = () => true) {
  const { lineItems } = await preparer.budgets.get({ budgetId });
  const line = lineItems.find(pick);
  if (!line) throw new Error("no such line");
  return line;
}
const fieldsOf = (l: Awaited<ReturnType<typeof lineOf>>) => ({
  functionCode: l.functionCode,
  economicCode: l.economicCode,
  kind: l.kind,
  projectId: l.projectId,
  source: l.source as "gpb",
  period: l.period,
  amount: l.amount,
});
const auditCount = async (db: DbOrTx, budgetId: number) =>
  (await db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.budgetId, budgetId)))[0]?.n ?? 0;

/** A 2025 budget of 023002 in the given state, reached through the verbs themselves. */
async function budgetIn(db: DbOrTx, status: BudgetStatus): Promise<Ref> {
  const { preparer, reviewer } = roles(db);
  if (status === "published") {
    const [b] = await db.select({ version: s.budgets.version }).from(s.budgets).where(eq(s.budgets.id, prior2024));
    return { budgetId: prior2024, version: b?.version ?? 0 };
  }
  let ref = refOf(await preparer.budgets.create({ year: 2025, from: "prior" }));
  if (status === "draft") return ref;
  ref = refOf(await submitAcknowledging(preparer, ref));
  if (status === "submitted") return ref;
  if (status === "returned") return refOf(await reviewer.workflow.return({ ...ref, comment: "请补充说明" }));
  return refOf(await reviewer.workflow.approve(ref));
}

describe("the whole path", () => {
  it("draft from the prior year → edit → submit → return → fix → resubmit → approve → publish → correct → publish again", async () => {
    await rolledBack(t.db, wholePath);
  });
});

async function wholePath(db: Tx) {
  const { preparer, reviewer } = roles(db);

  // Create from 2024: content copied, prior total as the baseline.
  const created = await preparer.budgets.create({ year: 2025, from: "prior" });
  expect(created).toMatchObject({ version: 1, skippedRows: 0 });
  const prior = await preparer.budgets.get({ budgetId: prior2024 });
  let detail = await preparer.budgets.get({ budgetId: created.budgetId });
  expect(detail.budget).toMatchObject({ year: 2025, revision: 1, status: "draft", statusLabel: "草稿", baselineTotal: "51140400.00" });
  expect(detail.budget.total).toBe(prior.budget.total);
  expect(detail.lineItems.length).toBe(prior.lineItems.length);
  expect(detail.projects.map((p) => p.name)).toEqual(prior.projects.map((p) => p.name));
  expect(detail.budget.totalChangeReason).toBe(prior.budget.totalChangeReason);
  const targets = async (id: number) =>
    (await db.select({ n: count() }).from(s.performanceTargets).where(eq(s.performanceTargets.budgetId, id)))[0]?.n;
  expect(await targets(created.budgetId)).toBe(await targets(prior2024));
  expect(detail.actions).toEqual(["edit", "submit"]);

  // Edit: a project line grows to 1 010 000 元; the version moves on.
  const line = await lineOf(preparer, created.budgetId, (l) => l.kind === "project");
  const edited = await preparer.editing.updateLineItem({ ...refOf(created), lineItemId: line.id, item: { ...fieldsOf(line), amount: "1010000.00" } });
  expect(edited.version).toBe(2);
  const explained = await preparer.editing.updateNarrative({ ...refOf(edited), narrative: { totalChangeReason: "新增就业服务项目" } });
  const submitted = await submitAcknowledging(preparer, refOf(explained));
  expect(submitted.status).toBe("submitted");

  // Submitted content is frozen.
  const frozen = await errorOf(preparer.editing.updateNarrative({ ...refOf(submitted), narrative: { overview: "x" } }));
  expect(frozen.code).toBe("CONFLICT");
  expect(frozen.message).toBe("当前状态为“已提交”，不能执行“编辑”");

  // Return with a comment on the whole and one on a line.
  const returned = await reviewer.workflow.return({
    ...refOf(submitted),
    comment: "请说明项目支出增加的依据",
    rowComments: [{ body: "此行金额偏大", lineItemId: line.id, tableNumber: 9, rowCode: null }],
  });
  expect(returned.status).toBe("returned");
  detail = await preparer.budgets.get({ budgetId: created.budgetId });
  expect(detail.comments.map((c) => [c.body, c.lineItemId, c.tableNumber, c.authorName])).toEqual([
    ["请说明项目支出增加的依据", null, null, "区人社局审核员"],
    ["此行金额偏大", line.id, 9, "区人社局审核员"],
  ]);

  // Fix and resubmit.
  const fixed = await preparer.editing.updateLineItem({ ...refOf(returned), lineItemId: line.id, item: { ...fieldsOf(line), amount: "1005000.00" } });
  const resubmitted = await submitAcknowledging(preparer, refOf(fixed));
  expect(resubmitted.status).toBe("submitted");

  const approved = await reviewer.workflow.approve(refOf(resubmitted));
  expect(approved.status).toBe("approved");
  expect(approved.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  const published = await reviewer.workflow.publish(refOf(approved));
  expect(published.status).toBe("published");
  expect(published.public).toEqual({ year: 2025, unitCode: "023002", departmentCode: "023" });
  const [snap] = await db.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.budgetId, created.budgetId));
  expect(snap).toMatchObject({ year: 2025, revision: 1, correctionNote: "", publishedBy: reviewerUser.id });
  expect(snap?.total).toBe((await preparer.budgets.get({ budgetId: created.budgetId })).budget.total);
  expect(snap?.total).not.toBe(prior.budget.total);

  // The timeline tells the story in order.
  const timeline = await reviewer.budgets.timeline({ budgetId: created.budgetId });
  expect(timeline.map((e) => e.action)).toEqual([
    "create",
    "lineItem.update",
    "narrative.update",
    "submit",
    "return",
    "lineItem.update",
    "submit",
    "approve",
    "publish",
  ]);
  expect(timeline[1]).toMatchObject({ entity: "line_item", before: { amount: line.amount }, after: { amount: "1010000.00" }, userName: "事务服务中心填报员" });
  expect(timeline[3]).toMatchObject({ before: { status: "draft" }, after: { status: "submitted", resubmission: false } });
  expect(timeline[6]).toMatchObject({ before: { status: "returned" }, after: { status: "submitted", resubmission: true } });

  // A correction: a new draft revision; the published one stays public until the new one is published.
  const correction = await preparer.workflow.startCorrection(refOf(published));
  expect(correction.revision).toBe(2);
  const again = await errorOf(preparer.workflow.startCorrection(refOf(published)));
  expect(again.code).toBe("CONFLICT");
  const corrected = await preparer.budgets.get({ budgetId: correction.budgetId });
  expect(corrected.budget).toMatchObject({ status: "draft", revision: 2, total: snap?.total });
  expect((await preparer.budgets.get({ budgetId: created.budgetId })).budget.status).toBe("published");
  expect((await listPublishedFor(db, unit023002, 2025)).map((p) => p.revision)).toEqual([1]);

  const correctedLine = await lineOf(preparer, correction.budgetId, (l) => l.kind === "project");
  const c1 = await preparer.editing.updateLineItem({
    ...refOf(correction),
    lineItemId: correctedLine.id,
    item: { ...fieldsOf(correctedLine), amount: "1000000.00" },
  });
  const c2 = await reviewer.workflow.approve(refOf(await submitAcknowledging(preparer, refOf(c1))));
  const noNote = await errorOf(reviewer.workflow.publish(refOf(c2)));
  expect(noNote).toMatchObject({ code: "BAD_REQUEST", message: "更正版本公开时必须填写更正说明" });
  const republished = await reviewer.workflow.publish({ ...refOf(c2), correctionNote: "更正项目支出金额" });
  expect(republished.status).toBe("published");
  const revisions = await listPublishedFor(db, unit023002, 2025);
  expect(revisions.map((p) => [p.revision, p.correctionNote])).toEqual([
    [1, ""],
    [2, "更正项目支出金额"],
  ]);
}

describe("every transition, legal or not", () => {
  const STATES: BudgetStatus[] = ["draft", "submitted", "returned", "approved", "published"];
  const VERBS: Record<WorkflowAction, (c: ReturnType<typeof roles>, ref: Ref) => Promise<unknown>> = {
    edit: (c, ref) => c.preparer.editing.updateNarrative({ ...ref, narrative: { overview: "补充说明" } }),
    submit: (c, ref) => submitAcknowledging(c.preparer, ref),
    return: (c, ref) => c.reviewer.workflow.return({ ...ref, comment: "退回意见" }),
    approve: (c, ref) => c.reviewer.workflow.approve(ref),
    publish: (c, ref) => c.reviewer.workflow.publish(ref),
    correct: (c, ref) => c.preparer.workflow.startCorrection(ref),
  };

  for (const status of STATES) {
    for (const [action, verb] of Object.entries(VERBS) as [WorkflowAction, (typeof VERBS)[WorkflowAction]][]) {
      const legal = canTransition(status, action);
      it(`${STATUS_LABELS[status]} × ${ACTION_LABELS[action]} → ${legal ? "allowed" : "CONFLICT"}`, async () => {
        await rolledBack(t.db, async (tx) => {
          const ref = await budgetIn(tx, status);
          const before = await tx.select().from(s.budgets).where(eq(s.budgets.id, ref.budgetId));
          const audits = await auditCount(tx, ref.budgetId);
          const result = await rolledBack(tx, async (inner) => {
            try {
              await verb(roles(inner), ref);
              return { ok: true as const };
            } catch (error) {
              return { ok: false as const, error: error as { code?: string; message: string } };
            }
          });
          if (legal) {
            expect(result).toEqual({ ok: true });
          } else {
            expect(result.ok).toBe(false);
            if (!result.ok) {
              expect(result.error.code).toBe("CONFLICT");
              expect(result.error.message).toBe(`当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”`);
            }
            // A refused transition changes nothing and records nothing.
            const verbFailed = await rolledBack(tx, async (inner) => outcomeOf(verb(roles(inner), ref)));
            expect(verbFailed).toBe("CONFLICT");
            expect(await tx.select().from(s.budgets).where(eq(s.budgets.id, ref.budgetId))).toEqual(before);
            expect(await auditCount(tx, ref.budgetId)).toBe(audits);
          }
        });
      });
    }
  }
});

describe("optimistic concurrency", () => {
  it("a stale write answers CONFLICT and changes nothing", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer } = roles(tx);
      const ref = await budgetIn(tx, "draft");
      const line = await lineOf(preparer, ref.budgetId);
      const first = await preparer.editing.updateLineItem({ ...ref, lineItemId: line.id, item: { ...fieldsOf(line), amount: "1.00" } });
      const audits = await auditCount(tx, ref.budgetId);
      const stale = await errorOf(preparer.editing.updateLineItem({ ...ref, lineItemId: line.id, item: { ...fieldsOf(line), amount: "2.00" } }));
      expect(stale.code).toBe("CONFLICT");
      expect(stale.message).toMatch(/已被他人修改/);
      const after = await lineOf(preparer, ref.budgetId, (l) => l.economicCode === line.economicCode);
      expect((await preparer.budgets.get({ budgetId: ref.budgetId })).lineItems.find((l) => l.id === line.id)?.amount).toBe("1.00");
      expect(after).toBeDefined();
      expect((await preparer.budgets.get({ budgetId: ref.budgetId })).budget.version).toBe(first.version);
      expect(await auditCount(tx, ref.budgetId)).toBe(audits);
    });
  });

  it("two concurrent saves of the same version: one wins, the other gets CONFLICT, nothing is lost silently", async () => {
    const { preparer } = roles(t.db);
    const ref = refOf(await preparer.budgets.create({ year: 2025, from: "prior" }));
    try {
      const line = await lineOf(preparer, ref.budgetId);
      const audits = await auditCount(t.db, ref.budgetId);
      // Two sessions of the same preparer, as from two browser tabs.
      const a = callerFor(t.db, preparerUser);
      const b = callerFor(t.db, preparerUser);
      const results = await Promise.allSettled([
        a.editing.updateLineItem({ ...ref, lineItemId: line.id, item: { ...fieldsOf(line), amount: "111.11" } }),
        b.editing.updateLineItem({ ...ref, lineItemId: line.id, item: { ...fieldsOf(line), amount: "222.22" } }),
      ]);
      const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
      const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string }] : []));
      expect(won).toHaveLength(1);
      expect(lost.map((e) => e.code)).toEqual(["CONFLICT"]);
      const winner = won[0] === 0 ? "111.11" : "222.22";
      const detail = await preparer.budgets.get({ budgetId: ref.budgetId });
      expect(detail.lineItems.find((l) => l.id === line.id)?.amount).toBe(winner);
      expect(detail.budget.version).toBe(ref.version + 1);
      expect(await auditCount(t.db, ref.budgetId)).toBe(audits + 1);
    } finally {
      await t.db.delete(s.auditLog).where(eq(s.auditLog.budgetId, ref.budgetId));
      await t.db.delete(s.budgets).where(eq(s.budgets.id, ref.budgetId));
    }
  });
});

describe("submission runs the engine's checks", () => {
  it("errors block submission with BAD_REQUEST listing them", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer } = roles(tx);
      const ref = await budgetIn(tx, "draft");
      const line = await lineOf(preparer, ref.budgetId, (l) => l.kind === "public");
      // 人员经费 on a 公用经费 economic code: BUD-C008.
      const r = await preparer.editing.addLineItem({ ...ref, item: { ...fieldsOf(line), kind: "personnel", amount: "10.00" } });
      const blocked = await errorOf(submitAcknowledging(preparer, refOf(r)));
      expect(blocked.code).toBe("BAD_REQUEST");
      expect(blocked.message).toMatch(/^有 \d+ 项错误，不能提交：.*BUD-C008/);
      expect((await preparer.budgets.get({ budgetId: ref.budgetId })).budget.status).toBe("draft");
    });
  });

  it("warnings must be acknowledged, and the acknowledgement is stored", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer } = roles(tx);
      let ref = await budgetIn(tx, "draft");
      // A changed total without a reason: a warning (BUD-C027), not an error.
      ref = refOf(await preparer.editing.updateNarrative({ ...ref, narrative: { totalChangeReason: "" } }));
      const line = await lineOf(preparer, ref.budgetId, (l) => l.kind === "project");
      ref = refOf(await preparer.editing.updateLineItem({ ...ref, lineItemId: line.id, item: { ...fieldsOf(line), amount: "2000000.00" } }));
      const { checks } = await preparer.budgets.checks({ budgetId: ref.budgetId });
      const warnings = [...new Set(checks.filter((c) => c.severity === "warning").map((c) => c.id))];
      expect(warnings).toContain("BUD-C027");
      expect(checks.filter((c) => c.severity === "error")).toEqual([]);

      const unacknowledged = await errorOf(preparer.workflow.submit({ ...ref, acknowledgedWarnings: [] }));
      expect(unacknowledged.code).toBe("BAD_REQUEST");
      expect(unacknowledged.message).toMatch(/^请先确认以下提示再提交：.*BUD-C027/);

      const submitted = await preparer.workflow.submit({ ...ref, acknowledgedWarnings: warnings });
      expect(submitted.acknowledgedWarnings.sort()).toEqual(warnings.sort());
      const [row] = await tx.select().from(s.budgets).where(eq(s.budgets.id, ref.budgetId));
      expect(row?.acknowledgedWarnings.sort()).toEqual(warnings.sort());
      expect(row?.submittedAt).toBeInstanceOf(Date);
    });
  });
});

describe("inputs", () => {
  it("refuses invalid input with BAD_REQUEST and a Chinese message", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer, reviewer } = roles(tx);
      const ref = await budgetIn(tx, "draft");
      const line = await lineOf(preparer, ref.budgetId);
      const finer = await errorOf(preparer.editing.addLineItem({ ...ref, item: { ...fieldsOf(line), amount: "1.234" } }));
      expect(finer.code).toBe("BAD_REQUEST");
      expect(finer.message).toMatch(/金额须为以元为单位的非负数/);
      const asNumber = await errorOf(preparer.editing.addLineItem({ ...ref, item: { ...fieldsOf(line), amount: 12 as unknown as string } }));
      expect(asNumber.code).toBe("BAD_REQUEST");
      const unknownCode = await errorOf(preparer.editing.addLineItem({ ...ref, item: { ...fieldsOf(line), functionCode: "2089999" } }));
      expect(unknownCode).toMatchObject({ code: "BAD_REQUEST", message: "支出明细第 1 行：支出功能分类科目“2089999”不是 2025 年度科目表中的项级科目" });
      const noProject = await errorOf(preparer.editing.addLineItem({ ...ref, item: { ...fieldsOf(line), kind: "project", projectId: null } }));
      expect(noProject.message).toMatch(/项目支出必须选择项目/);

      const submitted = refOf(await submitAcknowledging(preparer, ref));
      const empty = await errorOf(reviewer.workflow.return({ ...submitted, comment: "   " }));
      expect(empty).toMatchObject({ code: "BAD_REQUEST", message: "输入有误：退回时必须填写审核意见" });
      const future = await errorOf(reviewer.workflow.approve({ ...submitted, approvedOn: "2999-01-01" }));
      expect(future).toMatchObject({ code: "BAD_REQUEST", message: "批复日期不能晚于今天" });
    });
  });

  it("creating a budget that exists answers CONFLICT; a year without a catalogue BAD_REQUEST", async () => {
    const { preparer } = roles(t.db);
    expect(await outcomeOf(preparer.budgets.create({ year: 2024, from: "blank" }))).toBe("CONFLICT");
    expect(await outcomeOf(preparer.budgets.create({ year: 2099, from: "blank" }))).toBe("BAD_REQUEST");
    expect(await outcomeOf(preparer.budgets.create({ year: 2030, from: "prior" }))).toBe("BAD_REQUEST");
  });
});

describe("published snapshots", () => {
  it("cannot be changed, not even by an admin in plain SQL, and the budget's content cannot be edited through the app", async () => {
    const { preparer } = roles(t.db);
    const [snap] = await t.db.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.budgetId, prior2024));
    if (!snap) throw new Error("no snapshot");
    await expect(t.db.execute(sql`UPDATE published_snapshots SET total = 1, correction_note = 'x' WHERE id = ${snap.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`DELETE FROM published_snapshots WHERE id = ${snap.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`TRUNCATE published_snapshots`)).rejects.toThrow();
    const [after] = await t.db.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.id, snap.id));
    expect(after).toEqual(snap);
    const ref = await budgetIn(t.db, "published");
    expect(await outcomeOf(preparer.editing.updateNarrative({ ...ref, narrative: { overview: "改" } }))).toBe("CONFLICT");
  });
});

describe("disclosure deadline (预算法 第十四条: 20 days after 批复)", () => {
  it("lists each approved budget's deadline and flags the late ones", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer } = roles(tx);
      const ref = await budgetIn(tx, "draft");
      const { checks } = await preparer.budgets.checks({ budgetId: ref.budgetId });
      const ack = checks.filter((c) => c.severity === "warning").map((c) => c.id);
      const submitted = await submitBudget(tx, preparerUser, ref, ack, new Date("2025-01-02T02:00:00Z"));
      const approved = await approveBudget(tx, reviewerUser, refOf(submitted), "2025-01-03", new Date("2025-01-03T02:00:00Z"));

      const row = async (today: string) => (await listDeadlines(tx, reviewerUser, today)).find((d) => d.budgetId === ref.budgetId);
      expect(await row("2025-01-10")).toMatchObject({ approvedOn: "2025-01-03", deadline: "2025-01-23", late: false, daysLeft: 13 });
      expect(await row("2025-01-23")).toMatchObject({ late: false, daysLeft: 0 });
      expect(await row("2025-01-24")).toMatchObject({ late: true, daysLeft: -1 });

      // Published on the 29th of January in China (after the 23rd): late, for good.
      await publishBudget(tx, reviewerUser, refOf(approved), undefined, new Date("2025-01-28T17:00:00Z"));
      expect(await row("2025-01-30")).toMatchObject({ publishedOn: "2025-01-29", late: true, daysLeft: null });

      // Reviewers see their department, the admin all.
      const reviewer2 = await sessionUserOf(tx, "reviewer2");
      expect((await listDeadlines(tx, reviewer2)).some((d) => d.budgetId === ref.budgetId)).toBe(false);
      const admin = await sessionUserOf(tx, "admin");
      expect((await listDeadlines(tx, admin)).some((d) => d.budgetId === ref.budgetId)).toBe(true);
    });
  });
});
