/**
 * Disclosure templates: which tables a region publishes, in which order, with which rows and
 * columns, titles, units and decimals; how empty cells print; the 情况说明's sections and number
 * style; the glossary. A template is plain data (stored as JSON for a custom one); the engine
 * computes every table a template names from the same ledger, so the figures agree whatever the
 * set. The seed's 17 tables are `DEFAULT_TEMPLATE`, figure for figure.
 */
import { z } from "zod";
import type { AmountUnit, ExpenseKind, GlossaryEntry, Period, SourceCode } from "./types";

/** What a grid table lists as rows. */
export type RowDimension =
  | "function" // 支出功能分类 类 → 款 → 项
  | "deptEconomic" // 部门预算支出经济分类 类 → 款
  | "govEconomic" // 政府预算支出经济分类 类 → 款
  | "unit" // 合计 → each budget unit
  | "project" // 合计 → unit → project
  | "debtProject"; // 合计 → unit → debt-financed project

/** Which amount columns a grid table shows (their keys are fixed per set). */
export type ColumnSet =
  /** 总计 | 本年收入{合计, 一般公共预算 … 单位资金} | 上年结转结余{…}: keys total, current_total, current_gpb … */
  | "bySource"
  /** bySource with 本年收入's 单位资金 split into 事业收入 … 其他收入 (keys current_unit_business …). */
  | "bySourceDetailed"
  /** 合计 | 基本支出{小计, 人员经费, 公用经费} | 项目支出: keys total, basic_total, basic_personnel, basic_public, project. */
  | "basicProject"
  /** 合计 | 基本支出 | 项目支出: keys total, basic, project. */
  | "basicProjectBrief"
  /** 合计 | 人员经费 | 公用经费 (基本支出 only): keys total, personnel, public. */
  | "personnelPublic";

export interface TableFilter {
  periods?: Period[];
  sources?: SourceCode[];
  kinds?: ExpenseKind[];
}

interface TableCommon {
  /** Stable within a template (used by custom copies and the preview). */
  id: string;
  title: string;
  /** Printed 表N; defaults to the table's position (1-based). */
  number?: number;
  /** 万元 or 元; absent: the region-year's display unit. */
  unit?: AmountUnit;
  /** 2 (default) or 0: whole units, each cell rounded half-up from the exact 分 sum. */
  decimals?: 0 | 2;
  /** Printed under the table when it has nothing in it; must say 空表. */
  emptyNote?: string;
}

export interface GridTableDefinition extends TableCommon {
  kind: "grid";
  rows: RowDimension;
  /** Classification levels shown: 1 类, 2 类+款, 3 类+款+项 (default: every level). */
  depth?: 1 | 2 | 3;
  /** Which lines the table counts (default: all). */
  filter?: TableFilter;
  columns: ColumnSet;
  /** A header over the amount columns, e.g. 本年一般公共预算支出. */
  header?: string;
  /** A header over 科目编码 and 科目名称, e.g. 部门预算支出经济分类科目. */
  codeHeader?: string;
}

export interface SummaryTableDefinition extends TableCommon {
  /** 收支总表: 收入 by source | 支出 by 功能分类 类. */
  kind: "summary";
  /** "class": one amount per 类; "classKinds": 合计 / 人员经费 / 公用经费 / 项目支出 per 类. */
  expenditure: "class" | "classKinds";
}

export interface FixedTableDefinition extends TableCommon {
  kind:
    | "fiscalSummary" // 财政拨款收支总表
    | "sanggong" // “三公”经费
    | "procurement" // 政府采购
    | "purchasedServices" // 政府购买服务
    | "overallPerformance" // 整体绩效目标
    | "projectPerformance"; // 项目绩效目标
}

export type TableDefinition = GridTableDefinition | SummaryTableDefinition | FixedTableDefinition;
export type TableKind = TableDefinition["kind"];

/** What a zero amount prints as: nothing, "0" or "0.00". */
export type EmptyCellStyle = "blank" | "0" | "0.00";

/**
 * How the 情况说明 writes an amount: "plain" as the seed ("5114.04 万元", "0 万元"), "thousands"
 * ("5,114.04 万元"), "whole" (rounded half-up to the unit, "12,345 万元"), "trim" (two decimals
 * without trailing zeros, "1,230 万元", "1,230.5 万元").
 */
