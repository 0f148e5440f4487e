/**
 * The line-item grid's model, without React: rows as the text a person typed or pasted, what each
 * cell means once read against the year's catalogue, the refusals per cell, exact duplicates,
 * subtotals, pasting a block from Excel/WPS and the batch a save sends. Money stays a string;
 * sums use decimal.js.
 */
import { Decimal, ZERO } from "../money";
import type { CatalogEntry, ExpenseKind, Period, SourceCode } from "../budget/types";
import { parseAmountCell } from "../workbook/amount";
import { KIND_ALIASES, KIND_NAMES, PERIOD_ALIASES, PERIOD_NAMES } from "../workbook/format";

export const GRID_COLUMNS = ["functionCode", "economicCode", "kind", "project", "source", "period", "amount"] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

export const GRID_HEADERS: Record<GridColumn, string> = {
  functionCode: "支出功能分类",
  economicCode: "经济分类",
  kind: "支出类型",
  project: "项目",
  source: "资金来源",
  period: "期间",
  amount: "金额（元）",
};

/** One row as typed: every cell is text. `id` is the saved line's id, null for a new row. */
export interface GridRow {
  key: string;
  id: number | null;
  functionCode: string;
  economicCode: string;
  kind: string;
  project: string;
  source: string;
  period: string;
  amount: string;
}

export interface GridContext {
  functions: CatalogEntry[];
  economics: CatalogEntry[];
  sources: CatalogEntry[];
  projects: { id: number; name: string }[];
}

/** What a row means once every cell reads. */
export interface ReadLine {
  functionCode: string;
  economicCode: string;
  kind: ExpenseKind;
  projectId: number | null;
  source: SourceCode;
  period: Period;
  amount: string;
}

export type RowErrors = Partial<Record<GridColumn, string>>;

/** The saved line as the server gives it. */
export interface SavedLine {
  id: number;
  functionCode: string;
  economicCode: string;
  kind: ExpenseKind;
  projectId: number | null;
  source: string;
  period: Period;
  amount: string;
}

export interface Lookups {
  functions: Map<string, string>;
  economics: Map<string, string>;
  sourceByText: Map<string, SourceCode>;
  sourceName: Map<string, string>;
  projectByName: Map<string, number>;
  projectName: Map<number, string>;
}

export function lookups(ctx: GridContext): Lookups {
  const sourceByText = new Map<string, SourceCode>();
  for (const s of ctx.sources) {
    sourceByText.set(s.name, s.code as SourceCode);
    sourceByText.set(s.code, s.code as SourceCode);
  }
  return {
    functions: new Map(ctx.functions.map((f) => [f.code, f.name])),
    economics: new Map(ctx.economics.map((e) => [e.code, e.name])),
    sourceByText,
    sourceName: new Map(ctx.sources.map((s) => [s.code, s.name])),
    projectByName: new Map(ctx.projects.map((p) => [p.name, p.id])),
    projectName: new Map(ctx.projects.map((p) => [p.id, p.name])),
  };
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `n${Date.now().toString(36)}${counter}`;
}

export function rowFromSaved(l: SavedLine, lk: Lookups): GridRow {
  return {
    key: `s${l.id}`,
    id: l.id,
    functionCode: l.functionCode,
    economicCode: l.economicCode,
    kind: KIND_NAMES[l.kind],
    project: l.projectId === null ? "" : (lk.projectName.get(l.projectId) ?? String(l.projectId)),
    source: lk.sourceName.get(l.source) ?? l.source,
    period: PERIOD_NAMES[l.period],
    amount: l.amount,
  };
}

/** A new row carrying the codes of `last` (the row the person worked on), amount empty. */
export function blankRow(last?: GridRow | null): GridRow {
  return {
    key: newKey(),
    id: null,
    functionCode: last?.functionCode ?? "",
    economicCode: last?.economicCode ?? "",
    kind: last?.kind ?? KIND_NAMES.personnel,
    project: last?.project ?? "",
    source: last?.source ?? "一般公共预算",
    period: last?.period ?? PERIOD_NAMES.current,
    amount: "",
  };
}

