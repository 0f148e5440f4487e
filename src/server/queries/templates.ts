/**
 * Custom disclosure templates in the database (copies of a bundled one). The template each
 * region-year uses is a column of its settings row (queries/fiscal-years.ts).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
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
