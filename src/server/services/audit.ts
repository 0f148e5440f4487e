import type { DbOrTx } from "../db/client";
import { insertAuditRow } from "../queries/audit";

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity:
    | "budget"
    | "line_item"
    | "project"
    | "procurement_item"
    | "purchased_service_item"
    | "performance_target"
    | "comment"
    | "user"
    | "fiscal_year"
    | "settings"
    | "glossary"
    | "organisation"
    | "catalogue";
  entityId: number | string;
  budgetId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Call inside the mutation's own transaction: the audit row commits or rolls back with it. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await insertAuditRow(tx, {
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    budgetId: entry.budgetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Only what changed between two versions of a record, as {before, after} with the same keys. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const from = before[key];
    const to = after[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) {
      b[key] = from ?? null;
      a[key] = to;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
