/**
 * Review through the tRPC caller against a real database: submission snapshots and the
 * differences they give, comments on a line item / a row / the whole budget with replies and
 * resolution, 撤回 until the review starts, the queue, and the timeline in words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, errorOf, rolledBack, sessionUserOf, submitAcknowledging, type Caller } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import type { SessionUser } from "@/server/auth/session";
import { formatAmount } from "@/lib/money";

let t: TestDatabase;
let preparerUser: SessionUser;
let reviewerUser: SessionUser;
let otherReviewer: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  preparerUser = await sessionUserOf(t.db, "preparer");
  reviewerUser = await sessionUserOf(t.db, "reviewer");
  otherReviewer = await sessionUserOf(t.db, "reviewer2");
});
afterAll(async () => t?.close());

type Ref = { budgetId: number; version: number };
const refOf = (r: Ref): Ref => ({ budgetId: r.budgetId, version: r.version });
const roles = (db: DbOrTx) => ({
  preparer: callerFor(db, preparerUser),
  reviewer: callerFor(db, reviewerUser),
  stranger: callerFor(db, otherReviewer),
});

async function fieldsOf(preparer: Caller, budgetId: number, lineItemId: number) {
  const { lineItems } = await preparer.budgets.get({ budgetId });
  const l = lineItems.find((x) => x.id === lineItemId)!;
  return { functionCode: l.functionCode, economicCode: l.economicCode, kind: l.kind, projectId: l.projectId, source: l.source as "gpb", period: l.period, amount: l.amount };
}

/** 023002's 2025 budget copied from its published 2024 one, submitted once. */
async function submitted2025(db: DbOrTx) {
  const { preparer } = roles(db);
  const created = refOf(await preparer.budgets.create({ year: 2025, from: "prior" }));
  return refOf(await submitAcknowledging(preparer, created));
}

describe("withdraw", () => {
  it("takes a submission back until the reviewer opens it, and not after", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer, reviewer } = roles(tx);
      let ref = await submitted2025(tx);
      const withdrawn = await preparer.workflow.withdraw(ref);
      expect(withdrawn.status).toBe("draft");
      ref = refOf(await submitAcknowledging(preparer, refOf(withdrawn)));
      const review = await reviewer.review.get({ budgetId: ref.budgetId });
      expect(review.submissions.map((x) => x.seq)).toEqual([1, 2]);
      expect(await reviewer.review.start({ budgetId: ref.budgetId })).toEqual({ started: true });
      expect(await reviewer.review.start({ budgetId: ref.budgetId })).toEqual({ started: false });
      const refused = await errorOf(preparer.workflow.withdraw(ref));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toContain("已开始审核");
      const [b] = await tx.select().from(s.budgets).where(eq(s.budgets.id, ref.budgetId));
      expect(b?.status).toBe("submitted");
      // A reviewer cannot withdraw for the unit.
      expect((await errorOf(reviewer.workflow.withdraw(ref))).code).toBe("FORBIDDEN");
    });
  });
});

