import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type {
  BudgetInput,
  Catalogs,
  LineItem,
  PerformanceTarget,
  SourceCode,
  UnitInfo,
  UnitType,
} from "@/lib/budget/types";

/** The year's catalogues with names, the economic mapping for one unit type. */
export async function loadCatalogs(db: DbOrTx, year: number, unitType: UnitType): Promise<Catalogs> {
  // Sequential, not Promise.all: inside a transaction all queries share one connection.
  const functions = await db
    .select({ code: s.functionCodes.code, name: s.functionCodes.name })
    .from(s.functionCodes)
    .where(eq(s.functionCodes.year, year))
    .orderBy(asc(s.functionCodes.code));
  const deptEconomic = await db
    .select({ code: s.deptEconomicCodes.code, name: s.deptEconomicCodes.name })
    .from(s.deptEconomicCodes)
    .where(eq(s.deptEconomicCodes.year, year))
    .orderBy(asc(s.deptEconomicCodes.code));
  const govEconomic = await db
    .select({ code: s.govEconomicCodes.code, name: s.govEconomicCodes.name })
    .from(s.govEconomicCodes)
    .where(eq(s.govEconomicCodes.year, year))
    .orderBy(asc(s.govEconomicCodes.code));
  const econMapping = await db
    .select({ deptCode: s.economicMappings.deptCode, govCode: s.economicMappings.govCode })
    .from(s.economicMappings)
    .where(and(eq(s.economicMappings.year, year), eq(s.economicMappings.unitType, unitType)))
    .orderBy(asc(s.economicMappings.deptCode));
  return { functions, deptEconomic, govEconomic, econMapping };
}

interface UnitRow {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  unit_type: UnitType;
  department_name: string;
  region_id: number;
  region_code: string;
  region_name: string;
}

