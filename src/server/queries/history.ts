import { and, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { UnitType } from "@/lib/budget/types";

export async function findUnitForHistory(db: DbOrTx, code: string) {
  const [row] = await queryRows<{ id: number; code: string; name: string; unit_type: UnitType; department_code: string }>(
    db,
    sql`SELECT u.id, u.code, u.name, u.unit_type, d.code AS department_code
        FROM organisations u JOIN organisations d ON d.id = u.parent_id
        WHERE u.kind = 'unit' AND u.code = ${code}`,
  );
  return row ? { id: Number(row.id), code: row.code, name: row.name, unitType: row.unit_type, departmentCode: row.department_code } : null;
}

export async function unitHasBudget(db: DbOrTx, unitId: number, year: number): Promise<boolean> {
  const rows = await db.select({ id: s.budgets.id }).from(s.budgets).where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, year))).limit(1);
  return rows.length > 0;
}

export async function insertImportedBudget(
  tx: DbOrTx,
  v: {
    unitId: number;
    year: number;
    baselineTotal: string | null;
    baselineSanggong: { abroad: string; reception: string; vehiclePurchase: string; vehicleOperation: string } | null;
    narrative: { totalChangeReason: string; sanggongChangeReason: string; overview: string };
  },
): Promise<number> {
  const [row] = await tx
    .insert(s.budgets)
    .values({
      unitId: v.unitId,
      year: v.year,
      status: "draft",
      origin: "imported",
      baselineTotal: v.baselineTotal,
      baselineSanggong: v.baselineSanggong,
      totalChangeReason: v.narrative.totalChangeReason,
      sanggongChangeReason: v.narrative.sanggongChangeReason,
      overview: v.narrative.overview,
    })
    .returning({ id: s.budgets.id });
  return row!.id;
}

/** Published as it was: 批复 and publication dates as given, no submission (it happened off the platform). */
export async function markImportedPublished(tx: DbOrTx, budgetId: number, approvedOn: string, publishedAt: Date) {
  await tx.update(s.budgets).set({ status: "published", approvedOn, publishedAt, submittedAt: null }).where(eq(s.budgets.id, budgetId));
}