export type TextNumberStyle = "plain" | "thousands" | "whole" | "trim";

export type SectionKey = "overview" | "fiscal" | "gpb" | "sanggong" | "other" | "operating" | "procurement" | "assets" | "performance";

export interface SectionDefinition {
  key: SectionKey;
  /** Heading without its number; {单位} and {年度} are replaced. Absent: the standard heading. */
  heading?: string;
  /** Only for "other": its sub-sections, numbered （一）（二）…. */
  children?: SectionDefinition[];
}

export interface DisclosureTemplate {
  id: string;
  name: string;
  description?: string;
  tables: TableDefinition[];
  emptyCell: EmptyCellStyle;
  text: { unit?: AmountUnit; number: TextNumberStyle };
  sections: SectionDefinition[];
  /** The template's 名词解释, used when the budget's settings give none. */
  glossary?: GlossaryEntry[];
}

// ---------------------------------------------------------------- the bundled templates

const CUR_GPB: TableFilter = { periods: ["current"], sources: ["gpb"] };
const CUR_GF: TableFilter = { periods: ["current"], sources: ["gf"] };
const CUR_SOC: TableFilter = { periods: ["current"], sources: ["soc"] };

const note = (what: string) => `备注：如此表为空表，则表示部门无${what}。`;

const STANDARD_SECTIONS: SectionDefinition[] = [
  { key: "overview" },
  { key: "sanggong" },
  {
    key: "other",
    children: [{ key: "operating" }, { key: "procurement" }, { key: "assets" }, { key: "performance" }],
  },
];

/** The seed's 17 tables (沈阳市和平区), in 万元 unless the region-year says 元. */
export const DEFAULT_TEMPLATE: DisclosureTemplate = {
  id: "standard-17",
  name: "部门预算公开 17 张表（和平区样式）",
  description: "收支预算总表至部门预算项目（政策）绩效目标表，共 17 张表；情况说明金额保留两位小数。",
  emptyCell: "blank",
  text: { number: "plain" },
  sections: STANDARD_SECTIONS,
  tables: [
    { id: "summary", kind: "summary", expenditure: "class", title: "收支预算总表", emptyNote: note("收支预算") },
    { id: "income", kind: "grid", rows: "unit", columns: "bySourceDetailed", title: "收入预算总表", emptyNote: note("收入预算") },
    { id: "expenditure", kind: "grid", rows: "function", columns: "basicProject", title: "支出预算总表", emptyNote: note("支出预算") },
    { id: "fiscal", kind: "fiscalSummary", title: "财政拨款收支预算总表", emptyNote: note("财政拨款收支预算") },
    {
      id: "gpb",
      kind: "grid",
      rows: "function",
      filter: CUR_GPB,
      columns: "basicProject",
      header: "本年一般公共预算支出",
      title: "一般公共预算支出表",
      emptyNote: note("一般公共预算支出"),
    },
    {
      id: "gpb-basic",
      kind: "grid",
      rows: "deptEconomic",
      filter: CUR_GPB,
      columns: "personnelPublic",
      header: "本年一般公共预算基本支出",
      codeHeader: "部门预算支出经济分类科目",
      title: "一般公共预算基本支出表",
      emptyNote: note("一般公共预算基本支出"),
    },
    { id: "sanggong", kind: "sanggong", title: "一般公共预算“三公”经费支出情况表", emptyNote: note("财政拨款安排的“三公”经费支出") },
    {
      id: "gf",
      kind: "grid",
      rows: "function",
      filter: CUR_GF,
      columns: "basicProjectBrief",
      header: "本年政府性基金预算支出",
      title: "政府性基金预算支出表",
      emptyNote: note("政府性基金预算安排的支出"),
    },
    { id: "projects", kind: "grid", rows: "project", filter: { kinds: ["project"] }, columns: "bySource", title: "项目支出预算表", emptyNote: note("项目支出") },
    { id: "by-function", kind: "grid", rows: "function", columns: "bySource", title: "支出功能分类预算表", emptyNote: note("支出预算") },
    { id: "by-gov-economic", kind: "grid", rows: "govEconomic", columns: "bySource", title: "支出经济分类预算表（政府预算）", emptyNote: note("支出预算") },
    { id: "by-dept-economic", kind: "grid", rows: "deptEconomic", columns: "bySource", title: "支出经济分类预算表（部门预算）", emptyNote: note("支出预算") },
    { id: "debt", kind: "grid", rows: "debtProject", filter: { kinds: ["project"] }, columns: "bySource", title: "债务支出预算表", emptyNote: note("债务资金安排的支出") },
    { id: "procurement", kind: "procurement", title: "政府采购支出预算表", emptyNote: note("政府采购预算") },
    { id: "purchased-services", kind: "purchasedServices", title: "政府购买服务支出预算表", emptyNote: note("政府购买服务预算") },
    { id: "overall-performance", kind: "overallPerformance", title: "部门（单位）整体绩效目标表", emptyNote: "备注：如此表为空表，则表示部门未设置整体绩效目标。" },
    { id: "project-performance", kind: "projectPerformance", title: "部门预算项目（政策）绩效目标表", emptyNote: "备注：如此表为空表，则表示部门无设置绩效目标的项目。" },
  ],
};