describe("comments, replies, resolution and the differences between submissions", () => {
  it("goes round a return and a resubmission", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer, reviewer, stranger } = roles(tx);
      let ref = await submitted2025(tx);
      const { lineItems } = await preparer.budgets.get({ budgetId: ref.budgetId });
      // A project line: its amount does not enter table 16's basic-expenditure tasks.
      const target = lineItems.find((l) => l.kind === "project")!;

      const onLine = await reviewer.review.comment({ budgetId: ref.budgetId, body: "该项金额偏高，请核实", target: { kind: "line", lineItemId: target.id } });
      await reviewer.review.comment({ budgetId: ref.budgetId, body: "请核对功能分类", target: { kind: "row", tableNumber: 10, rowCode: "208", rowName: "社会保障和就业支出" } });
      // Outside the reviewer's department: NOT_FOUND; a preparer may not comment: FORBIDDEN.
      expect((await errorOf(stranger.review.comment({ budgetId: ref.budgetId, body: "x", target: { kind: "budget" } }))).code).toBe("NOT_FOUND");
      expect((await errorOf(preparer.review.comment({ budgetId: ref.budgetId, body: "x", target: { kind: "budget" } }))).code).toBe("FORBIDDEN");
      // A line of another budget is refused.
      const foreign = await errorOf(
        reviewer.review.comment({ budgetId: ref.budgetId, body: "x", target: { kind: "line", lineItemId: 99999999 } }),
      );
      expect(foreign.code).toBe("BAD_REQUEST");
      // Commenting started the review: no withdrawing any more.
      expect((await errorOf(preparer.workflow.withdraw(ref))).code).toBe("CONFLICT");

      ref = refOf(await reviewer.workflow.return({ ...ref, comment: "请按意见修改后重新提交" }));
      const seen = await preparer.review.comments({ budgetId: ref.budgetId });
      const lineComment = seen.find((c) => c.id === onLine.commentId)!;
      expect(lineComment).toMatchObject({ target: "line", lineItemId: target.id, resolved: false, highlighted: true });
      // In words: names, source name, amount in 万元; never an internal code such as "gpb".
      expect(lineComment.anchorLabel).toContain(target.functionCode);
      expect(lineComment.anchorLabel).toMatch(/万元$/u);
      expect(lineComment.anchorLabel).not.toMatch(/gpb|unit_/u);
      expect(seen.find((c) => c.target === "row")?.anchorLabel).toBe("表10 208 社会保障和就业支出");
      expect(seen.some((c) => c.target === "budget" && c.body === "请按意见修改后重新提交")).toBe(true);

      // The preparer fixes the line, replies, resubmits.
      const fields = await fieldsOf(preparer, ref.budgetId, target.id);
      const edited = await preparer.editing.updateLineItem({ ...ref, lineItemId: target.id, item: { ...fields, amount: "1.00" } });
      await preparer.review.reply({ commentId: onLine.commentId, body: "已核减为 1 元" });
      const whileRevising = await preparer.review.get({ budgetId: ref.budgetId });
      expect(whileRevising.sinceSubmission?.diff.counts).toMatchObject({ changed: 1, added: 0, removed: 0 });
      ref = refOf(await submitAcknowledging(preparer, refOf(edited)));

      const review = await reviewer.review.get({ budgetId: ref.budgetId });
      const diff = review.sinceSubmission!.diff;
      expect(review.sinceSubmission!.label).toBe("第 2 次提交与第 1 次提交相比");
      const changed = diff.rows.filter((r) => r.status !== "same");
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatchObject({ lineItemId: String(target.id), status: "changed" });
      expect(changed[0]!.cells.amount).toEqual({ before: target.amount, after: "1.00", changed: true });
      expect(changed[0]!.cells.function.changed).toBe(false);
      const thread = review.comments.find((c) => c.id === onLine.commentId)!;
      expect(thread.replies.map((r) => r.body)).toEqual(["已核减为 1 元"]);
      // Made on the first submission: old now, no longer highlighted.
      expect(thread).toMatchObject({ old: true, highlighted: false });

      // Only a reviewer resolves, once; a reply cannot be resolved on its own.
      expect((await errorOf(preparer.review.resolve({ commentId: onLine.commentId }))).code).toBe("FORBIDDEN");
      await reviewer.review.resolve({ commentId: onLine.commentId });
      expect((await errorOf(reviewer.review.resolve({ commentId: onLine.commentId }))).code).toBe("CONFLICT");
      const replyId = (await reviewer.review.comments({ budgetId: ref.budgetId })).find((c) => c.id === onLine.commentId)!.replies[0]!.id;
      expect((await errorOf(reviewer.review.resolve({ commentId: replyId }))).code).toBe("BAD_REQUEST");
      const after = (await reviewer.review.comments({ budgetId: ref.budgetId })).find((c) => c.id === onLine.commentId)!;
      expect(after).toMatchObject({ resolved: true, highlighted: false, resolvedByName: expect.any(String) });

      // The timeline says it in words.
      const timeline = await reviewer.budgets.timeline({ budgetId: ref.budgetId });
      const actions = timeline.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["提交", "提出审核意见", "退回", "修改明细", "回复审核意见", "审核意见已解决"]));
      const fix = timeline.find((e) => e.action === "修改明细")!;
      expect(fix.subject).toContain(target.functionCode);
      expect(fix.subject).toContain("一般公共预算");
      expect(fix.details).toEqual([`金额：${formatAmount(target.amount, "wan")} 万元 → 0.00 万元`]);
      expect(timeline.find((e) => e.action === "回复审核意见")?.details).toEqual(["回复“该项金额偏高，请核实”：已核减为 1 元"]);
      expect(JSON.stringify(timeline)).not.toMatch(/gpb|unit_other|"project"/u);
      const snapshots = await tx.select().from(s.budgetSnapshots).where(eq(s.budgetSnapshots.budgetId, ref.budgetId));
      expect(snapshots.map((x) => x.seq).sort()).toEqual([1, 2]);
    });
  });

  it("keeps a submission snapshot as it was submitted", async () => {
    await rolledBack(t.db, async (tx) => {
      const ref = await submitted2025(tx);
      const [snap] = await tx.select().from(s.budgetSnapshots).where(eq(s.budgetSnapshots.budgetId, ref.budgetId));
      const refused = await rolledBack(tx, async (inner) => {
        try {
          await inner.update(s.budgetSnapshots).set({ total: "0.00" }).where(eq(s.budgetSnapshots.id, snap!.id));
          return "updated";
        } catch {
          return "refused";
        }
      });
      expect(refused).toBe("refused");
    });
  });
});

