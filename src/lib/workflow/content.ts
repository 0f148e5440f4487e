/**
 * The content of a budget as the editors, the grid and the import change it: one schema, shared
 * by the forms (validation next to the field) and the server (the batch entry point `applyChanges`).
 * Pure: no database, no framework. Money is a decimal string in 元; a number never carries an amount.
 *
 * Every list part is `{ upsert, delete }`: an upsert row with `id` updates that row, without `id`
 * inserts one (its `clientKey`, if given, is answered with the new id, and new rows may refer to a
 * new project by that key through `projectKey`).
 */
import { z } from "zod";
import { textInput } from "@/lib/text/input";
import { Decimal } from "@/lib/money";
import type { BudgetInput } from "@/lib/budget/types";
import { EXPENSE_KINDS, MONEY_PATTERN, PERIODS, SOURCE_CODES, budgetRefInput, moneyYuan } from "./inputs";

z.config(z.locales.zhCN());

const id = (what: string) => z.number({ error: `${what}无效` }).int(`${what}无效`).positive(`${what}无效`);
const clientKey = textInput("临时编号", { min: 1, max: 64, required: "临时编号不能为空", tooLong: "临时编号过长" });
const text = (what: string, max = 5000) => textInput(what, { max });
const required = (what: string, max = 200) => textInput(what, { min: 1, max });
const count = (what: string) =>
  z.number({ error: `${what}须为整数` }).int(`${what}须为整数`).min(0, `${what}不能为负数`).max(1_000_000, `${what}过大`);

/** A row of a list part: `id` of an existing row to update, or none to insert (with an optional `clientKey`). */
const rowKeys = { id: id("行编号").optional(), clientKey: clientKey.optional() };
/** Which project a row belongs to: an existing one by id, or one created in the same batch by its clientKey. */
const projectRef = { projectId: id("项目").nullable().default(null), projectKey: clientKey.nullable().optional() };

const hasProject = (r: { projectId: number | null; projectKey?: string | null | undefined }) =>
  r.projectId !== null || (r.projectKey !== null && r.projectKey !== undefined);

export const PROCUREMENT_CATEGORIES = ["goods", "works", "services"] as const;
export const PROCUREMENT_CATEGORY_LABELS: Record<(typeof PROCUREMENT_CATEGORIES)[number], string> = {
  goods: "货物",
  works: "工程",
  services: "服务",
};
export const INDICATOR_OPERATORS = ["", "=", ">=", "<=", ">", "<"] as const;
export const TASK_FIGURES = ["personnel", "public", "project", "projects"] as const;

export const lineItemRow = z
  .object({
    ...rowKeys,
    functionCode: z.string().trim().regex(/^\d{7}$/, "支出功能分类科目须为 7 位（项级）编码"),
    economicCode: z.string().trim().regex(/^\d{5}$/, "部门预算经济分类科目须为 5 位（款级）编码"),
    kind: z.enum(EXPENSE_KINDS, "支出类型须为人员经费、公用经费或项目支出"),
    ...projectRef,
    source: z.enum(SOURCE_CODES, "资金来源无效"),
    period: z.enum(PERIODS, "期间须为本年或上年结转"),
    amount: moneyYuan,
  })
  .refine((l) => (l.kind === "project") === hasProject(l), {
    message: "项目支出必须选择项目，基本支出不能选择项目",
    path: ["projectId"],
  });
export type LineItemRow = z.input<typeof lineItemRow>;

