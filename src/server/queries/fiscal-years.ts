import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { ExplanationSectionKey } from "@/lib/budget/types";

/*
 * Fiscal years and the disclosure settings of each region and year. A year is data: a row of
 * fiscal_years with its own catalogues, mapping, funding sources, glossary and settings.
 */

export interface FiscalYearRow {
  year: number;
  label: string;
  openedFrom: number | null;
  functionCodes: number;
  budgets: number;
  published: number;
}

export async function listFiscalYearsWithCounts(db: DbOrTx): Promise<FiscalYearRow[]> {
  const rows = await queryRows<{ year: number; label: string; opened_from: number | null; function_codes: number; budgets: number; published: number }>(
    db,
    sql`
    SELECT y.year, y.label, y.opened_from,
           (SELECT count(*)::int FROM function_codes f WHERE f.year = y.year) AS function_codes,
           (SELECT count(*)::int FROM budgets b WHERE b.year = y.year) AS budgets,
           (SELECT count(DISTINCT p.unit_id)::int FROM published_snapshots p WHERE p.year = y.year) AS published
    FROM fiscal_years y
    ORDER BY y.year DESC`,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    label: r.label,
    openedFrom: r.opened_from === null ? null : Number(r.opened_from),
    functionCodes: Number(r.function_codes),
    budgets: Number(r.budgets),
    published: Number(r.published),
  }));
}

export async function fiscalYearExists(db: DbOrTx, year: number): Promise<boolean> {
  const [row] = await db.select({ year: s.fiscalYears.year }).from(s.fiscalYears).where(eq(s.fiscalYears.year, year));
  return row !== undefined;
}

/** Counts of what was copied into the new year, by table. */
export interface CopiedCounts {
  functionCodes: number;
  deptEconomicCodes: number;
  govEconomicCodes: number;
  economicMappings: number;
  fundingSources: number;
  purchasedServiceCodes: number;
  glossaryEntries: number;
  settings: number;
}

