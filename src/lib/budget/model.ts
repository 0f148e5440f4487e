/**
 * What the engine hands out: the 17 tables as data, the 情况说明, the checks, year-over-year
 * figures and summaries. Plain serialisable objects (strings, numbers for counts, null), so a
 * published snapshot can be stored as JSON and read back without the engine.
 */
import type {
  AmountUnit,
  DisclosureSettings,
  GlossaryEntry,
  MemberUnit,
  Money,
  PerformanceIndicator,
  UnitInfo,
  UnitProfile,
} from "./types";

/** A column that holds values. `sumOf`: this column is, by definition, the sum of those columns of the same row. */
export interface LeafColumn {
  key: string;
  label: string;
  type: "code" | "text" | "amount";
  sumOf?: string[];
}

/** A header group spanning the columns below it, e.g. 基本支出 over 小计 / 人员经费 / 公用经费. */
export interface GroupColumn {
  label: string;
  children: Column[];
}

export type Column = LeafColumn | GroupColumn;

/** One `<th>` (or one merged xlsx cell) of a header row. */
export interface HeaderCell {
  label: string;
  colspan: number;
  rowspan: number;
  /** "col" for a leaf, "colgroup" for a group. */
  scope: "col" | "colgroup";
  /** The leaf's key; absent for groups. */
  key?: string;
  /** Index of the first leaf column this cell covers (for xlsx merges). */
  firstColumn: number;
}

export type RowLevel =
  | "total" // 合计 / 收入总计
  | "subtotal" // 本年收入合计 …
  | "类"
  | "款"
  | "项"
  | "unit" // one budget unit (tables 2, 9, 13–15)
  | "project"
  | "category" // 货物 / 工程 / 服务 (table 14)
  | "item" // a procurement or purchased-service item
  | "line" // a line of a two-sided table or of table 7
  | "indicator"; // a performance indicator (tables 16, 17)

export interface TableRow {
  /** Classification code (科目编码) when the row is a code; null otherwise. */
  code: string | null;
  name: string;
  level: RowLevel;
  /** Index (in `rows`) of the row this one adds up into; null for the top. */
  parent: number | null;
  /**
   * Every leaf column's printed content: text, or a plain decimal string in the table's unit
   * ("5114.04", no separators, rounded half-up from the exact 元 sum). null where the disclosure
   * prints nothing, which for amounts means zero.
   */
  cells: Record<string, string | null>;
  /** Exact 元 ("51140400.00") for every amount column of the row, zero included. */
  exact: Record<string, string>;
  unitCode?: string;
  projectId?: string;
}

/** One entry of a two-sided (收入 | 支出) table, independent of how the rows pair up. */
export interface SideLine {
  /** Stable role of the line: "current_gpb", "current_total", "carryover", "total", "class:208", "year_end" … */
  key: string;
  label: string;
  level: "line" | "subtotal" | "total";
  /** Function 类 code for an expenditure line by function. */
  code?: string;
  value: string | null;
  exact: string;
}

export interface TwoSided {
  income: SideLine[];
  expenditure: SideLine[];
}

export interface OverallPerformanceBlock {
  unitCode: string;
  /** e.g. "023002 沈阳市和平区人力资源和社会保障事务服务中心-210102000" */
  unitLabel: string;
  tasks: { name: string; value: string | null; exact: string }[];
  goal: string;
  indicators: PerformanceIndicator[];
}

export interface ProjectPerformanceBlock {
  projectId: string;
  projectName: string;
  /** 主管部门 */
  departmentName: string;
  /** 实施单位 */
  unitName: string;
  unitCode: string;
  /** 预算资金情况: the project's current-year amount, printed and exact. */
  value: string | null;
  exact: string;
  goal: string;
  indicators: PerformanceIndicator[];
}

export type TableLayout = "grid" | "two-sided" | "overall-performance" | "project-performance";

