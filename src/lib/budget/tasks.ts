/**
 * 表16 tasks linked to a figure of the budget: their amounts are computed from the line items, so
 * a linked task can never contradict the budget (BUD-C017 counts them on both sides).
 */
import { Decimal, ZERO } from "../money";
import type { BudgetInput, LineItem, PerformanceTask, TaskLink } from "./types";

export const TASK_FIGURE_LABELS = {
  personnel: "基本支出人员经费",
  public: "基本支出公用经费",
  project: "项目支出（单个项目）",
  projects: "项目支出（全部项目）",
} as const;

function matches(link: TaskLink, line: LineItem, unitCode: string | undefined): boolean {
  if (unitCode !== undefined && line.unitCode !== undefined && line.unitCode !== unitCode) return false;
  switch (link.figure) {
    case "personnel":
      return line.kind === "personnel";
    case "public":
      return line.kind === "public";
    case "projects":
      return line.kind === "project";
    case "project":
      return line.kind === "project" && link.projectId !== null && line.projectId === link.projectId;
  }
}

/** Σ line items (every source and period) of the figure a task follows, in 元 with two decimals. */
export function linkedAmount(input: Pick<BudgetInput, "lineItems">, link: TaskLink, unitCode?: string): string {
  let sum = ZERO;
  for (const line of input.lineItems) {
    if (!matches(link, line, unitCode)) continue;
    // A malformed amount is reported by the checks on the line itself; it adds nothing here.
    try {
      sum = sum.plus(new Decimal(line.amount));
    } catch {
      /* reported elsewhere */
    }
  }
  return sum.toFixed(2);
}

/** True when some task of the input follows a figure. */
export function hasLinkedTasks(input: Pick<BudgetInput, "targets">): boolean {
  return input.targets.some((t) => t.tasks.some((k) => k.link));
}

/** The input with every linked task's amount recomputed from the line items (unchanged when none is linked). */
export function resolveTaskLinks<T extends Pick<BudgetInput, "targets" | "lineItems">>(input: T): T {
  if (!hasLinkedTasks(input)) return input;
  return {
    ...input,
    targets: input.targets.map((t) =>
      t.tasks.some((k) => k.link)
        ? {
            ...t,
            tasks: t.tasks.map(
              (k): PerformanceTask => (k.link ? { ...k, amount: linkedAmount(input, k.link, t.unitCode) } : k),
            ),
          }
        : t,
    ),
  };
}

/** The project money the unit-wide target's tasks cover (tasks linked to a project or to all projects), in 元. */
export function projectMoneyInTasks(tasks: readonly PerformanceTask[]): Decimal {
  let sum = ZERO;
  for (const k of tasks) {
    if (k.link?.figure !== "project" && k.link?.figure !== "projects") continue;
    try {
      sum = sum.plus(new Decimal(k.amount));
    } catch {
      /* reported elsewhere */
    }
  }
  return sum;
}
