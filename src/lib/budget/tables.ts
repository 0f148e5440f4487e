/**
 * Tables 1–15 read off the ledger's pivots. Every amount cell is the exact 元 sum of its lines;
 * the printed figure is rounded half-up from that sum, never adjusted to make totals agree.
 */
import { unitLabel } from "../money";
import { COLUMNS, gridColumns, leafColumns, summaryColumns } from "./columns";
import { amountStrings, heldOf, printedOf, setAmount, setAmounts } from "./cells";
import { amountOrZero, printedUnits, type Display, type Scale } from "./fixed";
import {
  FISCAL_SOURCES,
  KINDS,
  UNIT_SOURCES,
  cellIndex,
  indicesOf,
  newVec,
  sumVec,
  type CellFilter,
  type Ledger,
  type Tree,
  type Vec,
} from "./ledger";
import type { Column, DisclosureTable, RowLevel, SideLine, TableLayout, TableRow } from "./model";
import type { GridTableDefinition, SummaryTableDefinition, TableDefinition, TableFilter } from "./template";
import type { ExpenseKind, Period, SourceCode } from "./types";

export const TABLE_TITLES: Readonly<Record<number, string>> = {
  1: "收支预算总表",
  2: "收入预算总表",
  3: "支出预算总表",
  4: "财政拨款收支预算总表",
  5: "一般公共预算支出表",
  6: "一般公共预算基本支出表",
  7: "一般公共预算“三公”经费支出情况表",
  8: "政府性基金预算支出表",
  9: "项目支出预算表",
  10: "支出功能分类预算表",
  11: "支出经济分类预算表（政府预算）",
  12: "支出经济分类预算表（部门预算）",
  13: "债务支出预算表",
  14: "政府采购支出预算表",
  15: "政府购买服务支出预算表",
  16: "部门（单位）整体绩效目标表",
  17: "部门预算项目（政策）绩效目标表",
};

/** Printed under a table that has nothing in it (本表为空表). */
export const EMPTY_NOTES: Readonly<Record<number, string>> = {
  1: "备注：如此表为空表，则表示部门无收支预算。",
  2: "备注：如此表为空表，则表示部门无收入预算。",
  3: "备注：如此表为空表，则表示部门无支出预算。",
  4: "备注：如此表为空表，则表示部门无财政拨款收支预算。",
  5: "备注：如此表为空表，则表示部门无一般公共预算支出。",
  6: "备注：如此表为空表，则表示部门无一般公共预算基本支出。",
  7: "备注：如此表为空表，则表示部门无财政拨款安排的“三公”经费支出。",
  8: "备注：如此表为空表，则表示部门无政府性基金预算安排的支出。",
  9: "备注：如此表为空表，则表示部门无项目支出。",
  10: "备注：如此表为空表，则表示部门无支出预算。",
  11: "备注：如此表为空表，则表示部门无支出预算。",
  12: "备注：如此表为空表，则表示部门无支出预算。",
  13: "备注：如此表为空表，则表示部门无债务资金安排的支出。",
  14: "备注：如此表为空表，则表示部门无政府采购预算。",
  15: "备注：如此表为空表，则表示部门无政府购买服务预算。",
  16: "备注：如此表为空表，则表示部门未设置整体绩效目标。",
  17: "备注：如此表为空表，则表示部门无设置绩效目标的项目。",
};

/** The customary note when a printed total differs from the sum of its printed parts. */
export const ROUNDING_NOTE = "本表合计数与各分项数之和的尾差，系数据四舍五入所致。";

/** 三公 economic codes (部门预算支出经济分类 款). */
export const SANGGONG_CODES = {
  abroad: "30212",
  reception: "30217",
  vehicleOperation: "30231",
  vehiclePurchase: "31013",
} as const;

/** Everything one table is built from: the ledger, its definition, its number and display. */
export interface TableContext {
  ledger: Ledger;
  def: TableDefinition;
  number: number;
  /** 万元 or 元, two decimals or whole. */
  unit: Display;
  unitName: string;
}

/** Rounding to 0.01 万元 or to whole units can make a printed total differ from its printed parts. */
function rounds(d: Display): boolean {
  return d.unit === "wan" || d.decimals === 0;
}

export function emptyNote(ctx: TableContext): string {
  return ctx.def.emptyNote || "备注：如此表为空表，则表示本表无数据。";
}

export function newRow(code: string | null, name: string, level: RowLevel, parent: number | null): TableRow {
  return { code, name, level, parent, cells: {}, exact: {} };
}

export function newTable(ctx: TableContext, layout: TableLayout, columns: Column[]): DisclosureTable {
  const table: DisclosureTable = {
    number: ctx.number,
    title: ctx.def.title,
    unit: unitLabel(ctx.unit.unit),
    unitName: ctx.unitName,
    layout,
    columns,
    rows: [],
    notes: [],
    empty: false,
    definition: ctx.def,
  };
  if (ctx.unit.decimals === 0) table.decimals = 0;
  return table;
}

