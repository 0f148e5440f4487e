/**
 * The engine's input contract. Everything the 17 tables, the 情况说明 and the checks need,
 * as plain data: no database rows, no framework types. Amounts are decimal strings in 元
 * (at most two decimals); the engine parses them with decimal.js and never with Number().
 */

/** A decimal string in 元, e.g. "1969100.00". */
export type Money = string;

/** 行政单位 / 参照公务员法管理事业单位 / 事业单位 */
export type UnitType = "admin" | "civil_servant_managed" | "institution";

/** 基本支出·人员经费 | 基本支出·公用经费 | 项目支出 */
export type ExpenseKind = "personnel" | "public" | "project";

/** 本年收入 | 上年结转结余 */
export type Period = "current" | "carryover";

/**
 * 资金来源. The first three are 财政拨款; the unit_* ones are 单位资金.
 * gpb 一般公共预算 · gf 政府性基金预算 · soc 国有资本经营预算 · fsa 财政专户管理资金 ·
 * unit_business 事业收入 · unit_operating 事业单位经营收入 · unit_superior 上级补助收入 ·
 * unit_affiliated 附属单位上缴收入 · unit_other 其他收入
 */
export type SourceCode =
  | "gpb"
  | "gf"
  | "soc"
  | "fsa"
  | "unit_business"
  | "unit_operating"
  | "unit_superior"
  | "unit_affiliated"
  | "unit_other";

/** Every funding source, in the disclosure's column order. */
export const SOURCE_CODES = [
  "gpb",
  "gf",
  "soc",
  "fsa",
  "unit_business",
  "unit_operating",
  "unit_superior",
  "unit_affiliated",
  "unit_other",
] as const satisfies readonly SourceCode[];

/** How the disclosure prints amounts: 万元 (the seed) or 元. A setting per region and year. */
export type AmountUnit = "wan" | "yuan";

export interface CatalogEntry {
  code: string;
  name: string;
}

export interface Catalogs {
  /** 支出功能分类: 类 (3 digits), 款 (5), 项 (7). */
  functions: CatalogEntry[];
  /** 部门预算支出经济分类: 类 (3), 款 (5). */
  deptEconomic: CatalogEntry[];
  /** 政府预算支出经济分类: 类 (3), 款 (5). */
  govEconomic: CatalogEntry[];
  /** dept 款 → gov 款 for this budget's unit type (already filtered by unit type). */
  econMapping: { deptCode: string; govCode: string }[];
  /**
   * Consolidated input only: the mapping for each unit type present among `BudgetInput.units`.
   * A line of a unit whose type has an entry here is mapped with it; otherwise `econMapping` applies.
   */
  econMappingByUnitType?: Partial<Record<UnitType, { deptCode: string; govCode: string }[]>>;
}

export interface UnitInfo {
  code: string;
  name: string;
  type: UnitType;
  /** 主管部门 name, e.g. 沈阳市和平区人力资源和社会保障局 */
  departmentName: string;
  regionCode: string;
  regionName: string;
  /** How the 情况说明 refers to the unit, e.g. 和平区人力资源和社会保障事务服务中心; defaults to `name`. */
  shortName?: string;
}

/** One budget unit inside a consolidated (部门汇总) input. */
export interface MemberUnit {
  code: string;
  name: string;
  type: UnitType;
}

export interface LineItem {
  id: string;
  /** Only for consolidated input: which unit the line belongs to. */
  unitCode?: string;
  functionCode: string; // 项, 7 digits
  economicCode: string; // dept-economic 款, 5 digits
  kind: ExpenseKind;
  projectId: string | null;
  source: SourceCode;
  period: Period;
  amount: Money;
}

export interface Project {
  id: string;
  unitCode?: string;
  name: string;
  content: string;
  debtFinanced: boolean;
  sort: number;
}

export interface ProcurementItem {
  id: string;
  unitCode?: string;
  projectId: string | null;
  name: string;
  category: "goods" | "works" | "services"; // 货物 / 工程 / 服务
  source: SourceCode;
  period: Period;
  amount: Money;
  /** 面向中小企业预留 */
  smeReserved: Money;
}

export interface PurchasedServiceItem {
  id: string;
  unitCode?: string;
  functionClassCode: string; // 支出功能分类（类级）, 3 digits
  name: string; // 购买服务项目名称
  catalogueCode: string; // 购买服务指导目录三级目录代码
  catalogueName: string;
  source: SourceCode;
  period: Period;
  amount: Money;
}

export interface PerformanceIndicator {
  level1: string; // 一级指标
  level2: string; // 二级指标
  level3: string; // 三级指标
  operator: string; // 运算符号, e.g. "=", ">=", "<=", "" for qualitative
  value: string; // 指标值 (text: "100", "管理规范", "0.5")
  unit: string; // 度量单位
  deadline: string; // 完成时限, e.g. "2024-12"
}

/**
 * What a 表16 task's amount follows: 基本支出人员经费, 基本支出公用经费, one project's money, or
 * all projects' money. A linked task's amount is computed from the line items by the engine.
 */
export type TaskFigure = "personnel" | "public" | "project" | "projects";

export interface TaskLink {
  figure: TaskFigure;
  /** The project, for figure "project"; null otherwise. */
  projectId: string | null;
}

