import { aliasedTable, and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { BudgetInput } from "@/lib/budget/types";
import type { CrosswalkEntry } from "@/lib/review/diff";

/** Submission snapshots of a budget, oldest first (without their payload). */
export function listSubmissions(db: DbOrTx, budgetId: number) {
  return db
    .select({ id: s.budgetSnapshots.id, seq: s.budgetSnapshots.seq, createdAt: s.budgetSnapshots.createdAt, total: s.budgetSnapshots.total })
    .from(s.budgetSnapshots)
    .where(and(eq(s.budgetSnapshots.budgetId, budgetId), eq(s.budgetSnapshots.kind, "submission")))
    .orderBy(asc(s.budgetSnapshots.seq));
}

export async function snapshotInput(db: DbOrTx, snapshotId: number): Promise<BudgetInput | null> {
  const [row] = await db.select({ input: s.budgetSnapshots.input }).from(s.budgetSnapshots).where(eq(s.budgetSnapshots.id, snapshotId));
  if (!row) return null;
  return (typeof row.input === "string" ? JSON.parse(row.input) : row.input) as BudgetInput;
}

/** Freeze `input` as the budget's next submission; answers the new snapshot's id and number. */
export async function insertSubmissionSnapshot(tx: DbOrTx, budgetId: number, createdBy: number, total: string, input: BudgetInput, at: Date) {
  const [last] = await tx
    .select({ seq: max(s.budgetSnapshots.seq) })
    .from(s.budgetSnapshots)
    .where(and(eq(s.budgetSnapshots.budgetId, budgetId), eq(s.budgetSnapshots.kind, "submission")));
  const seq = (last?.seq ?? 0) + 1;
  const [row] = await tx
    .insert(s.budgetSnapshots)
    .values({ budgetId, kind: "submission", seq, createdBy, total, input, createdAt: at })
    .returning({ id: s.budgetSnapshots.id });
  return { id: row!.id, seq };
}

export async function latestSubmissionId(db: DbOrTx, budgetId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: s.budgetSnapshots.id })
    .from(s.budgetSnapshots)
    .where(and(eq(s.budgetSnapshots.budgetId, budgetId), eq(s.budgetSnapshots.kind, "submission")))
    .orderBy(desc(s.budgetSnapshots.seq))
    .limit(1);
  return row?.id ?? null;
}

/** Mark the review as started, once; answers whether this call started it. */
export async function markReviewStarted(tx: DbOrTx, budgetId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(s.budgets)
    .set({ reviewStartedAt: at })
    .where(and(eq(s.budgets.id, budgetId), eq(s.budgets.status, "submitted"), isNull(s.budgets.reviewStartedAt)))
    .returning({ id: s.budgets.id });
  return rows.length > 0;
}

export function crosswalkBetween(db: DbOrTx, fromYear: number, toYear: number): Promise<CrosswalkEntry[]> {
  return db
    .select({
      catalog: s.codeCrosswalk.catalog,
      fromYear: s.codeCrosswalk.fromYear,
      fromCode: s.codeCrosswalk.fromCode,
      toYear: s.codeCrosswalk.toYear,
      toCode: s.codeCrosswalk.toCode,
    })
    .from(s.codeCrosswalk)
    .where(and(eq(s.codeCrosswalk.fromYear, fromYear), eq(s.codeCrosswalk.toYear, toYear)));
}

/** Every comment and reply of a budget, oldest first, with author and resolver names. */
export function listCommentThreads(db: DbOrTx, budgetId: number) {
  return db
    .select({
      id: s.comments.id,
      parentId: s.comments.parentId,
      body: s.comments.body,
      tableNumber: s.comments.tableNumber,
      rowCode: s.comments.rowCode,
      lineItemId: s.comments.lineItemId,
      anchorLabel: s.comments.anchorLabel,
      snapshotId: s.comments.snapshotId,
      createdAt: s.comments.createdAt,
      resolvedAt: s.comments.resolvedAt,
      authorName: s.users.displayName,
      authorRole: s.users.role,
      resolvedByName: sql<string | null>`(SELECT r.display_name FROM users r WHERE r.id = ${s.comments.resolvedBy})`,
    })
    .from(s.comments)
    .innerJoin(s.users, eq(s.users.id, s.comments.authorId))
    .where(eq(s.comments.budgetId, budgetId))
    .orderBy(asc(s.comments.createdAt), asc(s.comments.id));
}

