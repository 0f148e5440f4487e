/**
 * Differences between two versions of a budget, row by row, for the reviewer: against the previous
 * submission (the same budget: line items matched by their id, every cell compared) and against the
 * prior year (another budget: rows matched by what they are, through the code crosswalk when a code
 * was renamed, amounts summed per row). Pure; amounts stay exact decimal strings in 元.
 */
import { Decimal, ZERO, inspectMoney, toYuanString } from "../money";
import { SOURCE_LABELS } from "../budget/ledger";
import type { BudgetInput, LineItem } from "../budget/types";
import { KIND_LABELS, PERIOD_LABELS } from "../workflow/inputs";

export type DiffStatus = "added" | "removed" | "changed" | "same";

/** A cell's two sides in words (amounts in 元); `changed` marks the cell to highlight. */
export interface DiffCell {
  before: string | null;
  after: string | null;
  changed: boolean;
}

export const DIFF_COLUMNS = ["function", "economic", "kind", "project", "source", "period", "amount"] as const;
export type DiffColumn = (typeof DIFF_COLUMNS)[number];

export const DIFF_COLUMN_LABELS: Record<DiffColumn, string> = {
  function: "支出功能分类",
  economic: "部门预算支出经济分类",
  kind: "支出类型",
  project: "项目",
  source: "资金来源",
  period: "期间",
  amount: "金额",
};

export interface DiffRow {
  key: string;
  status: DiffStatus;
  /** The line item on the newer side (a database id as a string), for comments on the row. */
  lineItemId: string | null;
  cells: Record<DiffColumn, DiffCell>;
  /** Amount after − before, in 元 (negative for a decrease). */
  change: string;
  /** A code renamed between the years, in words: "2100499 → 2100410". */
  renamed: string[];
}

export interface BudgetDiff {
  rows: DiffRow[];
  counts: Record<DiffStatus, number>;
  totalBefore: string;
  totalAfter: string;
}

/** code_crosswalk rows: a code of `fromYear` continues as `toCode` in `toYear`. */
export interface CrosswalkEntry {
  catalog: "function" | "dept_economic" | "gov_economic";
  fromYear: number;
  fromCode: string;
  toYear: number;
  toCode: string;
}

function amountOf(raw: string): Decimal {
  const m = inspectMoney(raw);
  return m.ok ? m.value : ZERO;
}

function names(input: BudgetInput) {
  const fn = new Map(input.catalogs.functions.map((c) => [c.code, c.name]));
  const econ = new Map(input.catalogs.deptEconomic.map((c) => [c.code, c.name]));
  const projects = new Map(input.projects.map((p) => [p.id, p.name]));
  return {
    function: (code: string) => `${code} ${fn.get(code) ?? ""}`.trim(),
    economic: (code: string) => `${code} ${econ.get(code) ?? ""}`.trim(),
    project: (id: string | null) => (id === null ? "" : (projects.get(id) ?? "")),
  };
}

type Described = Record<Exclude<DiffColumn, "amount">, string>;

function describe(l: LineItem, n: ReturnType<typeof names>): Described {
  return {
    function: n.function(l.functionCode),
    economic: n.economic(l.economicCode),
    kind: KIND_LABELS[l.kind],
    project: n.project(l.projectId),
    source: SOURCE_LABELS[l.source],
    period: PERIOD_LABELS[l.period],
  };
}

function row(
  key: string,
  lineItemId: string | null,
  before: { d: Described; amount: Decimal } | null,
  after: { d: Described; amount: Decimal } | null,
  renamed: string[],
): DiffRow {
  const cells = {} as Record<DiffColumn, DiffCell>;
  for (const c of DIFF_COLUMNS) {
    const b = before ? (c === "amount" ? toYuanString(before.amount) : before.d[c]) : null;
    const a = after ? (c === "amount" ? toYuanString(after.amount) : after.d[c]) : null;
    const changed = before !== null && after !== null && (c === "amount" ? !before.amount.eq(after.amount) : b !== a);
    cells[c] = { before: b, after: a, changed };
  }
  const status: DiffStatus =
    before === null ? "added" : after === null ? "removed" : DIFF_COLUMNS.some((c) => cells[c].changed) ? "changed" : "same";
  const change = toYuanString((after?.amount ?? ZERO).minus(before?.amount ?? ZERO));
  return { key, status, lineItemId, cells, change, renamed };
}

