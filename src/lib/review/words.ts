/**
 * Budget facts in words for people: a line item as its names, source name and amount in the
 * region-year's display unit, never internal codes such as "gpb".
 */
import { formatAmount, unitLabel, type DisplayUnit } from "../money";
import { SOURCE_LABELS } from "../budget/ledger";
import type { SourceCode } from "../budget/types";
import { KIND_LABELS, PERIOD_LABELS } from "../workflow/inputs";

export interface LineWords {
  functionCode: string;
  functionName?: string | null;
  economicCode: string;
  economicName?: string | null;
  kind: keyof typeof KIND_LABELS;
  projectName?: string | null;
  source: string;
  sourceName?: string | null;
  period: keyof typeof PERIOD_LABELS;
  amount: string;
}

export function amountText(yuan: string, unit: DisplayUnit): string {
  return `${formatAmount(yuan, unit)} ${unitLabel(unit)}`;
}

export function sourceName(code: string, name?: string | null): string {
  return name ?? SOURCE_LABELS[code as SourceCode] ?? code;
}

/** "2080109 社会保险经办机构 · 30101 基本工资 · 人员经费 · 一般公共预算 · 本年 · 12.00 万元" */
export function lineItemLabel(l: LineWords, unit: DisplayUnit): string {
  const parts = [
    `${l.functionCode} ${l.functionName ?? ""}`.trim(),
    `${l.economicCode} ${l.economicName ?? ""}`.trim(),
    l.projectName ? `${KIND_LABELS[l.kind]}“${l.projectName}”` : KIND_LABELS[l.kind],
    sourceName(l.source, l.sourceName),
    PERIOD_LABELS[l.period],
    amountText(l.amount, unit),
  ];
  return parts.join(" · ");
}
