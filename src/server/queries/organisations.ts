import { and, asc, desc, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";

/** Every organisation, parents first (regions, departments, units), with its latest department. */
export function listAllOrganisations(db: DbOrTx) {
  return db
    .select({
      id: s.organisations.id,
      kind: s.organisations.kind,
      parentId: s.organisations.parentId,
      code: s.organisations.code,
      name: s.organisations.name,
      shortName: s.organisations.shortName,
      unitType: s.organisations.unitType,
      sort: s.organisations.sort,
      active: s.organisations.active,
    })
    .from(s.organisations)
    .orderBy(sql`CASE ${s.organisations.kind} WHEN 'region' THEN 0 WHEN 'department' THEN 1 ELSE 2 END`, asc(s.organisations.sort), asc(s.organisations.code));
}

export type OrganisationRow = Awaited<ReturnType<typeof listAllOrganisations>>[number];

export async function findOrganisation(db: DbOrTx, id: number, lock = false) {
  const q = db.select().from(s.organisations).where(eq(s.organisations.id, id));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

export async function findOrganisationByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(s.organisations).where(eq(s.organisations.code, code));
  return row ?? null;
}

export async function insertOrganisation(tx: DbOrTx, values: typeof s.organisations.$inferInsert) {
  const [row] = await tx.insert(s.organisations).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function updateOrganisation(
  tx: DbOrTx,
  id: number,
  values: Partial<Pick<typeof s.organisations.$inferInsert, "name" | "shortName" | "unitType" | "active" | "parentId" | "sort">>,
) {
  await tx.update(s.organisations).set(values).where(eq(s.organisations.id, id));
}

/** The next sort position under a parent. */
export async function nextSort(db: DbOrTx, parentId: number | null): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    parentId === null
      ? sql`SELECT coalesce(max(sort), 0)::int + 1 AS n FROM organisations WHERE parent_id IS NULL`
      : sql`SELECT coalesce(max(sort), 0)::int + 1 AS n FROM organisations WHERE parent_id = ${parentId}`,
  );
  return Number(rows[0]?.n ?? 1);
}

export function listUnitDepartments(db: DbOrTx, unitId?: number) {
  const q = db
    .select({ unitId: s.unitDepartments.unitId, fromYear: s.unitDepartments.fromYear, departmentId: s.unitDepartments.departmentId })
    .from(s.unitDepartments);
  return (unitId === undefined ? q : q.where(eq(s.unitDepartments.unitId, unitId))).orderBy(asc(s.unitDepartments.unitId), asc(s.unitDepartments.fromYear));
}

export async function upsertUnitDepartment(tx: DbOrTx, unitId: number, fromYear: number, departmentId: number) {
  await tx
    .insert(s.unitDepartments)
    .values({ unitId, fromYear, departmentId })
    .onConflictDoUpdate({ target: [s.unitDepartments.unitId, s.unitDepartments.fromYear], set: { departmentId } });
}

/** The department of the unit's latest period. */
export async function latestUnitDepartment(db: DbOrTx, unitId: number): Promise<number | null> {
  const [row] = await db
    .select({ departmentId: s.unitDepartments.departmentId })
    .from(s.unitDepartments)
    .where(eq(s.unitDepartments.unitId, unitId))
    .orderBy(desc(s.unitDepartments.fromYear))
    .limit(1);
  return row?.departmentId ?? null;
}

/** The unit's department in `year` (the SQL function unit_department). */
export async function unitDepartmentIn(db: DbOrTx, unitId: number, year: number): Promise<number | null> {
  const rows = await queryRows<{ id: number | null }>(db, sql`SELECT unit_department(${unitId}::int, ${year}::int) AS id`);
  const id = rows[0]?.id;
  return id === null || id === undefined ? null : Number(id);
}

export async function budgetCountOf(db: DbOrTx, unitId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM budgets WHERE unit_id = ${unitId}`);
  return Number(rows[0]?.n ?? 0);
}

export async function userCountOf(db: DbOrTx, organisationId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.users)
    .where(and(eq(s.users.organisationId, organisationId), eq(s.users.disabled, false)));
  return Number(row?.n ?? 0);
}