export function isEmptyRow(r: GridRow): boolean {
  return r.functionCode === "" && r.economicCode === "" && r.project === "" && r.amount === "";
}

/**
 * A code cell accepts the code, "code name" as our lists and many spreadsheets write it, or a
 * name that is unique in the catalogue. Answers the code or null.
 */
export function resolveCode(text: string, entries: Map<string, string>): string | null {
  const t = text.trim();
  if (t === "") return null;
  const first = /^(\d+)/.exec(t)?.[1];
  if (first && entries.has(first)) return first;
  let found: string | null = null;
  for (const [code, name] of entries) {
    if (name === t) {
      if (found !== null) return null;
      found = code;
    }
  }
  return found;
}

/** Reads a row; answers the line or the refusal of each wrong cell. Empty rows are skipped by the caller. */
export function readRow(r: GridRow, lk: Lookups): { line: ReadLine | null; errors: RowErrors } {
  const errors: RowErrors = {};
  const functionCode = resolveCode(r.functionCode, lk.functions);
  if (functionCode === null || functionCode.length !== 7) {
    errors.functionCode = r.functionCode.trim() === "" ? "请填写支出功能分类（7 位项级）" : `“${r.functionCode}”不在本年度支出功能分类（项级）中`;
  }
  const economicCode = resolveCode(r.economicCode, lk.economics);
  if (economicCode === null || economicCode.length !== 5) {
    errors.economicCode = r.economicCode.trim() === "" ? "请填写经济分类（5 位款级）" : `“${r.economicCode}”不在本年度部门预算经济分类（款级）中`;
  }
  const kind = KIND_ALIASES[r.kind.trim()];
  if (!kind) errors.kind = `“${r.kind}”应为人员经费、公用经费或项目支出`;
  let projectId: number | null = null;
  const projectText = r.project.trim();
  if (kind === "project") {
    if (projectText === "") errors.project = "项目支出须选择项目";
    else {
      const id = lk.projectByName.get(projectText);
      if (id === undefined) errors.project = `项目“${projectText}”不存在，请先在“项目”中添加`;
      else projectId = id;
    }
  } else if (kind && projectText !== "") {
    errors.project = "基本支出不挂项目";
  }
  const source = lk.sourceByText.get(r.source.trim());
  if (!source) errors.source = `“${r.source}”不是本年度的资金来源`;
  const period = PERIOD_ALIASES[r.period.trim()];
  if (!period) errors.period = `“${r.period}”应为本年或上年结转`;
  let amount: string | null = null;
  if (r.amount.trim() === "") errors.amount = "请填写金额";
  else {
    const a = parseAmountText(r.amount);
    if (a.ok) amount = a.yuan;
    else errors.amount = a.message;
  }
  if (Object.keys(errors).length > 0 || !functionCode || !economicCode || !kind || !source || !period || amount === null) {
    return { line: null, errors };
  }
  return { line: { functionCode, economicCode, kind, projectId, source, period, amount }, errors };
}

/** An amount typed or pasted in the grid, in 元 unless it says 万元 (the one reader of typed amounts). */
export function parseAmountText(text: string): { ok: true; yuan: string } | { ok: false; message: string } {
  const r = parseAmountCell(text, "yuan");
  return r.ok ? r : { ok: false, message: `金额${r.message}` };
}

export interface Analysis {
  errors: Map<string, RowErrors>;
  lines: Map<string, ReadLine>;
  /** Row key → the key of the first row it repeats exactly. */
  duplicates: Map<string, string>;
}

