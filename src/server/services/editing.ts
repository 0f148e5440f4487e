import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import type { LineItemFields, NarrativeFields, ProjectFields } from "@/lib/workflow/inputs";
import type { BudgetRef } from "./budget-guard";
import { applyChanges } from "./content";

/*
 * The single-row edits of a draft or returned budget, kept for the forms that save one row at a
 * time. Each is one batch through `applyChanges` (the write module): same validation, one version
 * bump, one audit row naming the row.
 */

const NEW = "new";

export async function addLineItem(db: DbOrTx, actor: SessionUser, ref: BudgetRef, item: LineItemFields) {
  const r = await applyChanges(db, actor, ref, { lineItems: { upsert: [{ ...item, clientKey: NEW }] } }, "lineItem.add");
  return { budgetId: r.budgetId, version: r.version, status: r.status, lineItemId: r.ids[NEW]! };
}

export async function updateLineItem(db: DbOrTx, actor: SessionUser, ref: BudgetRef, lineItemId: number, item: LineItemFields) {
  const r = await applyChanges(db, actor, ref, { lineItems: { upsert: [{ ...item, id: lineItemId }] } }, "lineItem.update");
  return { budgetId: r.budgetId, version: r.version, status: r.status, lineItemId };
}

export async function deleteLineItem(db: DbOrTx, actor: SessionUser, ref: BudgetRef, lineItemId: number) {
  const r = await applyChanges(db, actor, ref, { lineItems: { delete: [lineItemId] } }, "lineItem.delete");
  return { budgetId: r.budgetId, version: r.version, status: r.status, lineItemId };
}

export async function addProject(db: DbOrTx, actor: SessionUser, ref: BudgetRef, project: ProjectFields) {
  const r = await applyChanges(db, actor, ref, { projects: { upsert: [{ ...project, clientKey: NEW }] } }, "project.add");
  return { budgetId: r.budgetId, version: r.version, status: r.status, projectId: r.ids[NEW]! };
}

export async function updateProject(db: DbOrTx, actor: SessionUser, ref: BudgetRef, projectId: number, project: ProjectFields) {
  const r = await applyChanges(db, actor, ref, { projects: { upsert: [{ ...project, id: projectId }] } }, "project.update");
  return { budgetId: r.budgetId, version: r.version, status: r.status, projectId };
}

/** Deletes the project with what refers to it (its lines, procurement items, targets, linked tasks); the screen asks first. */
export async function deleteProject(db: DbOrTx, actor: SessionUser, ref: BudgetRef, projectId: number) {
  const r = await applyChanges(db, actor, ref, { projects: { delete: [projectId] } }, "project.delete");
  return { budgetId: r.budgetId, version: r.version, status: r.status, projectId };
}

/** The texts the 情况说明 quotes (增减原因 …), the entered prior-year total and the 更正说明. */
export async function updateNarrative(db: DbOrTx, actor: SessionUser, ref: BudgetRef, narrative: NarrativeFields) {
  const { baselineTotal, ...texts } = narrative;
  return applyChanges(
    db,
    actor,
    ref,
    {
      narrative: texts,
      // Only the total changes here: the rest of an entered baseline stays as it was.
      ...(baselineTotal !== undefined ? { baselineTotal } : {}),
    },
    "narrative.update",
  );
}