/** 财政部部门预算公开基本表样: 8 tables; 基本支出 by 政府预算经济分类; empty cells print 0.00. */
export const MINISTRY_8_TEMPLATE: DisclosureTemplate = {
  id: "mof-8",
  name: "财政部基本表样 8 张表",
  description: "收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表（政府经济分类）、“三公”经费支出表、政府性基金预算支出表；空白单元格填 0.00；情况说明金额带千位分隔符。",
  emptyCell: "0.00",
  text: { number: "thousands" },
  sections: STANDARD_SECTIONS,
  tables: [
    { id: "summary", kind: "summary", expenditure: "class", title: "部门收支总表", emptyNote: note("收支预算") },
    { id: "income", kind: "grid", rows: "unit", columns: "bySource", title: "部门收入总表", emptyNote: note("收入预算") },
    { id: "expenditure", kind: "grid", rows: "function", columns: "basicProject", title: "部门支出总表", emptyNote: note("支出预算") },
    { id: "fiscal", kind: "fiscalSummary", title: "财政拨款收支总表", emptyNote: note("财政拨款收支预算") },
    {
      id: "gpb",
      kind: "grid",
      rows: "function",
      filter: CUR_GPB,
      columns: "basicProject",
      header: "本年一般公共预算支出",
      title: "一般公共预算支出表",
      emptyNote: note("一般公共预算支出"),
    },
    {
      id: "gpb-basic",
      kind: "grid",
      rows: "govEconomic",
      filter: CUR_GPB,
      columns: "personnelPublic",
      header: "本年一般公共预算基本支出",
      codeHeader: "政府预算支出经济分类科目",
      title: "一般公共预算基本支出表",
      emptyNote: note("一般公共预算基本支出"),
    },
    { id: "sanggong", kind: "sanggong", title: "一般公共预算“三公”经费支出表", emptyNote: note("财政拨款安排的“三公”经费支出") },
    {
      id: "gf",
      kind: "grid",
      rows: "function",
      filter: CUR_GF,
      columns: "basicProjectBrief",
      header: "本年政府性基金预算支出",
      title: "政府性基金预算支出表",
      emptyNote: note("政府性基金预算安排的支出"),
    },
  ],
};

/**
 * A provincial 9-table set: the Ministry's 8 plus 国有资本经营预算支出表; 收支总表 lists 支出 by 类
 * with 人员经费 / 公用经费 / 项目支出; 基本支出 by 部门预算经济分类; tables in whole 元, the 三公
 * table and the 情况说明 in 万元; empty cells print 0.
 */
