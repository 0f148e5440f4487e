/**
 * CSV for the administration's bulk import and export: a header row, one record per line, BOM
 * for Excel, codes always quoted (so 023 keeps its leading zero). Pure: no database.
 */
import { BOM, parseCsv } from "../export/csv";

export interface CsvError {
  /** 1-based line of the file (the header is line 1). */
  row: number;
  column: string;
  message: string;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** The CSV text of `rows` under `header`, BOM included; every field quoted. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((r) => r.map((v) => quote(v)).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

export interface ParsedCsv {
  /** Records keyed by column name, with their 1-based file line. */
  records: { row: number; values: Record<string, string> }[];
  errors: CsvError[];
}

/**
 * Reads `text` expecting exactly `columns` (in any order; extra columns are an error). Blank lines
 * are skipped. Values are trimmed.
 */
export function readCsv(text: string, columns: readonly string[]): ParsedCsv {
  const errors: CsvError[] = [];
  let rows: string[][];
  try {
    rows = parseCsv(text.replace(/^\uFEFF/, ""));
  } catch {
    return { records: [], errors: [{ row: 1, column: "", message: "文件不是有效的 CSV" }] };
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (rows.length === 0 || header.every((h) => h === "")) {
    return { records: [], errors: [{ row: 1, column: "", message: `文件为空；第一行须为表头：${columns.join(",")}` }] };
  }
  for (const c of columns) if (!header.includes(c)) errors.push({ row: 1, column: c, message: `缺少列“${c}”` });
  for (const h of header) if (!columns.includes(h)) errors.push({ row: 1, column: h, message: `未知的列“${h}”` });
  if (errors.length > 0) return { records: [], errors };
  const records: ParsedCsv["records"] = [];
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = (cells[j] ?? "").trim()));
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== "")) {
      errors.push({ row: i + 2, column: "", message: `本行有 ${cells.length} 列，多于表头的 ${header.length} 列` });
    }
    records.push({ row: i + 2, values });
  });
  return { records, errors };
}

/** Errors sorted by row, then column, for a stable report. */
export function sortErrors(errors: CsvError[]): CsvError[] {
  return [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}