// ---------------------------------------------------------------- filters

type Filters = Record<string, CellFilter>;

function intersect<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): readonly T[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.filter((x) => b.includes(x));
}

function and(a: CellFilter, b: CellFilter): CellFilter {
  const out: CellFilter = {};
  const periods = intersect<Period>(a.periods, b.periods);
  const sources = intersect<SourceCode>(a.sources, b.sources);
  const kinds = intersect<ExpenseKind>(a.kinds, b.kinds);
  if (periods) out.periods = periods;
  if (sources) out.sources = sources;
  if (kinds) out.kinds = kinds;
  return out;
}

/** Filters of the 总计 | 本年收入{…} | 上年结转结余{…} columns, within `base`. */
function bySourceFilters(base: CellFilter): Filters {
  const f: Filters = { total: base };
  for (const period of ["current", "carryover"] as const) {
    const p: CellFilter = { periods: [period] };
    f[`${period}_total`] = and(base, p);
    f[`${period}_gpb`] = and(base, { ...p, sources: ["gpb"] });
    f[`${period}_gf`] = and(base, { ...p, sources: ["gf"] });
    f[`${period}_soc`] = and(base, { ...p, sources: ["soc"] });
    f[`${period}_fsa`] = and(base, { ...p, sources: ["fsa"] });
    f[`${period}_unit`] = and(base, { ...p, sources: UNIT_SOURCES });
    for (const s of UNIT_SOURCES) f[`${period}_${s}`] = and(base, { ...p, sources: [s] });
  }
  return f;
}

function basicProjectFilters(base: CellFilter): Filters {
  return {
    total: base,
    basic_total: and(base, { kinds: ["personnel", "public"] }),
    basic_personnel: and(base, { kinds: ["personnel"] }),
    basic_public: and(base, { kinds: ["public"] }),
    project: and(base, { kinds: ["project"] }),
  };
}

interface Spec {
  key: string;
  indices: number[];
  /** For a column defined as the sum of others: their positions in the spec list. */
  parts: number[] | null;
}

interface SpecSet {
  specs: Spec[];
  /** The specs' column keys, in order. */
  keys: string[];
  /** Evaluation order: plain columns first, then sums, parts before the sums that use them. */
  order: number[];
  /** Every vector slot any column reads. */
  union: number[];
}

const specCache = new Map<string, SpecSet>();

/**
 * A table's column specs: the same for every budget, so worked out once per `key` (the column
 * set and the table's filter).
 */
function specsFor(key: string, columns: Column[], filters: () => Filters): SpecSet {
  let set = specCache.get(key);
  if (!set) {
    set = specsOf(columns, filters());
    specCache.set(key, set);
  }
  return set;
}

function specsOf(columns: Column[], filters: Filters): SpecSet {
  const leaves = leafColumns(columns).filter((c) => c.type === "amount");
  const position = new Map(leaves.map((c, i) => [c.key, i]));
  const specs: Spec[] = leaves.map((c) => {
    const f = filters[c.key];
    if (!f) throw new Error(`no filter for column ${c.key}`);
    const parts = c.sumOf?.map((k) => position.get(k));
    return {
      key: c.key,
      indices: indicesOf(f).filter((i) => i >= 0),
      parts: parts && parts.every((p) => p !== undefined) ? (parts as number[]) : null,
    };
  });
  // A sum column is printed before (left of) its parts, so walking backwards meets parts first.
  const plain = specs.map((_, i) => i).filter((i) => specs[i]?.parts === null);
  const sums = specs.map((_, i) => i).filter((i) => specs[i]?.parts !== null).reverse();
  const union = new Set<number>();
  for (const sp of specs) for (const i of sp.indices) union.add(i);
  return { specs, keys: specs.map((sp) => sp.key), order: [...plain, ...sums], union: [...union] };
}

function touched(vec: Vec, indices: readonly number[]): boolean {
  for (const i of indices) if (vec[i] !== undefined) return true;
  return false;
}

/**
 * Fills a row's amount cells from a pivot vector. Plain columns sum their slots; sum columns
 * add up their parts (the same exact value as summing their slots, with fewer additions).
 */
function fill(row: TableRow, vec: Vec, set: SpecSet, ctx: TableContext): void {
  const specs = set.specs;
  const values: (bigint | undefined)[] = new Array(specs.length);
  for (const i of set.order) {
    const sp = specs[i] as Spec;
    const parts = sp.parts;
    if (parts === null) {
      values[i] = sumVec(vec, sp.indices);
      continue;
    }
    let acc: bigint | undefined;
    for (const p of parts) {
      const v = values[p];
      if (v === undefined) continue;
      acc = acc === undefined ? v : acc + v;
    }
    values[i] = acc;
  }
  setAmounts(row, set.keys, values, ctx.unit, ctx.ledger.scale);
}

function mergeVecs(vecs: Vec[]): Vec {
  const out = newVec();
  for (const v of vecs) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === undefined) continue;
      const cur = out[i];
      out[i] = cur === undefined ? x : cur + x;
    }
  }
  return out;
}

