import { aliasedTable, and, asc, desc, eq, isNotNull, max, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { Scope } from "../auth/session";
import { unitInScope } from "./scope";

const unit = aliasedTable(s.organisations, "unit");
const department = aliasedTable(s.organisations, "department");

const headerColumns = {
  id: s.budgets.id,
  unitId: s.budgets.unitId,
  unitCode: unit.code,
  unitName: unit.name,
  departmentCode: department.code,
  departmentName: department.name,
  year: s.budgets.year,
  revision: s.budgets.revision,
  status: s.budgets.status,
  version: s.budgets.version,
  createdAt: s.budgets.createdAt,
  updatedAt: s.budgets.updatedAt,
  submittedAt: s.budgets.submittedAt,
  approvedOn: s.budgets.approvedOn,
  publishedAt: s.budgets.publishedAt,
  baselineTotal: s.budgets.baselineTotal,
  totalChangeReason: s.budgets.totalChangeReason,
  sanggongChangeReason: s.budgets.sanggongChangeReason,
  overview: s.budgets.overview,
  correctionNote: s.budgets.correctionNote,
  acknowledgedWarnings: s.budgets.acknowledgedWarnings,
  /** Σ line items in 元, exact, computed by the database. */
  total: sql<string>`(SELECT coalesce(sum(li.amount), 0)::numeric(20,2)::text FROM line_items li WHERE li.budget_id = ${s.budgets.id})`,
};

function headers(db: DbOrTx) {
  return db
    .select(headerColumns)
    .from(s.budgets)
    .innerJoin(unit, eq(unit.id, s.budgets.unitId))
    .innerJoin(department, eq(department.id, sql`unit_department(${unit.id}, ${s.budgets.year})`));
}

/** The budgets a user can see, newest year first. */
export function listBudgets(db: DbOrTx, scope: Scope) {
  return headers(db)
    .where(unitInScope(scope, s.budgets.unitId, s.budgets.year))
    .orderBy(desc(s.budgets.year), asc(department.sort), asc(unit.sort), asc(unit.code), desc(s.budgets.revision));
}

/** One budget with its unit and department, or null when it does not exist or is outside the scope. */
export async function findBudget(db: DbOrTx, scope: Scope, budgetId: number) {
  const [row] = await headers(db).where(and(eq(s.budgets.id, budgetId), unitInScope(scope, s.budgets.unitId, s.budgets.year)));
  return row ?? null;
}

/** The newest revision of a unit's budget of a year, by unit code, within the scope; null otherwise. */
export async function findBudgetByUnitYear(db: DbOrTx, scope: Scope, year: number, unitCode: string) {
  const [row] = await headers(db)
    .where(and(eq(s.budgets.year, year), eq(unit.code, unitCode), unitInScope(scope, s.budgets.unitId)))
    .orderBy(desc(s.budgets.revision))
    .limit(1);
  return row ?? null;
}

/** Locks the budget row for the rest of the transaction, so concurrent writers queue behind each other. */
export async function lockBudget(tx: DbOrTx, scope: Scope, budgetId: number) {
  const [row] = await tx
    .select()
    .from(s.budgets)
    .where(and(eq(s.budgets.id, budgetId), unitInScope(scope, s.budgets.unitId, s.budgets.year)))
    .for("update");
  return row ?? null;
}

export type LockedBudget = NonNullable<Awaited<ReturnType<typeof lockBudget>>>;

/** Budget columns a write may set along with its status and version. */
export type BudgetPatch = Partial<Omit<typeof s.budgets.$inferInsert, "id" | "unitId" | "year" | "revision" | "status" | "version">>;

/**
 * Set the columns and the status, and increment the version, if the budget is still at the version
 * read; null when it is not (nothing written).
 */
export async function bumpBudget(tx: DbOrTx, budgetId: number, version: number, set: BudgetPatch & { status: LockedBudget["status"] }) {
  const [updated] = await tx
    .update(s.budgets)
    .set({ ...set, version: sql`${s.budgets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(s.budgets.id, budgetId), eq(s.budgets.version, version)))
    .returning({ version: s.budgets.version });
  return updated ?? null;
}

/** The units a user can create budgets for or look at. */
export function listUnits(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: unit.id, code: unit.code, name: unit.name, departmentCode: department.code, departmentName: department.name })
    .from(unit)
    .innerJoin(department, eq(department.id, unit.parentId))
    .where(and(eq(unit.kind, "unit"), eq(unit.active, true), unitInScope(scope, unit.id)))
    .orderBy(asc(department.sort), asc(unit.sort), asc(unit.code));
}

/** A budget's line items with their catalogue and project names, in entry order. */
export function listLineItems(db: DbOrTx, budgetId: number) {
  return db
    .select({
      id: s.lineItems.id,
      functionCode: s.lineItems.functionCode,
      functionName: s.functionCodes.name,
      economicCode: s.lineItems.economicCode,
      economicName: s.deptEconomicCodes.name,
      kind: s.lineItems.kind,
      projectId: s.lineItems.projectId,
      projectName: s.projects.name,
      source: s.lineItems.source,
      period: s.lineItems.period,
      amount: s.lineItems.amount,
    })
    .from(s.lineItems)
    .leftJoin(s.functionCodes, and(eq(s.functionCodes.year, s.lineItems.year), eq(s.functionCodes.code, s.lineItems.functionCode)))
    .leftJoin(s.deptEconomicCodes, and(eq(s.deptEconomicCodes.year, s.lineItems.year), eq(s.deptEconomicCodes.code, s.lineItems.economicCode)))
    .leftJoin(s.projects, eq(s.projects.id, s.lineItems.projectId))
    .where(eq(s.lineItems.budgetId, budgetId))
    .orderBy(asc(s.lineItems.sort), asc(s.lineItems.id));
}

export function listProjects(db: DbOrTx, budgetId: number) {
  return db
    .select({ id: s.projects.id, name: s.projects.name, content: s.projects.content, debtFinanced: s.projects.debtFinanced, sort: s.projects.sort })
    .from(s.projects)
    .where(eq(s.projects.budgetId, budgetId))
    .orderBy(asc(s.projects.sort), asc(s.projects.id));
}

export function listComments(db: DbOrTx, budgetId: number) {
  return db
    .select({
      id: s.comments.id,
      body: s.comments.body,
      tableNumber: s.comments.tableNumber,
      rowCode: s.comments.rowCode,
      lineItemId: s.comments.lineItemId,
      createdAt: s.comments.createdAt,
      authorName: s.users.displayName,
    })
    .from(s.comments)
    .innerJoin(s.users, eq(s.users.id, s.comments.authorId))
    .where(eq(s.comments.budgetId, budgetId))
    .orderBy(asc(s.comments.createdAt), asc(s.comments.id));
}

/** The budget's audit trail, oldest first: status changes, comments and edits. */
export function listAuditEntries(db: DbOrTx, budgetId: number) {
  return db
    .select({
      id: s.auditLog.id,
      at: s.auditLog.at,
      action: s.auditLog.action,
      entity: s.auditLog.entity,
      entityId: s.auditLog.entityId,
      before: s.auditLog.before,
      after: s.auditLog.after,
      userName: s.users.displayName,
    })
    .from(s.auditLog)
    .leftJoin(s.users, eq(s.users.id, s.auditLog.userId))
    .where(eq(s.auditLog.budgetId, budgetId))
    .orderBy(asc(s.auditLog.at), asc(s.auditLog.id));
}

/** Approved or published budgets in scope, for the 20-day disclosure deadline. */
export function listApprovedBudgets(db: DbOrTx, scope: Scope) {
  return headers(db)
    .where(and(isNotNull(s.budgets.approvedOn), unitInScope(scope, s.budgets.unitId, s.budgets.year)))
    .orderBy(desc(s.budgets.approvedOn), asc(unit.code), desc(s.budgets.revision));
}

/** The newest revision number of (unit, year); corrections are only started from it. */
export async function latestRevision(db: DbOrTx, unitId: number, year: number): Promise<number | null> {
  const [row] = await db
    .select({ revision: max(s.budgets.revision) })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, year)));
  return row?.revision ?? null;
}

export function listFiscalYears(db: DbOrTx) {
  return db.select({ year: s.fiscalYears.year, label: s.fiscalYears.label }).from(s.fiscalYears).orderBy(desc(s.fiscalYears.year));
}

/** The budget a budget was copied from when it was created ("复制上年预算"), or null. */
export async function copySourceOf(db: DbOrTx, budgetId: number): Promise<number | null> {
  const [row] = await db
    .select({ after: s.auditLog.after })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.budgetId, budgetId), eq(s.auditLog.action, "create")))
    .orderBy(asc(s.auditLog.id))
    .limit(1);
  const prior = (row?.after as { priorBudgetId?: unknown } | null | undefined)?.priorBudgetId;
  return typeof prior === "number" ? prior : null;
}
