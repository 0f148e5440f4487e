import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../db/client";
import * as s from "../db/schema";
import type { SessionUser } from "../auth/session";
import { loadBudgetInput } from "../queries/budget-input";
import { insertBudgetContent } from "../queries/budget-write";
import {
  copySourceOf,
  findBudget,
  latestRevision,
  listApprovedBudgets,
  listAuditEntries,
  listBudgets,
  listComments,
  listFiscalYears,
  listLineItems,
  listProjects,
  listUnits,
} from "../queries/budgets";
import { unitInScope } from "../queries/scope";
import { lineItemChoices, loadYearCatalogue } from "../queries/catalogue";
import { computeDisclosure, type BudgetInput } from "@/lib/budget";
import { copiedFromPriorWarnings } from "@/lib/workflow/copied";
import { Decimal } from "@/lib/money";
import { allowedActions, dateInChina, deadlineStatus, nextStepLabel, STATUS_LABELS } from "@/lib/workflow";
import { AppError, assertPermission, notFound } from "./errors";
import { writeAudit } from "./audit";
import { lockForAction, type BudgetRef } from "./budget-guard";

// ---------------------------------------------------------------------------
// Reads: every one goes through the scoped queries, so another scope's id answers NOT_FOUND.
// ---------------------------------------------------------------------------

export async function listBudgetsFor(db: DbOrTx, actor: SessionUser) {
  const rows = await listBudgets(db, actor.scope);
  return rows.map((b) => ({
    ...b,
    statusLabel: STATUS_LABELS[b.status],
    nextStep: nextStepLabel(b.status, actor.role),
    actions: allowedActions(b.status, actor.role),
  }));
}

async function requireBudget(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await findBudget(db, actor.scope, budgetId);
  if (!budget) throw notFound();
  return budget;
}

export async function getBudget(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await requireBudget(db, actor, budgetId);
  // One after the other: `db` may be a transaction, whose queries share one connection.
  const lineItems = await listLineItems(db, budgetId);
  const projects = await listProjects(db, budgetId);
  const comments = await listComments(db, budgetId);
  const latest = await latestRevision(db, budget.unitId, budget.year);
  const isLatestRevision = (latest ?? budget.revision) === budget.revision;
  return {
    budget: { ...budget, statusLabel: STATUS_LABELS[budget.status] },
    lineItems,
    projects,
    comments,
    // A correction is only started from the newest revision; the older ones stay as they were.
    actions: allowedActions(budget.status, actor.role).filter((a) => a !== "correct" || isLatestRevision),
  };
}

/** The engine's live checks and headline figures for a budget, as the preparer and the reviewer see them. */
export async function getBudgetChecks(db: DbOrTx, actor: SessionUser, budgetId: number) {
  await requireBudget(db, actor, budgetId);
  const input = await loadBudgetInput(db, budgetId);
  const disclosure = computeDisclosure(input);
  // A budget copied from the prior year: unchanged 上年结转 lines and reasons are flagged to review.
  const sourceId = await copySourceOf(db, budgetId);
  const copied = sourceId === null ? [] : copiedFromPriorWarnings(input, await loadBudgetInput(db, sourceId, { withPrior: false }));
  return {
    checks: [...disclosure.checks, ...copied],
    summary: disclosure.summary,
    total: disclosure.yearOverYear.total,
    amountUnit: disclosure.amountUnit,
  };
}

export async function getFormOptions(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await requireBudget(db, actor, budgetId);
  return lineItemChoices(await loadYearCatalogue(db, budget.year));
}

/** What a new budget can be for: the units in scope and the fiscal years open for drafting. */
export async function getCreateOptions(db: DbOrTx, actor: SessionUser) {
  const units = await listUnits(db, actor.scope);
  const years = await listFiscalYears(db);
  const budgets = await listBudgets(db, actor.scope);
  const used = new Map<number, Set<number>>();
  for (const b of budgets) (used.get(b.unitId) ?? used.set(b.unitId, new Set()).get(b.unitId)!).add(b.year);
  return {
    units: units.map((u) => ({ ...u, freeYears: freeYearsOf(years.map((y) => y.year), used.get(u.id) ?? new Set()) })),
    years,
  };
}

/** The open years a unit has no budget for, the next one (after its latest budget) first, then the others newest first. */
export function freeYearsOf(open: number[], used: Set<number>): number[] {
  const free = open.filter((y) => !used.has(y)).sort((a, b) => b - a);
  const latest = used.size ? Math.max(...used) : null;
  const next = latest !== null && free.includes(latest + 1) ? latest + 1 : null;
  return next === null ? free : [next, ...free.filter((y) => y !== next)];
}

export async function getTimeline(db: DbOrTx, actor: SessionUser, budgetId: number) {
  await requireBudget(db, actor, budgetId);
  return listAuditEntries(db, budgetId);
}