export async function findComment(db: DbOrTx, commentId: number) {
  const [row] = await db.select().from(s.comments).where(eq(s.comments.id, commentId));
  return row ?? null;
}

export interface NewComment {
  budgetId: number;
  authorId: number;
  body: string;
  parentId?: number | null;
  tableNumber?: number | null;
  rowCode?: string | null;
  lineItemId?: number | null;
  anchorLabel?: string;
  snapshotId?: number | null;
}

export async function insertComments(tx: DbOrTx, rows: NewComment[]) {
  if (rows.length === 0) return [];
  return tx
    .insert(s.comments)
    .values(
      rows.map((c) => ({
        budgetId: c.budgetId,
        authorId: c.authorId,
        body: c.body,
        parentId: c.parentId ?? null,
        tableNumber: c.tableNumber ?? null,
        rowCode: c.rowCode ?? null,
        lineItemId: c.lineItemId ?? null,
        anchorLabel: c.anchorLabel ?? "",
        snapshotId: c.snapshotId ?? null,
      })),
    )
    .returning({ id: s.comments.id });
}

export async function resolveComment(tx: DbOrTx, commentId: number, userId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(s.comments)
    .set({ resolvedAt: at, resolvedBy: userId })
    .where(and(eq(s.comments.id, commentId), isNull(s.comments.resolvedAt), isNull(s.comments.parentId)))
    .returning({ id: s.comments.id });
  return rows.length > 0;
}

/** Line items of a budget with their words, for naming a comment's target. */
export async function lineItemWords(db: DbOrTx, budgetId: number, lineItemIds: number[]) {
  if (lineItemIds.length === 0) return [];
  return db
    .select({
      id: s.lineItems.id,
      functionCode: s.lineItems.functionCode,
      functionName: s.functionCodes.name,
      economicCode: s.lineItems.economicCode,
      economicName: s.deptEconomicCodes.name,
      kind: s.lineItems.kind,
      projectName: s.projects.name,
      source: s.lineItems.source,
      sourceName: s.fundingSources.name,
      period: s.lineItems.period,
      amount: s.lineItems.amount,
    })
    .from(s.lineItems)
    .leftJoin(s.functionCodes, and(eq(s.functionCodes.year, s.lineItems.year), eq(s.functionCodes.code, s.lineItems.functionCode)))
    .leftJoin(s.deptEconomicCodes, and(eq(s.deptEconomicCodes.year, s.lineItems.year), eq(s.deptEconomicCodes.code, s.lineItems.economicCode)))
    .leftJoin(s.fundingSources, and(eq(s.fundingSources.year, s.lineItems.year), eq(s.fundingSources.code, s.lineItems.source)))
    .leftJoin(s.projects, eq(s.projects.id, s.lineItems.projectId))
    .where(and(eq(s.lineItems.budgetId, budgetId), sql`${s.lineItems.id} IN (${sql.join(lineItemIds.map((i) => sql`${i}`), sql`, `)})`));
}

/** The region-year's display unit (万元 or 元) of a budget. */
export async function budgetDisplayUnit(db: DbOrTx, budgetId: number): Promise<"wan" | "yuan"> {
  const unit = aliasedTable(s.organisations, "unit");
  const department = aliasedTable(s.organisations, "department");
  const [row] = await db
    .select({ amountUnit: s.regionYearSettings.amountUnit })
    .from(s.budgets)
    .innerJoin(unit, eq(unit.id, s.budgets.unitId))
    .innerJoin(department, eq(department.id, unit.parentId))
    .leftJoin(s.regionYearSettings, and(eq(s.regionYearSettings.regionId, department.parentId), eq(s.regionYearSettings.year, s.budgets.year)))
    .where(eq(s.budgets.id, budgetId));
  return row?.amountUnit ?? "wan";
}
