/**
 * The budget workbook (docs/import-format.md) for the workspace and for machine clients: export a
 * unit's budget of a year, import a workbook as the whole content of the unit's draft.
 */
import type { DbOrTx } from "../db/client";
import { createBudget } from "./budgets";
import { replaceContent } from "./content";
import type { SessionUser } from "../auth/session";
import { loadBudgetInput } from "../queries/budget-input";
import { findBudgetByUnitYear } from "../queries/budgets";
import { findUnitByCode, workbookCatalog } from "../queries/workbook";
import type { BudgetInput } from "@/lib/budget/types";
import type { WorkbookContent } from "@/lib/workbook/format";
import { writeBudgetWorkbook } from "@/lib/workbook/write";
import { readBudgetWorkbook, type WorkbookCounts } from "@/lib/workbook/read";
import type { WorkbookError } from "@/lib/workbook/format";
import { STATUS_LABELS } from "@/lib/workflow";
import { AppError, assertPermission, notFound } from "./errors";

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
  const budget = await findBudgetByUnitYear(db, actor.scope, year, unitCode);
  if (!budget) throw notFound(`${unitCode} 的 ${year} 年度预算`);
  const input = await loadBudgetInput(db, budget.id, { withPrior: false });
  const catalog = await workbookCatalog(db, year);
  const bytes = await writeBudgetWorkbook(contentOf(input), catalog, {
    year,
    unitCode: budget.unitCode,
    unitName: budget.unitName,
    status: `${STATUS_LABELS[budget.status]}（第 ${budget.revision} 版，数据版本 ${budget.version}）`,
  });
  return { bytes, budgetId: budget.id, version: budget.version, fileName: workbookFileName(year, budget.unitCode) };
}

/** `details.kind` of the refusal of a workbook (422 over HTTP): `details.errors` lists every refused cell. */
export const WORKBOOK_REJECTED = "workbook";

export function workbookRejected(errors: WorkbookError[]): AppError {
  const first = errors[0];
  const where = first ? `${first.sheet}${first.row ? ` 第 ${first.row} 行` : ""}${first.column ? ` ${first.column} 列` : ""}：` : "";
  return new AppError("BAD_REQUEST", `工作簿有 ${errors.length} 处问题，没有导入任何内容（${where}${first?.message ?? ""}）`, { kind: WORKBOOK_REJECTED, errors });
}

export interface ImportParams {
  year: number;
  unitCode: string;
  bytes: Uint8Array;
  /** The version the client read (If-Match); null: the current one. */
  ifMatch: number | null;
}

/**
 * The workbook replaces the whole content of the unit's draft of the year, all or nothing: the file
 * is read and every cell checked first; then one transaction creates the draft if the unit has no
 * budget that year and replaces its content through the write module (one version bump, one audit row).
 */
export async function importWorkbook(db: DbOrTx, actor: SessionUser, p: ImportParams): Promise<{ budgetId: number; version: number; counts: WorkbookCounts }> {
  assertPermission(actor, "budget.edit");
  const unit = await findUnitByCode(db, actor.scope, p.unitCode);
  if (!unit) throw notFound("预算单位");
  const existing = await findBudgetByUnitYear(db, actor.scope, p.year, p.unitCode);
  if (existing && p.ifMatch !== null && p.ifMatch !== existing.version) {
    throw new AppError("CONFLICT", `预算已被修改（您读取的是数据版本 ${p.ifMatch}，现在是 ${existing.version}），请重新下载后再导入`, {
      currentVersion: existing.version,
    });
  }
  const catalog = await workbookCatalog(db, p.year);
  const read = await readBudgetWorkbook(p.bytes, catalog);
  if (!read.ok) throw workbookRejected(read.errors);

  return db.transaction(async (tx) => {
    const ref = existing
      ? { budgetId: existing.id, version: p.ifMatch ?? existing.version }
      : await createBudget(tx, actor, { unitId: unit.id, year: p.year, from: "blank" });
    try {
      const out = await replaceContent(tx, actor, { budgetId: ref.budgetId, version: ref.version }, read.content, "workbook.import");
      return { budgetId: out.budgetId, version: out.version, counts: read.counts };
    } catch (error) {
      // The write module's own refusals, mapped back to the sheet, row and column they came from.
      const issues = error instanceof AppError ? (error.details as { fieldErrors?: { path: string; message: string }[] } | null)?.fieldErrors : undefined;
      if (error instanceof AppError && error.code === "BAD_REQUEST" && issues?.length) {
        throw workbookRejected(issues.map((i) => ({ ...read.locate(i.path), message: i.message })));
      }
      throw error;
    }
  });
}
