/**
 * The budget workflow as data: draft → submitted → approved → published, with
 * submitted → returned → submitted, and a correction of a published budget as a new revision.
 * Pure: status × role → allowed actions, and the message for an illegal one.
 */
import { hasPermission, type Permission, type Role } from "@/lib/auth/permissions";

export const BUDGET_STATUSES = ["draft", "submitted", "returned", "approved", "published"] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

export const STATUS_LABELS: Record<BudgetStatus, string> = {
  draft: "草稿",
  submitted: "已提交",
  returned: "已退回",
  approved: "已批复",
  published: "已公开",
};

export const WORKFLOW_ACTIONS = ["edit", "submit", "withdraw", "return", "approve", "publish", "correct"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  edit: "编辑",
  submit: "提交",
  withdraw: "撤回",
  return: "退回",
  approve: "批复",
  publish: "公开",
  correct: "发起更正",
};

interface Transition {
  from: readonly BudgetStatus[];
  /** The status after the action; `correct` leaves the published budget as it is and starts a new draft revision. */
  to: BudgetStatus | "unchanged";
  permission: Permission;
}

const TRANSITIONS: Record<WorkflowAction, Transition> = {
  // Submitted content is frozen: only the unit's own draft or returned budget is editable.
  edit: { from: ["draft", "returned"], to: "unchanged", permission: "budget.edit" },
  submit: { from: ["draft", "returned"], to: "submitted", permission: "budget.submit" },
  // 撤回: back to a draft, only until the reviewer has started (budgets.review_started_at).
  withdraw: { from: ["submitted"], to: "draft", permission: "budget.submit" },
  return: { from: ["submitted"], to: "returned", permission: "budget.return" },
  approve: { from: ["submitted"], to: "approved", permission: "budget.approve" },
  publish: { from: ["approved"], to: "published", permission: "budget.publish" },
  correct: { from: ["published"], to: "unchanged", permission: "budget.correct" },
};

export function permissionFor(action: WorkflowAction): Permission {
  return TRANSITIONS[action].permission;
}

export function canTransition(status: BudgetStatus, action: WorkflowAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or null when the action is not legal from `status`. */
export function nextStatus(status: BudgetStatus, action: WorkflowAction): BudgetStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return null;
  return t.to === "unchanged" ? status : t.to;
}

export function illegalTransitionMessage(status: BudgetStatus, action: WorkflowAction): string {
  return `当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”`;
}

/** What this role may do to a budget in this status (both the role and the status must allow it). */
export function allowedActions(status: BudgetStatus, role: Role): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => canTransition(status, a) && hasPermission(role, TRANSITIONS[a].permission));
}

/** The one thing a person of this role is expected to do next, for lists ("待提交", "待审核"…). */
export function nextStepLabel(status: BudgetStatus, role: Role): string {
  const mine = allowedActions(status, role).filter((a) => a !== "correct" && a !== "withdraw");
  if (mine.includes("submit")) return status === "returned" ? "修改后重新提交" : "编辑并提交";
  if (mine.includes("approve")) return "审核：批复或退回";
  if (mine.includes("publish")) return "公开";
  switch (status) {
    case "draft":
      return "等待单位提交";
    case "returned":
      return "等待单位修改";
    case "submitted":
      return "等待主管部门审核";
    case "approved":
      return "等待主管部门公开";
    case "published":
      return "已公开，无需操作";
  }
}

export { dateInChina, deadlineStatus, disclosureDeadline, DISCLOSURE_DAYS, type DeadlineStatus } from "./deadline";
