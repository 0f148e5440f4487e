import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";

/** One audit row; inside the mutation's own transaction. */
export async function insertAuditRow(tx: DbOrTx, row: typeof s.auditLog.$inferInsert): Promise<void> {
  await tx.insert(s.auditLog).values(row);
}

export interface AuditFilter {
  unitCode?: string;
  username?: string;
  action?: string;
  /** "YYYY-MM-DD", Beijing time, inclusive. */
  from?: string;
  to?: string;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  username: string | null;
  displayName: string | null;
  unitCode: string | null;
  unitName: string | null;
  year: number | null;
  before: unknown;
  after: unknown;
}

/** The audit log, newest first, filtered by unit (its budgets or the organisation itself), user, action and date. */
export async function listAuditLog(db: DbOrTx, f: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [sql`TRUE`];
  if (f.unitCode) {
    where.push(
      sql`(o.code = ${f.unitCode} OR (a.entity = 'organisation' AND a.entity_id = (SELECT id::text FROM organisations WHERE code = ${f.unitCode})))`,
    );
  }
  if (f.username) where.push(sql`us.username = ${f.username}`);
  if (f.action) where.push(sql`a.action = ${f.action}`);
  if (f.from) where.push(sql`a.at >= (${f.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.to) where.push(sql`a.at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  const rows = await queryRows<{
    id: number;
    at: string;
    action: string;
    entity: string;
    entity_id: string;
    username: string | null;
    display_name: string | null;
    unit_code: string | null;
    unit_name: string | null;
    year: number | null;
    before: unknown;
    after: unknown;
  }>(
    db,
    sql`
    SELECT a.id, to_char(a.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at, a.action, a.entity, a.entity_id,
           us.username, us.display_name, o.code AS unit_code, o.name AS unit_name, b.year, a.before, a.after
    FROM audit_log a
    LEFT JOIN users us ON us.id = a.user_id
    LEFT JOIN budgets b ON b.id = a.budget_id
    LEFT JOIN organisations o ON o.id = b.unit_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY a.id DESC
    LIMIT ${f.limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    username: r.username,
    displayName: r.display_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    year: r.year === null ? null : Number(r.year),
    before: r.before,
    after: r.after,
  }));
}

export async function listAuditActions(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(db, sql`SELECT DISTINCT action FROM audit_log ORDER BY action`);
  return rows.map((r) => r.action);
}

export interface OverviewRow {
  departmentCode: string;
  departmentName: string;
  unitCode: string;
  unitName: string;
  status: string | null;
  revision: number | null;
  approvedOn: string | null;
  publishedOn: string | null;
  total: string | null;
  publishedTotal: string | null;
}

/** Every active unit with its department that year and its latest budget revision of the year, if any. */
export async function regionOverview(db: DbOrTx, year: number): Promise<OverviewRow[]> {
  const rows = await queryRows<{
    department_code: string;
    department_name: string;
    unit_code: string;
    unit_name: string;
    status: string | null;
    revision: number | null;
    approved_on: string | null;
    published_on: string | null;
    total: string | null;
    published_total: string | null;
  }>(
    db,
    sql`
    SELECT d.code AS department_code, d.name AS department_name, u.code AS unit_code, u.name AS unit_name,
           b.status, b.revision, b.approved_on::text AS approved_on,
           to_char(b.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS published_on,
           (SELECT coalesce(sum(li.amount), 0)::numeric(20,2)::text FROM line_items li WHERE li.budget_id = b.id) AS total,
           (SELECT p.total::numeric(20,2)::text FROM published_snapshots p WHERE p.unit_id = u.id AND p.year = ${year} ORDER BY p.revision DESC LIMIT 1) AS published_total
    FROM organisations u
    JOIN organisations d ON d.id = unit_department(u.id, ${year}::int)
    LEFT JOIN LATERAL (
      SELECT * FROM budgets x WHERE x.unit_id = u.id AND x.year = ${year} ORDER BY x.revision DESC LIMIT 1
    ) b ON TRUE
    WHERE u.kind = 'unit' AND u.active
    ORDER BY d.sort, d.code, u.sort, u.code`,
  );
  return rows.map((r) => ({
    departmentCode: r.department_code,
    departmentName: r.department_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    status: r.status,
    revision: r.revision === null ? null : Number(r.revision),
    approvedOn: r.approved_on,
    publishedOn: r.published_on,
    total: r.total,
    publishedTotal: r.published_total,
  }));
}
