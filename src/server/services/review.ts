/**
 * Review: the reviewer's queue, the review page's data (checks, acknowledged warnings, differences
 * against the previous submission and the prior year), comments with replies and resolution,
 * and the preparer's 撤回 until the review starts. Authorise → transaction → queries → audit row.
 */
import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { findBudget, listBudgets } from "../queries/budgets";
import { loadBudgetInput } from "../queries/budget-input";
import {
  budgetDisplayUnit,
  crosswalkBetween,
  findComment,
  insertComments,
  latestSubmissionId,
  lineItemWords,
  listCommentThreads,
  listSubmissions,
  markReviewStarted,
  resolveComment,
  snapshotInput,
} from "../queries/review";
import { computeDisclosure } from "@/lib/budget";
import { hasPermission } from "@/lib/auth/permissions";
import { unitLabel, type DisplayUnit } from "@/lib/money";
import { diffSubmissions, diffYears, type BudgetDiff } from "@/lib/review/diff";
import { lineItemLabel } from "@/lib/review/words";
import { allowedActions, dateInChina, deadlineStatus, nextStepLabel, STATUS_LABELS, type BudgetStatus } from "@/lib/workflow";
import { AppError, assertPermission, notFound } from "./errors";
import { writeAudit } from "./audit";
import { changeBudget, type BudgetRef } from "./budget-guard";

async function requireBudget(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await findBudget(db, actor.scope, budgetId);
  if (!budget) throw notFound();
  return budget;
}

// ---------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------

/**
 * Every budget in scope, what waits on this user first (oldest submission first), with counts by
 * status and year and each approved budget's disclosure deadline.
 */
export async function getQueue(db: DbOrTx, actor: SessionUser, today: string = dateInChina(new Date())) {
  const rows = await listBudgets(db, actor.scope);
  const items = rows.map((b) => {
    const actions = allowedActions(b.status, actor.role).filter((a) => a !== "correct" && a !== "withdraw");
    const waitingOnMe = actions.some((a) => a === "edit" || a === "submit" || a === "approve" || a === "publish");
    const deadline = b.approvedOn ? deadlineStatus(b.approvedOn, b.publishedAt ? dateInChina(b.publishedAt) : null, today) : null;
    return {
      id: b.id,
      year: b.year,
      unitCode: b.unitCode,
      unitName: b.unitName,
      departmentName: b.departmentName,
      revision: b.revision,
      status: b.status,
      statusLabel: STATUS_LABELS[b.status],
      total: b.total,
      submittedAt: b.submittedAt,
      approvedOn: b.approvedOn,
      nextStep: nextStepLabel(b.status, actor.role),
      waitingOnMe,
      deadline,
    };
  });
  // What waits on me first; among those a late or older one first; then the rest as listed.
  const rank = (i: (typeof items)[number]) => (i.waitingOnMe ? 0 : 1);
  const since = (i: (typeof items)[number]) => (i.submittedAt ? i.submittedAt.getTime() : Number.MAX_SAFE_INTEGER);
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        rank(a.item) - rank(b.item) ||
        Number(b.item.deadline?.late ?? false) - Number(a.item.deadline?.late ?? false) ||
        (a.item.waitingOnMe ? since(a.item) - since(b.item) : 0) ||
        a.index - b.index,
    )
    .map((x) => x.item);
  const byStatus = new Map<BudgetStatus, number>();
  const byYear = new Map<number, Map<BudgetStatus, number>>();
  for (const i of items) {
    byStatus.set(i.status, (byStatus.get(i.status) ?? 0) + 1);
    const y = byYear.get(i.year) ?? new Map<BudgetStatus, number>();
    y.set(i.status, (y.get(i.status) ?? 0) + 1);
    byYear.set(i.year, y);
  }
  const statuses = (["draft", "submitted", "returned", "approved", "published"] as const).map((s) => ({ status: s, label: STATUS_LABELS[s] }));
  return {
    items: ordered,
    waitingOnMe: items.filter((i) => i.waitingOnMe).length,
    late: items.filter((i) => i.deadline?.late).length,
    statuses,
    counts: statuses.map((s) => ({ ...s, count: byStatus.get(s.status) ?? 0 })),
    years: [...byYear.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([year, m]) => ({ year, counts: statuses.map((s) => m.get(s.status) ?? 0), total: [...m.values()].reduce((x, y) => x + y, 0) })),
  };
}

// ---------------------------------------------------------------------------
// The review page
// ---------------------------------------------------------------------------

export interface CommentView {
  id: number;
  body: string;
  target: "budget" | "row" | "line";
  tableNumber: number | null;
  rowCode: string | null;
  lineItemId: number | null;
  anchorLabel: string;
  createdAt: Date;
  authorName: string;
  authorRole: string;
  resolved: boolean;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  /** Made on an earlier submission than the latest one. */
  old: boolean;
  /** Shown highlighted: open and on the latest submission. */
  highlighted: boolean;
  replies: { id: number; body: string; authorName: string; authorRole: string; createdAt: Date }[];
}