export interface PerformanceTask {
  name: string;
  /** Typed by hand; for a linked task, the computed figure (the engine recomputes it). */
  amount: Money;
  /** Absent or null: typed by hand. */
  link?: TaskLink | null;
}

export interface PerformanceTarget {
  /** null: the unit's overall target (表16); otherwise the project's (表17). */
  projectId: string | null;
  unitCode?: string;
  goal: string; // 年度绩效目标 / 总体目标
  /** 表16 年度主要任务 with 预算资金情况; empty for project targets. */
  tasks: PerformanceTask[];
  indicators: PerformanceIndicator[];
}

export interface InternalDepartment {
  name: string;
  duties: string;
  staffing: number; // 人员编制
  leaders: string; // e.g. "部长 1 名"
}

export interface UnitProfile {
  duties: string[]; // 主要职责, one entry per numbered item, without the （一） prefix
  departments: InternalDepartment[];
  /** 部门预算单位构成 text; empty for a single unit. */
  composition: string;
}

export interface AssetInfo {
  asOf: string; // ISO date, e.g. "2023-08-31"
  vehicles: {
    ministerial: number; // 省部级领导干部用车
    general: number; // 一般公务用车
    enforcement: number; // 一般执法执勤用车
    special: number; // 特种专业技术用车
    other: number; // 其他用车
  };
  largeEquipment: number; // 单位价值200万元以上大型设备 台（套）
  note: string;
}

export interface Narrative {
  /** Why the total changed against the prior year (required when it changed). */
  totalChangeReason: string;
  /** Why 三公经费 changed (required when it changed). */
  sanggongChangeReason: string;
  /** Free text about the scope of income and expenditure, if the preparer wants one. */
  overview: string;
}

/** Prior-year figures entered by hand when the prior year's budget is not in the database. */
export interface PriorYearBaseline {
  total: Money;
  /** 上年收入 by 资金来源 (the sources that had money), and 上年结转结余 as "carryover". */
  bySource?: Partial<Record<SourceCode | "carryover", Money>>;
  /** 上年 基本支出 and 项目支出. */
  byKind?: { basic: Money; project: Money };
  /** 上年 支出 by 功能分类 类 (3-digit codes). */
  byFunctionClass?: { code: string; amount: Money }[];
  sanggong?: {
    abroad: Money;
    reception: Money;
    vehiclePurchase: Money;
    vehicleOperation: Money;
  };
}

export interface GlossaryEntry {
  term: string;
  definition: string;
}

/**
 * The 情况说明's sections, by key, in the order a region prints them. The seed's template is
 * overview, sanggong, other; many regions add 财政拨款收支 ("fiscal") and 一般公共预算支出 ("gpb").
 */
export type ExplanationSectionKey = "overview" | "fiscal" | "gpb" | "sanggong" | "other";

/** Every section the engine can write, in the order they are printed when chosen. */
export const EXPLANATION_SECTION_KEYS = ["overview", "fiscal", "gpb", "sanggong", "other"] as const satisfies readonly ExplanationSectionKey[];

/** The seed's template (沈阳市和平区 2024). */
export const DEFAULT_EXPLANATION_SECTIONS: readonly ExplanationSectionKey[] = ["overview", "sanggong", "other"];

/**
 * Disclosure settings of the region and year, carried in the input so that a published snapshot
 * keeps the settings it was published with. The display unit is `BudgetInput.amountUnit`.
 */
export interface DisclosureSettings {
  /** 部门预算 (a department, or the usual wording) or 单位预算 (a single unit's own disclosure). */
  titleWording: "department" | "unit";
  /** Which 情况说明 sections are printed; printed in `EXPLANATION_SECTION_KEYS` order. */
  explanationSections: ExplanationSectionKey[];
}

export const DEFAULT_DISCLOSURE_SETTINGS: DisclosureSettings = {
  titleWording: "department",
  explanationSections: [...DEFAULT_EXPLANATION_SECTIONS],
};

/** "部门预算" or "单位预算". */
export function budgetWording(settings: DisclosureSettings | undefined): "部门预算" | "单位预算" {
  return settings?.titleWording === "unit" ? "单位预算" : "部门预算";
}

export interface BudgetInput {
  unit: UnitInfo;
  year: number;
  revision: number;
  amountUnit: AmountUnit;
  catalogs: Catalogs;
  lineItems: LineItem[];
  projects: Project[];
  procurement: ProcurementItem[];
  purchasedServices: PurchasedServiceItem[];
  targets: PerformanceTarget[];
  profile: UnitProfile;
  assets: AssetInfo | null;
  narrative: Narrative;
  /** Entered baseline; used when `priorBudget` is absent. */
  baseline: PriorYearBaseline | null;
  /** The prior year's published budget of the same unit, when it is in the database. */
  priorBudget: BudgetInput | null;
  glossary: GlossaryEntry[];
  /**
   * Consolidated input only (部门汇总): the member units in display order. Line items, projects
   * and the other entities then carry `unitCode`; tables 2, 9, 13–17 list each unit.
   */
  units?: MemberUnit[];
  /** The region's disclosure settings for the year; absent (older snapshots): the seed's template. */
  disclosure?: DisclosureSettings;
}