/** Units with their department and region, by organisation id. */
async function loadUnits(db: DbOrTx, unitIds: number[]): Promise<Map<number, UnitRow>> {
  const rows = await queryRows<UnitRow>(
    db,
    sql`
    SELECT u.id, u.code, u.name, u.short_name, u.unit_type, d.name AS department_name,
           r.id AS region_id, r.code AS region_code, r.name AS region_name
    FROM organisations u
    JOIN organisations d ON d.id = u.parent_id AND d.kind = 'department'
    JOIN organisations r ON r.id = d.parent_id AND r.kind = 'region'
    WHERE u.kind = 'unit' AND u.id IN (${sql.join(unitIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), region_id: Number(r.region_id) }]));
}

function unitInfo(u: UnitRow): UnitInfo {
  return {
    code: u.code,
    name: u.name,
    ...(u.short_name ? { shortName: u.short_name } : {}),
    type: u.unit_type,
    departmentName: u.department_name,
    regionCode: u.region_code,
    regionName: u.region_name,
  };
}

/** The latest published revision's input for (unit, year), without its own prior year. */
export async function loadPublishedInput(db: DbOrTx, unitId: number, year: number): Promise<BudgetInput | null> {
  const [snap] = await db
    .select({ input: s.publishedSnapshots.input })
    .from(s.publishedSnapshots)
    .where(and(eq(s.publishedSnapshots.unitId, unitId), eq(s.publishedSnapshots.year, year)))
    .orderBy(desc(s.publishedSnapshots.revision))
    .limit(1);
  if (!snap) return null;
  return { ...(snap.input as BudgetInput), priorBudget: null };
}

/** The latest published inputs of several (unit, year) pairs, keyed "unitId:year", in one query. */
async function loadPublishedInputs(db: DbOrTx, pairs: { unitId: number; year: number }[]): Promise<Map<string, BudgetInput>> {
  const rows = await queryRows<{ unit_id: number; year: number; input: BudgetInput }>(
    db,
    sql`
    SELECT DISTINCT ON (unit_id, year) unit_id, year, input
    FROM published_snapshots
    WHERE (unit_id, year) IN (${sql.join(pairs.map((p) => sql`(${p.unitId}::int, ${p.year}::int)`), sql`, `)})
    ORDER BY unit_id, year, revision DESC`,
  );
  return new Map(rows.map((r) => [`${r.unit_id}:${r.year}`, { ...r.input, priorBudget: null }]));
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export interface LoadOptions {
  /** Attach the prior year's published input (default true). */
  withPrior?: boolean;
  /**
   * Sum line items in the database, one line per (function, economic, kind, project, source,
   * period) of each budget, instead of reading them one by one: the consolidation path.
   */
  aggregateLines?: boolean;
}

async function loadLines(db: DbOrTx, budgetIds: number[], aggregate: boolean) {
  if (!aggregate) {
    return db
      .select({
        id: s.lineItems.id,
        budgetId: s.lineItems.budgetId,
        functionCode: s.lineItems.functionCode,
        economicCode: s.lineItems.economicCode,
        kind: s.lineItems.kind,
        projectId: s.lineItems.projectId,
        source: s.lineItems.source,
        period: s.lineItems.period,
        amount: s.lineItems.amount,
      })
      .from(s.lineItems)
      .where(inArray(s.lineItems.budgetId, budgetIds))
      .orderBy(asc(s.lineItems.budgetId), asc(s.lineItems.sort), asc(s.lineItems.id));
  }
  const rows = await queryRows<{
    budget_id: number;
    function_code: string;
    economic_code: string;
    kind: "personnel" | "public" | "project";
    project_id: number | null;
    source: string;
    period: "current" | "carryover";
    amount: string;
    n: number;
  }>(
    db,
    sql`
    SELECT budget_id, function_code, economic_code, kind, project_id, source, period,
           sum(amount)::text AS amount, min(id)::int AS n
    FROM line_items
    WHERE budget_id IN (${sql.join(budgetIds.map((id) => sql`${id}`), sql`, `)})
    GROUP BY budget_id, function_code, economic_code, kind, project_id, source, period
    ORDER BY budget_id, n`,
  );
  return rows.map((r, i) => ({
    id: i + 1,
    budgetId: Number(r.budget_id),
    functionCode: r.function_code,
    economicCode: r.economic_code,
    kind: r.kind,
    projectId: r.project_id === null ? null : Number(r.project_id),
    source: r.source,
    period: r.period,
    amount: r.amount,
  }));
}

/**
 * Everything the engine needs for a set of budgets, in a fixed number of queries whatever the
 * number of budgets (a department of a thousand units is read in one pass). Results are in the
 * order of `budgetIds`. The prior year comes from each unit's published budget of the year before.
 */
export async function loadBudgetInputs(db: DbOrTx, budgetIds: number[], options: LoadOptions = {}): Promise<BudgetInput[]> {
  if (budgetIds.length === 0) return [];
  const budgets = await db.select().from(s.budgets).where(inArray(s.budgets.id, budgetIds));
  const byId = new Map(budgets.map((b) => [b.id, b]));
  for (const id of budgetIds) if (!byId.has(id)) throw new Error(`budget ${id} not found`);

  const units = await loadUnits(db, [...new Set(budgets.map((b) => b.unitId))]);
  const catalogCache = new Map<string, Catalogs>();
  for (const b of budgets) {
    const type = units.get(b.unitId)!.unit_type;
    const key = `${b.year}:${type}`;
    if (!catalogCache.has(key)) catalogCache.set(key, await loadCatalogs(db, b.year, type));
  }
  const years = [...new Set(budgets.map((b) => b.year))];
  const settings = await db.select().from(s.regionYearSettings).where(inArray(s.regionYearSettings.year, years));
  const glossary = groupBy(
    await db.select().from(s.glossaryEntries).where(inArray(s.glossaryEntries.year, years)).orderBy(asc(s.glossaryEntries.sort)),
    (g) => g.year,
  );

  const profiles = new Map(
    (await db.select().from(s.unitProfiles).where(inArray(s.unitProfiles.budgetId, budgetIds))).map((p) => [p.budgetId, p]),
  );
  const departments = groupBy(
    await db.select().from(s.internalDepartments).where(inArray(s.internalDepartments.budgetId, budgetIds)).orderBy(asc(s.internalDepartments.sort)),
    (d) => d.budgetId,
  );
  const projects = groupBy(
    await db.select().from(s.projects).where(inArray(s.projects.budgetId, budgetIds)).orderBy(asc(s.projects.sort), asc(s.projects.id)),
    (p) => p.budgetId,
  );
  const lines = groupBy(await loadLines(db, budgetIds, options.aggregateLines ?? false), (l) => l.budgetId);
  const procurement = groupBy(
    await db.select().from(s.procurementItems).where(inArray(s.procurementItems.budgetId, budgetIds)).orderBy(asc(s.procurementItems.sort), asc(s.procurementItems.id)),
    (p) => p.budgetId,
  );
  const services = groupBy(
    await db
      .select()
      .from(s.purchasedServiceItems)
      .where(inArray(s.purchasedServiceItems.budgetId, budgetIds))
      .orderBy(asc(s.purchasedServiceItems.sort), asc(s.purchasedServiceItems.id)),
    (p) => p.budgetId,
  );
  const targetRows = await db.select().from(s.performanceTargets).where(inArray(s.performanceTargets.budgetId, budgetIds)).orderBy(asc(s.performanceTargets.id));
  const targetIds = targetRows.map((t) => t.id);
  const tasks = groupBy(
    targetIds.length
      ? await db.select().from(s.performanceTasks).where(inArray(s.performanceTasks.targetId, targetIds)).orderBy(asc(s.performanceTasks.sort))
      : [],
    (k) => k.targetId,
  );
  const indicators = groupBy(
    targetIds.length
      ? await db.select().from(s.performanceIndicators).where(inArray(s.performanceIndicators.targetId, targetIds)).orderBy(asc(s.performanceIndicators.sort))
      : [],
    (i) => i.targetId,
  );
  const targets = groupBy(targetRows, (t) => t.budgetId);
  const assets = new Map((await db.select().from(s.assets).where(inArray(s.assets.budgetId, budgetIds))).map((a) => [a.budgetId, a]));

  const out: BudgetInput[] = [];
  for (const budgetId of budgetIds) {
    const budget = byId.get(budgetId)!;
    const unit = units.get(budget.unitId)!;
    const profile = profiles.get(budgetId);
    const asset = assets.get(budgetId);
    const performance: PerformanceTarget[] = (targets.get(budgetId) ?? []).map((t) => ({
      projectId: t.projectId === null ? null : String(t.projectId),
      goal: t.goal,
      tasks: (tasks.get(t.id) ?? []).map((k) => ({ name: k.name, amount: k.amount })),
      indicators: (indicators.get(t.id) ?? []).map((i) => ({
        level1: i.level1,
        level2: i.level2,
        level3: i.level3,
        operator: i.operator,
        value: i.value,
        unit: i.unit,
        deadline: i.deadline,
      })),
    }));
    const lineItems: LineItem[] = (lines.get(budgetId) ?? []).map((l) => ({
      id: String(l.id),
      functionCode: l.functionCode,
      economicCode: l.economicCode,
      kind: l.kind,
      projectId: l.projectId === null ? null : String(l.projectId),
      source: l.source as SourceCode,
      period: l.period,
      amount: l.amount,
    }));
    out.push({
      unit: unitInfo(unit),
      year: budget.year,
      revision: budget.revision,
      amountUnit: settings.find((x) => x.regionId === unit.region_id && x.year === budget.year)?.amountUnit ?? "wan",
      catalogs: catalogCache.get(`${budget.year}:${unit.unit_type}`)!,
      lineItems,
      projects: (projects.get(budgetId) ?? []).map((p) => ({ id: String(p.id), name: p.name, content: p.content, debtFinanced: p.debtFinanced, sort: p.sort })),
      procurement: (procurement.get(budgetId) ?? []).map((p) => ({
        id: String(p.id),
        projectId: p.projectId === null ? null : String(p.projectId),
        name: p.name,
        category: p.category,
        source: p.source as SourceCode,
        period: p.period,
        amount: p.amount,
        smeReserved: p.smeReserved,
      })),
      purchasedServices: (services.get(budgetId) ?? []).map((p) => ({
        id: String(p.id),
        functionClassCode: p.functionClassCode,
        name: p.name,
        catalogueCode: p.catalogueCode,
        catalogueName: p.catalogueName,
        source: p.source as SourceCode,
        period: p.period,
        amount: p.amount,
      })),
      targets: performance,
      profile: {
        duties: profile?.duties ?? [],
        composition: profile?.composition ?? "",
        departments: (departments.get(budgetId) ?? []).map((d) => ({ name: d.name, duties: d.duties, staffing: d.staffing, leaders: d.leaders })),
      },
      assets: asset
        ? {
            asOf: asset.asOf,
            vehicles: {
              ministerial: asset.vehiclesMinisterial,
              general: asset.vehiclesGeneral,
              enforcement: asset.vehiclesEnforcement,
              special: asset.vehiclesSpecial,
              other: asset.vehiclesOther,
            },
            largeEquipment: asset.largeEquipment,
            note: asset.note,
          }
        : null,
      narrative: { totalChangeReason: budget.totalChangeReason, sanggongChangeReason: budget.sanggongChangeReason, overview: budget.overview },
      baseline:
        budget.baselineTotal === null ? null : { total: budget.baselineTotal, ...(budget.baselineSanggong ? { sanggong: budget.baselineSanggong } : {}) },
      priorBudget: null,
      glossary: (glossary.get(budget.year) ?? []).map((g) => ({ term: g.term, definition: g.definition })),
    });
  }

  if (options.withPrior !== false) {
    const priors = await loadPublishedInputs(db, budgets.map((b) => ({ unitId: b.unitId, year: b.year - 1 })));
    for (const [i, budgetId] of budgetIds.entries()) {
      const budget = byId.get(budgetId)!;
      out[i]!.priorBudget = priors.get(`${budget.unitId}:${budget.year - 1}`) ?? null;
    }
  }
  return out;
}

/** Everything the engine needs for one budget. */
export async function loadBudgetInput(db: DbOrTx, budgetId: number, options: LoadOptions = {}): Promise<BudgetInput> {
  const [input] = await loadBudgetInputs(db, [budgetId], options);
  return input!;
}