export async function getComments(db: DbOrTx, actor: SessionUser, budgetId: number): Promise<CommentView[]> {
  await requireBudget(db, actor, budgetId);
  return commentThreads(db, budgetId);
}

async function commentThreads(db: DbOrTx, budgetId: number): Promise<CommentView[]> {
  const rows = await listCommentThreads(db, budgetId);
  const latest = await latestSubmissionId(db, budgetId);
  const top = rows.filter((r) => r.parentId === null);
  return top.map((c) => {
    const resolved = c.resolvedAt !== null;
    const old = c.snapshotId !== null && latest !== null && c.snapshotId !== latest;
    return {
      id: c.id,
      body: c.body,
      target: c.lineItemId !== null ? "line" : c.tableNumber !== null || c.rowCode !== null ? "row" : "budget",
      tableNumber: c.tableNumber,
      rowCode: c.rowCode,
      lineItemId: c.lineItemId,
      anchorLabel: c.anchorLabel,
      createdAt: c.createdAt,
      authorName: c.authorName,
      authorRole: c.authorRole,
      resolved,
      resolvedAt: c.resolvedAt,
      resolvedByName: c.resolvedByName,
      old,
      highlighted: !resolved && !old,
      replies: rows
        .filter((r) => r.parentId === c.id)
        .map((r) => ({ id: r.id, body: r.body, authorName: r.authorName, authorRole: r.authorRole, createdAt: r.createdAt })),
    };
  });
}

/**
 * Everything the review page shows: the budget, its checks and the warnings the preparer
 * acknowledged, the submissions, the differences against the previous submission and against
 * the prior year, and the comments.
 */
export async function getReview(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await requireBudget(db, actor, budgetId);
  const input = await loadBudgetInput(db, budgetId);
  const disclosure = computeDisclosure(input);
  const submissions = await listSubmissions(db, budgetId);
  const last = submissions[submissions.length - 1] ?? null;
  const previous = submissions[submissions.length - 2] ?? null;

  // Against the previous submission: while submitted, the latest submission against the one
  // before; while being revised, the draft against what was last submitted.
  let sinceSubmission: { label: string; diff: BudgetDiff } | null = null;
  const revising = budget.status === "draft" || budget.status === "returned";
  if (revising && last) {
    const before = await snapshotInput(db, last.id);
    if (before) sinceSubmission = { label: `当前内容与第 ${last.seq} 次提交相比`, diff: diffSubmissions(before, input) };
  } else if (last && previous) {
    const before = await snapshotInput(db, previous.id);
    const after = await snapshotInput(db, last.id);
    if (before && after) sinceSubmission = { label: `第 ${last.seq} 次提交与第 ${previous.seq} 次提交相比`, diff: diffSubmissions(before, after) };
  }

  const crosswalk = input.priorBudget ? await crosswalkBetween(db, input.year - 1, input.year) : [];
  // With renamed codes, the differences start from the prior year as published and show each renaming.
  const prior = crosswalk.length > 0 ? (await loadBudgetInput(db, budgetId, { recodePrior: false })).priorBudget : input.priorBudget;
  const priorYear = {
    year: input.year - 1,
    onFile: prior !== null,
    baselineTotal: input.baseline?.total ?? null,
    diff: diffYears(prior ?? { ...input, year: input.year - 1, lineItems: [], projects: [] }, input, crosswalk),
  };

  const acknowledged = new Set(budget.acknowledgedWarnings);
  return {
    budget: { ...budget, statusLabel: STATUS_LABELS[budget.status] },
    amountUnit: input.amountUnit as DisplayUnit,
    unitLabel: unitLabel(input.amountUnit),
    actions: allowedActions(budget.status, actor.role),
    reviewStarted: budget.reviewStartedAt !== null,
    checks: disclosure.checks,
    acknowledgedWarnings: disclosure.checks.filter((c) => c.severity === "warning" && acknowledged.has(c.id)),
    submissions,
    sinceSubmission,
    priorYear,
    comments: await commentThreads(db, budgetId),
    /** The disclosure as it would be published (tables, 情况说明), for the preview. */
    preview: disclosure,
  };
}

// ---------------------------------------------------------------------------
// Verbs
// ---------------------------------------------------------------------------

/** The reviewer opened the submission: from now on the preparer can no longer withdraw it. */
export async function startReview(db: DbOrTx, actor: SessionUser, budgetId: number, now = new Date()) {
  assertPermission(actor, "budget.return");
  return db.transaction(async (tx) => {
    await requireBudget(tx, actor, budgetId);
    const started = await markReviewStarted(tx, budgetId, now);
    if (started) {
      await writeAudit(tx, { userId: actor.id, action: "review.start", entity: "budget", entityId: budgetId, budgetId, after: { reviewStartedAt: now.toISOString() } });
    }
    return { started };
  });
}

