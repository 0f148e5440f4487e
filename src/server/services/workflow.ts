import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { SessionUser } from "../auth/session";
import { createSnapshot } from "../queries/budget-write";
import { findBudget } from "../queries/budgets";
import { budgetDisplayUnit, insertComments, insertSubmissionSnapshot, latestSubmissionId, lineItemWords } from "../queries/review";
import { lineItemLabel } from "@/lib/review/words";
import type { Check } from "@/lib/budget";
import { dateInChina } from "@/lib/workflow";
import { budgetChecks } from "./checks";
import { AppError } from "./errors";
import { changeBudget, type BudgetRef } from "./budget-guard";

/*
 * The workflow verbs. Each is one `changeBudget` call, so each checks scope, version and the
 * current state, moves the status, and writes its audit row in one transaction.
 */

const describeChecks = (checks: Check[]) => checks.map((c) => `[${c.id}] ${c.message}`).join("；");

/**
 * 提交 (and 重新提交 after a return): the engine's checks run on exactly what is being frozen.
 * Errors block; warnings pass only when the preparer acknowledged each of them.
 */
export function submitBudget(db: DbOrTx, actor: SessionUser, ref: BudgetRef, acknowledgedWarnings: string[], now = new Date()) {
  return changeBudget(db, actor, ref, { action: "submit", name: "submit" }, async (tx, budget) => {
    const { input, disclosure, checks } = await budgetChecks(tx, budget.id);
    const summary = disclosure.summary;
    const errors = checks.filter((c) => c.severity === "error");
    if (errors.length > 0) {
      throw new AppError("BAD_REQUEST", `有 ${errors.length} 项错误，不能提交：${describeChecks(errors)}`, { checks: errors });
    }
    const warnings = checks.filter((c) => c.severity === "warning");
    const unacknowledged = warnings.filter((w) => !acknowledgedWarnings.includes(w.id));
    if (unacknowledged.length > 0) {
      throw new AppError("BAD_REQUEST", `请先确认以下提示再提交：${describeChecks(unacknowledged)}`, { checks: unacknowledged });
    }
    const acknowledged = [...new Set(warnings.map((w) => w.id))];
    // The frozen copy the reviewer compares against the next submission.
    const snapshot = await insertSubmissionSnapshot(tx, budget.id, actor.id, summary.total, { ...input, priorBudget: null }, now);
    return {
      result: { acknowledgedWarnings: acknowledged, submission: snapshot.seq },
      set: { submittedAt: now, acknowledgedWarnings: acknowledged, reviewStartedAt: null },
      audit: {
        entity: "budget",
        entityId: budget.id,
        after: { acknowledgedWarnings: acknowledged, resubmission: budget.status === "returned", submission: snapshot.seq, total: summary.total },
      },
    };
  });
}

export interface ReturnComments {
  comment: string;
  rowComments: { body: string; tableNumber?: number | null; rowCode?: string | null; lineItemId?: number | null }[];
}

/** 退回 with the reviewer's opinion on the whole budget and, optionally, on single rows. */
export function returnBudget(db: DbOrTx, actor: SessionUser, ref: BudgetRef, input: ReturnComments) {
  return changeBudget(db, actor, ref, { action: "return", name: "return" }, async (tx, budget) => {
    const lineIds = input.rowComments.flatMap((c) => (c.lineItemId ? [c.lineItemId] : []));
    if (lineIds.length > 0) {
      const found = await tx
        .select({ id: s.lineItems.id })
        .from(s.lineItems)
        .where(and(eq(s.lineItems.budgetId, budget.id), inArray(s.lineItems.id, lineIds)));
      if (found.length !== new Set(lineIds).size) throw new AppError("BAD_REQUEST", "意见所指的明细不属于本预算");
    }
    const all: ReturnComments["rowComments"] = [{ body: input.comment }, ...input.rowComments];
    const unit = await budgetDisplayUnit(tx, budget.id);
    const words = new Map((await lineItemWords(tx, budget.id, lineIds)).map((l) => [l.id, lineItemLabel(l, unit)]));
    const snapshotId = await latestSubmissionId(tx, budget.id);
    const comments = all.map((c) => {
      const anchorLabel = c.lineItemId
        ? (words.get(c.lineItemId) ?? "")
        : c.tableNumber || c.rowCode
          ? `${c.tableNumber ? `表${c.tableNumber}` : ""} ${c.rowCode ?? ""}`.trim()
          : "整体意见";
      return { body: c.body, tableNumber: c.tableNumber ?? null, rowCode: c.rowCode ?? null, lineItemId: c.lineItemId ?? null, anchorLabel };
    });
    const inserted = await insertComments(
      tx,
      comments.map((c) => ({ ...c, budgetId: budget.id, authorId: actor.id, snapshotId })),
    );
    return {
      result: { commentIds: inserted.map((c) => c.id) },
      audit: { entity: "budget", entityId: budget.id, after: { comments } },
    };
  });
}

/** 批复, on the given date or today (China time). The 20-day disclosure deadline runs from it. */
export function approveBudget(db: DbOrTx, actor: SessionUser, ref: BudgetRef, approvedOn?: string, now = new Date()) {
  return changeBudget(db, actor, ref, { action: "approve", name: "approve" }, async (_tx, budget) => {
    const today = dateInChina(now);
    const date = approvedOn ?? today;
    if (date > today) throw new AppError("BAD_REQUEST", "批复日期不能晚于今天");
    if (budget.submittedAt && date < dateInChina(budget.submittedAt)) throw new AppError("BAD_REQUEST", "批复日期不能早于提交日期");
    return { result: { approvedOn: date }, set: { approvedOn: date }, audit: { entity: "budget", entityId: budget.id, after: { approvedOn: date } } };
  });
}

/**
 * 公开: freeze the approved budget as a snapshot the public reads. A correction (revision > 1)
 * carries its 更正说明 into the snapshot.
 */
export function publishBudget(db: DbOrTx, actor: SessionUser, ref: BudgetRef, correctionNote?: string, now = new Date()) {
  return changeBudget(db, actor, ref, { action: "publish", name: "publish" }, async (tx, budget) => {
    const note = (correctionNote ?? budget.correctionNote).trim();
    if (budget.revision > 1 && note === "") throw new AppError("BAD_REQUEST", "更正版本公开时必须填写更正说明");
    if (budget.revision === 1 && note !== "") throw new AppError("BAD_REQUEST", "首次公开的预算不需要更正说明");
    // The snapshot copies the budget row's note, so it must be in place first.
    await tx.update(s.budgets).set({ correctionNote: note }).where(eq(s.budgets.id, budget.id));
    const snapshotId = await createSnapshot(tx, budget.id, actor.id, now);
    const header = await findBudget(tx, actor.scope, budget.id);
    if (!header) throw new Error(`budget ${budget.id} vanished inside its own transaction`);
    return {
      result: { snapshotId, revision: budget.revision, public: { year: budget.year, unitCode: header.unitCode, departmentCode: header.departmentCode } },
      set: { publishedAt: now },
      audit: { entity: "budget", entityId: budget.id, after: { snapshotId, publishedAt: now.toISOString(), ...(note ? { correctionNote: note } : {}) } },
    };
  });
}
