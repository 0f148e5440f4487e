import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { CodeCatalogue } from "@/lib/admin/catalogues";
import type { SourceCode, UnitType } from "@/lib/budget/types";

/** The drizzle table of each code catalogue (same columns: year, code, name, parent_code, retired). */
export const CODE_TABLES = {
  function: s.functionCodes,
  "dept-economic": s.deptEconomicCodes,
  "gov-economic": s.govEconomicCodes,
  "purchased-services": s.purchasedServiceCodes,
} as const satisfies Record<CodeCatalogue, unknown>;

export interface CodeRow {
  code: string;
  name: string;
  parentCode: string | null;
  retired: boolean;
}

export async function listCodes(db: DbOrTx, catalogue: CodeCatalogue, year: number): Promise<CodeRow[]> {
  const t = CODE_TABLES[catalogue];
  return db
    .select({ code: t.code, name: t.name, parentCode: t.parentCode, retired: t.retired })
    .from(t)
    .where(eq(t.year, year))
    .orderBy(asc(t.code));
}

export async function insertCode(tx: DbOrTx, catalogue: CodeCatalogue, year: number, row: CodeRow) {
  const t = CODE_TABLES[catalogue];
  await tx.insert(t).values({ year, code: row.code, name: row.name, parentCode: row.parentCode, retired: row.retired });
}

export async function updateCode(tx: DbOrTx, catalogue: CodeCatalogue, year: number, code: string, values: { name?: string; retired?: boolean }) {
  const t = CODE_TABLES[catalogue];
  await tx.update(t).set(values).where(and(eq(t.year, year), eq(t.code, code)));
}

export function listMappings(db: DbOrTx, year: number) {
  return db
    .select({ unitType: s.economicMappings.unitType, deptCode: s.economicMappings.deptCode, govCode: s.economicMappings.govCode })
    .from(s.economicMappings)
    .where(eq(s.economicMappings.year, year))
    .orderBy(asc(s.economicMappings.unitType), asc(s.economicMappings.deptCode));
}

export async function upsertMapping(tx: DbOrTx, year: number, unitType: UnitType, deptCode: string, govCode: string) {
  await tx
    .insert(s.economicMappings)
    .values({ year, unitType, deptCode, govCode })
    .onConflictDoUpdate({ target: [s.economicMappings.year, s.economicMappings.unitType, s.economicMappings.deptCode], set: { govCode } });
}

export function listFundingSources(db: DbOrTx, year: number) {
  return db
    .select({ code: s.fundingSources.code, name: s.fundingSources.name, fiscal: s.fundingSources.fiscal, sort: s.fundingSources.sort, retired: s.fundingSources.retired })
    .from(s.fundingSources)
    .where(eq(s.fundingSources.year, year))
    .orderBy(asc(s.fundingSources.sort));
}

export async function upsertFundingSource(tx: DbOrTx, year: number, row: { code: SourceCode; name: string; fiscal: boolean; sort: number; retired: boolean }) {
  await tx
    .insert(s.fundingSources)
    .values({ year, ...row })
    .onConflictDoUpdate({ target: [s.fundingSources.year, s.fundingSources.code], set: { name: row.name, fiscal: row.fiscal, sort: row.sort, retired: row.retired } });
}

export function listCrosswalk(db: DbOrTx) {
  return db.select().from(s.codeCrosswalk).orderBy(asc(s.codeCrosswalk.catalog), asc(s.codeCrosswalk.toYear), asc(s.codeCrosswalk.fromCode));
}

export async function upsertCrosswalk(
  tx: DbOrTx,
  row: { catalog: "function" | "dept_economic" | "gov_economic"; fromYear: number; fromCode: string; toYear: number; toCode: string },
) {
  await tx
    .insert(s.codeCrosswalk)
    .values(row)
    .onConflictDoUpdate({
      target: [s.codeCrosswalk.catalog, s.codeCrosswalk.fromYear, s.codeCrosswalk.fromCode, s.codeCrosswalk.toYear],
      set: { toCode: row.toCode },
    });
}

/** Whether a code is used by any line (for the screen: a used code can only be retired). */
export async function codeUseCounts(db: DbOrTx, catalogue: CodeCatalogue, year: number): Promise<Map<string, number>> {
  const q =
    catalogue === "function"
      ? sql`SELECT function_code AS code, count(*)::int AS n FROM line_items WHERE year = ${year} GROUP BY function_code`
      : catalogue === "dept-economic"
        ? sql`SELECT economic_code AS code, count(*)::int AS n FROM line_items WHERE year = ${year} GROUP BY economic_code`
        : catalogue === "gov-economic"
          ? sql`SELECT gov_code AS code, count(*)::int AS n FROM economic_mappings WHERE year = ${year} GROUP BY gov_code`
          : sql`SELECT catalogue_code AS code, count(*)::int AS n FROM purchased_service_items WHERE year = ${year} GROUP BY catalogue_code`;
  const rows = await queryRows<{ code: string; n: number }>(db, q);
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}