/** 撤回: the preparer takes a submission back, as long as the reviewer has not started on it. */
export function withdrawBudget(db: DbOrTx, actor: SessionUser, ref: BudgetRef) {
  return changeBudget(db, actor, ref, { action: "withdraw", name: "withdraw" }, async (_tx, budget) => {
    if (budget.reviewStartedAt !== null) throw new AppError("CONFLICT", "主管部门已开始审核，不能撤回；如需修改请联系审核人退回");
    return { result: {}, set: { submittedAt: null }, audit: { entity: "budget", entityId: budget.id } };
  });
}

export type CommentTarget =
  | { kind: "budget" }
  | { kind: "row"; tableNumber: number; rowCode: string | null; rowName: string }
  | { kind: "line"; lineItemId: number };

/** A line item in words, for a comment's anchor: names, source name and amount in the display unit. */
async function anchorOf(db: DbOrTx, budgetId: number, target: CommentTarget, unit: DisplayUnit): Promise<{ label: string; tableNumber: number | null; rowCode: string | null; lineItemId: number | null }> {
  if (target.kind === "budget") return { label: "整体意见", tableNumber: null, rowCode: null, lineItemId: null };
  if (target.kind === "row") {
    const code = target.rowCode?.trim() || null;
    return { label: `表${target.tableNumber} ${code ? `${code} ` : ""}${target.rowName}`.trim(), tableNumber: target.tableNumber, rowCode: code, lineItemId: null };
  }
  const [line] = await lineItemWords(db, budgetId, [target.lineItemId]);
  if (!line) throw new AppError("BAD_REQUEST", "意见所指的明细不属于本预算");
  return { label: lineItemLabel(line, unit), tableNumber: null, rowCode: null, lineItemId: line.id };
}

/** A reviewer's comment on the whole budget, a table row or a line item, while reviewing. */
export async function addComment(db: DbOrTx, actor: SessionUser, budgetId: number, body: string, target: CommentTarget, now = new Date()) {
  assertPermission(actor, "budget.return");
  return db.transaction(async (tx) => {
    const budget = await requireBudget(tx, actor, budgetId);
    if (budget.status !== "submitted") throw new AppError("CONFLICT", `当前状态为“${STATUS_LABELS[budget.status]}”，只有已提交待审核的预算可以提出意见`);
    await markReviewStarted(tx, budgetId, now);
    const unit = await budgetDisplayUnit(tx, budgetId);
    const anchor = await anchorOf(tx, budgetId, target, unit);
    const snapshotId = await latestSubmissionId(tx, budgetId);
    const [row] = await insertComments(tx, [
      { budgetId, authorId: actor.id, body, tableNumber: anchor.tableNumber, rowCode: anchor.rowCode, lineItemId: anchor.lineItemId, anchorLabel: anchor.label, snapshotId },
    ]);
    await writeAudit(tx, { userId: actor.id, action: "comment.add", entity: "comment", entityId: row!.id, budgetId, after: { body, anchor: anchor.label } });
    return { commentId: row!.id };
  });
}

/** A reply in a comment's thread, by the preparer or the reviewer. */
export async function replyToComment(db: DbOrTx, actor: SessionUser, commentId: number, body: string) {
  if (!hasPermission(actor.role, "budget.submit") && !hasPermission(actor.role, "budget.return")) assertPermission(actor, "budget.return");
  return db.transaction(async (tx) => {
    const parent = await findComment(tx, commentId);
    if (!parent) throw notFound("意见");
    await requireBudget(tx, actor, parent.budgetId);
    if (parent.parentId !== null) throw new AppError("BAD_REQUEST", "只能回复意见本身");
    const [row] = await insertComments(tx, [
      { budgetId: parent.budgetId, authorId: actor.id, body, parentId: parent.id, snapshotId: parent.snapshotId, anchorLabel: parent.anchorLabel },
    ]);
    await writeAudit(tx, { userId: actor.id, action: "comment.reply", entity: "comment", entityId: row!.id, budgetId: parent.budgetId, after: { body, anchor: parent.anchorLabel, replyTo: parent.body } });
    return { commentId: row!.id };
  });
}

/** The reviewer marks a comment as dealt with; it stops being highlighted. */
export async function resolveCommentVerb(db: DbOrTx, actor: SessionUser, commentId: number, now = new Date()) {
  assertPermission(actor, "budget.return");
  return db.transaction(async (tx) => {
    const c = await findComment(tx, commentId);
    if (!c) throw notFound("意见");
    await requireBudget(tx, actor, c.budgetId);
    if (c.parentId !== null) throw new AppError("BAD_REQUEST", "回复不能单独标记为已解决");
    if (!(await resolveComment(tx, commentId, actor.id, now))) throw new AppError("CONFLICT", "该意见已标记为已解决");
    await writeAudit(tx, { userId: actor.id, action: "comment.resolve", entity: "comment", entityId: commentId, budgetId: c.budgetId, after: { body: c.body, anchor: c.anchorLabel } });
    return { commentId };
  });
}
