/**
 * The inputs of the budget procedures, shared by the server (validation) and the forms. Money is
 * a decimal string in 元 everywhere; a number never carries an amount.
 */
import { z } from "zod";
import { SOURCE_CODES } from "@/lib/budget/types";
import { textInput } from "@/lib/text/input";

z.config(z.locales.zhCN());

export const MONEY_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
export const moneyYuan = z.string().regex(MONEY_PATTERN, "金额须为以元为单位的非负数，最多两位小数（到分），例如 12345.67");

const id = (what: string) => z.number({ error: `${what}无效` }).int(`${what}无效`).positive(`${what}无效`);
export const budgetIdInput = z.object({ budgetId: id("预算编号") });
export const budgetRefInput = budgetIdInput.extend({ version: id("数据版本") });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式须为 YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "日期无效");

export const EXPENSE_KINDS = ["personnel", "public", "project"] as const;
export const KIND_LABELS: Record<(typeof EXPENSE_KINDS)[number], string> = {
  personnel: "人员经费",
  public: "公用经费",
  project: "项目支出",
};
export const PERIODS = ["current", "carryover"] as const;
export const PERIOD_LABELS: Record<(typeof PERIODS)[number], string> = { current: "本年", carryover: "上年结转" };
export { SOURCE_CODES };

export const lineItemFields = z
  .object({
    functionCode: z.string().regex(/^\d{7}$/, "支出功能分类科目须为 7 位（项级）编码"),
    economicCode: z.string().regex(/^\d{5}$/, "部门预算经济分类科目须为 5 位（款级）编码"),
    kind: z.enum(EXPENSE_KINDS, "支出类型须为人员经费、公用经费或项目支出"),
    projectId: id("项目").nullable(),
    source: z.enum(SOURCE_CODES, "资金来源无效"),
    period: z.enum(PERIODS, "期间须为本年或上年结转"),
    amount: moneyYuan,
  })
  .refine((l) => (l.kind === "project") === (l.projectId !== null), {
    message: "项目支出必须选择项目，基本支出不能选择项目",
    path: ["projectId"],
  });
export type LineItemFields = z.infer<typeof lineItemFields>;

export const addLineItemInput = budgetRefInput.extend({ item: lineItemFields });
export const updateLineItemInput = budgetRefInput.extend({ lineItemId: id("明细编号"), item: lineItemFields });
export const deleteLineItemInput = budgetRefInput.extend({ lineItemId: id("明细编号") });

export const projectFields = z.object({
  name: textInput("项目名称", { min: 1, max: 200 }),
  content: textInput("项目内容", { max: 5000 }).default(""),
  debtFinanced: z.boolean().default(false),
});
export type ProjectFields = z.infer<typeof projectFields>;

export const addProjectInput = budgetRefInput.extend({ project: projectFields });
export const updateProjectInput = budgetRefInput.extend({ projectId: id("项目"), project: projectFields });
export const deleteProjectInput = budgetRefInput.extend({ projectId: id("项目") });

const text = (what: string, max = 5000) => textInput(what, { max });
export const narrativeFields = z.object({
  totalChangeReason: text("收支总预算增减原因").optional(),
  sanggongChangeReason: text("“三公”经费增减原因").optional(),
  overview: text("收支预算说明").optional(),
  correctionNote: text("更正说明").optional(),
  baselineTotal: moneyYuan.nullable().optional(),
});
export type NarrativeFields = z.infer<typeof narrativeFields>;
export const updateNarrativeInput = budgetRefInput.extend({ narrative: narrativeFields });

export const createBudgetInput = z.object({
  unitId: id("预算单位").optional(),
  year: z.number().int().min(2000, "年度无效").max(2100, "年度无效"),
  from: z.enum(["blank", "prior"], "请选择新建空白预算或复制上年预算"),
});

export const submitInput = budgetRefInput.extend({
  /** Ids of the warnings the preparer read and accepts. */
  acknowledgedWarnings: z.array(textInput("检查规则编号", { max: 40 })).max(200).default([]),
});

export const rowComment = z.object({
  body: textInput("意见内容", { min: 1, max: 2000, required: "意见内容不能为空", tooLong: "意见不能超过 2000 字" }),
  tableNumber: z.number().int().min(1, "表号须为 1–17").max(17, "表号须为 1–17").nullable().optional(),
  rowCode: textInput("行编码", { max: 20, tooLong: "行编码不能超过 20 个字符" }).nullable().optional(),
  lineItemId: id("明细编号").nullable().optional(),
});
export const returnInput = budgetRefInput.extend({
  comment: textInput("审核意见", { min: 1, max: 2000, required: "退回时必须填写审核意见" }),
  rowComments: z.array(rowComment).max(100).default([]),
});

export const approveInput = budgetRefInput.extend({ approvedOn: isoDate.optional() });
export const publishInput = budgetRefInput.extend({ correctionNote: text("更正说明", 2000).optional() });
