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

type Thunks<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

async function inSequence<T extends readonly unknown[]>(thunks: readonly [...Thunks<T>]): Promise<T> {
  const out: unknown[] = [];
  for (const thunk of thunks) out.push(await thunk());
  return out as unknown as T;
}

/** The year's catalogues with names, the economic mapping for one unit type. */
export async function loadCatalogs(db: DbOrTx, year: number, unitType: UnitType): Promise<Catalogs> {
  // Sequential, not Promise.all: inside a transaction all queries share one connection.
  const [functions, deptEconomic, govEconomic, econMapping] = await inSequence([
    () => db.select({ code: s.functionCodes.code, name: s.functionCodes.name }).from(s.functionCodes).where(eq(s.functionCodes.year, year)).orderBy(asc(s.functionCodes.code)),
    () => db.select({ code: s.deptEconomicCodes.code, name: s.deptEconomicCodes.name }).from(s.deptEconomicCodes).where(eq(s.deptEconomicCodes.year, year)).orderBy(asc(s.deptEconomicCodes.code)),
    () => db.select({ code: s.govEconomicCodes.code, name: s.govEconomicCodes.name }).from(s.govEconomicCodes).where(eq(s.govEconomicCodes.year, year)).orderBy(asc(s.govEconomicCodes.code)),
    () =>
      db
      .select({ deptCode: s.economicMappings.deptCode, govCode: s.economicMappings.govCode })
      .from(s.economicMappings)
      .where(and(eq(s.economicMappings.year, year), eq(s.economicMappings.unitType, unitType)))
      .orderBy(asc(s.economicMappings.deptCode)),
  ]);
  return { functions, deptEconomic, govEconomic, econMapping };
}