export const PROVINCIAL_9_TEMPLATE: DisclosureTemplate = {
  id: "province-9",
  name: "省级样式 9 张表（元）",
  description: "在财政部 8 张表基础上增加国有资本经营预算支出表；收支总表支出按功能分类类级列示人员经费、公用经费、项目支出；表格以元为单位取整，“三公”经费表和情况说明以万元为单位。",
  emptyCell: "0",
  text: { unit: "wan", number: "thousands" },
  sections: [
    { key: "overview" },
    { key: "sanggong" },
    { key: "other", children: [{ key: "operating" }, { key: "procurement" }, { key: "performance" }] },
  ],
  tables: [
    { id: "summary", kind: "summary", expenditure: "classKinds", title: "部门收支总表", unit: "yuan", decimals: 0, emptyNote: note("收支预算") },
    { id: "income", kind: "grid", rows: "unit", columns: "bySource", title: "部门收入总表", unit: "yuan", decimals: 0, emptyNote: note("收入预算") },
    { id: "expenditure", kind: "grid", rows: "function", columns: "basicProject", title: "部门支出总表", unit: "yuan", decimals: 0, emptyNote: note("支出预算") },
    { id: "fiscal", kind: "fiscalSummary", title: "财政拨款收支总表", unit: "yuan", decimals: 0, emptyNote: note("财政拨款收支预算") },
    {
      id: "gpb",
      kind: "grid",
      rows: "function",
      filter: CUR_GPB,
      columns: "basicProject",
      header: "本年一般公共预算支出",
      title: "一般公共预算支出表",
      unit: "yuan",
      decimals: 0,
      emptyNote: note("一般公共预算支出"),
    },
    {
      id: "gpb-basic",
      kind: "grid",
      rows: "deptEconomic",
      filter: CUR_GPB,
      columns: "personnelPublic",
      header: "本年一般公共预算基本支出",
      codeHeader: "部门预算支出经济分类科目",
      title: "一般公共预算基本支出表",
      unit: "yuan",
      decimals: 0,
      emptyNote: note("一般公共预算基本支出"),
    },
    { id: "sanggong", kind: "sanggong", title: "一般公共预算“三公”经费支出表", unit: "wan", decimals: 2, emptyNote: note("财政拨款安排的“三公”经费支出") },
    {
      id: "gf",
      kind: "grid",
      rows: "function",
      filter: CUR_GF,
      columns: "basicProjectBrief",
      header: "本年政府性基金预算支出",
      title: "政府性基金预算支出表",
      unit: "yuan",
      decimals: 0,
      emptyNote: note("政府性基金预算安排的支出"),
    },
    {
      id: "soc",
      kind: "grid",
      rows: "function",
      filter: CUR_SOC,
      columns: "basicProjectBrief",
      header: "本年国有资本经营预算支出",
      title: "国有资本经营预算支出表",
      unit: "yuan",
      decimals: 0,
      emptyNote: note("国有资本经营预算安排的支出"),
    },
  ],
};

export const BUNDLED_TEMPLATES: readonly DisclosureTemplate[] = [DEFAULT_TEMPLATE, MINISTRY_8_TEMPLATE, PROVINCIAL_9_TEMPLATE];

export function bundledTemplate(id: string): DisclosureTemplate | undefined {
  return BUNDLED_TEMPLATES.find((t) => t.id === id);
}

// ---------------------------------------------------------------- validation (custom templates)

const periodSchema = z.enum(["current", "carryover"]);
const sourceSchema = z.enum(["gpb", "gf", "soc", "fsa", "unit_business", "unit_operating", "unit_superior", "unit_affiliated", "unit_other"]);
const kindSchema = z.enum(["personnel", "public", "project"]);

const common = {
  id: z.string().trim().min(1, "表格标识不能为空").max(40),
  title: z.string().trim().min(1, "表格标题不能为空").max(60, "表格标题不超过 60 个字"),
  number: z.number().int().min(1).max(99).optional(),
  unit: z.enum(["wan", "yuan"]).optional(),
  decimals: z.union([z.literal(0), z.literal(2)]).optional(),
  emptyNote: z.string().trim().max(200).refine((s) => s === "" || s.includes("空表"), "空表说明须含“空表”二字").optional(),
};

const tableSchema = z.discriminatedUnion("kind", [
  z.object({
    ...common,
    kind: z.literal("grid"),
    rows: z.enum(["function", "deptEconomic", "govEconomic", "unit", "project", "debtProject"]),
    depth: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    filter: z
      .object({ periods: z.array(periodSchema).optional(), sources: z.array(sourceSchema).optional(), kinds: z.array(kindSchema).optional() })
      .optional(),
    columns: z.enum(["bySource", "bySourceDetailed", "basicProject", "basicProjectBrief", "personnelPublic"]),
    header: z.string().trim().max(60).optional(),
    codeHeader: z.string().trim().max(60).optional(),
  }),
  z.object({ ...common, kind: z.literal("summary"), expenditure: z.enum(["class", "classKinds"]) }),
  z.object({
    ...common,
    kind: z.enum(["fiscalSummary", "sanggong", "procurement", "purchasedServices", "overallPerformance", "projectPerformance"]),
  }),
]);

