import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { loadCatalogs } from "../queries/budget-input";
import { createSnapshot, insertBudgetContent } from "../queries/budget-write";
import { fiscalYearExists } from "../queries/fiscal-years";
import { findUnitForHistory, insertImportedBudget, markImportedPublished, unitHasBudget } from "../queries/history";
import { historyContentSchema, ISO_DATE } from "@/lib/admin/history";
import type { BudgetInput } from "@/lib/budget/types";
import { AppError, assertPermission } from "./errors";
import { writeAudit } from "./audit";

/*
 * Loading a budget that was published before the platform existed: its content, its original
 * 批复 and publication dates. It is written as imported history (budgets.origin = 'imported',
 * audit action budget.importHistory), published as it was, and serves as the next year's prior.
 * The live workflow's rules (submission before 批复, the reviewer's verbs) do not apply to it.
 */

export interface HistoryImport {
  unitCode: string;
  year: number;
  approvedOn: string;
  publishedOn: string;
  /** The content part of BudgetInput as JSON text or an object. */
  content: unknown;
}

function parseContent(raw: unknown) {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError("BAD_REQUEST", "预算内容不是有效的 JSON");
    }
  }
  const parsed = historyContentSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "内容"}：${i.message}`);
    throw new AppError("BAD_REQUEST", `预算内容有误：${first.join("；")}`);
  }
  return parsed.data;
}

export async function importHistoricalBudget(db: DbOrTx, actor: SessionUser, input: HistoryImport) {
  assertPermission(actor, "admin.manage");
  if (!ISO_DATE.test(input.approvedOn) || !ISO_DATE.test(input.publishedOn)) throw new AppError("BAD_REQUEST", "批复日期和公开日期须为 YYYY-MM-DD");
  if (input.publishedOn < input.approvedOn) throw new AppError("BAD_REQUEST", "公开日期不能早于批复日期");
  const content = parseContent(input.content);
  const projectIds = new Set(content.projects.map((p) => p.id));
  for (const l of content.lineItems) {
    if ((l.kind === "project") !== (l.projectId !== null)) throw new AppError("BAD_REQUEST", `明细 ${l.id}：项目支出须指明项目，基本支出不能指明项目`);
    if (l.projectId !== null && !projectIds.has(l.projectId)) throw new AppError("BAD_REQUEST", `明细 ${l.id} 的项目 ${l.projectId} 不在 projects 中`);
  }
  return db.transaction(async (tx) => {
    if (!(await fiscalYearExists(tx, input.year))) throw new AppError("BAD_REQUEST", `${input.year} 年度未开设，请先在年度管理中开设该年度`);
    const unit = await findUnitForHistory(tx, input.unitCode);
    if (!unit) throw new AppError("NOT_FOUND", `预算单位 ${input.unitCode} 不存在`);
    if (await unitHasBudget(tx, unit.id, input.year)) throw new AppError("CONFLICT", `${unit.code} ${unit.name} 已有 ${input.year} 年度预算，不能再补录`);
    // Codes against that year's catalogue (retired codes are allowed: history used them).
    const catalogs = await loadCatalogs(tx, input.year, unit.unitType);
    const functions = new Set(catalogs.functions.map((c) => c.code));
    const economics = new Set(catalogs.deptEconomic.map((c) => c.code));
    const missing = new Set<string>();
    for (const l of content.lineItems) {
      if (!functions.has(l.functionCode)) missing.add(`功能分类 ${l.functionCode}`);
      if (!economics.has(l.economicCode)) missing.add(`经济分类 ${l.economicCode}`);
    }
    for (const p of content.purchasedServices) if (!functions.has(p.functionClassCode)) missing.add(`功能分类 ${p.functionClassCode}`);
    if (missing.size > 0) {
      throw new AppError("BAD_REQUEST", `${input.year} 年度科目表中没有：${[...missing].slice(0, 20).join("、")}。请先在科目管理中添加`);
    }
    const budgetId = await insertImportedBudget(tx, {
      unitId: unit.id,
      year: input.year,
      baselineTotal: content.baseline?.total ?? null,
      baselineSanggong: content.baseline?.sanggong ?? null,
      narrative: content.narrative,
    });
    const full = { ...content, unit: { code: unit.code, name: unit.name, type: unit.unitType }, year: input.year } as unknown as BudgetInput;
    await insertBudgetContent(tx, budgetId, input.year, full);
    const publishedAt = new Date(`${input.publishedOn}T10:00:00+08:00`);
    await markImportedPublished(tx, budgetId, input.approvedOn, publishedAt);
    await createSnapshot(tx, budgetId, actor.id, publishedAt);
    await writeAudit(tx, {
      userId: actor.id,
      action: "budget.importHistory",
      entity: "budget",
      entityId: budgetId,
      budgetId,
      after: { imported: true, unit: unit.code, year: input.year, approvedOn: input.approvedOn, publishedOn: input.publishedOn, lineItems: content.lineItems.length },
    });
    return { budgetId, unitCode: unit.code, departmentCode: unit.departmentCode, year: input.year };
  });
}
