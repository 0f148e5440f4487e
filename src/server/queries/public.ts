/**
 * What the public may read: published snapshots and the names of their organisations. Nothing
 * here touches budgets, line_items or any other working table, so a draft, submitted, returned or
 * approved-but-unpublished budget cannot appear on a public page, in an index or in a search.
 */
import { sql, type SQL } from "drizzle-orm";
import type { BudgetInput, UnitType } from "@/lib/budget/types";
import { queryRows, type DbOrTx } from "../db/client";
import { loadSnapshotInputs } from "./snapshots";

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

/** Where a page of the index starts: after this (year, unit code) in index order. */
export interface PublishedCursor {
  year: number;
  unitCode: string;
}

export interface PublishedPageRequest {
  after?: PublishedCursor;
  /** Rows wanted; one more is read to know whether a next page exists. */
  limit: number;
}

type PublishedSqlRow = {
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
};

function toPublishedRow(r: PublishedSqlRow): PublishedRow {
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
}

/**
 * The latest published revision of every (unit, year) matching the filter, with the prior year's
 * figure, from the snapshots' columns only (never their stored input). Without `page`: newest year
 * first, then by department, unit order and code. With `page`: the open-data index order, newest
 * year first then unit code (stable, a keyset on the unique (year, unit code)), one page.
 */
export async function listPublished(db: DbOrTx, filter: PublishedFilter = {}, page?: PublishedPageRequest): Promise<PublishedRow[]> {
  const where: SQL[] = [sql`TRUE`];
  const scope: SQL[] = [sql`TRUE`];
  if (filter.year !== undefined) {
    where.push(sql`l.year = ${filter.year}`);
    scope.push(sql`p.year IN (${filter.year}, ${filter.year - 1})`);
  }
  if (filter.departmentCode !== undefined) {
    where.push(sql`d.code = ${filter.departmentCode}`);
    scope.push(sql`unit_department(p.unit_id, p.year) IN (SELECT md.id FROM organisations md WHERE md.code = ${filter.departmentCode})`);
  }
  if (filter.unitCode !== undefined) {
    where.push(sql`u.code = ${filter.unitCode}`);
    scope.push(sql`p.unit_id = (SELECT id FROM organisations WHERE code = ${filter.unitCode})`);
  }
  if (page?.after) where.push(sql`(l.year < ${page.after.year} OR (l.year = ${page.after.year} AND u.code > ${page.after.unitCode}))`);
  const order = page ? sql`l.year DESC, u.code` : sql`l.year DESC, d.code, u.sort, u.code`;
  const limit = page ? sql`LIMIT ${page.limit}` : sql``;
  const rows = await queryRows<PublishedSqlRow>(
    db,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.unit_id, p.year) p.id, p.unit_id, p.year, p.revision, p.total, p.published_at, p.baseline_total
      FROM published_snapshots p
      WHERE ${sql.join(scope, sql` AND `)}
      ORDER BY p.unit_id, p.year, p.revision DESC
    )
    SELECT l.id AS snapshot_id, l.year, l.revision,
           -- Names as published (a later rename does not change what was published under the old name).
           u.code AS unit_code, coalesce(snap.unit_name, u.name) AS unit_name, u.unit_type,
           d.code AS department_code, coalesce(snap.department_name, d.name) AS department_name,
           l.total::text AS total,
           to_char(l.published_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS published_at,
           prev.total::text AS prev_total,
           CASE WHEN prev.id IS NULL THEN l.baseline_total::text END AS baseline_total,
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
    ORDER BY ${order}
    ${limit}`,
  );
  return rows.map(toPublishedRow);
}

/** Per (year, department): units, Σ totals and, like for like, Σ prior-year figures. */
export interface DepartmentTotalsRow {
  year: number;
  departmentCode: string;
  departmentName: string;
  units: number;
  /** Exact 元. */
  total: string;
  /** Σ prior-year figures of the units that have one (null: none has). */
  prior: string | null;
  /** Σ this year's totals of those same units. */
  comparableTotal: string;
  unitsWithPrior: number;
}

/** Every year's departments with their sums, summed by the database over the snapshots' columns. */
export async function publishedDepartmentTotals(db: DbOrTx): Promise<DepartmentTotalsRow[]> {
  const rows = await queryRows<{
    year: number;
    department_code: string;
    department_name: string;
    units: number;
    total: string;
    prior: string | null;
    comparable: string | null;
    with_prior: number;
  }>(
    db,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.unit_id, p.year) p.id, p.unit_id, p.year, p.total, p.baseline_total
      FROM published_snapshots p
      ORDER BY p.unit_id, p.year, p.revision DESC
    ), rows AS (
      SELECT l.year, unit_department(u.id, l.year) AS department_id, l.total, coalesce(prev.total, l.baseline_total) AS prior
      FROM latest l
      JOIN organisations u ON u.id = l.unit_id
      -- The prior-year figure each publication states (docs/year-over-year.md), not a later one.
      LEFT JOIN LATERAL (
        SELECT q.total FROM published_snapshots q
        WHERE q.unit_id = l.unit_id AND q.year = l.year - 1 AND q.id < l.id
        ORDER BY q.revision DESC LIMIT 1
      ) prev ON TRUE
    )
    SELECT r.year, d.code AS department_code, d.name AS department_name, count(*)::int AS units,
           sum(r.total)::text AS total, sum(r.prior)::text AS prior,
           sum(r.total) FILTER (WHERE r.prior IS NOT NULL)::text AS comparable,
           count(r.prior)::int AS with_prior
    FROM rows r JOIN organisations d ON d.id = r.department_id
    GROUP BY r.year, d.code, d.name
    ORDER BY r.year DESC, d.code`,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    departmentCode: r.department_code,
    departmentName: r.department_name,
    units: Number(r.units),
    total: r.total,
    prior: r.prior,
    comparableTotal: r.comparable ?? "0",
    unitsWithPrior: Number(r.with_prior),
  }));
}