const sectionKey = z.enum(["overview", "fiscal", "gpb", "sanggong", "other", "operating", "procurement", "assets", "performance"]);
const sectionSchema = z.object({
  key: sectionKey,
  heading: z.string().trim().max(80).optional(),
  children: z.array(z.object({ key: sectionKey, heading: z.string().trim().max(80).optional() })).optional(),
});

export const templateSchema = z
  .object({
    id: z.string().trim().min(1).max(60),
    name: z.string().trim().min(1, "模板名称不能为空").max(60, "模板名称不超过 60 个字"),
    description: z.string().trim().max(500).optional(),
    tables: z.array(tableSchema).min(1, "模板至少要有一张表").max(40),
    emptyCell: z.enum(["blank", "0", "0.00"]),
    text: z.object({ unit: z.enum(["wan", "yuan"]).optional(), number: z.enum(["plain", "thousands", "whole", "trim"]) }),
    sections: z.array(sectionSchema).max(10),
    glossary: z.array(z.object({ term: z.string().trim().min(1), definition: z.string().trim().min(1) })).optional(),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    t.tables.forEach((table, i) => {
      if (ids.has(table.id)) ctx.addIssue({ code: "custom", message: `表格标识“${table.id}”重复`, path: ["tables", i, "id"] });
      ids.add(table.id);
    });
    const numbers = new Set<number>();
    t.tables.forEach((table, i) => {
      const n = table.number ?? i + 1;
      if (numbers.has(n)) ctx.addIssue({ code: "custom", message: `表号 ${n} 重复`, path: ["tables", i, "number"] });
      numbers.add(n);
    });
  });

/** A template read from storage or a form: validated, or a Chinese message naming the first problem. */
export function parseTemplate(raw: unknown): { ok: true; template: DisclosureTemplate } | { ok: false; message: string } {
  const r = templateSchema.safeParse(raw);
  if (r.success) return { ok: true, template: r.data as DisclosureTemplate };
  const issue = r.error.issues[0];
  return { ok: false, message: issue ? `模板${issue.path.length ? `（${issue.path.join(".")}）` : ""}：${issue.message}` : "模板无效" };
}

/** The printed number of each table: its own `number`, else its position. */
export function tableNumber(def: TableDefinition, index: number): number {
  return def.number ?? index + 1;
}

/** Standard headings of the 情况说明's sections ({单位}, {年度} replaced by the engine). */
export const SECTION_HEADINGS: Readonly<Record<SectionKey, string>> = {
  overview: "关于{单位} {年度} 年收支预算的总体说明",
  fiscal: "关于{单位} {年度} 年财政拨款收支预算情况的总体说明",
  gpb: "关于{单位} {年度} 年一般公共预算当年拨款情况说明",
  sanggong: "关于{单位} {年度} 年“三公”经费预算支出情况说明",
  other: "其他重要事项的情况说明",
  operating: "机关运行经费安排情况",
  procurement: "政府采购预算安排情况",
  assets: "国有资产占有使用情况",
  performance: "绩效目标设置情况",
};

/**
 * The template a region-year setting names: a bundled template by id, or a custom one from its
 * stored definition. The default (`standard-17`) resolves to `undefined`: the engine's default,
 * so inputs under it stay exactly as before templates existed. An unknown or invalid custom
 * template falls back to the default rather than hiding a budget.
 */
export function resolveTemplate(code: string, stored?: unknown): DisclosureTemplate | undefined {
  if (code === DEFAULT_TEMPLATE.id) return undefined;
  const bundled = bundledTemplate(code);
  if (bundled) return bundled;
  if (stored === undefined) return undefined;
  const parsed = parseTemplate(stored);
  return parsed.ok ? { ...parsed.template, id: code } : undefined;
}
