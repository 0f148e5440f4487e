/**
 * Tables 16 and 17 are forms, not grids: label cells on the left, merged value cells, an
 * indicator grid whose 一级/二级指标 span the rows below them. This module lays a block out once
 * as rows of cells with colspan/rowspan, and both the HTML renderer and the xlsx writer draw
 * from it, so the page and the workbook cannot disagree.
 */
import type { OverallPerformanceBlock, ProjectPerformanceBlock } from "../budget/model";
import type { PerformanceIndicator } from "../budget/types";

export interface FormCell {
  text: string;
  colspan: number;
  rowspan: number;
  /** A label (th) rather than a value (td). */
  header?: "row" | "col";
  /** An amount: `text` is a plain decimal string in the table's unit (or ""). */
  amount?: boolean;
  /** Index of the first column this cell covers. */
  column: number;
}

export interface FormLayout {
  /** Width in columns (8: a label column plus the seven indicator columns). */
  columns: number;
  /** rows[r] lists the cells that start on row r, left to right. */
  rows: FormCell[][];
}

export const FORM_COLUMNS = 8;
const INDICATOR_HEADERS = ["一级指标", "二级指标", "三级指标", "运算符号", "指标值", "度量单位", "完成时限"] as const;

function cell(text: string, column: number, colspan = 1, extra: Partial<FormCell> = {}): FormCell {
  return { text, column, colspan, rowspan: 1, ...extra };
}

/**
 * The indicator block: a row label spanning all rows, a header row, then one row per indicator
 * with equal consecutive 一级指标 (and 二级指标 under the same 一级) merged downwards.
 */
function indicatorRows(label: string, indicators: PerformanceIndicator[]): FormCell[][] {
  const rows: FormCell[][] = [];
  const head: FormCell[] = [cell(label, 0, 1, { header: "row", rowspan: 1 + indicators.length })];
  INDICATOR_HEADERS.forEach((h, i) => head.push(cell(h, i + 1, 1, { header: "col" })));
  rows.push(head);
  const spanOf = (from: number, same: (a: PerformanceIndicator, b: PerformanceIndicator) => boolean) => {
    let n = 1;
    const first = indicators[from];
    if (!first) return 1;
    while (from + n < indicators.length && same(first, indicators[from + n] as PerformanceIndicator)) n++;
    return n;
  };
  let level1Left = 0;
  let level2Left = 0;
  indicators.forEach((ind, i) => {
    const row: FormCell[] = [];
    if (level1Left === 0) {
      level1Left = spanOf(i, (a, b) => a.level1 === b.level1);
      row.push(cell(ind.level1, 1, 1, { rowspan: level1Left }));
      level2Left = 0;
    }
    if (level2Left === 0) {
      const within = Math.min(
        level1Left,
        spanOf(i, (a, b) => a.level1 === b.level1 && a.level2 === b.level2),
      );
      level2Left = within;
      row.push(cell(ind.level2, 2, 1, { rowspan: within }));
    }
    row.push(
      cell(ind.level3, 3),
      cell(ind.operator, 4),
      cell(ind.value, 5),
      cell(ind.unit, 6),
      cell(ind.deadline, 7),
    );
    level1Left--;
    level2Left--;
    rows.push(row);
  });
  return rows;
}

/** 表16: one block per unit (a department's consolidated table has several). */
export function overallForm(block: OverallPerformanceBlock): FormLayout {
  const rows: FormCell[][] = [];
  rows.push([cell("部门（单位）名称", 0, 1, { header: "row" }), cell(block.unitLabel, 1, 7)]);
  rows.push([
    cell("年度主要任务", 0, 1, { header: "row", rowspan: 1 + block.tasks.length }),
    cell("对应项目", 1, 4, { header: "col" }),
    cell("预算资金情况", 5, 3, { header: "col" }),
  ]);
  for (const t of block.tasks) rows.push([cell(t.name, 1, 4), cell(t.value ?? "", 5, 3, { amount: true })]);
  rows.push([cell("年度绩效目标", 0, 1, { header: "row" }), cell(block.goal, 1, 7)]);
  rows.push(...indicatorRows("年度绩效指标", block.indicators));
  return { columns: FORM_COLUMNS, rows };
}

/** 表17: one block per project. */
export function projectForm(block: ProjectPerformanceBlock): FormLayout {
  const rows: FormCell[][] = [];
  rows.push([cell("项目(政策)名称", 0, 1, { header: "row" }), cell(block.projectName, 1, 7)]);
  rows.push([
    cell("主管部门", 0, 1, { header: "row" }),
    cell(block.departmentName, 1, 3),
    cell("实施单位", 4, 1, { header: "row" }),
    cell(block.unitName, 5, 3),
  ]);
  rows.push([cell("预算资金情况", 0, 1, { header: "row" }), cell(block.value ?? "", 1, 7, { amount: true })]);
  rows.push([cell("总体目标", 0, 1, { header: "row" }), cell(block.goal, 1, 7)]);
  rows.push(...indicatorRows("绩效指标", block.indicators));
  return { columns: FORM_COLUMNS, rows };
}
