/**
 * The budget workbook (docs/import-format.md) for the workspace and for machine clients: export a
 * unit's budget of a year, import a workbook as the whole content of the unit's draft.
 */
import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { loadBudgetInput } from "../queries/budget-input";
import { findUnitByCode, latestBudgetOf, workbookCatalog } from "../queries/workbook";
import type { BudgetInput } from "@/lib/budget/types";
import type { WorkbookContent } from "@/lib/workbook/format";
import { writeBudgetWorkbook } from "@/lib/workbook/write";
import { STATUS_LABELS } from "@/lib/workflow";
import { assertPermission, notFound } from "./errors";

export function contentOf(input: BudgetInput): WorkbookContent {
  return {
    lineItems: input.lineItems,
    projects: input.projects,
    procurement: input.procurement,
    purchasedServices: input.purchasedServices,
    targets: input.targets,
    profile: input.profile,
    assets: input.assets,
    narrative: input.narrative,
    baseline: input.baseline,
  };
}

export function workbookFileName(year: number, unitCode: string) {
  return `${unitCode}-${year}-部门预算导入导出.xlsx`;
}

/** The unit's budget of the year (the newest revision, whatever its state) as the import workbook. */
export async function exportWorkbook(db: DbOrTx, actor: SessionUser, year: number, unitCode: string) {
  assertPermission(actor, "budget.read");
  const unit = await findUnitByCode(db, actor.scope, unitCode);
  if (!unit) throw notFound("预算单位");
  const budget = await latestBudgetOf(db, unit.id, year);
  if (!budget) throw notFound(`${unitCode} 的 ${year} 年度预算`);
  const input = await loadBudgetInput(db, budget.id, { withPrior: false });
  const catalog = await workbookCatalog(db, year);
  const bytes = await writeBudgetWorkbook(contentOf(input), catalog, {
    year,
    unitCode: unit.code,
    unitName: unit.name,
    status: `${STATUS_LABELS[budget.status]}（第 ${budget.revision} 版，数据版本 ${budget.version}）`,
  });
  return { bytes, budgetId: budget.id, version: budget.version, fileName: workbookFileName(year, unit.code) };
}