export function analyse(rows: GridRow[], lk: Lookups): Analysis {
  const errors = new Map<string, RowErrors>();
  const lines = new Map<string, ReadLine>();
  const duplicates = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const r of rows) {
    if (isEmptyRow(r)) continue;
    const read = readRow(r, lk);
    if (!read.line) {
      errors.set(r.key, read.errors);
      continue;
    }
    lines.set(r.key, read.line);
    const l = read.line;
    const sig = `${l.functionCode}|${l.economicCode}|${l.kind}|${l.projectId}|${l.source}|${l.period}|${l.amount}`;
    const first = seen.get(sig);
    if (first !== undefined) duplicates.set(r.key, first);
    else seen.set(sig, r.key);
  }
  return { errors, lines, duplicates };
}

export interface Subtotal {
  key: string;
  label: string;
  amount: string;
}

/** Σ of the rows that read, by kind, by function 类 and by project, in 元 (exact). */
export function subtotals(lines: Iterable<ReadLine>, lk: Lookups, functionClassName: (code: string) => string) {
  const byKind = new Map<string, Decimal>();
  const byClass = new Map<string, Decimal>();
  const byProject = new Map<string, Decimal>();
  let total = ZERO;
  const add = (m: Map<string, Decimal>, k: string, v: Decimal) => m.set(k, (m.get(k) ?? ZERO).plus(v));
  for (const l of lines) {
    const v = new Decimal(l.amount);
    total = total.plus(v);
    add(byKind, l.kind, v);
    add(byClass, l.functionCode.slice(0, 3), v);
    if (l.projectId !== null) add(byProject, String(l.projectId), v);
  }
  const list = (m: Map<string, Decimal>, label: (k: string) => string): Subtotal[] =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => ({ key: k, label: label(k), amount: v.toFixed(2) }));
  return {
    total: total.toFixed(2),
    byKind: list(byKind, (k) => KIND_NAMES[k as ExpenseKind]),
    byClass: list(byClass, (k) => `${k} ${functionClassName(k)}`.trim()),
    byProject: list(byProject, (k) => lk.projectName.get(Number(k)) ?? k),
  };
}

/**
 * A block copied from Excel or WPS: rows by newline, cells by tab; a quoted cell may hold tabs,
 * newlines and doubled quotes, as Excel writes them.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  const src = text.replace(/\r\n?/g, "\n");
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") {
      quoted = true;
      i++;
      continue;
    }
    if (c === "\t") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((c) => c.trim()));
}

/** Cells as Excel copies them: tab-separated, quoted when they hold a tab, newline or quote. */
export function toClipboard(block: string[][]): string {
  return block.map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join("\t")).join("\n");
}

const HEADER_WORDS = new Set<string>([...Object.values(GRID_HEADERS), "支出功能分类编码", "经济分类编码", "项目名称", "金额"]);

/** A copied block without its header row (the grid's or the workbook's headers), if it has one. */
export function dropHeaderRow(block: string[][]): string[][] {
  return block[0] && block[0].some((c) => HEADER_WORDS.has(c)) ? block.slice(1) : block;
}

/**
 * Pastes `data` with its top-left cell at (`rowIndex`, `colIndex`) of `rows` (in the order
 * shown); rows are added at the end when the block is taller. Answers the new rows and how many
 * cells were written.
 */
export function pasteBlock(rows: GridRow[], rowIndex: number, colIndex: number, data: string[][]): { rows: GridRow[]; cells: number } {
  const out = rows.slice();
  let cells = 0;
  data.forEach((values, i) => {
    const at = rowIndex + i;
    while (out.length <= at) out.push(blankRow(out[out.length - 1]));
    const row = { ...out[at]! };
    values.forEach((v, j) => {
      const col = GRID_COLUMNS[colIndex + j];
      if (!col) return;
      row[col] = v;
      cells++;
    });
    out[at] = row;
  });
  return { rows: out, cells };
}

