/**
 * What a budget copied from the prior year still carries over unchanged and the preparer should
 * look at again: 上年结转 lines (last year's carry-over is rarely this year's) and last year's
 * reasons for changes. Pure: the current input against the budget it was copied from.
 */
import type { Check } from "@/lib/budget/model";
import type { BudgetInput } from "@/lib/budget/types";

export const COPIED_CARRYOVER = "BUD-C060";
export const COPIED_REASONS = "BUD-C061";

export function copiedFromPriorWarnings(current: Pick<BudgetInput, "lineItems" | "narrative">, source: Pick<BudgetInput, "lineItems" | "narrative" | "year">): Check[] {
  const key = (l: BudgetInput["lineItems"][number]) => [l.functionCode, l.economicCode, l.kind, l.source, l.amount].join("|");
  const copied = new Map<string, number>();
  for (const l of source.lineItems) if (l.period === "carryover") copied.set(key(l), (copied.get(key(l)) ?? 0) + 1);
  const out: Check[] = [];
  for (const l of current.lineItems) {
    if (l.period !== "carryover") continue;
    const left = copied.get(key(l)) ?? 0;
    if (left === 0) continue;
    copied.set(key(l), left - 1);
    out.push({
      id: COPIED_CARRYOVER,
      severity: "warning",
      message: `上年结转资金明细 ${l.functionCode}/${l.economicCode} 复制自 ${source.year} 年预算、金额未改，请核实本年是否仍有结转`,
      lineItemId: l.id,
      table: 1,
    });
  }
  const reasons: [keyof BudgetInput["narrative"], string][] = [
    ["totalChangeReason", "收支总预算增减原因"],
    ["sanggongChangeReason", "“三公”经费增减原因"],
  ];
  for (const [k, label] of reasons) {
    const text = current.narrative[k].trim();
    if (text !== "" && text === source.narrative[k].trim())
      out.push({ id: COPIED_REASONS, severity: "warning", message: `${label}与 ${source.year} 年相同（复制自上年），请按本年情况修改` });
  }
  return out;
}
