/**
 * Bulk reads and writes of a budget's content rows: the only place the write module touches the
 * content tables. Multi-row INSERTs and UPDATE … FROM (VALUES …) in chunks, so a batch of
 * thousands of lines costs a handful of statements.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { TaskFigure } from "@/lib/budget/types";
import { idIn } from "./budget-input";

const CHUNK = 500;

async function chunked<T, R>(rows: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await run(rows.slice(i, i + CHUNK))));
  return out;
}

export type LineRow = typeof s.lineItems.$inferSelect;
export type ProjectRowDb = typeof s.projects.$inferSelect;
export type ProcurementRowDb = typeof s.procurementItems.$inferSelect;
export type ServiceRowDb = typeof s.purchasedServiceItems.$inferSelect;
export type TargetRowDb = typeof s.performanceTargets.$inferSelect;

export interface LineValues {
  functionCode: string;
  economicCode: string;
  kind: "personnel" | "public" | "project";
  projectId: number | null;
  source: string;
  period: "current" | "carryover";
  amount: string;
}

export interface ProcurementValues {
  projectId: number | null;
  name: string;
  category: "goods" | "works" | "services";
  source: string;
  period: "current" | "carryover";
  amount: string;
  smeReserved: string;
}

export interface ServiceValues {
  functionClassCode: string;
  name: string;
  catalogueCode: string;
  catalogueName: string;
  source: string;
  period: "current" | "carryover";
  amount: string;
}

export interface ProjectValues {
  name: string;
  content: string;
  debtFinanced: boolean;
  sort?: number;
}

export interface TaskValues {
  name: string;
  amount: string;
  link: TaskFigure | null;
  linkProjectId: number | null;
}

export interface IndicatorValues {
  level1: string;
  level2: string;
  level3: string;
  operator: string;
  value: string;
  unit: string;
  deadline: string;
}

// ---------------------------------------------------------------------------
// Reads for the write path
// ---------------------------------------------------------------------------

export function lineItemsByIds(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<LineRow[]> {
  if (!ids.length) return Promise.resolve([]);
  // bigserial ids: a bigint array.
  const list = ids.map((id) => {
    if (!Number.isSafeInteger(id)) throw new Error(`invalid id ${String(id)}`);
    return id;
  });
  return tx
    .select()
    .from(s.lineItems)
    .where(and(eq(s.lineItems.budgetId, budgetId), sql`${s.lineItems.id} = ANY(${`{${list.join(",")}}`}::bigint[])`));
}

export function projectsOf(tx: DbOrTx, budgetId: number): Promise<ProjectRowDb[]> {
  return tx.select().from(s.projects).where(eq(s.projects.budgetId, budgetId)).orderBy(asc(s.projects.sort), asc(s.projects.id));
}

export function procurementByIds(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<ProcurementRowDb[]> {
  if (!ids.length) return Promise.resolve([]);
  return tx.select().from(s.procurementItems).where(and(eq(s.procurementItems.budgetId, budgetId), idIn(s.procurementItems.id, ids)));
}

export function servicesByIds(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<ServiceRowDb[]> {
  if (!ids.length) return Promise.resolve([]);
  return tx
    .select()
    .from(s.purchasedServiceItems)
    .where(and(eq(s.purchasedServiceItems.budgetId, budgetId), idIn(s.purchasedServiceItems.id, ids)));
}

/** Every performance target of a budget with its tasks and indicators, in order. */
export async function targetsOf(tx: DbOrTx, budgetId: number) {
  const targets = await tx.select().from(s.performanceTargets).where(eq(s.performanceTargets.budgetId, budgetId)).orderBy(asc(s.performanceTargets.id));
  const ids = targets.map((t) => t.id);
  const tasks = ids.length
    ? await tx.select().from(s.performanceTasks).where(idIn(s.performanceTasks.targetId, ids)).orderBy(asc(s.performanceTasks.sort))
    : [];
  const indicators = ids.length
    ? await tx.select().from(s.performanceIndicators).where(idIn(s.performanceIndicators.targetId, ids)).orderBy(asc(s.performanceIndicators.sort))
    : [];
  return targets.map((t) => ({
    ...t,
    tasks: tasks.filter((k) => k.targetId === t.id).map(({ name, amount, link, linkProjectId }) => ({ name, amount, link, linkProjectId })),
    indicators: indicators
      .filter((i) => i.targetId === t.id)
      .map(({ level1, level2, level3, operator, value, unit, deadline }) => ({ level1, level2, level3, operator, value, unit, deadline })),
  }));
}
export type TargetWithRows = Awaited<ReturnType<typeof targetsOf>>[number];

