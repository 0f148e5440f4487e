"use client";

import { useState, type ReactNode } from "react";
import { formatAmount, unitLabel, type DisplayUnit } from "@/lib/money";
import { DIFF_COLUMN_LABELS, type BudgetDiff, type DiffCell, type DiffRow, type DiffStatus } from "@/lib/review/diff";

const STATUS_WORDS: Record<DiffStatus, string> = { added: "新增", removed: "删除", changed: "修改", same: "未变" };
const ROW_LOOK: Record<DiffStatus, string> = {
  added: "bg-green-50",
  removed: "bg-red-50 text-gray-600",
  changed: "",
  same: "",
};
const TEXT_COLUMNS = ["function", "economic", "kind", "project", "source", "period"] as const;

function TextCell({ cell, removed }: { cell: DiffCell; removed: boolean }) {
  const now = cell.after ?? cell.before ?? "";
  if (!cell.changed) return <td className={`py-1.5 pr-2 ${removed ? "line-through" : ""}`}>{now}</td>;
  return (
    <td className="bg-amber-100 py-1.5 pr-2" data-changed="true">
      <ins className="no-underline">{cell.after}</ins>
      <span className="block text-xs text-gray-600">
        原：<del>{cell.before}</del>
      </span>
    </td>
  );
}

/**
 * Differences row by row: names, amounts in the display unit, changed cells highlighted, added and
 * removed rows marked. `rowExtra` renders under a row (comments on it, a comment form).
 */
export function DiffTable({
  title,
  diff,
  unit,
  beforeLabel,
  afterLabel,
  rowAction,
  rowExtra,
}: {
  title: string;
  diff: BudgetDiff;
  unit: DisplayUnit;
  beforeLabel: string;
  afterLabel: string;
  rowAction?: (row: DiffRow) => ReactNode;
  rowExtra?: (row: DiffRow) => ReactNode;
}) {
  const [onlyChanges, setOnlyChanges] = useState(true);
  const rows = onlyChanges ? diff.rows.filter((r) => r.status !== "same") : diff.rows;
  const label = unitLabel(unit);
  const amount = (yuan: string | null) => (yuan === null ? "" : formatAmount(yuan, unit));
  const change = (yuan: string) => (yuan.startsWith("-") ? `−${formatAmount(yuan.slice(1), unit)}` : yuan === "0.00" ? "0.00" : `+${formatAmount(yuan, unit)}`);
  return (
    <div>
      <p className="text-sm text-gray-700">
        新增 {diff.counts.added} 行，删除 {diff.counts.removed} 行，修改 {diff.counts.changed} 行，未变 {diff.counts.same} 行；合计{" "}
        <span className="num">{formatAmount(diff.totalBefore, unit)}</span> → <span className="num">{formatAmount(diff.totalAfter, unit)}</span> {label}
      </p>
      <label className="mt-1 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
        只显示有变化的行
      </label>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">没有变化。</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm" aria-label={title}>
            <caption className="sr-only">
              {title}（金额单位：{label}）
            </caption>
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-2">变化</th>
                {TEXT_COLUMNS.map((c) => (
                  <th key={c} scope="col" className="py-2 pr-2">
                    {DIFF_COLUMN_LABELS[c]}
                  </th>
                ))}
                <th scope="col" className="num py-2 pr-2">
                  {beforeLabel}（{label}）
                </th>
                <th scope="col" className="num py-2 pr-2">
                  {afterLabel}（{label}）
                </th>
                <th scope="col" className="num py-2 pr-2">增减（{label}）</th>
                {rowAction && (
                  <th scope="col" className="py-2">
                    <span className="sr-only">操作</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const extra = rowExtra?.(r);
                return [
                  <tr key={r.key} className={`border-b ${ROW_LOOK[r.status]}`} data-status={r.status}>
                    <td className="whitespace-nowrap py-1.5 pr-2">
                      {STATUS_WORDS[r.status]}
                      {r.renamed.length > 0 && <span className="block text-xs text-gray-600">科目调整：{r.renamed.join("，")}</span>}
                    </td>
                    {TEXT_COLUMNS.map((c) => (
                      <TextCell key={c} cell={r.cells[c]} removed={r.status === "removed"} />
                    ))}
                    <td className="num py-1.5 pr-2">{amount(r.cells.amount.before)}</td>
                    <td className={`num py-1.5 pr-2 ${r.cells.amount.changed ? "bg-amber-100" : ""}`} data-changed={r.cells.amount.changed || undefined}>
                      {amount(r.cells.amount.after)}
                    </td>
                    <td className="num py-1.5 pr-2">{change(r.change)}</td>
                    {rowAction && <td className="whitespace-nowrap py-1.5">{rowAction(r)}</td>}
                  </tr>,
                  extra ? (
                    <tr key={`${r.key}-extra`} className="border-b">
                      <td colSpan={10 + (rowAction ? 1 : 0)} className="p-2">
                        {extra}
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
