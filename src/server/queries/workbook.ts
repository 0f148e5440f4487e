import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { Scope } from "../auth/session";
import type { WorkbookCatalog } from "@/lib/workbook/format";
import { unitInScope } from "./scope";

/** A budget unit by its code, only within the scope (else null: NOT_FOUND). */
export async function findUnitByCode(db: DbOrTx, scope: Scope, unitCode: string) {
  const [unit] = await db
    .select({ id: s.organisations.id, code: s.organisations.code, name: s.organisations.name })
    .from(s.organisations)
    .where(and(eq(s.organisations.code, unitCode), eq(s.organisations.kind, "unit"), unitInScope(scope, s.organisations.id)));
  return unit ?? null;
}

/** The year's codes a workbook lists and checks: 项 and 类 function codes, 款 economic codes, sources. */
export async function workbookCatalog(db: DbOrTx, year: number): Promise<WorkbookCatalog> {
  // One after the other: `db` may be a transaction, whose queries share one connection.
  const functions = await db
    .select({ code: s.functionCodes.code, name: s.functionCodes.name })
    .from(s.functionCodes)
    .where(and(eq(s.functionCodes.year, year), sql`length(${s.functionCodes.code}) IN (3, 7)`))
    .orderBy(s.functionCodes.code);
  const economics = await db
    .select({ code: s.deptEconomicCodes.code, name: s.deptEconomicCodes.name })
    .from(s.deptEconomicCodes)
    .where(and(eq(s.deptEconomicCodes.year, year), sql`length(${s.deptEconomicCodes.code}) = 5`))
    .orderBy(s.deptEconomicCodes.code);
  const sources = await db
    .select({ code: s.fundingSources.code, name: s.fundingSources.name })
    .from(s.fundingSources)
    .where(eq(s.fundingSources.year, year))
    .orderBy(s.fundingSources.sort);
  return {
    functions: functions.filter((f) => f.code.length === 7),
    functionClasses: functions.filter((f) => f.code.length === 3),
    economics,
    sources,
  };
}
