import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { queryRows } from "../db/client";

export interface PublishedRow {
  year: number;
  revision: number;
  unitCode: string;
  unitName: string;
  departmentCode: string;
  departmentName: string;
  total: string;
  publishedAt: string;
}

/** The latest published revision of every (unit, year). Only snapshots are ever read here. */
export async function listPublished(): Promise<PublishedRow[]> {
  const db = await getDb();
  const r = await queryRows<{
    year: number;
    revision: number;
    unit_code: string;
    unit_name: string;
    department_code: string;
    department_name: string;
    total: string;
    published_at: string;
  }>(
    db,
    sql`
    SELECT DISTINCT ON (p.unit_id, p.year)
           p.year, p.revision, u.code AS unit_code, u.name AS unit_name,
           d.code AS department_code, d.name AS department_name,
           p.total::text AS total, p.published_at::text AS published_at
    FROM published_snapshots p
    JOIN organisations u ON u.id = p.unit_id
    JOIN organisations d ON d.id = u.parent_id
    ORDER BY p.unit_id, p.year, p.revision DESC`);
  return r
    .map((x) => ({
      year: Number(x.year),
      revision: Number(x.revision),
      unitCode: x.unit_code,
      unitName: x.unit_name,
      departmentCode: x.department_code,
      departmentName: x.department_name,
      total: x.total,
      publishedAt: x.published_at,
    }))
    .sort((a, b) => b.year - a.year || a.unitCode.localeCompare(b.unitCode));
}
