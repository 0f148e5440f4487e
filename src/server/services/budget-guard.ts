import type { DbOrTx, Tx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { bumpBudget, lockBudget, type BudgetPatch, type LockedBudget } from "../queries/budgets";
import { illegalTransitionMessage, nextStatus, permissionFor, type WorkflowAction } from "@/lib/workflow";
import { AppError, assertPermission, notFound } from "./errors";
import { writeAudit, type AuditEntry } from "./audit";
import { logEvent } from "../observability/log";
import { metrics } from "../observability/metrics";

/** Every write names the budget and the version it read. */
export interface BudgetRef {
  budgetId: number;
  version: number;
}

/**
 * Inside a transaction: lock the budget (only within the actor's scope), then refuse a stale
 * version or a state the action is not allowed from. The order of the answers is the contract:
 * FORBIDDEN, NOT_FOUND, CONFLICT (stale), CONFLICT (state).
 */
export async function lockForAction(tx: DbOrTx, actor: SessionUser, ref: BudgetRef, action: WorkflowAction): Promise<LockedBudget> {
  assertPermission(actor, permissionFor(action));
  const budget = await lockBudget(tx, actor.scope, ref.budgetId);
  if (!budget) throw notFound();
  if (budget.version !== ref.version) {
    throw new AppError(
      "CONFLICT",
      `预算已被他人修改（您看到的是第 ${ref.version} 次保存的内容，现在是第 ${budget.version} 次），请刷新后再操作`,
      { currentVersion: budget.version },
    );
  }
  if (nextStatus(budget.status, action) === null) throw new AppError("CONFLICT", illegalTransitionMessage(budget.status, action));
  return budget;
}

export type { BudgetPatch };

export interface BudgetChange<T> {
  result: T;
  /** Budget columns to set along with the status and the version. */
  set?: BudgetPatch;
  /** What the audit row records; the status change is added to it here. */
  audit: Pick<AuditEntry, "entity" | "entityId"> & { before?: Record<string, unknown>; after?: Record<string, unknown> };
}

export interface Changed {
  budgetId: number;
  /** The version to send with the next write. */
  version: number;
  status: LockedBudget["status"];
}

/**
 * One write to a budget: lock and check, do the work, move the status as the action says,
 * increment the version, and write the audit row, all in one transaction.
 */
export async function changeBudget<T extends object>(
  db: DbOrTx,
  actor: SessionUser,
  ref: BudgetRef,
  op: { action: WorkflowAction; name: string },
  work: (tx: Tx, budget: LockedBudget) => Promise<BudgetChange<T>>,
): Promise<T & Changed> {
  const done = await db.transaction(async (tx) => {
    const budget = await lockForAction(tx, actor, ref, op.action);
    const change = await work(tx, budget);
    const status = nextStatus(budget.status, op.action) ?? budget.status;
    const updated = await bumpBudget(tx, budget.id, ref.version, { ...change.set, status });
    // The row lock makes this unreachable; if it ever happens, nothing of this write may stay.
    if (!updated) throw new AppError("CONFLICT", "预算已被他人修改，请刷新后再操作");
    const moved = status !== budget.status;
    await writeAudit(tx, {
      userId: actor.id,
      action: op.name,
      budgetId: budget.id,
      entity: change.audit.entity,
      entityId: change.audit.entityId,
      before: { ...(moved ? { status: budget.status } : {}), ...change.audit.before },
      after: { ...(moved ? { status } : {}), ...change.audit.after },
    });
    return { ...change.result, budgetId: budget.id, version: updated.version, status };
  });
  // Logged once committed: a verb that rolled back did not happen.
  if (op.action !== "edit") {
    metrics().workflowActions.inc({ action: op.action });
    logEvent("workflow", { action: op.name, budgetId: done.budgetId, userId: actor.id, status: done.status, version: done.version });
    if (op.action === "publish") {
      metrics().publications.inc();
      logEvent("publication", { budgetId: done.budgetId, userId: actor.id });
    }
  }
  return done;
}
