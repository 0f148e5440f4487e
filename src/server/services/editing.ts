import { and, count, eq, max, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../db/client";
import * as s from "../db/schema";
import type { SessionUser } from "../auth/session";
import type { LockedBudget } from "../queries/budgets";
import type { LineItemFields, NarrativeFields, ProjectFields } from "@/lib/workflow/inputs";
import { KIND_LABELS } from "@/lib/workflow/inputs";
import { AppError } from "./errors";
import { changedFields } from "./audit";
import { changeBudget, type BudgetRef } from "./budget-guard";

/*
 * Edits of a draft or returned budget. Each is one `changeBudget` call: the guard checks scope,
 * version and state, increments the version and writes the audit row in the same transaction.
 */

const edit = (name: string) => ({ action: "edit" as const, name });

/** The catalogue and the budget's projects decide what a line may name; say what is wrong in words. */
async function validateLineItem(tx: Tx, budget: LockedBudget, item: LineItemFields) {
  const [fn] = await tx
    .select({ code: s.functionCodes.code, retired: s.functionCodes.retired })
    .from(s.functionCodes)
    .where(and(eq(s.functionCodes.year, budget.year), eq(s.functionCodes.code, item.functionCode)));
  if (!fn) throw new AppError("BAD_REQUEST", `支出功能分类科目 ${item.functionCode} 不在 ${budget.year} 年度科目表中`);
  if (fn.retired) throw new AppError("BAD_REQUEST", `支出功能分类科目 ${item.functionCode} 已停用，不能用于新的明细`);
  const [econ] = await tx
    .select({ code: s.deptEconomicCodes.code, retired: s.deptEconomicCodes.retired })
    .from(s.deptEconomicCodes)
    .where(and(eq(s.deptEconomicCodes.year, budget.year), eq(s.deptEconomicCodes.code, item.economicCode)));
  if (!econ) throw new AppError("BAD_REQUEST", `部门预算经济分类科目 ${item.economicCode} 不在 ${budget.year} 年度科目表中`);
  if (econ.retired) throw new AppError("BAD_REQUEST", `部门预算经济分类科目 ${item.economicCode} 已停用，不能用于新的明细`);
  const [source] = await tx
    .select({ code: s.fundingSources.code, retired: s.fundingSources.retired })
    .from(s.fundingSources)
    .where(and(eq(s.fundingSources.year, budget.year), eq(s.fundingSources.code, item.source)));
  if (!source) throw new AppError("BAD_REQUEST", `资金来源不在 ${budget.year} 年度的资金来源中`);
  if (source.retired) throw new AppError("BAD_REQUEST", `资金来源 ${item.source} 已停用，不能用于新的明细`);
  if (item.projectId !== null) {
    const [project] = await tx
      .select({ id: s.projects.id })
      .from(s.projects)
      .where(and(eq(s.projects.id, item.projectId), eq(s.projects.budgetId, budget.id)));
    if (!project) throw new AppError("BAD_REQUEST", `${KIND_LABELS[item.kind]}所选的项目不属于本预算`);
  }
}

async function findLineItem(tx: Tx, budgetId: number, lineItemId: number) {
  const [row] = await tx
    .select()
    .from(s.lineItems)
    .where(and(eq(s.lineItems.id, lineItemId), eq(s.lineItems.budgetId, budgetId)));
  if (!row) throw new AppError("NOT_FOUND", "明细不存在或已被删除");
  return row;
}

function lineRecord(l: typeof s.lineItems.$inferSelect): LineItemFields {
  return {
    functionCode: l.functionCode,
    economicCode: l.economicCode,
    kind: l.kind,
    projectId: l.projectId,
    source: l.source as LineItemFields["source"],
    period: l.period,
    amount: l.amount,
  };
}

export function addLineItem(db: DbOrTx, actor: SessionUser, ref: BudgetRef, item: LineItemFields) {
  return changeBudget(db, actor, ref, edit("lineItem.add"), async (tx, budget) => {
    await validateLineItem(tx, budget, item);
    const [last] = await tx.select({ sort: max(s.lineItems.sort) }).from(s.lineItems).where(eq(s.lineItems.budgetId, budget.id));
    const [row] = await tx
      .insert(s.lineItems)
      .values({ budgetId: budget.id, year: budget.year, ...item, sort: (last?.sort ?? -1) + 1 })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    return { result: { lineItemId: row.id }, audit: { entity: "line_item", entityId: row.id, after: lineRecord(row) } };
  });
}

export function updateLineItem(db: DbOrTx, actor: SessionUser, ref: BudgetRef, lineItemId: number, item: LineItemFields) {
  return changeBudget(db, actor, ref, edit("lineItem.update"), async (tx, budget) => {
    const current = await findLineItem(tx, budget.id, lineItemId);
    await validateLineItem(tx, budget, item);
    await tx.update(s.lineItems).set(item).where(and(eq(s.lineItems.id, lineItemId), eq(s.lineItems.budgetId, budget.id)));
    const diff = changedFields(lineRecord(current), item);
    return { result: { lineItemId }, audit: { entity: "line_item", entityId: lineItemId, before: diff.before, after: diff.after } };
  });
}

export function deleteLineItem(db: DbOrTx, actor: SessionUser, ref: BudgetRef, lineItemId: number) {
  return changeBudget(db, actor, ref, edit("lineItem.delete"), async (tx, budget) => {
    const current = await findLineItem(tx, budget.id, lineItemId);
    await tx.delete(s.lineItems).where(and(eq(s.lineItems.id, lineItemId), eq(s.lineItems.budgetId, budget.id)));
    return { result: { lineItemId }, audit: { entity: "line_item", entityId: lineItemId, before: lineRecord(current) } };
  });
}

async function findProject(tx: Tx, budgetId: number, projectId: number) {
  const [row] = await tx.select().from(s.projects).where(and(eq(s.projects.id, projectId), eq(s.projects.budgetId, budgetId)));
  if (!row) throw new AppError("NOT_FOUND", "项目不存在或已被删除");
  return row;
}

async function assertProjectNameFree(tx: Tx, budgetId: number, name: string, exceptId?: number) {
  const [clash] = await tx
    .select({ id: s.projects.id })
    .from(s.projects)
    .where(and(eq(s.projects.budgetId, budgetId), eq(s.projects.name, name), exceptId ? sql`${s.projects.id} <> ${exceptId}` : sql`true`));
  if (clash) throw new AppError("BAD_REQUEST", `本预算已有名为“${name}”的项目`);
}

const projectRecord = (p: typeof s.projects.$inferSelect): ProjectFields => ({ name: p.name, content: p.content, debtFinanced: p.debtFinanced });

export function addProject(db: DbOrTx, actor: SessionUser, ref: BudgetRef, project: ProjectFields) {
  return changeBudget(db, actor, ref, edit("project.add"), async (tx, budget) => {
    await assertProjectNameFree(tx, budget.id, project.name);
    const [last] = await tx.select({ sort: max(s.projects.sort) }).from(s.projects).where(eq(s.projects.budgetId, budget.id));
    const [row] = await tx
      .insert(s.projects)
      .values({ budgetId: budget.id, ...project, sort: (last?.sort ?? 0) + 1 })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    return { result: { projectId: row.id }, audit: { entity: "project", entityId: row.id, after: projectRecord(row) } };
  });
}

export function updateProject(db: DbOrTx, actor: SessionUser, ref: BudgetRef, projectId: number, project: ProjectFields) {
  return changeBudget(db, actor, ref, edit("project.update"), async (tx, budget) => {
    const current = await findProject(tx, budget.id, projectId);
    await assertProjectNameFree(tx, budget.id, project.name, projectId);
    await tx.update(s.projects).set(project).where(and(eq(s.projects.id, projectId), eq(s.projects.budgetId, budget.id)));
    const diff = changedFields(projectRecord(current), project);
    return { result: { projectId }, audit: { entity: "project", entityId: projectId, before: diff.before, after: diff.after } };
  });
}

export function deleteProject(db: DbOrTx, actor: SessionUser, ref: BudgetRef, projectId: number) {
  return changeBudget(db, actor, ref, edit("project.delete"), async (tx, budget) => {
    const current = await findProject(tx, budget.id, projectId);
    const [used] = await tx.select({ n: count() }).from(s.lineItems).where(eq(s.lineItems.projectId, projectId));
    if ((used?.n ?? 0) > 0) throw new AppError("BAD_REQUEST", `项目“${current.name}”下还有 ${used?.n} 条明细，请先删除或改挂其他项目`);
    await tx.delete(s.projects).where(and(eq(s.projects.id, projectId), eq(s.projects.budgetId, budget.id)));
    return { result: { projectId }, audit: { entity: "project", entityId: projectId, before: projectRecord(current) } };
  });
}

/** The texts the 情况说明 quotes (增减原因 …), the entered prior-year total and the 更正说明. */
export function updateNarrative(db: DbOrTx, actor: SessionUser, ref: BudgetRef, narrative: NarrativeFields) {
  return changeBudget(db, actor, ref, edit("narrative.update"), async (_tx, budget) => {
    if (narrative.correctionNote && budget.revision === 1) {
      throw new AppError("BAD_REQUEST", "更正说明只用于更正版本（第 2 版及以后）");
    }
    const diff = changedFields(budget, narrative);
    return { result: {}, set: narrative, audit: { entity: "budget", entityId: budget.id, before: diff.before, after: diff.after } };
  });
}