export interface PublicationRow {
  snapshotId: number;
  year: number;
  revision: number;
  unitCode: string;
  unitName: string;
  departmentCode: string;
  departmentName: string;
  total: string;
  publishedAt: string;
  correctionNote: string;
}

/** The latest publications (first publications and corrections), newest first. */
export async function latestPublications(db: DbOrTx, limit: number): Promise<PublicationRow[]> {
  const rows = await queryRows<{
    id: number;
    year: number;
    revision: number;
    unit_code: string;
    unit_name: string;
    department_code: string;
    department_name: string;
    total: string;
    published_at: string;
    correction_note: string;
  }>(
    db,
    sql`
    SELECT p.id, p.year, p.revision, u.code AS unit_code, u.name AS unit_name,
           d.code AS department_code, d.name AS department_name, p.total::text AS total,
           to_char(p.published_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS published_at, p.correction_note
    FROM published_snapshots p
    JOIN organisations u ON u.id = p.unit_id
    JOIN organisations d ON d.id = unit_department(u.id, p.year)
    ORDER BY p.published_at DESC, p.id DESC
    LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    snapshotId: Number(r.id),
    year: Number(r.year),
    revision: Number(r.revision),
    unitCode: r.unit_code,
    unitName: r.unit_name,
    departmentCode: r.department_code,
    departmentName: r.department_name,
    total: r.total,
    publishedAt: r.published_at,
    correctionNote: r.correction_note,
  }));
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

/** The engine input of one snapshot, as approved (expanded from its lean form). */
export async function getSnapshotInput(db: DbOrTx, snapshotId: number): Promise<BudgetInput | null> {
  return (await loadSnapshotInputs(db, [snapshotId])).get(snapshotId) ?? null;
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
 * database from the snapshots' line sums (columns, not the stored input): for one unit, or for
 * every unit of a department.
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
      SELECT DISTINCT ON (p.unit_id, p.year) p.id, p.unit_id, p.year, p.total, p.basic_total, p.project_total
      FROM published_snapshots p
      JOIN organisations u ON u.id = p.unit_id
      WHERE ${filter}
      ORDER BY p.unit_id, p.year, p.revision DESC
    )
    SELECT l.year, count(*)::int AS units, sum(l.total)::text AS total,
           sum(l.basic_total)::text AS basic, sum(l.project_total)::text AS project
    FROM latest l
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
