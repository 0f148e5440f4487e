/**
 * One disclosure table as CSV: UTF-8 with a byte-order mark (so Excel recognises the encoding),
 * CRLF line ends (RFC 4180), a single header row whose labels spell out the header path
 * ("本年收入/合计"), amounts as plain decimal strings in the table's unit ("5114.04", exactly the
 * printed figure without separators) and codes as quoted text.
 */
import { isGroup } from "../budget/columns";
import type { Column, DisclosureTable, LeafColumn } from "../budget/model";

export const BOM = "\uFEFF";

export interface FlatColumn {
  key: string;
  /** "本年收入/单位资金/小计" */
  label: string;
  type: LeafColumn["type"];
}

/** Leaf columns with their full header path. */
export function flattenColumns(columns: Column[], prefix: string[] = []): FlatColumn[] {
  const out: FlatColumn[] = [];
  for (const c of columns) {
    if (isGroup(c)) out.push(...flattenColumns(c.children, [...prefix, c.label]));
    else out.push({ key: c.key, label: [...prefix, c.label].join("/"), type: c.type });
  }
  return out;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * A spreadsheet reads a cell starting with =, +, -, @ (or a tab or CR before them) as a formula:
 * a project named "=HYPERLINK(…)" would run in Excel. Such a cell is written as text, behind an
 * apostrophe (OWASP's advice), unless it is a plain number such as an amount "-12.30" or a lone sign.
 */
export function neutraliseFormula(value: string): string {
  // A lone sign (the "=" of a performance target's comparison, a "-" placeholder) runs nothing.
  if (!/^[=+\-@\t\r\n]/.test(value) || /^[=+\-@]$/.test(value) || /^[-+]?\d+(\.\d+)?%?$/.test(value)) return value;
  return `'${value}`;
}

function field(raw: string, forceQuote: boolean): string {
  const value = neutraliseFormula(raw);
  if (value !== raw) return quote(value);
  if (forceQuote || /[",\r\n]/.test(value) || /^\s|\s$/.test(value)) return quote(value);
  return value;
}

/**
 * Columns a CSV adds in front of a table's own for the form tables, whose rows only make sense
 * with their block: 表16 names the unit, 表17 the project.
 */
function contextColumn(table: DisclosureTable): { label: string; valueOf: (i: number) => string } | null {
  if (table.layout === "overall-performance") {
    const labels = new Map((table.overall ?? []).map((b) => [b.unitCode, b.unitLabel]));
    return { label: "部门（单位）名称", valueOf: (i) => labels.get(table.rows[i]?.unitCode ?? "") ?? "" };
  }
  if (table.layout === "project-performance") {
    const names = new Map((table.projects ?? []).map((p) => [p.projectId, p.projectName]));
    return { label: "项目(政策)名称", valueOf: (i) => names.get(table.rows[i]?.projectId ?? "") ?? "" };
  }
  return null;
}

/** The CSV text of one table, BOM included. */
export function tableCsv(table: DisclosureTable): string {
  const columns = flattenColumns(table.columns);
  const context = contextColumn(table);
  const lines: string[] = [];
  const header = columns.map((c) => field(c.label, false));
  lines.push((context ? [field(context.label, false), ...header] : header).join(","));
  table.rows.forEach((row, i) => {
    const cells = columns.map((c) => {
      const v = row.cells[c.key];
      if (v === null || v === undefined) return "";
      return field(v, c.type === "code");
    });
    lines.push((context ? [field(context.valueOf(i), false), ...cells] : cells).join(","));
  });
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/**
 * Parses CSV text written by `tableCsv` (or any RFC 4180 CSV) into rows of fields. Used by the
 * tests and handy for consumers; strips a leading BOM.
 */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let fieldText = "";
  let quoted = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          fieldText += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else fieldText += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(fieldText);
      fieldText = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(fieldText);
      rows.push(row);
      row = [];
      fieldText = "";
    } else fieldText += ch;
    i++;
  }
  if (fieldText !== "" || row.length > 0) {
    row.push(fieldText);
    rows.push(row);
  }
  return rows;
}