/** Fill down: the first row's cells of `cols` copied into the following rows of the range. */
export function fillDown(rows: GridRow[], from: number, to: number, cols: readonly GridColumn[]): GridRow[] {
  const source = rows[from];
  if (!source) return rows;
  return rows.map((r, i) => {
    if (i <= from || i > to) return r;
    const next = { ...r };
    for (const c of cols) next[c] = source[c];
    return next;
  });
}

export interface LineUpsert extends ReadLine {
  id?: number;
  clientKey?: string;
}

/** The batch a save sends: changed and new rows that read, and the saved rows that are gone. */
export function changesOf(rows: GridRow[], saved: Map<number, SavedLine>, analysis: Analysis) {
  const upsert: LineUpsert[] = [];
  const kept = new Set<number>();
  for (const r of rows) {
    if (r.id !== null) kept.add(r.id);
    const line = analysis.lines.get(r.key);
    if (!line) continue;
    if (r.id !== null) {
      const before = saved.get(r.id);
      if (before && sameLine(before, line)) continue;
      upsert.push({ id: r.id, ...line });
    } else {
      upsert.push({ clientKey: r.key, ...line });
    }
  }
  const deleted = [...saved.keys()].filter((id) => !kept.has(id));
  return { upsert, delete: deleted };
}

export function sameLine(a: SavedLine | ReadLine, b: ReadLine): boolean {
  return (
    a.functionCode === b.functionCode &&
    a.economicCode === b.economicCode &&
    a.kind === b.kind &&
    a.projectId === b.projectId &&
    a.source === b.source &&
    a.period === b.period &&
    new Decimal(a.amount).eq(b.amount)
  );
}

/** Which cells of a row differ from the saved line (all of them for a new row). */
export function unsavedCells(r: GridRow, saved: GridRow | undefined): Set<GridColumn> {
  const out = new Set<GridColumn>();
  for (const c of GRID_COLUMNS) if (!saved || saved[c] !== r[c]) out.add(c);
  return out;
}

/**
 * After a conflict: the rows as the server has them now, with the person's unsaved edits laid over
 * them. An edited row the server deleted comes back as a new row; nothing typed is lost.
 */
export function rebase(mine: GridRow[], before: Map<number, GridRow>, server: GridRow[]): { rows: GridRow[]; changedOnServer: string[] } {
  const serverById = new Map(server.map((r) => [r.id!, r]));
  const changedOnServer: string[] = [];
  for (const [id, old] of before) {
    const now = serverById.get(id);
    if (!now) changedOnServer.push(`已被他人删除：${describeRow(old)}`);
    else if (GRID_COLUMNS.some((c) => now[c] !== old[c])) changedOnServer.push(`已被他人修改：${describeRow(old)} → ${describeRow(now)}`);
  }
  for (const r of server) if (!before.has(r.id!)) changedOnServer.push(`他人新增：${describeRow(r)}`);

  const mineById = new Map(mine.filter((r) => r.id !== null).map((r) => [r.id!, r]));
  const rows: GridRow[] = [];
  for (const s of server) {
    const m = mineById.get(s.id!);
    const old = before.get(s.id!);
    if (!m) {
      // Deleted here but still on the server: keep it deleted only if nobody changed it there.
      if (old && GRID_COLUMNS.every((c) => old[c] === s[c])) continue;
      rows.push(s);
      continue;
    }
    const merged = { ...s };
    for (const c of GRID_COLUMNS) if (old && m[c] !== old[c]) merged[c] = m[c];
    rows.push(merged);
  }
  for (const m of mine) {
    if (m.id === null) rows.push(m);
    else if (!serverById.has(m.id)) {
      const old = before.get(m.id);
      if (old && GRID_COLUMNS.some((c) => m[c] !== old[c])) rows.push({ ...m, id: null, key: newKey() });
    }
  }
  return { rows, changedOnServer };
}

export function describeRow(r: GridRow): string {
  return `${r.functionCode} ${r.economicCode} ${r.kind}${r.project ? ` ${r.project}` : ""} ${r.source} ${r.period} ${r.amount} 元`;
}