describe("differences against the prior year", () => {
  it("compares with the prior year's published budget, following a renamed code through the crosswalk", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer, reviewer } = roles(tx);
      let ref = refOf(await preparer.budgets.create({ year: 2025, from: "prior" }));
      const plain = await reviewer.review.get({ budgetId: ref.budgetId });
      expect(plain.priorYear.onFile).toBe(true);
      expect(plain.priorYear.diff.counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
      expect(plain.unitLabel).toBe("万元");

      // Rename: every 2025 line of one function code moves to another code of the 2025 catalogue.
      const { lineItems } = await preparer.budgets.get({ budgetId: ref.budgetId });
      const from = lineItems[0]!.functionCode;
      const options = await preparer.budgets.formOptions({ budgetId: ref.budgetId });
      const used = new Set(lineItems.map((l) => l.functionCode));
      const to = options.functions.find((f) => !used.has(f.code) && f.code.startsWith(from.slice(0, 3)))!.code;
      for (const l of lineItems.filter((x) => x.functionCode === from)) {
        const fields = await fieldsOf(preparer, ref.budgetId, l.id);
        ref = refOf(await preparer.editing.updateLineItem({ ...ref, lineItemId: l.id, item: { ...fields, functionCode: to } }));
      }
      // One more line: an added row; and one line fewer: a removed row.
      const other = lineItems.find((l) => l.functionCode !== from)!;
      ref = refOf(await preparer.editing.deleteLineItem({ ...ref, lineItemId: other.id }));
      const moved = await reviewer.review.get({ budgetId: ref.budgetId });
      expect(moved.priorYear.diff.counts.added).toBeGreaterThan(0);
      expect(moved.priorYear.diff.counts.removed).toBeGreaterThan(0);

      await tx.insert(s.codeCrosswalk).values({ catalog: "function", fromYear: 2024, fromCode: from, toYear: 2025, toCode: to });
      const crossed = await reviewer.review.get({ budgetId: ref.budgetId });
      const renamed = crossed.priorYear.diff.rows.filter((r) => r.renamed.length > 0);
      expect(renamed.length).toBeGreaterThan(0);
      expect(renamed.every((r) => r.status === "same" && r.renamed.includes(`${from} → ${to}`))).toBe(true);
      // What is left: the deleted line's row, removed.
      const notSame = crossed.priorYear.diff.rows.filter((r) => r.status !== "same");
      expect(notSame.every((r) => r.status === "removed" || r.status === "changed")).toBe(true);
      expect(notSame.some((r) => r.cells.economic.before?.startsWith(other.economicCode))).toBe(true);
      const [row] = await tx
        .select()
        .from(s.codeCrosswalk)
        .where(and(eq(s.codeCrosswalk.fromCode, from), eq(s.codeCrosswalk.toYear, 2025)));
      expect(row?.toCode).toBe(to);
    });
  });
});

describe("the queue", () => {
  it("puts what waits on the reviewer first, with counts by status and year", async () => {
    await rolledBack(t.db, async (tx) => {
      const { preparer, reviewer } = roles(tx);
      const ref = await submitted2025(tx);
      const q = await reviewer.review.queue();
      expect(q.items[0]?.waitingOnMe).toBe(true);
      expect(q.items.filter((i) => i.waitingOnMe).some((i) => i.id === ref.budgetId)).toBe(true);
      const firstOther = q.items.findIndex((i) => !i.waitingOnMe);
      expect(q.items.slice(firstOther).every((i) => !i.waitingOnMe)).toBe(true);
      expect(q.counts.find((c) => c.status === "submitted")!.count).toBeGreaterThan(0);
      const y2025 = q.years.find((y) => y.year === 2025)!;
      expect(y2025.total).toBe(y2025.counts.reduce((a, b) => a + b, 0));
      const mine = await preparer.review.queue();
      expect(mine.items.every((i) => i.unitCode === "023002")).toBe(true);
      expect(mine.items.find((i) => i.id === ref.budgetId)?.waitingOnMe).toBe(false);
    });
  });
});