export async function profileOf(tx: DbOrTx, budgetId: number) {
  const [profile] = await tx.select().from(s.unitProfiles).where(eq(s.unitProfiles.budgetId, budgetId));
  const departments = await tx
    .select({ name: s.internalDepartments.name, duties: s.internalDepartments.duties, staffing: s.internalDepartments.staffing, leaders: s.internalDepartments.leaders })
    .from(s.internalDepartments)
    .where(eq(s.internalDepartments.budgetId, budgetId))
    .orderBy(asc(s.internalDepartments.sort));
  return { duties: profile?.duties ?? [], composition: profile?.composition ?? "", departments };
}

export async function assetsOf(tx: DbOrTx, budgetId: number) {
  const [row] = await tx.select().from(s.assets).where(eq(s.assets.budgetId, budgetId));
  return row ?? null;
}

type SortedTable = "line_items" | "procurement_items" | "purchased_service_items" | "projects";

/** The sort position after the budget's last row of a table. */
async function nextSort(tx: DbOrTx, table: SortedTable, budgetId: number): Promise<number> {
  const [row] = await queryRows<{ next: number | string }>(
    tx,
    sql`SELECT coalesce(max(sort), -1) + 1 AS next FROM ${sql.identifier(table)} WHERE budget_id = ${budgetId}`,
  );
  return Number(row?.next ?? 0);
}

// ---------------------------------------------------------------------------
// Line items
// ---------------------------------------------------------------------------

/** Insert lines (chunked multi-row INSERTs); returns the new ids in the order given. */
export async function insertLineItems(tx: DbOrTx, budgetId: number, year: number, rows: readonly LineValues[]): Promise<number[]> {
  if (!rows.length) return [];
  let sort = await nextSort(tx, "line_items", budgetId);
  const inserted = await chunked(rows, (chunk) =>
    tx
      .insert(s.lineItems)
      .values(chunk.map((l) => ({ budgetId, year, ...l, sort: sort++ })))
      .returning({ id: s.lineItems.id }),
  );
  // One INSERT … VALUES returns its rows in the order given.
  return inserted.map((r) => r.id);
}