// ---------------------------------------------------------------- finishing

function amountKeys(table: DisclosureTable): string[] {
  return leafColumns(table.columns)
    .filter((c) => c.type === "amount")
    .map((c) => c.key);
}

/** Empty flag, 空表 note and 尾差 note for a grid table. */
function finishGrid(table: DisclosureTable, ctx: TableContext): DisclosureTable {
  const keys = amountKeys(table);
  table.empty = !table.rows.some((r) => keys.some((k) => r.cells[k] !== null && r.cells[k] !== undefined));
  if (table.empty) {
    table.notes.push(emptyNote(ctx));
  } else if (rounds(ctx.unit) && gridHasRoundingGap(table, keys)) {
    table.notes.push(ROUNDING_NOTE);
  }
  return table;
}

/** Does any printed total differ from the sum of its printed parts (rows below it, or columns it sums)? */
export function gridHasRoundingGap(table: DisclosureTable, keys: string[]): boolean {
  const rows = table.rows;
  const childSums = new Map<number, bigint[]>();
  for (const row of rows) {
    if (row.parent === null) continue;
    let sums = childSums.get(row.parent);
    if (!sums) {
      sums = keys.map(() => 0n);
      childSums.set(row.parent, sums);
    }
    const h = heldOf(row);
    for (let j = 0; j < keys.length; j++) {
      const v = printedOf(row, keys[j] as string, h);
      if (v !== 0n) sums[j] = (sums[j] as bigint) + v;
    }
  }
  for (const [parent, sums] of childSums) {
    const row = rows[parent];
    if (!row) continue;
    const h = heldOf(row);
    for (let j = 0; j < keys.length; j++) if (printedOf(row, keys[j] as string, h) !== sums[j]) return true;
  }
  const sumCols = leafColumns(table.columns).filter((c) => c.sumOf);
  for (const row of rows) {
    const h = heldOf(row);
    for (const c of sumCols) {
      if (row.exact[c.key] === undefined) continue;
      let s = 0n;
      for (const part of c.sumOf ?? []) s += printedOf(row, part, h);
      if (printedOf(row, c.key, h) !== s) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- classification tables

function treeTable(
  ctx: TableContext,
  key: string,
  columns: Column[],
  tree: Tree,
  filters: () => Filters,
  depth: 1 | 2 | 3 = 3,
): DisclosureTable {
  const table = newTable(ctx, "grid", columns);
  const specs = specsFor(key, columns, filters);
  const union = specs.union;
  const total = newRow(null, "合计", "total", null);
  total.cells.code = null;
  total.cells.name = "合计";
  fill(total, ctx.ledger.total, specs, ctx);
  table.rows.push(total);
  const indexByKey = new Map<string, number>();
  const deepest = depth === 1 ? "类" : depth === 2 ? "款" : null;
  for (const node of tree.sorted()) {
    if (!touched(node.vec, union)) continue;
    if (deepest !== null && node.code !== "" && !levelWithin(node.level, deepest)) continue;
    const parent = node.parentKey === null ? 0 : (indexByKey.get(node.parentKey) ?? 0);
    const row = newRow(node.code === "" ? null : node.code, node.name, node.level, parent);
    row.cells.code = row.code;
    row.cells.name = node.name;
    fill(row, node.vec, specs, ctx);
    indexByKey.set(node.key, table.rows.length);
    table.rows.push(row);
  }
  return finishGrid(table, ctx);
}

function levelWithin(level: RowLevel, deepest: "类" | "款"): boolean {
  return level === "类" || (deepest === "款" && level === "款");
}

function filterKey(f: TableFilter | undefined): string {
  if (!f) return "all";
  return [f.periods?.join("+") ?? "*", f.sources?.join("+") ?? "*", f.kinds?.join("+") ?? "*"].join("/");
}

function baseFilter(f: TableFilter | undefined): CellFilter {
  const out: CellFilter = {};
  if (f?.periods) out.periods = f.periods;
  if (f?.sources) out.sources = f.sources;
  if (f?.kinds) out.kinds = f.kinds;
  return out;
}

/** The filter of each amount column of a column set, within the table's filter. */
function columnFilters(def: GridTableDefinition): () => Filters {
  const base = baseFilter(def.filter);
  switch (def.columns) {
    case "bySource":
    case "bySourceDetailed":
      return () => bySourceFilters(base);
    case "basicProject":
      return () => basicProjectFilters(base);
    case "basicProjectBrief":
      return () => ({
        total: base,
        basic: and(base, { kinds: ["personnel", "public"] }),
        project: and(base, { kinds: ["project"] }),
      });
    case "personnelPublic":
      return () => ({
        total: and(base, { kinds: ["personnel", "public"] }),
        personnel: and(base, { kinds: ["personnel"] }),
        public: and(base, { kinds: ["public"] }),
      });
  }
}

/** Any grid table a template defines. */
export function gridTable(ctx: TableContext, def: GridTableDefinition): DisclosureTable {
  const columns = gridColumns(def);
  const key = `${def.rows}|${def.columns}|${filterKey(def.filter)}`;
  const filters = columnFilters(def);
  switch (def.rows) {
    case "function":
      return treeTable(ctx, key, columns, ctx.ledger.functions, filters, def.depth);
    case "deptEconomic":
      return treeTable(ctx, key, columns, ctx.ledger.deptEconomic, filters, def.depth === 3 ? 2 : def.depth);
    case "govEconomic":
      return treeTable(ctx, key, columns, ctx.ledger.govEconomic, filters, def.depth === 3 ? 2 : def.depth);
    case "unit":
      return unitsTable(ctx, key, columns, filters);
    case "project":
      return projectsTable(ctx, key, columns, filters);
    case "debtProject":
      return debtTable(ctx, key, columns, filters);
  }
}

// ---------------------------------------------------------------- two-sided tables (1, 4)

interface Side {
  key: string;
  label: string;
  level: SideLine["level"];
  code?: string;
  /** Exact, in units of the ledger's scale. */
  value: bigint;
}

/** [parent key, part keys]: how the lines of one side add up. */
type SideSums = [string, string[]][];

const CN_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (enough for any list of 类). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${CN_DIGITS[n - 10] ?? ""}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)] ?? ""}十${CN_DIGITS[n % 10] ?? ""}`;
  return String(n);
}

function toSideLine(s: Side, unit: Display, scale: Scale): SideLine {
  const a = amountStrings(s.value, unit, scale);
  const line: SideLine = { key: s.key, label: s.label, level: s.level, value: a.value, exact: a.exact };
  if (s.code !== undefined) line.code = s.code;
  return line;
}

function sideHasGap(lines: Side[], sums: SideSums, unit: Display, scale: Scale): boolean {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const printed = (k: string) => {
    const l = byKey.get(k);
    return l ? printedUnits(l.value, unit, scale) : 0n;
  };
  return sums.some(([parent, parts]) => printed(parent) !== parts.reduce((acc, p) => acc + printed(p), 0n));
}

function classLines(ctx: TableContext, indices: readonly number[], keyPrefix: string, numbering: (i: number) => string): Side[] {
  const out: Side[] = [];
  for (const node of ctx.ledger.functions.sorted()) {
    if (node.level !== "类" || !touched(node.vec, indices)) continue;
    out.push({
      key: `${keyPrefix}${node.code}`,
      label: `${numbering(out.length + 1)}${node.name}`,
      level: "line",
      code: node.code,
      value: sumVec(node.vec, indices) ?? 0n,
    });
  }
  return out;
}

/** Per 支出 line of a 收支总表 by 类 with kinds: 人员经费 / 公用经费 / 项目支出, exact. */
type KindParts = Map<string, [bigint, bigint, bigint]>;
const KIND_KEYS = ["expenditure_personnel", "expenditure_public", "expenditure_project"] as const;

function twoSidedTable(
  ctx: TableContext,
  income: { body: Side[]; tail: Side[] },
  expenditure: { body: Side[]; tail: Side[] },
  sums: SideSums,
  kinds: KindParts | null = null,
): DisclosureTable {
  const columns = ctx.def.kind === "summary" ? summaryColumns(ctx.def) : COLUMNS.t1;
  const table = newTable(ctx, "two-sided", columns);
  const bodyRows = Math.max(income.body.length, expenditure.body.length);
  const put = (row: TableRow, side: "income" | "expenditure", s: Side | undefined) => {
    row.cells[`${side}_item`] = s ? s.label : null;
    if (s) setAmount(row, `${side}_amount`, s.value, ctx.unit, ctx.ledger.scale);
    else row.cells[`${side}_amount`] = null;
    if (kinds && side === "expenditure") {
      const parts = s ? kinds.get(s.key) : undefined;
      KIND_KEYS.forEach((k, i) => {
        if (parts) setAmount(row, k, parts[i], ctx.unit, ctx.ledger.scale);
        else row.cells[k] = null;
      });
    }
  };
  for (let i = 0; i < bodyRows; i++) {
    const inc = income.body[i];
    const exp = expenditure.body[i];
    // A paired row is no classification row: the 类 code of its expenditure side is in `sides`.
    const row = newRow(null, inc?.label ?? exp?.label ?? "", "line", null);
    put(row, "income", inc);
    put(row, "expenditure", exp);
    table.rows.push(row);
  }
  // Tails align at the bottom: 收入总计 and 支出总计 always share the last row.
  const tails = Math.max(income.tail.length, expenditure.tail.length);
  const incOffset = tails - income.tail.length;
  const expOffset = tails - expenditure.tail.length;
  for (let i = 0; i < tails; i++) {
    const inc = income.tail[i - incOffset];
    const exp = expenditure.tail[i - expOffset];
    const level: RowLevel = inc?.level === "total" || exp?.level === "total" ? "total" : inc?.level === "subtotal" ? "subtotal" : "line";
    const row = newRow(null, inc?.label ?? exp?.label ?? "", level, null);
    put(row, "income", inc);
    put(row, "expenditure", exp);
    table.rows.push(row);
  }
  const incomeLines = [...income.body, ...income.tail];
  const expenditureLines = [...expenditure.body, ...expenditure.tail];
  table.sides = {
    income: incomeLines.map((s) => toSideLine(s, ctx.unit, ctx.ledger.scale)),
    expenditure: expenditureLines.map((s) => toSideLine(s, ctx.unit, ctx.ledger.scale)),
  };
  table.empty = [...incomeLines, ...expenditureLines].every((s) => s.value === 0n);
  if (table.empty) table.notes.push(emptyNote(ctx));
  else if (
    rounds(ctx.unit) &&
    (sideHasGap(incomeLines, sums.filter(([p]) => p.startsWith("in:")), ctx.unit, ctx.ledger.scale) ||
      sideHasGap(expenditureLines, sums.filter(([p]) => p.startsWith("out:")), ctx.unit, ctx.ledger.scale) ||
      (kinds !== null && kindsHaveGap(kinds, expenditureLines, ctx.unit, ctx.ledger.scale)))
  ) {
    table.notes.push(ROUNDING_NOTE);
  }
  return table;
}

/** A 支出 line's printed 合计 against its printed kinds, and the 类 lines' kinds against 本年支出合计's. */
function kindsHaveGap(kinds: KindParts, lines: Side[], unit: Display, scale: Scale): boolean {
  const p = (v: bigint) => printedUnits(v, unit, scale);
  const sums = [0n, 0n, 0n];
  for (const line of lines) {
    const parts = kinds.get(line.key);
    if (!parts) continue;
    if (p(line.value) !== p(parts[0]) + p(parts[1]) + p(parts[2])) return true;
    if (line.key.startsWith("out:class:")) parts.forEach((v, i) => (sums[i] = (sums[i] as bigint) + p(v)));
  }
  const total = kinds.get("out:expenditure_total");
  return total !== undefined && total.some((v, i) => p(v) !== sums[i]);
}

/** 收支总表 as the template defines it. */
export function summaryTable(ctx: TableContext, def: SummaryTableDefinition): DisclosureTable {
  return table1(ctx, def.expenditure === "classKinds");
}

export function table1(ctx: TableContext, withKinds = false): DisclosureTable {
  const t = ctx.ledger.total;
  const v = (f: CellFilter) => sumVec(t, indicesOf(f)) ?? 0n;
  const cur = (sources: readonly SourceCode[]) => v({ periods: ["current"], sources });
  const income: Side[] = [
    { key: "in:current_gpb", label: "一、一般公共预算拨款收入", level: "line", value: cur(["gpb"]) },
    { key: "in:current_gf", label: "二、政府性基金预算拨款收入", level: "line", value: cur(["gf"]) },
    { key: "in:current_soc", label: "三、国有资本经营预算拨款收入", level: "line", value: cur(["soc"]) },
    { key: "in:current_fsa", label: "四、财政专户管理资金收入", level: "line", value: cur(["fsa"]) },
    { key: "in:current_unit", label: "五、单位资金收入", level: "line", value: cur(UNIT_SOURCES) },
    { key: "in:current_unit_business", label: "（一）事业收入", level: "line", value: cur(["unit_business"]) },
    { key: "in:current_unit_operating", label: "（二）事业单位经营收入", level: "line", value: cur(["unit_operating"]) },
    { key: "in:current_unit_superior", label: "（三）上级补助收入", level: "line", value: cur(["unit_superior"]) },
    { key: "in:current_unit_affiliated", label: "（四）附属单位上缴收入", level: "line", value: cur(["unit_affiliated"]) },
    { key: "in:current_unit_other", label: "（五）其他收入", level: "line", value: cur(["unit_other"]) },
  ];
  const all = indicesOf({});
  const classes = classLines(ctx, all, "out:class:", (i) => `${chineseNumeral(i)}、`);
  const totalAll = v({});
  let kinds: KindParts | null = null;
  if (withKinds) {
    const idx = KINDS.map((k) => indicesOf({ kinds: [k] }));
    const split = (vec: Vec): [bigint, bigint, bigint] => [
      sumVec(vec, idx[0] ?? []) ?? 0n,
      sumVec(vec, idx[1] ?? []) ?? 0n,
      sumVec(vec, idx[2] ?? []) ?? 0n,
    ];
    kinds = new Map();
    for (const node of ctx.ledger.functions.sorted())
      if (node.level === "类" && kinds !== null) kinds.set(`out:class:${node.code}`, split(node.vec));
    const whole = split(t);
    kinds.set("out:expenditure_total", whole);
    kinds.set("out:total", whole);
  }
  const table = twoSidedTable(
    ctx,
    {
      body: income,
      tail: [
        { key: "in:current_total", label: "本年收入合计", level: "subtotal", value: v({ periods: ["current"] }) },
        { key: "in:carryover", label: "上年结转结余", level: "line", value: v({ periods: ["carryover"] }) },
        { key: "in:total", label: "收入总计", level: "total", value: totalAll },
      ],
    },
    {
      body: classes,
      tail: [
        { key: "out:expenditure_total", label: "本年支出合计", level: "subtotal", value: totalAll },
        { key: "out:year_end", label: "年终结转结余", level: "line", value: 0n },
        { key: "out:total", label: "支出总计", level: "total", value: totalAll },
      ],
    },
    [
      ["in:current_total", ["in:current_gpb", "in:current_gf", "in:current_soc", "in:current_fsa", "in:current_unit"]],
      ["in:current_unit", UNIT_SOURCES.map((s) => `in:current_${s}`)],
      ["in:total", ["in:current_total", "in:carryover"]],
      ["out:expenditure_total", classes.map((c) => c.key)],
      ["out:total", ["out:expenditure_total", "out:year_end"]],
    ],
    kinds,
  );
  return table;
}

export function fiscalTable(ctx: TableContext): DisclosureTable {
  const t = ctx.ledger.total;
  const v = (f: CellFilter) => sumVec(t, indicesOf(f)) ?? 0n;
  const labels: [SourceCode, string][] = [
    ["gpb", "（一）一般公共预算拨款收入"],
    ["gf", "（二）政府性基金预算拨款收入"],
    ["soc", "（三）国有资本经营预算拨款收入"],
  ];
  const income: Side[] = [];
  for (const period of ["current", "carryover"] as const) {
    income.push({
      key: `in:${period}_total`,
      label: period === "current" ? "一、本年收入" : "二、上年结转",
      level: "line",
      value: v({ periods: [period], sources: FISCAL_SOURCES }),
    });
    for (const [s, label] of labels)
      income.push({ key: `in:${period}_${s}`, label, level: "line", value: v({ periods: [period], sources: [s] }) });
  }
  const fiscal = indicesOf({ sources: FISCAL_SOURCES });
  const fiscalTotal = v({ sources: FISCAL_SOURCES });
  const classes = classLines(ctx, fiscal, "out:class:", (i) => `（${chineseNumeral(i)}）`);
  return twoSidedTable(
    ctx,
    { body: income, tail: [{ key: "in:total", label: "收入总计", level: "total", value: fiscalTotal }] },
    {
      body: [{ key: "out:expenditure_total", label: "一、本年支出", level: "line", value: fiscalTotal }, ...classes],
      tail: [
        { key: "out:year_end", label: "二、年终结转结余", level: "line", value: 0n },
        { key: "out:total", label: "支出总计", level: "total", value: fiscalTotal },
      ],
    },
    [
      ["in:current_total", labels.map(([s]) => `in:current_${s}`)],
      ["in:carryover_total", labels.map(([s]) => `in:carryover_${s}`)],
      ["in:total", ["in:current_total", "in:carryover_total"]],
      ["out:expenditure_total", classes.map((c) => c.key)],
      ["out:total", ["out:expenditure_total", "out:year_end"]],
    ],
  );
}

// ---------------------------------------------------------------- tables by unit / project

function unitsTable(ctx: TableContext, key: string, columns: Column[], filters: () => Filters): DisclosureTable {
  const table = newTable(ctx, "grid", columns);
  const specs = specsFor(key, columns, filters);
  const total = newRow(null, "合计", "total", null);
  total.cells.unitName = "合计";
  fill(total, ctx.ledger.total, specs, ctx);
  table.rows.push(total);
  for (const u of ctx.ledger.units) {
    const row = newRow(u.unit.code, u.unit.name, "unit", 0);
    row.unitCode = u.unit.code;
    row.cells.unitName = u.unit.name;
    fill(row, u.vec, specs, ctx);
    table.rows.push(row);
  }
  return finishGrid(table, ctx);
}

function projectLabel(ctx: TableContext, projectId: string | null): string {
  if (projectId === null) return "（未指定项目）";
  return ctx.ledger.projectsById.get(projectId)?.name ?? `（未知项目 ${projectId}）`;
}

function unitName(ctx: TableContext, code: string): string {
  return ctx.ledger.unitsByCode.get(code)?.unit.name ?? `（未知单位 ${code}）`;
}

function projectsTable(ctx: TableContext, key: string, columns: Column[], filters: () => Filters): DisclosureTable {
  const table = newTable(ctx, "grid", columns);
  const specs = specsFor(key, columns, filters);
  const union = specs.union;
  const total = newRow(null, "合计", "total", null);
  total.cells.unitName = "合计";
  total.cells.projectName = null;
  total.cells.projectContent = null;
  fill(total, ctx.ledger.total, specs, ctx);
  table.rows.push(total);
  let currentUnit: string | null = null;
  let unitIndex = 0;
  for (const p of ctx.ledger.projects) {
    if (!touched(p.vec, union)) continue;
    if (p.unitCode !== currentUnit) {
      currentUnit = p.unitCode;
      const u = ctx.ledger.unitsByCode.get(p.unitCode);
      const row = newRow(p.unitCode, unitName(ctx, p.unitCode), "unit", 0);
      row.unitCode = p.unitCode;
      row.cells.unitName = row.name;
      row.cells.projectName = null;
      row.cells.projectContent = null;
      fill(row, u ? u.vec : newVec(), specs, ctx);
      unitIndex = table.rows.length;
      table.rows.push(row);
    }
    const name = projectLabel(ctx, p.projectId);
    const row = newRow(null, name, "project", unitIndex);
    row.unitCode = p.unitCode;
    if (p.projectId !== null) row.projectId = p.projectId;
    row.cells.unitName = null;
    row.cells.projectName = name;
    row.cells.projectContent = p.project?.content ?? null;
    fill(row, p.vec, specs, ctx);
    table.rows.push(row);
  }
  return finishGrid(table, ctx);
}

function debtTable(ctx: TableContext, key: string, columns: Column[], filters: () => Filters): DisclosureTable {
  const table = newTable(ctx, "grid", columns);
  const specs = specsFor(key, columns, filters);
  const debt = ctx.ledger.projects.filter((p) => p.project?.debtFinanced === true);
  const total = newRow(null, "合计", "total", null);
  total.cells.unitName = "合计";
  total.cells.projectName = null;
  fill(total, mergeVecs(debt.map((p) => p.vec)), specs, ctx);
  table.rows.push(total);
  const byUnit = groupBy(debt, (p) => p.unitCode);
  for (const [code, projects] of byUnit) {
    const unitRow = newRow(code, unitName(ctx, code), "unit", 0);
    unitRow.unitCode = code;
    unitRow.cells.unitName = unitRow.name;
    unitRow.cells.projectName = null;
    fill(unitRow, mergeVecs(projects.map((p) => p.vec)), specs, ctx);
    const parent = table.rows.length;
    table.rows.push(unitRow);
    for (const p of projects) {
      const name = projectLabel(ctx, p.projectId);
      const row = newRow(null, name, "project", parent);
      row.unitCode = code;
      if (p.projectId !== null) row.projectId = p.projectId;
      row.cells.unitName = null;
      row.cells.projectName = name;
      fill(row, p.vec, specs, ctx);
      table.rows.push(row);
    }
  }
  return finishGrid(table, ctx);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** A single-slot vector for an item that is not a line item (procurement, purchased service). */
function itemVec(period: unknown, source: unknown, amount: unknown, scale: Scale): Vec {
  const vec = newVec();
  const i = cellIndex(period, source, KINDS[2]);
  if (i >= 0) vec[i] = amountOrZero(amount, scale);
  return vec;
}

const PROCUREMENT_CATEGORIES = [
  { category: "goods", label: "货物" },
  { category: "works", label: "工程" },
  { category: "services", label: "服务" },
] as const;

export function procurementTable(ctx: TableContext): DisclosureTable {
  const table = newTable(ctx, "grid", COLUMNS.t14);
  const specs = specsFor("procurement", COLUMNS.t14.filter((c) => !("key" in c) || c.key !== "sme_reserved"), () => bySourceFilters({}));
  const items = ctx.ledger.input.procurement.map((p) => ({
    item: p,
    vec: itemVec(p.period, p.source, p.amount, ctx.ledger.scale),
    sme: amountOrZero(p.smeReserved, ctx.ledger.scale),
  }));
  const total = newRow(null, "合计", "total", null);
  total.cells.unitName = "合计";
  total.cells.projectName = null;
  fill(total, mergeVecs(items.map((i) => i.vec)), specs, ctx);
  setAmount(total, "sme_reserved", items.reduce((a, i) => a + i.sme, 0n), ctx.unit, ctx.ledger.scale);
  table.rows.push(total);
  if (items.length > 0) {
    for (const { category, label } of PROCUREMENT_CATEGORIES) {
      const mine = items.filter((i) => i.item.category === category);
      const catRow = newRow(null, label, "category", 0);
      catRow.cells.unitName = label;
      catRow.cells.projectName = null;
      fill(catRow, mergeVecs(mine.map((i) => i.vec)), specs, ctx);
      setAmount(catRow, "sme_reserved", mine.reduce((a, i) => a + i.sme, 0n), ctx.unit, ctx.ledger.scale);
      const parent = table.rows.length;
      table.rows.push(catRow);
      for (const i of mine) {
        const row = newRow(null, i.item.name, "item", parent);
        const code = i.item.unitCode ?? ctx.ledger.input.unit.code;
        row.unitCode = code;
        if (i.item.projectId) row.projectId = i.item.projectId;
        row.cells.unitName = unitName(ctx, code);
        row.cells.projectName = i.item.name;
        fill(row, i.vec, specs, ctx);
        setAmount(row, "sme_reserved", i.sme, ctx.unit, ctx.ledger.scale);
        table.rows.push(row);
      }
    }
    const unknown = items.filter((i) => !PROCUREMENT_CATEGORIES.some((c) => c.category === i.item.category));
    for (const i of unknown) {
      const row = newRow(null, i.item.name, "item", 0);
      row.cells.unitName = "（未知采购类别）";
      row.cells.projectName = i.item.name;
      fill(row, i.vec, specs, ctx);
      setAmount(row, "sme_reserved", i.sme, ctx.unit, ctx.ledger.scale);
      table.rows.push(row);
    }
  }
  return finishGrid(table, ctx);
}

export function purchasedServicesTable(ctx: TableContext): DisclosureTable {
  const table = newTable(ctx, "grid", COLUMNS.t15);
  const specs = specsFor("purchasedServices", COLUMNS.t15, () => bySourceFilters({}));
  const items = ctx.ledger.input.purchasedServices.map((s) => ({
    item: s,
    vec: itemVec(s.period, s.source, s.amount, ctx.ledger.scale),
    unitCode: s.unitCode ?? ctx.ledger.input.unit.code,
  }));
  const blank = (row: TableRow) => {
    row.cells.unitName = null;
    row.cells.functionClass = null;
    row.cells.serviceName = null;
    row.cells.serviceCatalogue = null;
  };
  const total = newRow(null, "合计", "total", null);
  blank(total);
  total.cells.unitName = "合计";
  fill(total, mergeVecs(items.map((i) => i.vec)), specs, ctx);
  table.rows.push(total);
  for (const [code, mine] of groupBy(items, (i) => i.unitCode)) {
    const unitRow = newRow(code, unitName(ctx, code), "unit", 0);
    blank(unitRow);
    unitRow.unitCode = code;
    unitRow.cells.unitName = unitRow.name;
    fill(unitRow, mergeVecs(mine.map((i) => i.vec)), specs, ctx);
    const parent = table.rows.length;
    table.rows.push(unitRow);
    for (const i of mine) {
      const row = newRow(null, i.item.name, "item", parent);
      blank(row);
      row.unitCode = code;
      const className = ctx.ledger.functionNames.get(i.item.functionClassCode) ?? "（未知科目）";
      row.cells.functionClass = `${i.item.functionClassCode} ${className}`;
      row.cells.serviceName = i.item.name;
      row.cells.serviceCatalogue = `${i.item.catalogueCode} ${i.item.catalogueName}`.trim();
      fill(row, i.vec, specs, ctx);
      table.rows.push(row);
    }
  }
  return finishGrid(table, ctx);
}

// ---------------------------------------------------------------- 三公

export function sanggongVectors(ctx: { ledger: Ledger }): Record<keyof typeof SANGGONG_CODES, Vec> {
  const get = (code: string) => ctx.ledger.deptEconomic.nodes.get(code)?.vec ?? newVec();
  return {
    abroad: get(SANGGONG_CODES.abroad),
    reception: get(SANGGONG_CODES.reception),
    vehicleOperation: get(SANGGONG_CODES.vehicleOperation),
    vehiclePurchase: get(SANGGONG_CODES.vehiclePurchase),
  };
}

/** 三公 counts 财政拨款 of the budget year (the glossary: “三公”经费指用财政拨款安排的…). */
export const SANGGONG_FILTER: CellFilter = { periods: ["current"], sources: FISCAL_SOURCES };

/** Exact amounts in units of the ledger's scale. */
export interface SanggongFigures {
  abroad: bigint;
  reception: bigint;
  vehiclePurchase: bigint;
  vehicleOperation: bigint;
  vehicleTotal: bigint;
  total: bigint;
}

export function sanggongFigures(ledger: Ledger): SanggongFigures {
  const vecs = sanggongVectors({ ledger });
  const idx = indicesOf(SANGGONG_FILTER);
  const abroad = sumVec(vecs.abroad, idx) ?? 0n;
  const reception = sumVec(vecs.reception, idx) ?? 0n;
  const vehiclePurchase = sumVec(vecs.vehiclePurchase, idx) ?? 0n;
  const vehicleOperation = sumVec(vecs.vehicleOperation, idx) ?? 0n;
  const vehicleTotal = vehiclePurchase + vehicleOperation;
  return {
    abroad,
    reception,
    vehiclePurchase,
    vehicleOperation,
    vehicleTotal,
    total: abroad + reception + vehicleTotal,
  };
}

export function sanggongTable(ctx: TableContext): DisclosureTable {
  const table = newTable(ctx, "grid", COLUMNS.t7);
  const f = sanggongFigures(ctx.ledger);
  const sc = ctx.ledger.scale;
  const row = newRow(null, "“三公”经费", "total", null);
  setAmount(row, "total", f.total, ctx.unit, sc);
  setAmount(row, "abroad", f.abroad, ctx.unit, sc);
  setAmount(row, "vehicle_total", f.vehicleTotal, ctx.unit, sc);
  setAmount(row, "vehicle_purchase", f.vehiclePurchase, ctx.unit, sc);
  setAmount(row, "vehicle_operation", f.vehicleOperation, ctx.unit, sc);
  setAmount(row, "reception", f.reception, ctx.unit, sc);
  table.rows.push(row);
  return finishGrid(table, ctx);
}