export const projectRow = z.object({
  ...rowKeys,
  name: required("项目名称"),
  content: text("项目内容").default(""),
  debtFinanced: z.boolean().default(false),
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
export type ProjectRow = z.input<typeof projectRow>;

const notAbove = (part: string, whole: string) => {
  if (!MONEY_PATTERN.test(part) || !MONEY_PATTERN.test(whole)) return true;
  return new Decimal(part).lte(new Decimal(whole));
};

export const procurementRow = z
  .object({
    ...rowKeys,
    ...projectRef,
    name: required("采购品目名称"),
    category: z.enum(PROCUREMENT_CATEGORIES, "采购类别须为货物、工程或服务"),
    source: z.enum(SOURCE_CODES, "资金来源无效"),
    period: z.enum(PERIODS, "期间须为本年或上年结转").default("current"),
    amount: moneyYuan,
    smeReserved: moneyYuan.default("0.00"),
  })
  .refine((p) => notAbove(p.smeReserved, p.amount), { message: "面向中小企业预留金额不能超过采购预算", path: ["smeReserved"] });
export type ProcurementRow = z.input<typeof procurementRow>;

export const purchasedServiceRow = z.object({
  ...rowKeys,
  functionClassCode: z.string().trim().regex(/^\d{3}$/, "支出功能分类须为 3 位（类级）编码"),
  name: required("购买服务项目名称"),
  catalogueCode: textInput("指导目录代码", { max: 40, tooLong: "指导目录代码不能超过 40 个字符" }).default(""),
  catalogueName: text("指导目录名称", 200).default(""),
  source: z.enum(SOURCE_CODES, "资金来源无效"),
  period: z.enum(PERIODS, "期间须为本年或上年结转").default("current"),
  amount: moneyYuan,
});
export type PurchasedServiceRow = z.input<typeof purchasedServiceRow>;

export const indicatorRow = z.object({
  level1: required("一级指标", 100),
  level2: required("二级指标", 100),
  level3: text("三级指标", 500).default(""),
  operator: z.enum(INDICATOR_OPERATORS, "运算符号须为 =、>=、<=、>、< 或留空").default(""),
  value: text("指标值", 200).default(""),
  unit: text("度量单位", 50).default(""),
  deadline: text("完成时限", 50).default(""),
});
export type IndicatorRow = z.input<typeof indicatorRow>;

export const taskLink = z
  .object({
    figure: z.enum(TASK_FIGURES, "关联数据须为人员经费、公用经费、某个项目或全部项目"),
    projectId: id("项目").nullable().default(null),
    projectKey: clientKey.nullable().optional(),
  })
  .refine((l) => (l.figure === "project") === hasProject(l), { message: "关联单个项目时须选择项目", path: ["projectId"] });

export const taskRow = z.object({
  name: required("任务名称"),
  /** Typed by hand; ignored (computed) for a linked task. */
  amount: moneyYuan.default("0.00"),
  link: taskLink.nullable().default(null),
});
export type TaskRow = z.input<typeof taskRow>;

/** A performance target: the unit-wide one (表16, projectId null and no projectKey) or a project's (表17). */
export const targetRow = z.object({
  ...rowKeys,
  ...projectRef,
  goal: text("绩效目标", 5000).default(""),
  indicators: z.array(indicatorRow).max(500, "指标不能超过 500 条").default([]),
  tasks: z.array(taskRow).max(200, "任务不能超过 200 条").default([]),
});
export type TargetRow = z.input<typeof targetRow>;

export const profileFields = z.object({
  duties: z.array(required("职责", 2000)).max(100, "主要职责不能超过 100 条").default([]),
  composition: text("部门预算单位构成").default(""),
  departments: z
    .array(
      z.object({
        name: required("内设机构名称", 100),
        duties: text("内设机构职责").default(""),
        staffing: count("人员编制").default(0),
        leaders: text("领导职数", 200).default(""),
      }),
    )
    .max(200, "内设机构不能超过 200 个")
    .default([]),
});
export type ProfileFields = z.input<typeof profileFields>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式须为 YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "日期无效");

export const assetFields = z.object({
  asOf: isoDate,
  vehicles: z.object({
    ministerial: count("省部级领导干部用车").default(0),
    general: count("一般公务用车").default(0),
    enforcement: count("一般执法执勤用车").default(0),
    special: count("特种专业技术用车").default(0),
    other: count("其他用车").default(0),
  }),
  largeEquipment: count("单价 50 万元以上设备").default(0),
  note: text("资产说明").default(""),
});
export type AssetFields = z.input<typeof assetFields>;

export const narrativeChanges = z.object({
  totalChangeReason: text("收支总预算增减原因").optional(),
  sanggongChangeReason: text("“三公”经费增减原因").optional(),
  overview: text("收支预算说明").optional(),
  correctionNote: text("更正说明").optional(),
});

export const SANGGONG_KEYS = ["abroad", "reception", "vehiclePurchase", "vehicleOperation"] as const;
export const SANGGONG_LABELS: Record<(typeof SANGGONG_KEYS)[number], string> = {
  abroad: "因公出国（境）费",
  reception: "公务接待费",
  vehiclePurchase: "公务用车购置费",
  vehicleOperation: "公务用车运行维护费",
};

/** The prior year entered by hand (when it is not on the platform): total, by source, by kind, by 类, 三公. */
export const baselineFields = z
  .object({
    total: moneyYuan,
    bySource: z.partialRecord(z.enum([...SOURCE_CODES, "carryover"], "资金来源无效"), moneyYuan).optional(),
    byKind: z.object({ basic: moneyYuan, project: moneyYuan }).optional(),
    byFunctionClass: z
      .array(z.object({ code: z.string().trim().regex(/^\d{3}$/, "功能分类须为 3 位（类级）编码"), amount: moneyYuan }))
      .max(50)
      .optional(),
    sanggong: z
      .object({ abroad: moneyYuan, reception: moneyYuan, vehiclePurchase: moneyYuan, vehicleOperation: moneyYuan })
      .optional(),
  })
  .superRefine((b, ctx) => {
    // Sums only over well-formed amounts: a malformed one already has its own message.
    const amounts = [b.total, ...Object.values(b.bySource ?? {}), b.byKind?.basic, b.byKind?.project, ...(b.byFunctionClass ?? []).map((f) => f.amount)];
    if (amounts.some((a) => typeof a === "string" && !MONEY_PATTERN.test(a))) return;
    const total = new Decimal(b.total);
    const sum = (vals: string[]) => vals.reduce((acc, v) => acc.plus(new Decimal(v)), new Decimal(0));
    if (b.bySource && Object.keys(b.bySource).length > 0 && !sum(Object.values(b.bySource) as string[]).eq(total))
      ctx.addIssue({ code: "custom", message: "按资金来源填写的上年数之和须等于上年收支总预算", path: ["bySource"] });
    if (b.byKind && !sum([b.byKind.basic, b.byKind.project]).eq(total))
      ctx.addIssue({ code: "custom", message: "上年基本支出与项目支出之和须等于上年收支总预算", path: ["byKind"] });
    if (b.byFunctionClass && b.byFunctionClass.length > 0) {
      if (!sum(b.byFunctionClass.map((f) => f.amount)).eq(total))
        ctx.addIssue({ code: "custom", message: "按功能分类（类）填写的上年数之和须等于上年收支总预算", path: ["byFunctionClass"] });
      const codes = b.byFunctionClass.map((f) => f.code);
      if (new Set(codes).size !== codes.length)
        ctx.addIssue({ code: "custom", message: "功能分类（类）不能重复填写", path: ["byFunctionClass"] });
    }
  });
export type BaselineFields = z.input<typeof baselineFields>;

function listPart<T extends z.ZodType>(row: T, max = 20_000) {
  return z.object({
    upsert: z.array(row).max(max, `一次最多保存 ${max} 行`).default([]),
    delete: z.array(id("行编号")).max(max, `一次最多删除 ${max} 行`).default([]),
  });
}

export const contentChanges = z.object({
  lineItems: listPart(lineItemRow).optional(),
  projects: listPart(projectRow, 2000).optional(),
  procurement: listPart(procurementRow, 5000).optional(),
  purchasedServices: listPart(purchasedServiceRow, 5000).optional(),
  /** One target per project and one unit-wide target; an upsert of an existing target replaces its indicators and tasks. */
  targets: listPart(targetRow, 2000).optional(),
  /** Replaces 单位概况 (主要职责, 内设机构, 单位构成) as a whole. */
  profile: profileFields.optional(),
  /** Replaces the asset information; null removes it. */
  assets: assetFields.nullable().optional(),
  narrative: narrativeChanges.optional(),
  /** Replaces the entered prior year; null removes it. */
  baseline: baselineFields.nullable().optional(),
  /** Sets only the entered prior-year total (the older 说明 form); null removes the whole baseline. */
  baselineTotal: moneyYuan.nullable().optional(),
});
export type ContentChanges = z.input<typeof contentChanges>;
export type ParsedContentChanges = z.output<typeof contentChanges>;

export const CONTENT_PARTS = ["lineItems", "projects", "procurement", "purchasedServices", "targets"] as const;
export type ContentListPart = (typeof CONTENT_PARTS)[number];
export const CONTENT_PART_LABELS: Record<ContentListPart | "profile" | "assets" | "narrative" | "baseline", string> = {
  lineItems: "支出明细",
  projects: "项目",
  procurement: "政府采购",
  purchasedServices: "政府购买服务",
  targets: "绩效目标",
  profile: "单位概况",
  assets: "国有资产占有使用情况",
  narrative: "情况说明",
  baseline: "上年预算基数",
};

/**
 * The procedure's input: the changes are parsed by the service with `contentChanges`, so that every
 * refusal names its row and field ("支出明细第 4 行：…", path "lineItems.upsert.3.amount").
 */
export const applyChangesInput = budgetRefInput.extend({
  changes: z.custom<ContentChanges>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "请提交要保存的内容"),
});

/** A refusal of one field of one row: `path` as the form names it ("lineItems.upsert.3.functionCode"). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The content part of the engine's input: what `replaceContent` writes as a whole (project ids are the input's own strings). */
export type BudgetContent = Pick<
  BudgetInput,
  "lineItems" | "projects" | "procurement" | "purchasedServices" | "targets" | "profile" | "assets" | "narrative" | "baseline"
>;

/** The row index and field of a path, in words: "支出明细第 4 行". */
export function describeIssuePath(path: string): string {
  const [part, , index] = path.split(".");
  const label = CONTENT_PART_LABELS[part as ContentListPart] ?? "";
  const n = index !== undefined && /^\d+$/.test(index) ? `第 ${Number(index) + 1} 行` : "";
  return `${label}${n}`;
}
