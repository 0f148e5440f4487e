import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";

/** The published revisions of (unit, year), oldest first. */
export function listPublishedFor(db: DbOrTx, unitId: number, year: number) {
  return db
    .select({ revision: s.publishedSnapshots.revision, correctionNote: s.publishedSnapshots.correctionNote, total: s.publishedSnapshots.total })
    .from(s.publishedSnapshots)
    .where(and(eq(s.publishedSnapshots.unitId, unitId), eq(s.publishedSnapshots.year, year)))
    .orderBy(asc(s.publishedSnapshots.revision));
}