/** Unit, its department and its region, by the unit's organisation id. */
export async function loadUnitInfo(db: DbOrTx, unitId: number): Promise<UnitInfo & { departmentCode: string; regionId: number }> {
  const rows = await queryRows<{
    code: string;
    name: string;
    unit_type: UnitType;
    department_code: string;
    department_name: string;
    region_id: number;
    region_code: string;
    region_name: string;
  }>(
    db,
    sql`
    SELECT u.code, u.name, u.unit_type, d.code AS department_code, d.name AS department_name,
           r.id AS region_id, r.code AS region_code, r.name AS region_name
    FROM organisations u
    JOIN organisations d ON d.id = u.parent_id AND d.kind = 'department'
    JOIN organisations r ON r.id = d.parent_id AND r.kind = 'region'
    WHERE u.id = ${unitId} AND u.kind = 'unit'`);
  const row = rows[0];
  if (!row) throw new Error(`unit ${unitId} not found`);
  return {
    code: row.code,
    name: row.name,
    type: row.unit_type,
    departmentCode: row.department_code,
    departmentName: row.department_name,
    regionId: Number(row.region_id),
    regionCode: row.region_code,
    regionName: row.region_name,
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

/**
 * Everything the engine needs for one budget, read from the database. The prior year comes from
 * the same unit's published budget of the year before when there is one.
 */
export async function loadBudgetInput(db: DbOrTx, budgetId: number, options: { withPrior?: boolean } = {}): Promise<BudgetInput> {
  const [budget] = await db.select().from(s.budgets).where(eq(s.budgets.id, budgetId));
  if (!budget) throw new Error(`budget ${budgetId} not found`);
  const unit = await loadUnitInfo(db, budget.unitId);

  const [catalogs, setting, profile, departments, projects, lines, procurement, services, targets, asset, glossary] = await inSequence([
    () => loadCatalogs(db, budget.year, unit.type),
    () =>
      db
      .select({ amountUnit: s.regionYearSettings.amountUnit })
      .from(s.regionYearSettings)
      .where(and(eq(s.regionYearSettings.regionId, unit.regionId), eq(s.regionYearSettings.year, budget.year))),
    () => db.select().from(s.unitProfiles).where(eq(s.unitProfiles.budgetId, budgetId)),
    () => db.select().from(s.internalDepartments).where(eq(s.internalDepartments.budgetId, budgetId)).orderBy(asc(s.internalDepartments.sort)),
    () => db.select().from(s.projects).where(eq(s.projects.budgetId, budgetId)).orderBy(asc(s.projects.sort), asc(s.projects.id)),
    () => db.select().from(s.lineItems).where(eq(s.lineItems.budgetId, budgetId)).orderBy(asc(s.lineItems.sort), asc(s.lineItems.id)),
    () => db.select().from(s.procurementItems).where(eq(s.procurementItems.budgetId, budgetId)).orderBy(asc(s.procurementItems.sort), asc(s.procurementItems.id)),
    () => db.select().from(s.purchasedServiceItems).where(eq(s.purchasedServiceItems.budgetId, budgetId)).orderBy(asc(s.purchasedServiceItems.sort), asc(s.purchasedServiceItems.id)),
    () => db.select().from(s.performanceTargets).where(eq(s.performanceTargets.budgetId, budgetId)).orderBy(asc(s.performanceTargets.id)),
    () => db.select().from(s.assets).where(eq(s.assets.budgetId, budgetId)),
    () => db.select().from(s.glossaryEntries).where(eq(s.glossaryEntries.year, budget.year)).orderBy(asc(s.glossaryEntries.sort)),
  ]);

  const targetIds = targets.map((t) => t.id);
  const [tasks, indicators] = targetIds.length
    ? await inSequence([
        () => db.select().from(s.performanceTasks).where(inArray(s.performanceTasks.targetId, targetIds)).orderBy(asc(s.performanceTasks.sort)),
        () => db.select().from(s.performanceIndicators).where(inArray(s.performanceIndicators.targetId, targetIds)).orderBy(asc(s.performanceIndicators.sort)),
      ])
    : [[], []];

  const performance: PerformanceTarget[] = targets.map((t) => ({
    projectId: t.projectId === null ? null : String(t.projectId),
    goal: t.goal,
    tasks: tasks.filter((k) => k.targetId === t.id).map((k) => ({ name: k.name, amount: k.amount })),
    indicators: indicators
      .filter((i) => i.targetId === t.id)
      .map((i) => ({ level1: i.level1, level2: i.level2, level3: i.level3, operator: i.operator, value: i.value, unit: i.unit, deadline: i.deadline })),
  }));

  const lineItems: LineItem[] = lines.map((l) => ({
    id: String(l.id),
    functionCode: l.functionCode,
    economicCode: l.economicCode,
    kind: l.kind,
    projectId: l.projectId === null ? null : String(l.projectId),
    source: l.source as SourceCode,
    period: l.period,
    amount: l.amount,
  }));

  const priorBudget = options.withPrior === false ? null : await loadPublishedInput(db, budget.unitId, budget.year - 1);
  const { departmentCode: _d, regionId: _r, ...unitInfo } = unit;

  return {
    unit: unitInfo,
    year: budget.year,
    revision: budget.revision,
    amountUnit: setting[0]?.amountUnit ?? "wan",
    catalogs,
    lineItems,
    projects: projects.map((p) => ({ id: String(p.id), name: p.name, content: p.content, debtFinanced: p.debtFinanced, sort: p.sort })),
    procurement: procurement.map((p) => ({
      id: String(p.id),
      projectId: p.projectId === null ? null : String(p.projectId),
      name: p.name,
      category: p.category,
      source: p.source as SourceCode,
      period: p.period,
      amount: p.amount,
      smeReserved: p.smeReserved,
    })),
    purchasedServices: services.map((p) => ({
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
      duties: profile[0]?.duties ?? [],
      composition: profile[0]?.composition ?? "",
      departments: departments.map((d) => ({ name: d.name, duties: d.duties, staffing: d.staffing, leaders: d.leaders })),
    },
    assets: asset[0]
      ? {
          asOf: asset[0].asOf,
          vehicles: {
            ministerial: asset[0].vehiclesMinisterial,
            general: asset[0].vehiclesGeneral,
            enforcement: asset[0].vehiclesEnforcement,
            special: asset[0].vehiclesSpecial,
            other: asset[0].vehiclesOther,
          },
          largeEquipment: asset[0].largeEquipment,
          note: asset[0].note,
        }
      : null,
    narrative: { totalChangeReason: budget.totalChangeReason, sanggongChangeReason: budget.sanggongChangeReason, overview: budget.overview },
    baseline: budget.baselineTotal === null ? null : { total: budget.baselineTotal, ...(budget.baselineSanggong ? { sanggong: budget.baselineSanggong } : {}) },
    priorBudget,
    glossary: glossary.map((g) => ({ term: g.term, definition: g.definition })),
  };
}