export interface DisclosureTable {
  number: number;
  title: string;
  unit: "万元" | "元";
  /** 单位名称 printed above the table. */
  unitName: string;
  layout: TableLayout;
  columns: Column[];
  rows: TableRow[];
  notes: string[];
  /** Nothing to disclose (all amounts zero, no items): shown with its 空表 note. */
  empty: boolean;
  /** Tables 1 and 4. */
  sides?: TwoSided;
  /** Table 16. */
  overall?: OverallPerformanceBlock[];
  /** Table 17. */
  projects?: ProjectPerformanceBlock[];
}

export type CheckSeverity = "error" | "warning";

export interface Check {
  /** Stable rule id, e.g. "BUD-C001". */
  id: string;
  severity: CheckSeverity;
  message: string;
  table?: number;
  rowCode?: string;
  column?: string;
  lineItemId?: string;
  /** Id of another entity (project, procurement or purchased-service item, target). */
  entityId?: string;
}

export type Direction = "增加" | "减少" | "持平";

/** One figure against the prior year. Amounts are exact 元 strings. */
export interface Change {
  key: string;
  code?: string;
  name: string;
  current: Money;
  prior: Money | null;
  /** current − prior; null without a prior figure. */
  change: Money | null;
  direction: Direction | null;
  /** |change| / prior in %, two decimals, half-up; null without a (non-zero) prior. */
  percent: string | null;
}

export interface YearOverYear {
  year: number;
  priorYear: number;
  /** Where the prior figures come from. */
  basis: "priorBudget" | "baseline" | "none";
  total: Change;
  /** 本年收入 by source and 上年结转结余 (priorBudget only; empty otherwise). */
  sources: Change[];
  /** 基本支出 / 项目支出 (priorBudget only). */
  kinds: Change[];
  functionClasses: Change[];
  functionItems: Change[];
  economicClasses: Change[];
  /** 三公 total, 因公出国（境）, 公务用车购置及运行 (小计, 购置, 运行), 公务接待. */
  sanggong: Change[];
}

export interface ExplanationSection {
  heading: string;
  paragraphs: string[];
  /** Sub-sections (三、其他重要事项 has （一）…（四）). */
  subsections?: ExplanationSection[];
}

export interface Explanation {
  title: string;
  sections: ExplanationSection[];
  /** Figures behind the text (exact 元 strings). */
  figures: {
    total: Change;
    sources: Change[];
    kinds: Change[];
    functionClasses: (Change & { share: string | null })[];
    sanggong: Change[];
    operatingExpenses: { applicable: boolean; amount: Money; prior: Money | null };
    procurement: { total: Money; goods: Money; works: Money; services: Money; smeReserved: Money };
    performance: {
      overallRequired: number;
      overallSet: number;
      overallCoverage: string | null;
      projectsRequired: number;
      projectsSet: number;
      projectsCoverage: string | null;
    };
  };
}

export interface BudgetSummary {
  total: Money;
  basic: Money;
  personnel: Money;
  public: Money;
  project: Money;
  current: Money;
  carryover: Money;
  /** 财政拨款 (一般公共预算 + 政府性基金 + 国有资本经营), both periods. */
  fiscal: Money;
  sanggong: Money;
  byFunctionClass: { code: string; name: string; amount: Money }[];
  lineItemCount: number;
}

export interface Disclosure {
  unit: UnitInfo;
  units: MemberUnit[];
  year: number;
  revision: number;
  amountUnit: AmountUnit;
  unitLabel: "万元" | "元";
  /** The settings the disclosure was computed with (defaults filled in). */
  settings: DisclosureSettings;
  /** "部门预算" or "单位预算", from the settings. */
  wording: "部门预算" | "单位预算";
  /** Tables 1–17; `tables[n - 1].number === n`. */
  tables: DisclosureTable[];
  explanation: Explanation;
  checks: Check[];
  summary: BudgetSummary;
  yearOverYear: YearOverYear;
  profile: UnitProfile;
  glossary: GlossaryEntry[];
}