/** Update lines in place, a chunk per statement: UPDATE … FROM (VALUES …). */
export async function updateLineItems(tx: DbOrTx, budgetId: number, rows: readonly (LineValues & { id: number })[]): Promise<void> {
  await chunked(rows, async (chunk) => {
    const values = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.id}::bigint, ${r.functionCode}::text, ${r.economicCode}::text, ${r.kind}::text, ${r.projectId}::int, ${r.source}::text, ${r.period}::text, ${r.amount}::numeric)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      UPDATE line_items AS l
      SET function_code = v.function_code, economic_code = v.economic_code, kind = v.kind, project_id = v.project_id,
          source = v.source, period = v.period, amount = v.amount
      FROM (VALUES ${values}) AS v(id, function_code, economic_code, kind, project_id, source, period, amount)
      WHERE l.id = v.id AND l.budget_id = ${budgetId}`);
    return [];
  });
}

export async function deleteLineItems(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await tx.delete(s.lineItems).where(and(eq(s.lineItems.budgetId, budgetId), sql`${s.lineItems.id} = ANY(${`{${ids.join(",")}}`}::bigint[])`));
}

// ---------------------------------------------------------------------------
// Projects (deleting one deletes what refers to it: its lines, procurement items, targets, linked tasks)
// ---------------------------------------------------------------------------

export async function insertProjects(tx: DbOrTx, budgetId: number, rows: readonly ProjectValues[]): Promise<number[]> {
  if (!rows.length) return [];
  let sort = Math.max(1, await nextSort(tx, "projects", budgetId));
  const inserted = await chunked(rows, (chunk) =>
    tx
      .insert(s.projects)
      .values(chunk.map((p) => ({ budgetId, name: p.name, content: p.content, debtFinanced: p.debtFinanced, sort: p.sort ?? sort++ })))
      .returning({ id: s.projects.id }),
  );
  return inserted.map((r) => r.id);
}

export async function updateProjects(tx: DbOrTx, budgetId: number, rows: readonly (ProjectValues & { id: number })[]): Promise<void> {
  // Names are unique per budget: park the changed rows under temporary names first, so that two
  // projects may swap names in one batch.
  if (rows.length > 1) {
    await tx
      .update(s.projects)
      .set({ name: sql`'\u0000' || ${s.projects.id}::text` })
      .where(and(eq(s.projects.budgetId, budgetId), idIn(s.projects.id, rows.map((r) => r.id))));
  }
  for (const r of rows) {
    await tx
      .update(s.projects)
      .set({ name: r.name, content: r.content, debtFinanced: r.debtFinanced, ...(r.sort !== undefined ? { sort: r.sort } : {}) })
      .where(and(eq(s.projects.id, r.id), eq(s.projects.budgetId, budgetId)));
  }
}

/** What refers to these projects, for the confirmation and the audit row. */
export async function projectDependents(tx: DbOrTx, budgetId: number, projectIds: readonly number[]) {
  if (!projectIds.length) return { lineItems: 0, procurement: 0, targets: 0 };
  const [row] = await queryRows<{ lines: string; procurement: string; targets: string }>(
    tx,
    sql`SELECT
      (SELECT count(*) FROM line_items WHERE budget_id = ${budgetId} AND ${idIn(sql`project_id`, projectIds)})::text AS lines,
      (SELECT count(*) FROM procurement_items WHERE budget_id = ${budgetId} AND ${idIn(sql`project_id`, projectIds)})::text AS procurement,
      (SELECT count(*) FROM performance_targets WHERE budget_id = ${budgetId} AND ${idIn(sql`project_id`, projectIds)})::text AS targets`,
  );
  return { lineItems: Number(row?.lines ?? 0), procurement: Number(row?.procurement ?? 0), targets: Number(row?.targets ?? 0) };
}

export async function deleteProjects(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await tx.delete(s.lineItems).where(and(eq(s.lineItems.budgetId, budgetId), idIn(s.lineItems.projectId, ids)));
  await tx.delete(s.procurementItems).where(and(eq(s.procurementItems.budgetId, budgetId), idIn(s.procurementItems.projectId, ids)));
  // Targets (with their tasks and indicators) and 表16 tasks linked to the project go by foreign key.
  await tx.delete(s.projects).where(and(eq(s.projects.budgetId, budgetId), idIn(s.projects.id, ids)));
}

// ---------------------------------------------------------------------------
// 政府采购, 政府购买服务
// ---------------------------------------------------------------------------

export async function insertProcurement(tx: DbOrTx, budgetId: number, year: number, rows: readonly ProcurementValues[]): Promise<number[]> {
  if (!rows.length) return [];
  let sort = await nextSort(tx, "procurement_items", budgetId);
  const inserted = await chunked(rows, (chunk) =>
    tx
      .insert(s.procurementItems)
      .values(chunk.map((p) => ({ budgetId, year, ...p, sort: sort++ })))
      .returning({ id: s.procurementItems.id }),
  );
  return inserted.map((r) => r.id);
}

export async function updateProcurement(tx: DbOrTx, budgetId: number, rows: readonly (ProcurementValues & { id: number })[]): Promise<void> {
  for (const { id, ...values } of rows) {
    await tx.update(s.procurementItems).set(values).where(and(eq(s.procurementItems.id, id), eq(s.procurementItems.budgetId, budgetId)));
  }
}

export async function deleteProcurement(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await tx.delete(s.procurementItems).where(and(eq(s.procurementItems.budgetId, budgetId), idIn(s.procurementItems.id, ids)));
}

export async function insertServices(tx: DbOrTx, budgetId: number, year: number, rows: readonly ServiceValues[]): Promise<number[]> {
  if (!rows.length) return [];
  let sort = await nextSort(tx, "purchased_service_items", budgetId);
  const inserted = await chunked(rows, (chunk) =>
    tx
      .insert(s.purchasedServiceItems)
      .values(chunk.map((p) => ({ budgetId, year, ...p, sort: sort++ })))
      .returning({ id: s.purchasedServiceItems.id }),
  );
  return inserted.map((r) => r.id);
}

export async function updateServices(tx: DbOrTx, budgetId: number, rows: readonly (ServiceValues & { id: number })[]): Promise<void> {
  for (const { id, ...values } of rows) {
    await tx.update(s.purchasedServiceItems).set(values).where(and(eq(s.purchasedServiceItems.id, id), eq(s.purchasedServiceItems.budgetId, budgetId)));
  }
}

export async function deleteServices(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await tx.delete(s.purchasedServiceItems).where(and(eq(s.purchasedServiceItems.budgetId, budgetId), idIn(s.purchasedServiceItems.id, ids)));
}

// ---------------------------------------------------------------------------
// 绩效目标 (表16 unit-wide, 表17 per project): a target's tasks and indicators are written as a whole
// ---------------------------------------------------------------------------

export interface TargetValues {
  projectId: number | null;
  goal: string;
  tasks: TaskValues[];
  indicators: IndicatorValues[];
}

async function writeTargetRows(tx: DbOrTx, targetId: number, t: TargetValues) {
  if (t.tasks.length) await tx.insert(s.performanceTasks).values(t.tasks.map((k, i) => ({ targetId, sort: i + 1, ...k })));
  if (t.indicators.length) await tx.insert(s.performanceIndicators).values(t.indicators.map((ind, i) => ({ targetId, sort: i + 1, ...ind })));
}

export async function insertTarget(tx: DbOrTx, budgetId: number, t: TargetValues): Promise<number> {
  const [row] = await tx.insert(s.performanceTargets).values({ budgetId, projectId: t.projectId, goal: t.goal }).returning({ id: s.performanceTargets.id });
  if (!row) throw new Error("insert returned nothing");
  await writeTargetRows(tx, row.id, t);
  return row.id;
}

export async function updateTarget(tx: DbOrTx, budgetId: number, targetId: number, t: TargetValues): Promise<void> {
  await tx
    .update(s.performanceTargets)
    .set({ projectId: t.projectId, goal: t.goal })
    .where(and(eq(s.performanceTargets.id, targetId), eq(s.performanceTargets.budgetId, budgetId)));
  await tx.delete(s.performanceTasks).where(eq(s.performanceTasks.targetId, targetId));
  await tx.delete(s.performanceIndicators).where(eq(s.performanceIndicators.targetId, targetId));
  await writeTargetRows(tx, targetId, t);
}

export async function deleteTargets(tx: DbOrTx, budgetId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await tx.delete(s.performanceTargets).where(and(eq(s.performanceTargets.budgetId, budgetId), idIn(s.performanceTargets.id, ids)));
}

/**
 * Linked 表16 tasks store the figure they follow as of now (Σ the budget's line items of that
 * figure), in one statement. The engine recomputes it from the lines anyway; this keeps the table
 * itself truthful for anyone reading it directly.
 */
export async function refreshLinkedTaskAmounts(tx: DbOrTx, budgetId: number): Promise<void> {
  await tx.execute(sql`
    UPDATE performance_tasks AS k
    SET amount = coalesce((
      SELECT sum(l.amount) FROM line_items l
      WHERE l.budget_id = t.budget_id
        AND CASE k.link
              WHEN 'personnel' THEN l.kind = 'personnel'
              WHEN 'public' THEN l.kind = 'public'
              WHEN 'projects' THEN l.kind = 'project'
              WHEN 'project' THEN l.project_id = k.link_project_id
            END), 0)
    FROM performance_targets t
    WHERE t.id = k.target_id AND t.budget_id = ${budgetId} AND k.link IS NOT NULL`);
}

// ---------------------------------------------------------------------------
// 单位概况, 国有资产
// ---------------------------------------------------------------------------

export async function replaceProfile(
  tx: DbOrTx,
  budgetId: number,
  profile: { duties: string[]; composition: string; departments: { name: string; duties: string; staffing: number; leaders: string }[] },
): Promise<void> {
  await tx
    .insert(s.unitProfiles)
    .values({ budgetId, duties: profile.duties, composition: profile.composition })
    .onConflictDoUpdate({ target: s.unitProfiles.budgetId, set: { duties: profile.duties, composition: profile.composition } });
  await tx.delete(s.internalDepartments).where(eq(s.internalDepartments.budgetId, budgetId));
  if (profile.departments.length) {
    await tx.insert(s.internalDepartments).values(profile.departments.map((d, i) => ({ budgetId, sort: i + 1, ...d })));
  }
}

export type AssetValues = Omit<typeof s.assets.$inferInsert, "budgetId">;

export async function replaceAssets(tx: DbOrTx, budgetId: number, values: AssetValues | null): Promise<void> {
  await tx.delete(s.assets).where(eq(s.assets.budgetId, budgetId));
  if (values) await tx.insert(s.assets).values({ budgetId, ...values });
}

/** Remove every content row of a budget (before writing it anew as a whole). */
export async function deleteAllContent(tx: DbOrTx, budgetId: number): Promise<void> {
  await tx.delete(s.lineItems).where(eq(s.lineItems.budgetId, budgetId));
  await tx.delete(s.procurementItems).where(eq(s.procurementItems.budgetId, budgetId));
  await tx.delete(s.purchasedServiceItems).where(eq(s.purchasedServiceItems.budgetId, budgetId));
  await tx.delete(s.performanceTargets).where(eq(s.performanceTargets.budgetId, budgetId));
  await tx.delete(s.projects).where(eq(s.projects.budgetId, budgetId));
  await tx.delete(s.internalDepartments).where(eq(s.internalDepartments.budgetId, budgetId));
  await tx.delete(s.unitProfiles).where(eq(s.unitProfiles.budgetId, budgetId));
  await tx.delete(s.assets).where(eq(s.assets.budgetId, budgetId));
}

// ---------------------------------------------------------------------------
// The editable content of a budget, with row ids, for the editors
// ---------------------------------------------------------------------------

export function procurementOf(tx: DbOrTx, budgetId: number): Promise<ProcurementRowDb[]> {
  return tx.select().from(s.procurementItems).where(eq(s.procurementItems.budgetId, budgetId)).orderBy(asc(s.procurementItems.sort), asc(s.procurementItems.id));
}

export function servicesOf(tx: DbOrTx, budgetId: number): Promise<ServiceRowDb[]> {
  return tx
    .select()
    .from(s.purchasedServiceItems)
    .where(eq(s.purchasedServiceItems.budgetId, budgetId))
    .orderBy(asc(s.purchasedServiceItems.sort), asc(s.purchasedServiceItems.id));
}

/** The entered prior year and the texts, as stored on the budget row. */
export async function budgetTextsOf(tx: DbOrTx, budgetId: number) {
  const [row] = await tx
    .select({
      baselineTotal: s.budgets.baselineTotal,
      baselineSanggong: s.budgets.baselineSanggong,
      baselineDetail: s.budgets.baselineDetail,
      totalChangeReason: s.budgets.totalChangeReason,
      sanggongChangeReason: s.budgets.sanggongChangeReason,
      overview: s.budgets.overview,
      correctionNote: s.budgets.correctionNote,
    })
    .from(s.budgets)
    .where(eq(s.budgets.id, budgetId));
  return row ?? null;
}
