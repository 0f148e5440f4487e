import { and, asc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import { latestSnapshotIds, loadSnapshotInputs } from "./snapshots";
import * as s from "../db/schema";
import { resolveTemplate } from "@/lib/budget/template";
import { customTemplatesByCode } from "./templates";
import { resolveTaskLinks } from "@/lib/budget/tasks";
import { catalogsFor, loadYearCatalogue, type YearCatalogue } from "./catalogue";
import type {
  BudgetInput,
  Catalogs,
  LineItem,
  PerformanceTarget,
  SourceCode,
  UnitInfo,
  UnitType,
} from "@/lib/budget/types";
import { DEFAULT_DISCLOSURE_SETTINGS } from "@/lib/budget/types";
import { applyCrosswalk, type Crosswalk } from "@/lib/budget/crosswalk";

/**
 * `column = ANY('{1,2,3}'::int[])` for an integer column (serial ids, years): one bound parameter
 * however many ids (a department has a thousand budgets; an IN list of a thousand parameters
 * costs time to build, send and plan).
 */
export function idIn(column: SQLWrapper, ids: readonly number[]): SQL {
  const list = ids.map((id) => {
    const n = Number(id);
    if (!Number.isSafeInteger(n)) throw new Error(`invalid id ${String(id)}`);
    return n;
  });
  return sql`${column} = ANY(${`{${list.join(",")}}`}::int[])`;
}

/** Inside a transaction every query shares one connection: run them one after the other. */
function isTransaction(db: DbOrTx): boolean {
  return typeof (db as { rollback?: unknown }).rollback === "function";
}

/** The year's catalogues with names, the economic mapping for one unit type. */
export async function loadCatalogs(db: DbOrTx, year: number, unitType: UnitType): Promise<Catalogs> {
  return catalogsFor(await loadYearCatalogue(db, year), unitType);
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
    WHERE u.kind = 'unit' AND ${idIn(sql`u.id`, unitIds)}`,
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
  return (await loadPublishedInputs(db, [{ unitId, year }])).get(`${unitId}:${year}`) ?? null;
}

/** The latest published inputs of several (unit, year) pairs, keyed "unitId:year", without their prior years. */
async function loadPublishedInputs(db: DbOrTx, pairs: { unitId: number; year: number }[]): Promise<Map<string, BudgetInput>> {
  const ids = await latestSnapshotIds(db, pairs);
  const inputs = await loadSnapshotInputs(db, [...ids.values()], { withPrior: false });
  const out = new Map<string, BudgetInput>();
  for (const [key, id] of ids) {
    const input = inputs.get(id);
    if (input) out.set(key, input);
  }
  return out;
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
   * Express the prior year's codes in this year's catalogue through the crosswalk (default true).
   * The review's row-by-row differences want the prior year as published, to show each renaming.
   */
  recodePrior?: boolean;
  /**
   * Sum line items in the database, one line per (function, economic, kind, project, source,
   * period) of each budget, instead of reading them one by one: the consolidation path.
   */
  aggregateLines?: boolean;
}

/** Line items by budget id, each list in the order the query returned them. */
type LinesByBudget = Map<number, LineItem[]>;

function pushLine(out: LinesByBudget, budgetId: number, line: LineItem): void {
  const list = out.get(budgetId);
  if (list) list.push(line);
  else out.set(budgetId, [line]);
}

/**
 * The consolidation's GROUP BY: line items summed per (budget, function, economic, kind,
 * project, source, period). Amounts are summed as integer 分 (`amount * 100` is integral: the
 * table's CHECK allows at most two decimals) and printed back as exact 元 with two decimals
 * (`× 0.01` keeps the scale at 2). Summing bigint rather than numeric keeps the hash table small
 * enough for PostgreSQL to aggregate in one pass, without a parallel sort. Rows come in no
 * particular order: the engine's tables do not depend on line order, and the ids given to the
 * sums are synthetic.
 */
export function groupedLinesQuery(budgetIds: readonly number[]): SQL {
  return sql`
    SELECT budget_id, function_code, economic_code, kind, project_id, source, period,
           (sum((amount * 100)::bigint) * 0.01)::text AS amount
    FROM line_items
    WHERE ${idIn(sql`budget_id`, budgetIds)}
    GROUP BY budget_id, function_code, economic_code, kind, project_id, source, period`;
}

/** Separators of the packed form: ASCII record and unit separators. */
const RECORD = "\u001e";
const FIELD = "\u001f";

/**
 * The same sums packed as one text per budget, a thousand rows of text instead of a hundred
 * thousand rows of seven columns: the drivers' per-row and per-field work (heavy in PGlite's
 * WebAssembly build) is what the transfer costs, not the bytes. Records are separated by U+001E,
 * fields by U+001F: project (empty for none), amount, then the classification key (function,
 * economic, kind, source, period), which repeats across units and is split once per distinct key.
 */
export function aggregatedLinesQuery(budgetIds: readonly number[]): SQL {
  return sql`
    SELECT budget_id,
           string_agg(concat_ws(chr(31), coalesce(project_id::text, ''), amount, function_code, economic_code, kind, source, period), chr(30)) AS lines
    FROM (${groupedLinesQuery(budgetIds)}) AS sums
    GROUP BY budget_id`;
}

type LineKey = Pick<LineItem, "functionCode" | "economicCode" | "kind" | "source" | "period">;

/**
 * The packed sums as line items by budget; null when a record is not made of exactly the seven
 * fields (a value containing a separator), and the caller reads the rows instead.
 */
function unpackLines(rows: { budget_id: number; lines: string }[]): LinesByBudget | null {
  const out: LinesByBudget = new Map();
  const keys = new Map<string, LineKey>();
  const projects = new Map<string, string>();
  let n = 0;
  for (const row of rows) {
    const list: LineItem[] = [];
    out.set(Number(row.budget_id), list);
    const text = row.lines;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf(RECORD, start);
      if (end < 0) end = text.length;
      const f1 = text.indexOf(FIELD, start);
      const f2 = f1 < 0 ? -1 : text.indexOf(FIELD, f1 + 1);
      if (f2 < 0 || f2 >= end) return null;
      const keyText = text.slice(f2 + 1, end);
      let key = keys.get(keyText);
      if (key === undefined) {
        const k = keyText.split(FIELD);
        if (k.length !== 5) return null;
        key = {
          functionCode: k[0] as string,
          economicCode: k[1] as string,
          kind: k[2] as LineItem["kind"],
          source: k[3] as SourceCode,
          period: k[4] as LineItem["period"],
        };
        keys.set(keyText, key);
      }
      let projectId: string | null = null;
      if (f1 > start) {
        const p = text.slice(start, f1);
        projectId = projects.get(p) ?? null;
        if (projectId === null) {
          projectId = p;
          projects.set(p, p);
        }
      }
      list.push({
        id: String(++n),
        functionCode: key.functionCode,
        economicCode: key.economicCode,
        kind: key.kind,
        projectId,
        source: key.source,
        period: key.period,
        amount: text.slice(f1 + 1, f2),
      });
      start = end + 1;
    }
  }
  return out;
}

interface GroupedRow {
  budget_id: number;
  function_code: string;
  economic_code: string;
  kind: "personnel" | "public" | "project";
  project_id: number | null;
  source: string;
  period: "current" | "carryover";
  amount: string;
}

/**
 * Codes, kinds, sources, periods and project ids repeat across tens of thousands of lines: one
 * string per distinct value (drivers make a new one per row) keeps the engine's lookups cheap.
 */
class Strings {
  private readonly seen = new Map<string, string>();
  one(v: string): string {
    const s = this.seen.get(v);
    if (s !== undefined) return s;
    this.seen.set(v, v);
    return v;
  }
}

/** The sums one row per line item (the fallback when a value contains a separator). */
async function loadGroupedLines(db: DbOrTx, budgetIds: number[]): Promise<LinesByBudget> {
  const out: LinesByBudget = new Map();
  const strings = new Strings();
  const rows = await queryRows<GroupedRow>(db, groupedLinesQuery(budgetIds));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as GroupedRow;
    pushLine(out, Number(r.budget_id), {
      id: String(i + 1),
      functionCode: strings.one(r.function_code),
      economicCode: strings.one(r.economic_code),
      kind: strings.one(r.kind) as LineItem["kind"],
      projectId: r.project_id === null ? null : strings.one(String(r.project_id)),
      source: strings.one(r.source) as SourceCode,
      period: strings.one(r.period) as LineItem["period"],
      amount: r.amount,
    });
  }
  return out;
}

async function loadLines(db: DbOrTx, budgetIds: number[], aggregate: boolean): Promise<LinesByBudget> {
  const out: LinesByBudget = new Map();
  if (!aggregate) {
    const rows = await db
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
      .where(idIn(s.lineItems.budgetId, budgetIds))
      .orderBy(asc(s.lineItems.budgetId), asc(s.lineItems.sort), asc(s.lineItems.id));
    for (const l of rows) {
      pushLine(out, l.budgetId, {
        id: String(l.id),
        functionCode: l.functionCode,
        economicCode: l.economicCode,
        kind: l.kind,
        projectId: l.projectId === null ? null : String(l.projectId),
        source: l.source as SourceCode,
        period: l.period,
        amount: l.amount,
      });
    }
    return out;
  }
  const packed = unpackLines(await queryRows<{ budget_id: number; lines: string }>(db, aggregatedLinesQuery(budgetIds)));
  return packed ?? loadGroupedLines(db, budgetIds);
}

/**
 * Everything the engine needs for a set of budgets, in a fixed number of queries whatever the
 * number of budgets (a department of a thousand units is read in one pass). Results are in the
 * order of `budgetIds`. The prior year comes from each unit's published budget of the year before.
 */
export async function loadBudgetInputs(db: DbOrTx, budgetIds: number[], options: LoadOptions = {}): Promise<BudgetInput[]> {
  if (budgetIds.length === 0) return [];
  // The line query is the heavy one: on a server it runs on its own connection while the small
  // queries below go one by one (inside a transaction, everything shares one connection).
  const concurrent = !isTransaction(db);
  const linesQuery = concurrent ? loadLines(db, budgetIds, options.aggregateLines ?? false) : null;
  linesQuery?.catch(() => undefined); // awaited below; an earlier failure must not leave it unhandled
  const budgets = await db.select().from(s.budgets).where(idIn(s.budgets.id, budgetIds));
  const byId = new Map(budgets.map((b) => [b.id, b]));
  for (const id of budgetIds) if (!byId.has(id)) throw new Error(`budget ${id} not found`);

  const units = await loadUnits(db, [...new Set(budgets.map((b) => b.unitId))]);
  // Each year's code sets are read once, whatever the number of budgets and unit types.
  const yearCatalogues = new Map<number, YearCatalogue>();
  const catalogCache = new Map<string, Catalogs>();
  for (const b of budgets) {
    const type = units.get(b.unitId)!.unit_type;
    const key = `${b.year}:${type}`;
    if (catalogCache.has(key)) continue;
    let cat = yearCatalogues.get(b.year);
    if (!cat) yearCatalogues.set(b.year, (cat = await loadYearCatalogue(db, b.year)));
    catalogCache.set(key, catalogsFor(cat, type));
  }
  const years = [...new Set(budgets.map((b) => b.year))];
  const settings = await db.select().from(s.regionYearSettings).where(idIn(s.regionYearSettings.year, years));
  const customTemplates = await customTemplatesByCode(db, [...new Set(settings.map((x) => x.template))]);
  const glossary = groupBy(
    await db.select().from(s.glossaryEntries).where(idIn(s.glossaryEntries.year, years)).orderBy(asc(s.glossaryEntries.sort)),
    (g) => g.year,
  );

  const profiles = new Map(
    (await db.select().from(s.unitProfiles).where(idIn(s.unitProfiles.budgetId, budgetIds))).map((p) => [p.budgetId, p]),
  );
  const departments = groupBy(
    await db.select().from(s.internalDepartments).where(idIn(s.internalDepartments.budgetId, budgetIds)).orderBy(asc(s.internalDepartments.sort)),
    (d) => d.budgetId,
  );
  const projects = groupBy(
    await db.select().from(s.projects).where(idIn(s.projects.budgetId, budgetIds)).orderBy(asc(s.projects.sort), asc(s.projects.id)),
    (p) => p.budgetId,
  );
  const procurement = groupBy(
    await db.select().from(s.procurementItems).where(idIn(s.procurementItems.budgetId, budgetIds)).orderBy(asc(s.procurementItems.sort), asc(s.procurementItems.id)),
    (p) => p.budgetId,
  );
  const services = groupBy(
    await db
      .select()
      .from(s.purchasedServiceItems)
      .where(idIn(s.purchasedServiceItems.budgetId, budgetIds))
      .orderBy(asc(s.purchasedServiceItems.sort), asc(s.purchasedServiceItems.id)),
    (p) => p.budgetId,
  );
  const targetRows = await db.select().from(s.performanceTargets).where(idIn(s.performanceTargets.budgetId, budgetIds)).orderBy(asc(s.performanceTargets.id));
  const targetIds = targetRows.map((t) => t.id);
  const tasks = groupBy(
    targetIds.length
      ? await db.select().from(s.performanceTasks).where(idIn(s.performanceTasks.targetId, targetIds)).orderBy(asc(s.performanceTasks.sort))
      : [],
    (k) => k.targetId,
  );
  const indicators = groupBy(
    targetIds.length
      ? await db.select().from(s.performanceIndicators).where(idIn(s.performanceIndicators.targetId, targetIds)).orderBy(asc(s.performanceIndicators.sort))
      : [],
    (i) => i.targetId,
  );
  const targets = groupBy(targetRows, (t) => t.budgetId);
  const assets = new Map((await db.select().from(s.assets).where(idIn(s.assets.budgetId, budgetIds))).map((a) => [a.budgetId, a]));
  const lines = await (linesQuery ?? loadLines(db, budgetIds, options.aggregateLines ?? false));

  const out: BudgetInput[] = [];
  for (const budgetId of budgetIds) {
    const budget = byId.get(budgetId)!;
    const unit = units.get(budget.unitId)!;
    const profile = profiles.get(budgetId);
    const asset = assets.get(budgetId);
    const performance: PerformanceTarget[] = (targets.get(budgetId) ?? []).map((t) => ({
      projectId: t.projectId === null ? null : String(t.projectId),
      goal: t.goal,
      tasks: (tasks.get(t.id) ?? []).map((k) =>
        k.link
          ? { name: k.name, amount: k.amount, link: { figure: k.link, projectId: k.linkProjectId === null ? null : String(k.linkProjectId) } }
          : { name: k.name, amount: k.amount },
      ),
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
    const lineItems: LineItem[] = lines.get(budgetId) ?? [];
    const setting = settings.find((x) => x.regionId === unit.region_id && x.year === budget.year);
    const template = setting ? resolveTemplate(setting.template, customTemplates.get(setting.template)?.definition) : undefined;
    // Linked 表16 tasks carry the figure they follow, computed from the lines just read.
    out.push(resolveTaskLinks({
      unit: unitInfo(unit),
      year: budget.year,
      revision: budget.revision,
      amountUnit: setting?.amountUnit ?? "wan",
      ...(template ? { template } : {}),
      disclosure: {
        titleWording: setting?.titleWording ?? DEFAULT_DISCLOSURE_SETTINGS.titleWording,
        explanationSections: setting?.explanationSections ?? [...DEFAULT_DISCLOSURE_SETTINGS.explanationSections],
      },
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
        budget.baselineTotal === null
          ? null
          : {
              total: budget.baselineTotal,
              ...(budget.baselineSanggong ? { sanggong: budget.baselineSanggong } : {}),
              ...(budget.baselineDetail ?? {}),
            },
      priorBudget: null,
      glossary: (glossary.get(budget.year) ?? []).map((g) => ({ term: g.term, definition: g.definition })),
    }));
  }

  if (options.withPrior !== false) {
    const priors = await loadPublishedInputs(db, budgets.map((b) => ({ unitId: b.unitId, year: b.year - 1 })));
    const crosswalks = new Map<number, Crosswalk>();
    for (const year of years) crosswalks.set(year, await loadCrosswalk(db, year - 1, year));
    for (const [i, budgetId] of budgetIds.entries()) {
      const budget = byId.get(budgetId)!;
      const prior = priors.get(`${budget.unitId}:${budget.year - 1}`) ?? null;
      out[i]!.priorBudget = prior && (options.recodePrior === false ? prior : applyCrosswalk(prior, crosswalks.get(budget.year)!, out[i]!));
    }
  }
  return out;
}

/** Codes of `fromYear` recorded as another code in `toYear` (code_crosswalk). */
export async function loadCrosswalk(db: DbOrTx, fromYear: number, toYear: number): Promise<Crosswalk> {
  const rows = await db
    .select({ catalog: s.codeCrosswalk.catalog, fromCode: s.codeCrosswalk.fromCode, toCode: s.codeCrosswalk.toCode })
    .from(s.codeCrosswalk)
    .where(and(eq(s.codeCrosswalk.fromYear, fromYear), eq(s.codeCrosswalk.toYear, toYear)));
  const fn = new Map<string, string>();
  const econ = new Map<string, string>();
  for (const r of rows) {
    if (r.catalog === "function") fn.set(r.fromCode, r.toCode);
    else if (r.catalog === "dept_economic") econ.set(r.fromCode, r.toCode);
  }
  return { function: fn, deptEconomic: econ };
}

/** Everything the engine needs for one budget. */
export async function loadBudgetInput(db: DbOrTx, budgetId: number, options: LoadOptions = {}): Promise<BudgetInput> {
  const [input] = await loadBudgetInputs(db, [budgetId], options);
  return input!;
}