/** Each approved budget's 20-day disclosure deadline (预算法 第十四条) and whether it was missed. */
export async function listDeadlines(db: DbOrTx, actor: SessionUser, today: string = dateInChina(new Date())) {
  const rows = await listApprovedBudgets(db, actor.scope);
  return rows.flatMap((b) => {
    if (b.approvedOn === null) return [];
    const publishedOn = b.publishedAt ? dateInChina(b.publishedAt) : null;
    return [
      {
        budgetId: b.id,
        unitCode: b.unitCode,
        unitName: b.unitName,
        departmentName: b.departmentName,
        year: b.year,
        revision: b.revision,
        status: b.status,
        statusLabel: STATUS_LABELS[b.status],
        approvedOn: b.approvedOn,
        publishedOn,
        ...deadlineStatus(b.approvedOn, publishedOn, today),
      },
    ];
  });
}

// ---------------------------------------------------------------------------
// Creating a budget and starting a correction: both copy content into a new budget row.
// ---------------------------------------------------------------------------

/**
 * Keep what the target year's catalogue still knows. A code retired between the years cannot be
 * stored (the foreign keys refuse it); such rows are left out and counted, for the preparer to re-enter.
 */
async function fitToYear(tx: DbOrTx, input: BudgetInput, year: number): Promise<{ input: BudgetInput; skipped: number }> {
  if (input.year === year) return { input, skipped: 0 };
  const options = lineItemChoices(await loadYearCatalogue(tx, year));
  const set = (rows: { code: string }[]) => new Set(rows.map((r) => r.code));
  const known = { functions: set(options.functions), economics: set(options.economics), sources: set(options.sources) };
  const lineItems = input.lineItems.filter(
    (l) => known.functions.has(l.functionCode) && known.economics.has(l.economicCode) && known.sources.has(l.source),
  );
  const procurement = input.procurement.filter((p) => known.sources.has(p.source));
  const purchasedServices = input.purchasedServices.filter((p) => known.functions.has(p.functionClassCode) && known.sources.has(p.source));
  const skipped =
    input.lineItems.length - lineItems.length + input.procurement.length - procurement.length + input.purchasedServices.length - purchasedServices.length;
  return { input: { ...input, year, lineItems, procurement, purchasedServices }, skipped };
}

/** Copy a budget's content (texts, projects, line items, targets…) into another, empty budget. */
async function copyContent(tx: Tx, fromBudgetId: number, to: { budgetId: number; year: number }) {
  const source = await loadBudgetInput(tx, fromBudgetId, { withPrior: false });
  const fitted = await fitToYear(tx, source, to.year);
  await insertBudgetContent(tx, to.budgetId, to.year, fitted.input);
  return { source, skipped: fitted.skipped };
}

/** The prior year's budget to start from: its latest published revision, else its latest revision. */
async function priorBudgetOf(tx: DbOrTx, unitId: number, year: number) {
  const [row] = await tx
    .select({ id: s.budgets.id, revision: s.budgets.revision, status: s.budgets.status })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, year)))
    .orderBy(sql`(${s.budgets.status} = 'published') DESC`, desc(s.budgets.revision))
    .limit(1);
  return row ?? null;
}

/** The prior year's figures a new budget compares against when that year is not published. */
function baselineOf(prior: BudgetInput) {
  const disclosure = computeDisclosure({ ...prior, priorBudget: null });
  const sanggong = (key: string) => disclosure.yearOverYear.sanggong.find((c) => c.key === key)?.current ?? "0.00";
  // The breakdowns the 情况说明 compares by: per source (and 上年结转), per kind, per 功能分类 类.
  const sum = (pick: (l: BudgetInput["lineItems"][number]) => string | null) => {
    const out = new Map<string, Decimal>();
    for (const l of prior.lineItems) {
      const k = pick(l);
      if (k !== null) out.set(k, (out.get(k) ?? new Decimal(0)).plus(new Decimal(l.amount)));
    }
    return out;
  };
  const bySource = Object.fromEntries([...sum((l) => (l.period === "carryover" ? "carryover" : l.source))].map(([k, v]) => [k, v.toFixed(2)]));
  const kinds = sum((l) => (l.kind === "project" ? "project" : "basic"));
  const classes = sum((l) => l.functionCode.slice(0, 3));
  return {
    baselineTotal: disclosure.summary.total,
    baselineDetail: {
      bySource,
      byKind: { basic: (kinds.get("basic") ?? new Decimal(0)).toFixed(2), project: (kinds.get("project") ?? new Decimal(0)).toFixed(2) },
      byFunctionClass: [...classes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, v]) => ({ code, amount: v.toFixed(2) })),
    },
    baselineSanggong: {
      abroad: sanggong("abroad"),
      reception: sanggong("reception"),
      vehiclePurchase: sanggong("vehiclePurchase"),
      vehicleOperation: sanggong("vehicleOperation"),
    },
  };
}