async function count(tx: DbOrTx, query: ReturnType<typeof sql>): Promise<number> {
  const rows = await queryRows<{ n: number }>(tx, sql`WITH ins AS (${query} RETURNING 1) SELECT count(*)::int AS n FROM ins`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Creates `year` as a copy of `from`: catalogues (codes still in use there, retired ones left
 * behind), the mapping between them, funding sources, the purchased-service catalogue, the
 * glossary and every region's disclosure settings. Run inside the caller's transaction.
 */
export async function insertFiscalYearCopy(tx: DbOrTx, year: number, from: number): Promise<CopiedCounts> {
  await tx.insert(s.fiscalYears).values({ year, label: `${year} 年度`, openedFrom: from });
  // Parents before children (the self-references are checked row by row): by code length.
  const functionCodes = await count(
    tx,
    sql`INSERT INTO function_codes (year, code, name, parent_code)
        SELECT ${year}::int, code, name, parent_code FROM function_codes WHERE year = ${from} AND NOT retired ORDER BY length(code), code`,
  );
  const deptEconomicCodes = await count(
    tx,
    sql`INSERT INTO dept_economic_codes (year, code, name, parent_code)
        SELECT ${year}::int, code, name, parent_code FROM dept_economic_codes WHERE year = ${from} AND NOT retired ORDER BY length(code), code`,
  );
  const govEconomicCodes = await count(
    tx,
    sql`INSERT INTO gov_economic_codes (year, code, name, parent_code)
        SELECT ${year}::int, code, name, parent_code FROM gov_economic_codes WHERE year = ${from} AND NOT retired ORDER BY length(code), code`,
  );
  const economicMappings = await count(
    tx,
    sql`INSERT INTO economic_mappings (year, unit_type, dept_code, gov_code)
        SELECT ${year}::int, m.unit_type, m.dept_code, m.gov_code FROM economic_mappings m
        JOIN dept_economic_codes d ON d.year = ${year} AND d.code = m.dept_code
        JOIN gov_economic_codes g ON g.year = ${year} AND g.code = m.gov_code
        WHERE m.year = ${from}`,
  );
  const fundingSources = await count(
    tx,
    sql`INSERT INTO funding_sources (year, code, name, fiscal, sort)
        SELECT ${year}::int, code, name, fiscal, sort FROM funding_sources WHERE year = ${from} AND NOT retired`,
  );
  const purchasedServiceCodes = await count(
    tx,
    sql`INSERT INTO purchased_service_codes (year, code, name, parent_code)
        SELECT ${year}::int, code, name, parent_code FROM purchased_service_codes WHERE year = ${from} AND NOT retired ORDER BY length(code), code`,
  );
  const glossaryEntries = await count(
    tx,
    sql`INSERT INTO glossary_entries (year, sort, term, definition)
        SELECT ${year}::int, sort, term, definition FROM glossary_entries WHERE year = ${from}`,
  );
  const settings = await count(
    tx,
    sql`INSERT INTO region_year_settings (region_id, year, amount_unit, title_wording, explanation_sections)
        SELECT region_id, ${year}::int, amount_unit, title_wording, explanation_sections FROM region_year_settings WHERE year = ${from}`,
  );
  return { functionCodes, deptEconomicCodes, govEconomicCodes, economicMappings, fundingSources, purchasedServiceCodes, glossaryEntries, settings };
}

export interface DisclosureSettingsRow {
  regionId: number;
  regionCode: string;
  regionName: string;
  year: number;
  amountUnit: "wan" | "yuan";
  titleWording: "department" | "unit";
  explanationSections: ExplanationSectionKey[];
}

export async function listDisclosureSettings(db: DbOrTx, year: number): Promise<DisclosureSettingsRow[]> {
  return db
    .select({
      regionId: s.organisations.id,
      regionCode: s.organisations.code,
      regionName: s.organisations.name,
      year: sql<number>`${year}::int`,
      amountUnit: sql<"wan" | "yuan">`coalesce(${s.regionYearSettings.amountUnit}, 'wan')`,
      titleWording: sql<"department" | "unit">`coalesce(${s.regionYearSettings.titleWording}, 'department')`,
      explanationSections: sql<ExplanationSectionKey[]>`coalesce(${s.regionYearSettings.explanationSections}, '["overview","sanggong","other"]'::jsonb)`,
    })
    .from(s.organisations)
    .leftJoin(s.regionYearSettings, and(eq(s.regionYearSettings.regionId, s.organisations.id), eq(s.regionYearSettings.year, year)))
    .where(eq(s.organisations.kind, "region"))
    .orderBy(asc(s.organisations.code));
}

export async function findDisclosureSettings(db: DbOrTx, regionId: number, year: number) {
  const [row] = await db
    .select()
    .from(s.regionYearSettings)
    .where(and(eq(s.regionYearSettings.regionId, regionId), eq(s.regionYearSettings.year, year)))
    .for("update");
  return row ?? null;
}

export async function upsertDisclosureSettings(
  tx: DbOrTx,
  values: { regionId: number; year: number; amountUnit: "wan" | "yuan"; titleWording: "department" | "unit"; explanationSections: ExplanationSectionKey[] },
) {
  await tx
    .insert(s.regionYearSettings)
    .values(values)
    .onConflictDoUpdate({
      target: [s.regionYearSettings.regionId, s.regionYearSettings.year],
      set: { amountUnit: values.amountUnit, titleWording: values.titleWording, explanationSections: values.explanationSections },
    });
}

export async function findRegion(db: DbOrTx, regionId: number) {
  const [row] = await db
    .select({ id: s.organisations.id, code: s.organisations.code, name: s.organisations.name })
    .from(s.organisations)
    .where(and(eq(s.organisations.id, regionId), eq(s.organisations.kind, "region")));
  return row ?? null;
}

export function listGlossary(db: DbOrTx, year: number) {
  return db
    .select({ sort: s.glossaryEntries.sort, term: s.glossaryEntries.term, definition: s.glossaryEntries.definition })
    .from(s.glossaryEntries)
    .where(eq(s.glossaryEntries.year, year))
    .orderBy(asc(s.glossaryEntries.sort));
}

/** Replaces the year's glossary with `entries`, in order. */
export async function replaceGlossary(tx: DbOrTx, year: number, entries: { term: string; definition: string }[]) {
  await tx.delete(s.glossaryEntries).where(eq(s.glossaryEntries.year, year));
  if (entries.length > 0) {
    await tx.insert(s.glossaryEntries).values(entries.map((e, i) => ({ year, sort: i + 1, term: e.term, definition: e.definition })));
  }
}
