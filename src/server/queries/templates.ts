/**
 * Disclosure templates in the database: custom templates (copies of a bundled one) and the
 * template each region-year uses (`region_year_settings.template`).
 */
import { asc, eq, inArray, and, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";

export interface CustomTemplateRow {
  code: string;
  name: string;
  basedOn: string;
  definition: unknown;
  version: number;
  updatedAt: Date;
}

const columns = {
  code: s.disclosureTemplates.code,
  name: s.disclosureTemplates.name,
  basedOn: s.disclosureTemplates.basedOn,
  definition: s.disclosureTemplates.definition,
  version: s.disclosureTemplates.version,
  updatedAt: s.disclosureTemplates.updatedAt,
};

export function listCustomTemplates(db: DbOrTx): Promise<CustomTemplateRow[]> {
  return db.select(columns).from(s.disclosureTemplates).orderBy(asc(s.disclosureTemplates.createdAt), asc(s.disclosureTemplates.code));
}

export async function customTemplatesByCode(db: DbOrTx, codes: readonly string[]): Promise<Map<string, CustomTemplateRow>> {
  const wanted = codes.filter((c) => c.startsWith("custom-"));
  if (wanted.length === 0) return new Map();
  const rows = await db.select(columns).from(s.disclosureTemplates).where(inArray(s.disclosureTemplates.code, wanted));
  return new Map(rows.map((r) => [r.code, r]));
}

export async function findCustomTemplate(db: DbOrTx, code: string, forUpdate = false): Promise<CustomTemplateRow | null> {
  const q = db.select(columns).from(s.disclosureTemplates).where(eq(s.disclosureTemplates.code, code));
  const [row] = forUpdate ? await q.for("update") : await q;
  return row ?? null;
}

/** The next free "custom-<n>" (call inside the inserting transaction). */
export async function nextCustomCode(tx: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ n: number | string | null }>(
    tx,
    sql`SELECT max(substring(code from 8)::int) AS n FROM disclosure_templates`,
  );
  const n = row?.n === null || row?.n === undefined ? 0 : Number(row.n);
  return `custom-${n + 1}`;
}

export async function insertCustomTemplate(
  tx: DbOrTx,
  values: { code: string; name: string; basedOn: string; definition: unknown; createdBy: number },
): Promise<void> {
  await tx.insert(s.disclosureTemplates).values(values);
}

/** Updates a custom template when it is still at `version`; false when it is not (stale or gone). */
export async function updateCustomTemplate(
  tx: DbOrTx,
  code: string,
  version: number,
  values: { name: string; definition: unknown },
): Promise<boolean> {
  const rows = await tx
    .update(s.disclosureTemplates)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(s.disclosureTemplates.code, code), eq(s.disclosureTemplates.version, version)))
    .returning({ code: s.disclosureTemplates.code });
  return rows.length === 1;
}

export interface RegionYearTemplateRow {
  regionId: number;
  regionCode: string;
  regionName: string;
  year: number;
  /** null: no settings row yet (the defaults apply). */
  template: string | null;
  amountUnit: "wan" | "yuan" | null;
}

/** Every region × fiscal year with its template setting. */
export function listRegionYearTemplates(db: DbOrTx): Promise<RegionYearTemplateRow[]> {
  return queryRows<RegionYearTemplateRow>(
    db,
    sql`
    SELECT r.id AS "regionId", r.code AS "regionCode", r.name AS "regionName", y.year,
           st.template, st.amount_unit AS "amountUnit"
    FROM organisations r
    CROSS JOIN fiscal_years y
    LEFT JOIN region_year_settings st ON st.region_id = r.id AND st.year = y.year
    WHERE r.kind = 'region' AND r.active
    ORDER BY r.code, y.year DESC`,
  );
}

export async function findRegion(db: DbOrTx, regionId: number): Promise<{ id: number; code: string; name: string } | null> {
  const [row] = await db
    .select({ id: s.organisations.id, code: s.organisations.code, name: s.organisations.name })
    .from(s.organisations)
    .where(and(eq(s.organisations.id, regionId), eq(s.organisations.kind, "region")));
  return row ?? null;
}

export async function fiscalYearExists(db: DbOrTx, year: number): Promise<boolean> {
  const [row] = await db.select({ year: s.fiscalYears.year }).from(s.fiscalYears).where(eq(s.fiscalYears.year, year));
  return row !== undefined;
}

/** The region-year's template setting, locked for update; null without a settings row. */
export async function regionYearTemplate(tx: DbOrTx, regionId: number, year: number): Promise<string | null> {
  const [row] = await tx
    .select({ template: s.regionYearSettings.template })
    .from(s.regionYearSettings)
    .where(and(eq(s.regionYearSettings.regionId, regionId), eq(s.regionYearSettings.year, year)))
    .for("update");
  return row?.template ?? null;
}

/** Sets the template of one region-year, creating its settings row (other settings at their defaults) if absent. */
export async function upsertRegionYearTemplate(tx: DbOrTx, regionId: number, year: number, template: string): Promise<void> {
  await tx
    .insert(s.regionYearSettings)
    .values({ regionId, year, template })
    .onConflictDoUpdate({ target: [s.regionYearSettings.regionId, s.regionYearSettings.year], set: { template } });
}