export interface CreateBudgetParams {
  /** The unit; a preparer may leave it out (their own unit). */
  unitId?: number;
  year: number;
  from: "blank" | "prior";
}

export async function createBudget(db: DbOrTx, actor: SessionUser, params: CreateBudgetParams) {
  assertPermission(actor, "budget.create");
  const unitId = params.unitId ?? (actor.scope.kind === "unit" ? actor.scope.unitId : undefined);
  if (unitId === undefined) throw new AppError("BAD_REQUEST", "请选择预算单位");

  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: s.organisations.id, active: s.organisations.active })
      .from(s.organisations)
      .where(and(eq(s.organisations.id, unitId), eq(s.organisations.kind, "unit"), unitInScope(actor.scope, s.organisations.id, sql`${params.year}::int`)));
    if (!unit) throw notFound("预算单位");
    if (!unit.active) throw new AppError("BAD_REQUEST", "该单位已停用，不能新建预算");
    const [fiscalYear] = await tx.select().from(s.fiscalYears).where(eq(s.fiscalYears.year, params.year));
    if (!fiscalYear) throw new AppError("BAD_REQUEST", `${params.year} 年度尚未开放编制`);
    // Serialise creations for one unit, so two clicks cannot both pass the check below.
    await tx.execute(sql`SELECT id FROM organisations WHERE id = ${unitId} FOR UPDATE`);
    const [existing] = await tx
      .select({ revision: s.budgets.revision, status: s.budgets.status })
      .from(s.budgets)
      .where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, params.year)))
      .orderBy(desc(s.budgets.revision))
      .limit(1);
    if (existing) throw new AppError("CONFLICT", `该单位 ${params.year} 年度预算已存在，不能重复新建`);

    const prior = params.from === "prior" ? await priorBudgetOf(tx, unitId, params.year - 1) : null;
    if (params.from === "prior" && !prior) throw new AppError("BAD_REQUEST", `没有 ${params.year - 1} 年度预算可以复制，请新建空白预算`);

    const [created] = await tx.insert(s.budgets).values({ unitId, year: params.year, revision: 1, status: "draft" }).returning();
    if (!created) throw new Error("insert returned nothing");
    let skipped = 0;
    if (prior) {
      const copied = await copyContent(tx, prior.id, { budgetId: created.id, year: params.year });
      skipped = copied.skipped;
      await tx
        .update(s.budgets)
        .set({ ...copiedTexts(copied.source), ...baselineOf(copied.source) })
        .where(eq(s.budgets.id, created.id));
    }
    await writeAudit(tx, {
      userId: actor.id,
      action: "create",
      entity: "budget",
      entityId: created.id,
      budgetId: created.id,
      after: { year: params.year, revision: 1, status: "draft", from: params.from, priorBudgetId: prior?.id ?? null, skippedRows: skipped },
    });
    return { budgetId: created.id, version: created.version, skippedRows: skipped };
  });
}

function copiedTexts(input: BudgetInput) {
  return {
    totalChangeReason: input.narrative.totalChangeReason,
    sanggongChangeReason: input.narrative.sanggongChangeReason,
    overview: input.narrative.overview,
  };
}

/**
 * 更正: a new revision (draft) with the published content. The published revision stays public
 * until the correction is published; it is not changed, not even its version.
 */
export async function startCorrection(db: DbOrTx, actor: SessionUser, ref: BudgetRef) {
  return db.transaction(async (tx) => {
    const published = await lockForAction(tx, actor, ref, "correct");
    const latest = (await latestRevision(tx, published.unitId, published.year)) ?? published.revision;
    if (latest !== published.revision) {
      throw new AppError("CONFLICT", `已有第 ${latest} 版更正正在办理或已公开，只能更正最新版本`);
    }
    const revision = published.revision + 1;
    const [created] = await tx
      .insert(s.budgets)
      .values({
        unitId: published.unitId,
        year: published.year,
        revision,
        status: "draft",
        baselineTotal: published.baselineTotal,
        baselineSanggong: published.baselineSanggong,
        baselineDetail: published.baselineDetail,
        totalChangeReason: published.totalChangeReason,
        sanggongChangeReason: published.sanggongChangeReason,
        overview: published.overview,
      })
      .returning();
    if (!created) throw new Error("insert returned nothing");
    await copyContent(tx, published.id, { budgetId: created.id, year: published.year });
    await writeAudit(tx, {
      userId: actor.id,
      action: "correct",
      entity: "budget",
      entityId: created.id,
      budgetId: created.id,
      after: { status: "draft", revision, correctsBudgetId: published.id },
    });
    // Also on the published revision's own timeline, which otherwise stays as it was.
    await writeAudit(tx, {
      userId: actor.id,
      action: "correct",
      entity: "budget",
      entityId: published.id,
      budgetId: published.id,
      after: { correctionBudgetId: created.id, revision },
    });
    return { budgetId: created.id, version: created.version, revision };
  });
}
