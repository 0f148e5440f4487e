import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { listAuditActions, listAuditLog, regionOverview, type AuditFilter } from "../queries/audit";
import { fiscalYearExists } from "../queries/fiscal-years";
import { sumMoney, toYuanString } from "@/lib/money";
import { STATUS_LABELS, dateInChina, deadlineStatus } from "@/lib/workflow";
import { AppError, assertPermission } from "./errors";

/** The audit log for the admin, filtered; at most `limit` rows (newest first). */
export async function getAuditLog(db: DbOrTx, actor: SessionUser, filter: Omit<AuditFilter, "limit"> & { limit?: number }) {
  assertPermission(actor, "admin.manage");
  const rows = await listAuditLog(db, { ...filter, limit: Math.min(filter.limit ?? 200, 1000) });
  const actions = await listAuditActions(db);
  return { rows, actions };
}

/**
 * The region at a glance for one year: each unit's budget state, whether its publication is late
 * (批复 + 20 days), and totals by department (latest revisions, and what is published).
 */
export async function getRegionOverview(db: DbOrTx, actor: SessionUser, year: number, today: string = dateInChina(new Date())) {
  assertPermission(actor, "admin.manage");
  if (!(await fiscalYearExists(db, year))) throw new AppError("NOT_FOUND", `${year} 年度未开设`);
  const rows = await regionOverview(db, year);
  const units = rows.map((r) => {
    const d = r.approvedOn ? deadlineStatus(r.approvedOn, r.publishedOn, today) : null;
    return {
      ...r,
      statusLabel: r.status ? STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] : "未编制",
      deadline: d?.deadline ?? null,
      late: d?.late ?? false,
    };
  });
  const departments = new Map<string, { code: string; name: string; units: number; published: number; late: number; total: string; publishedTotal: string }>();
  for (const code of new Set(units.map((u) => u.departmentCode))) {
    const mine = units.filter((u) => u.departmentCode === code);
    departments.set(code, {
      code,
      name: mine[0]!.departmentName,
      units: mine.length,
      published: mine.filter((u) => u.publishedTotal !== null).length,
      late: mine.filter((u) => u.late).length,
      total: toYuanString(sumMoney(mine.map((u) => u.total ?? "0"))),
      publishedTotal: toYuanString(sumMoney(mine.map((u) => u.publishedTotal ?? "0"))),
    });
  }
  return { year, today, units, departments: [...departments.values()] };
}
