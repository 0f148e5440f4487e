/**
 * The import/export workbook of a budget's content (docs/import-format.md): one sheet per part,
 * Chinese headers, amounts in 元 as numbers in columns whose header begins with 金额. One layout
 * serves both directions, so what we write is exactly what we read back.
 */
import type { CatalogEntry, ExpenseKind, Period, TaskFigure } from "../budget/types";
import type { BudgetContent } from "../workflow/content";

/** What a workbook carries: the editable content of a budget (the write module's `BudgetContent`). */
export type WorkbookContent = BudgetContent;

/** The year's catalogue the workbook offers in its lists and checks codes against. */
export interface WorkbookCatalog {
  /** 支出功能分类 项 (7 digits). */
  functions: CatalogEntry[];
  /** 部门预算经济分类 款 (5 digits). */
  economics: CatalogEntry[];
  /** 资金来源 of the year: code (gpb …) and name (一般公共预算 …). */
  sources: CatalogEntry[];
  /** 支出功能分类 类 (3 digits) for 政府购买服务; derived from `functions` when absent. */
  functionClasses?: CatalogEntry[];
}

/** One refused cell. `row` is the worksheet's row number (1 = header), `column` its letter. */
export interface WorkbookError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export const FORMAT_VERSION = "1";

export const SHEETS = {
  readme: "说明",
  lines: "预算明细",
  projects: "项目",
  targets: "绩效目标",
  tasks: "绩效任务",
  indicators: "绩效指标",
  procurement: "政府采购",
  services: "政府购买服务",
  profile: "单位概况",
  duties: "主要职责",
  departments: "内设机构",
  baseline: "上年基数",
  lists: "代码表",
} as const;

export const AMOUNT_HEADER = "金额（元）";

export const LINE_HEADERS = {
  functionCode: "支出功能分类编码",
  functionName: "支出功能分类名称",
  economicCode: "经济分类编码",
  economicName: "经济分类名称",
  kind: "支出类型",
  project: "项目名称",
  source: "资金来源",
  period: "期间",
  amount: AMOUNT_HEADER,
} as const;

export const PROJECT_HEADERS = { name: "项目名称", content: "项目内容", debtFinanced: "是否债务资金" } as const;
export const TARGET_HEADERS = { project: "项目名称（空为单位整体）", goal: "绩效目标" } as const;
export const TASK_HEADERS = {
  project: "项目名称（空为单位整体）",
  name: "任务名称",
  amount: AMOUNT_HEADER,
  link: "金额关联",
  linkProject: "关联项目名称",
} as const;
/** 表16 task amounts that follow the line items instead of being typed. */
export const TASK_LINK_NAMES: Record<TaskFigure, string> = {
  personnel: "基本支出人员经费",
  public: "基本支出公用经费",
  project: "单个项目",
  projects: "全部项目支出",
};
export const INDICATOR_HEADERS = {
  project: "项目名称（空为单位整体）",
  level1: "一级指标",
  level2: "二级指标",
  level3: "三级指标",
  operator: "运算符号",
  value: "指标值",
  unit: "度量单位",
  deadline: "完成时限",
} as const;
export const PROCUREMENT_HEADERS = {
  project: "项目名称",
  name: "采购项目名称",
  category: "采购类别",
  source: "资金来源",
  period: "期间",
  amount: AMOUNT_HEADER,
  smeReserved: "金额：面向中小企业预留（元）",
} as const;
export const SERVICE_HEADERS = {
  functionClassCode: "支出功能分类（类）编码",
  name: "购买服务项目名称",
  catalogueCode: "指导目录代码",
  catalogueName: "指导目录名称",
  source: "资金来源",
  period: "期间",
  amount: AMOUNT_HEADER,
} as const;
export const DUTY_HEADERS = { duty: "主要职责" } as const;
export const DEPARTMENT_HEADERS = { name: "机构名称", duties: "职责", staffing: "人员编制", leaders: "负责人" } as const;
export const KEY_VALUE_HEADERS = { key: "项目", value: "内容" } as const;
export const BASELINE_HEADERS = { key: "项目", amount: AMOUNT_HEADER } as const;

/** 单位概况 rows: key → what it fills. */
export const PROFILE_KEYS = {
  composition: "部门预算单位构成",
  totalChangeReason: "收支总预算增减原因",
  sanggongChangeReason: "“三公”经费增减原因",
  overview: "收支预算说明",
  assetsAsOf: "资产统计日期",
  ministerial: "省部级领导干部用车（辆）",
  general: "一般公务用车（辆）",
  enforcement: "一般执法执勤用车（辆）",
  special: "特种专业技术用车（辆）",
  other: "其他用车（辆）",
  largeEquipment: "单位价值200万元以上大型设备（台、套）",
  assetsNote: "资产说明",
} as const;

/** 上年基数 rows whose key carries a source name or a 类 code after the colon. */
export const BASELINE_SOURCE_PREFIX = "上年收入：";
export const BASELINE_CLASS_PREFIX = "上年功能分类支出：";

export const BASELINE_KEYS = {
  total: "上年收支总预算",
  basic: "上年基本支出",
  project: "上年项目支出",
  abroad: "上年因公出国（境）费",
  reception: "上年公务接待费",
  vehiclePurchase: "上年公务用车购置费",
  vehicleOperation: "上年公务用车运行维护费",
} as const;

export const KIND_NAMES: Record<ExpenseKind, string> = { personnel: "人员经费", public: "公用经费", project: "项目支出" };
export const PERIOD_NAMES: Record<Period, string> = { current: "本年", carryover: "上年结转" };
/** Spellings accepted on import besides the ones we write. */
export const PERIOD_ALIASES: Record<string, Period> = { 本年: "current", 本年收入: "current", 上年结转: "carryover", 上年结转结余: "carryover" };
export const KIND_ALIASES: Record<string, ExpenseKind> = {
  人员经费: "personnel",
  基本支出人员经费: "personnel",
  "基本支出·人员经费": "personnel",
  公用经费: "public",
  基本支出公用经费: "public",
  "基本支出·公用经费": "public",
  项目支出: "project",
};
export const CATEGORY_NAMES = { goods: "货物", works: "工程", services: "服务" } as const;
export const YES = "是";
export const NO = "否";
export const OPERATORS = ["", "=", ">=", "<=", ">", "<"] as const;
/** Full-width spellings of the operators seen in disclosures. */
export const OPERATOR_ALIASES: Record<string, string> = { "＝": "=", "≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＞＝": ">=", "＜＝": "<=" };
