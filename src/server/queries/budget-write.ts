import { eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { BudgetInput } from "@/lib/budget/types";
import { loadBudgetInput } from "./budget-input";
import { insertSnapshot } from "./snapshots";

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Write a budget's content (profile, projects, line items, procurement, purchased services,
 * performance targets, assets) from engine input into an existing, empty budget. Project ids of
 * the input are mapped to the new rows' ids.
 */
export async function insertBudgetContent(tx: DbOrTx, budgetId: number, year: number, input: BudgetInput) {
  await tx.insert(s.unitProfiles).values({ budgetId, duties: input.profile.duties, composition: input.profile.composition });
  if (input.profile.departments.length) {
    await tx.insert(s.internalDepartments).values(input.profile.departments.map((d, i) => ({ budgetId, sort: i + 1, ...d })));
  }

  const projectIds = new Map<string, number>();
  for (const [i, p] of input.projects.entries()) {
    const [row] = await tx
      .insert(s.projects)
      .values({ budgetId, sort: p.sort ?? i + 1, name: p.name, content: p.content, debtFinanced: p.debtFinanced })
      .returning({ id: s.projects.id });
    projectIds.set(p.id, row!.id);
  }
  const projectOf = (id: string | null) => {
    if (id === null) return null;
    const mapped = projectIds.get(id);
    if (mapped === undefined) throw new Error(`line refers to unknown project ${id}`);
    return mapped;
  };

  const lineIds = new Map<string, number>();
  await insertChunked(input.lineItems, async (chunk) => {
    const rows = await tx
      .insert(s.lineItems)
      .values(
        chunk.map((l, i) => ({
        budgetId,
        year,
        functionCode: l.functionCode,
        economicCode: l.economicCode,
        kind: l.kind,
        projectId: projectOf(l.projectId),
        source: l.source,
        period: l.period,
        amount: l.amount,
        sort: lineIds.size + i,
      })),
      )
      .returning({ id: s.lineItems.id });
    // One INSERT … VALUES returns its rows in the order given.
    rows.forEach((r, i) => lineIds.set(chunk[i]!.id, r.id));
  });
  if (input.procurement.length) {
    await tx.insert(s.procurementItems).values(
      input.procurement.map((p, i) => ({
        budgetId,
        year,
        projectId: projectOf(p.projectId),
        name: p.name,
        category: p.category,
        source: p.source,
        period: p.period,
        amount: p.amount,
        smeReserved: p.smeReserved,
        sort: i,
      })),
    );
  }
  if (input.purchasedServices.length) {
    await tx.insert(s.purchasedServiceItems).values(
      input.purchasedServices.map((p, i) => ({
        budgetId,
        year,
        functionClassCode: p.functionClassCode,
        name: p.name,
        catalogueCode: p.catalogueCode,
        catalogueName: p.catalogueName,
        source: p.source,
        period: p.period,
        amount: p.amount,
        sort: i,
      })),
    );
  }
  for (const t of input.targets) {
    const [target] = await tx
      .insert(s.performanceTargets)
      .values({ budgetId, projectId: projectOf(t.projectId), goal: t.goal })
      .returning({ id: s.performanceTargets.id });
    if (t.tasks.length) {
      await tx.insert(s.performanceTasks).values(
        t.tasks.map((k, i) => ({
          targetId: target!.id,
          sort: i + 1,
          name: k.name,
          amount: k.amount,
          link: k.link?.figure ?? null,
          linkProjectId: k.link?.figure === "project" ? projectOf(k.link.projectId) : null,
        })),
      );
    }
    if (t.indicators.length) {
      await tx.insert(s.performanceIndicators).values(t.indicators.map((ind, i) => ({ targetId: target!.id, sort: i + 1, ...ind })));
    }
  }
  if (input.assets) {
    const a = input.assets;
    await tx.insert(s.assets).values({
      budgetId,
      asOf: a.asOf,
      vehiclesMinisterial: a.vehicles.ministerial,
      vehiclesGeneral: a.vehicles.general,
      vehiclesEnforcement: a.vehicles.enforcement,
      vehiclesSpecial: a.vehicles.special,
      vehiclesOther: a.vehicles.other,
      largeEquipment: a.largeEquipment,
      note: a.note,
    });
  }
  return { projectIds, lineIds };
}

/** Σ line items of a budget in 元, as a decimal string computed by the database. */
export async function budgetTotal(db: DbOrTx, budgetId: number): Promise<string> {
  const [r] = await queryRows<{ total: string }>(
    db,
    sql`SELECT coalesce(sum(amount), 0)::numeric(20,2)::text AS total FROM line_items WHERE budget_id = ${budgetId}`,
  );
  return r?.total ?? "0.00";
}

/**
 * Freeze what was approved: store the engine input as the public snapshot. The snapshot table
 * refuses updates and deletes, so the public always reads exactly this.
 */
export async function createSnapshot(tx: DbOrTx, budgetId: number, publishedBy: number | null, publishedAt: Date = new Date()) {
  const [budget] = await tx.select().from(s.budgets).where(eq(s.budgets.id, budgetId));
  if (!budget) throw new Error(`budget ${budgetId} not found`);
  // The prior year as stated; insertSnapshot names the prior year's snapshot instead when equal.
  const input = await loadBudgetInput(tx, budgetId);
  const total = await budgetTotal(tx, budgetId);
  return insertSnapshot(tx, {
    budgetId,
    unitId: budget.unitId,
    year: budget.year,
    revision: budget.revision,
    publishedAt,
    publishedBy,
    correctionNote: budget.correctionNote,
    total,
    input,
  });
}