function finish(rows: DiffRow[], before: BudgetInput, after: BudgetInput): BudgetDiff {
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const r of rows) counts[r.status]++;
  const total = (i: BudgetInput) => toYuanString(i.lineItems.reduce((s, l) => s.plus(amountOf(l.amount)), ZERO));
  return { rows, counts, totalBefore: total(before), totalAfter: total(after) };
}

/**
 * The same budget at two moments (a submission and the next, or a submission and the draft now):
 * line items matched by id, so an edited line is one changed row with its changed cells marked.
 */
export function diffSubmissions(before: BudgetInput, after: BudgetInput): BudgetDiff {
  const nb = names(before);
  const na = names(after);
  const old = new Map(before.lineItems.map((l) => [String(l.id), l]));
  const rows: DiffRow[] = [];
  for (const l of after.lineItems) {
    const id = String(l.id);
    const p = old.get(id);
    old.delete(id);
    rows.push(
      row(
        id,
        id,
        p ? { d: describe(p, nb), amount: amountOf(p.amount) } : null,
        { d: describe(l, na), amount: amountOf(l.amount) },
        [],
      ),
    );
  }
  for (const [id, p] of old) rows.push(row(id, null, { d: describe(p, nb), amount: amountOf(p.amount) }, null, []));
  return finish(rows, before, after);
}

/** A prior-year code as it is called in the later year, or itself. */
function crosswalked(crosswalk: CrosswalkEntry[], catalog: CrosswalkEntry["catalog"], fromYear: number, toYear: number) {
  const map = new Map<string, string>();
  for (const c of crosswalk) if (c.catalog === catalog && c.fromYear === fromYear && c.toYear === toYear) map.set(c.fromCode, c.toCode);
  return (code: string) => map.get(code) ?? code;
}

/**
 * This year's budget against the prior year's: rows are (功能分类, 经济分类, 类型, 项目, 资金来源,
 * 期间) with their amounts summed. A prior-year code renamed in this year's catalogue is matched
 * through the crosswalk and the row says so.
 */
export function diffYears(prior: BudgetInput, current: BudgetInput, crosswalk: CrosswalkEntry[] = []): BudgetDiff {
  const fnTo = crosswalked(crosswalk, "function", prior.year, current.year);
  const econTo = crosswalked(crosswalk, "dept_economic", prior.year, current.year);
  const np = names(prior);
  const nc = names(current);
  interface Group {
    d: Described;
    amount: Decimal;
    lineItemId: string | null;
    renamed: Set<string>;
  }
  const group = (input: BudgetInput, n: ReturnType<typeof names>, side: "prior" | "current") => {
    const out = new Map<string, Group>();
    for (const l of input.lineItems) {
      const fn = side === "prior" ? fnTo(l.functionCode) : l.functionCode;
      const econ = side === "prior" ? econTo(l.economicCode) : l.economicCode;
      const projectName = n.project(l.projectId);
      const key = [fn, econ, l.kind, projectName, l.source, l.period].join("|");
      let g = out.get(key);
      if (!g) {
        // Rows are described in the current year's words: a renamed code shows its new code and name.
        const d = describe({ ...l, functionCode: fn, economicCode: econ }, side === "prior" ? nc : n);
        if (side === "prior" && d.function === fn) d.function = np.function(l.functionCode).replace(l.functionCode, fn);
        if (side === "prior" && d.economic === econ) d.economic = np.economic(l.economicCode).replace(l.economicCode, econ);
        d.project = projectName;
        g = { d, amount: ZERO, lineItemId: side === "current" ? String(l.id) : null, renamed: new Set() };
        out.set(key, g);
      }
      g.amount = g.amount.plus(amountOf(l.amount));
      if (fn !== l.functionCode) g.renamed.add(`${l.functionCode} → ${fn}`);
      if (econ !== l.economicCode) g.renamed.add(`${l.economicCode} → ${econ}`);
    }
    return out;
  };
  const before = group(prior, np, "prior");
  const after = group(current, nc, "current");
  const rows: DiffRow[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    before.delete(key);
    rows.push(row(key, a.lineItemId, b ? { d: b.d, amount: b.amount } : null, { d: a.d, amount: a.amount }, [...(b?.renamed ?? [])]));
  }
  for (const [key, b] of before) rows.push(row(key, null, { d: b.d, amount: b.amount }, null, [...b.renamed]));
  rows.sort((x, y) => x.key.localeCompare(y.key));
  return finish(rows, prior, current);
}
