/**
 * What the public may read: published snapshots and the names of their organisations. Nothing
 * here touches budgets, line_items or any other working table, so a draft, submitted, returned or
 * approved-but-unpublished budget cannot appear on a public page, in an index or in a search.
 */
import { sql, type SQL } from "drizzle-orm";
import type { BudgetInput, UnitType } from "@/lib/budget/types";
import { queryRows, type DbOrTx } from "../db/client";

export interface PublishedRow {
  snapshotId: number;
  year: number;
  revision: number;
  unitCode: string;
  unitName: string;
  unitType: UnitType;
  departmentCode: string;
  departmentName: string;
  /** Exact 元. */
  total: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
  /**
   * The prior year's figure as this publication states it, exact 元 (docs/year-over-year.md): the
   * prior year's published total when that year was on file at publication, else the baseline
   * entered with this budget; null without either. A later publication of the prior year never
   * changes it.
   */
  priorTotal: string | null;
  priorBasis: "priorBudget" | "baseline" | "none";
  /**
   * The prior year's latest publication when it came after this one (the prior year published
   * later, or corrected since): the unit page notes it; the next correction will use it.
   */
  priorLater: { revision: number; total: string; publishedAt: string } | null;
}

export interface PublishedFilter {
  year?: number;
  departmentCode?: string;
  unitCode?: string;
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/** The latest published revision of every (unit, year), newest year first, then by unit code. */
export async function listPublished(db: DbOrTx, filter: PublishedFilter = {}): Promise<PublishedRow[]> {
  const where: SQL[] = [sql`TRUE`];
  if (filter.year !== undefined) where.push(sql`l.year = ${filter.year}`);
  if (filter.departmentCode !== undefined) where.push(sql`d.code = ${filter.departmentCode}`);
  if (filter.unitCode !== undefined) where.push(sql`u.code = ${filter.unitCode}`);
  const rows = await queryRows<{
    snapshot_id: number;
    year: number;
    revision: number;
    unit_code: string;
    unit_name: string;
    unit_type: UnitType;
    department_code: string;
    department_name: string;
    total: string;
    published_at: string;
    prev_total: string | null;
    baseline_total: string | null;
    later_revision: number | null;
    later_total: string | null;
    later_published_at: string | null;
  }>(
    db,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.unit_id, p.year) p.id, p.unit_id, p.year, p.revision, p.total, p.published_at
      FROM published_snapshots p
      ORDER BY p.unit_id, p.year, p.revision DESC
    )
    SELECT l.id AS snapshot_id, l.year, l.revision,
           -- Names as published (a later rename does not change what was published under the old name).
           u.code AS unit_code, coalesce(snap.unit_name, u.name) AS unit_name, u.unit_type,
           d.code AS department_code, coalesce(snap.department_name, d.name) AS department_name,
           l.total::text AS total,
           to_char(l.published_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS published_at,
           prev.total::text AS prev_total,
           -- Only opens the stored input when the prior year was not on file.
           CASE WHEN prev.id IS NULL
                THEN (SELECT s.input->'baseline'->>'total' FROM published_snapshots s WHERE s.id = l.id)
           END AS baseline_total,
           later.revision AS later_revision, later.total::text AS later_total,
           to_char(later.published_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS later_published_at
    FROM latest l
    JOIN organisations u ON u.id = l.unit_id
    JOIN organisations d ON d.id = unit_department(u.id, l.year)
    CROSS JOIN LATERAL (
      SELECT x.input->'unit'->>'name' AS unit_name, x.input->'unit'->>'departmentName' AS department_name
      FROM published_snapshots x WHERE x.id = l.id
    ) snap
    -- What the publication states: the prior year's latest revision on file when it was published
    -- (snapshots are numbered in the order they are written, and publishing reads the prior year
    -- in the same transaction).
    LEFT JOIN LATERAL (
      SELECT q.id, q.total FROM published_snapshots q
      WHERE q.unit_id = l.unit_id AND q.year = l.year - 1 AND q.id < l.id
      ORDER BY q.revision DESC LIMIT 1
    ) prev ON TRUE
    LEFT JOIN LATERAL (
      SELECT q.revision, q.total, q.published_at FROM published_snapshots q
      WHERE q.unit_id = l.unit_id AND q.year = l.year - 1 AND q.id > l.id
      ORDER BY q.revision DESC LIMIT 1
    ) later ON TRUE
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY l.year DESC, d.code, u.sort, u.code`,
  );
  return rows.map((r) => {
    const priorTotal = r.prev_total ?? r.baseline_total ?? null;
    return {
      snapshotId: Number(r.snapshot_id),
      year: Number(r.year),
      revision: Number(r.revision),
      unitCode: r.unit_code,
      unitName: r.unit_name,
      unitType: r.unit_type,
      departmentCode: r.department_code,
      departmentName: r.department_name,
      total: r.total,
      publishedAt: r.published_at,
      priorTotal,
      priorBasis: r.prev_total !== null ? "priorBudget" : priorTotal !== null ? "baseline" : "none",
      priorLater:
        r.later_revision === null
          ? null
          : { revision: Number(r.later_revision), total: r.later_total as string, publishedAt: r.later_published_at as string },
    };
  });
}

export interface RevisionRow {
  snapshotId: number;
  revision: number;
  publishedAt: string;
  correctionNote: string;
  total: string;
}

/** Every published revision of one unit's budget for one year, newest first. */
export async function listRevisions(db: DbOrTx, year: number, unitCode: string): Promise<RevisionRow[]> {
  const rows = await queryRows<{ id: number; revision: number; published_at: string; correction_note: string; total: string }>(
    db,
    sql`
    SELECT p.id, p.revision, to_char(p.published_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS published_at,
           p.correction_note, p.total::text AS total
    FROM published_snapshots p
    JOIN organisations u ON u.id = p.unit_id
    WHERE u.code = ${unitCode} AND p.year = ${year}
    ORDER BY p.revision DESC`,
  );
  return rows.map((r) => ({
    snapshotId: Number(r.id),
    revision: Number(r.revision),
    publishedAt: r.published_at,
    correctionNote: r.correction_note,
    total: r.total,
  }));
}

/** The engine input of one snapshot, as approved. */
export async function getSnapshotInput(db: DbOrTx, snapshotId: number): Promise<BudgetInput | null> {
  const [row] = await queryRows<{ input: BudgetInput | string }>(
    db,
    sql`SELECT p.input FROM published_snapshots p WHERE p.id = ${snapshotId}`,
  );
  if (!row) return null;
  // node-postgres parses jsonb; a driver that hands back text is tolerated too.
  return typeof row.input === "string" ? (JSON.parse(row.input) as BudgetInput) : row.input;
}

export interface SeriesPoint {
  year: number;
  /** Number of units in the figure (1 for a unit). */
  units: number;
  /** Exact 元. */
  total: string;
  basic: string;
  project: string;
}

/**
 * Total, 基本支出 and 项目支出 per year over the latest published revisions, summed by the
 * database over the snapshots' line items: for one unit, or for every unit of a department.
 */
export async function publishedSeries(db: DbOrTx, scope: { unitCode: string } | { departmentCode: string }): Promise<SeriesPoint[]> {
  const filter =
    "unitCode" in scope
      ? sql`u.code = ${scope.unitCode}`
      : sql`unit_department(u.id, p.year) = (SELECT id FROM organisations WHERE code = ${scope.departmentCode} AND kind = 'department')`;
  const rows = await queryRows<{ year: number; units: number; total: string; basic: string; project: string }>(
    db,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.unit_id, p.year) p.id, p.unit_id, p.year, p.total
      FROM published_snapshots p
      JOIN organisations u ON u.id = p.unit_id
      WHERE ${filter}
      ORDER BY p.unit_id, p.year, p.revision DESC
    ),
    kinds AS (
      SELECT l.id,
             COALESCE(sum((li->>'amount')::numeric) FILTER (WHERE li->>'kind' = 'project'), 0) AS project,
             COALESCE(sum((li->>'amount')::numeric) FILTER (WHERE li->>'kind' <> 'project'), 0) AS basic
      FROM latest l
      JOIN published_snapshots s ON s.id = l.id
      LEFT JOIN LATERAL jsonb_array_elements(s.input->'lineItems') li ON TRUE
      GROUP BY l.id
    )
    SELECT l.year, count(*)::int AS units, sum(l.total)::text AS total,
           sum(k.basic)::text AS basic, sum(k.project)::text AS project
    FROM latest l JOIN kinds k ON k.id = l.id
    GROUP BY l.year
    ORDER BY l.year`,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    units: Number(r.units),
    total: r.total,
    basic: r.basic,
    project: r.project,
  }));
}

/** The id of a department by its code, or null. */
export async function findDepartmentId(db: DbOrTx, departmentCode: string): Promise<number | null> {
  const [org] = await queryRows<{ id: number }>(db, sql`SELECT id FROM organisations WHERE code = ${departmentCode} AND kind = 'department'`);
  return org ? Number(org.id) : null;
}
