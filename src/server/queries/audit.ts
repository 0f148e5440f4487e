import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";

/** One audit row; inside the mutation's own transaction. */
export async function insertAuditRow(tx: DbOrTx, row: typeof s.auditLog.$inferInsert): Promise<void> {
  await tx.insert(s.auditLog).values(row);
}
