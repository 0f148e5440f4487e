/**
 * Tables 16 (部门（单位）整体绩效目标表) and 17 (项目（政策）绩效目标表): structured blocks plus a
 * flat indicator grid for simple renderers.
 */
import { COLUMNS } from "./columns";
import { amountStrings } from "./cells";
import { amountOrZero } from "./fixed";
import { indicesOf, sumVec, type Ledger } from "./ledger";
import type { DisclosureTable, OverallPerformanceBlock, ProjectPerformanceBlock, TableRow } from "./model";
import { emptyNote, newRow, newTable, type TableContext } from "./tables";
import type { PerformanceIndicator, PerformanceTarget } from "./types";

function indicatorRow(ind: PerformanceIndicator, parent: number | null): TableRow {
  const row = newRow(null, ind.level3, "indicator", parent);
  row.cells = {
    level1: ind.level1,
    level2: ind.level2,
    level3: ind.level3,
    operator: ind.operator,
    value: ind.value,
    unit: ind.unit,
    deadline: ind.deadline,
  };
  return row;
}

/** Remembers a value derived from a ledger (the tables, the explanation and the checks each ask). */
function memo<T>(cache: WeakMap<Ledger, T>, ledger: Ledger, make: () => T): T {
  let v = cache.get(ledger);
  if (v === undefined) {
    v = make();
    cache.set(ledger, v);
  }
  return v;
}
const overallCache = new WeakMap<Ledger, Map<string, PerformanceTarget[]>>();
const projectTargetCache = new WeakMap<Ledger, Map<string, PerformanceTarget>>();
const projectAmountCache = new WeakMap<Ledger, Map<string, bigint>>();

export function overallTargets(ledger: Ledger): Map<string, PerformanceTarget[]> {
  return memo(overallCache, ledger, () => computeOverallTargets(ledger));
}

function computeOverallTargets(ledger: Ledger): Map<string, PerformanceTarget[]> {
  const m = new Map<string, PerformanceTarget[]>();
  for (const t of ledger.input.targets) {
    if (t.projectId !== null && t.projectId !== undefined && t.projectId !== "") continue;
    const code = t.unitCode ?? ledger.input.unit.code;
    const list = m.get(code);
    if (list) list.push(t);
    else m.set(code, [t]);
  }
  return m;
}

/** Project targets by project id, first one wins. */
export function projectTargets(ledger: Ledger): Map<string, PerformanceTarget> {
  return memo(projectTargetCache, ledger, () => computeProjectTargets(ledger));
}

function computeProjectTargets(ledger: Ledger): Map<string, PerformanceTarget> {
  const m = new Map<string, PerformanceTarget>();
  for (const t of ledger.input.targets) {
    if (t.projectId === null || t.projectId === undefined || t.projectId === "") continue;
    if (!m.has(t.projectId)) m.set(t.projectId, t);
  }
  return m;
}

/** Each project's current-year money (本年收入, all sources), by project id, in units of the ledger's scale. */
export function projectCurrentAmounts(ledger: Ledger): Map<string, bigint> {
  return memo(projectAmountCache, ledger, () => computeProjectCurrentAmounts(ledger));
}

function computeProjectCurrentAmounts(ledger: Ledger): Map<string, bigint> {
  const idx = indicesOf({ periods: ["current"] });
  const m = new Map<string, bigint>();
  for (const p of ledger.projects) {
    if (p.projectId === null) continue;
    const v = sumVec(p.vec, idx);
    if (v === undefined) continue;
    const cur = m.get(p.projectId);
    m.set(p.projectId, cur === undefined ? v : cur + v);
  }
  return m;
}

export function overallPerformanceTable(ctx: TableContext): DisclosureTable {
  const { ledger } = ctx;
  const table = newTable(ctx, "overall-performance", COLUMNS.performance);
  const byUnit = overallTargets(ledger);
  const blocks: OverallPerformanceBlock[] = [];
  for (const u of ledger.units) {
    const targets = byUnit.get(u.unit.code);
    if (!targets) continue;
    for (const t of targets) {
      const block: OverallPerformanceBlock = {
        unitCode: u.unit.code,
        unitLabel: `${u.unit.code} ${u.unit.name}-${ledger.input.unit.regionCode}`,
        tasks: t.tasks.map((task) => {
          const a = amountStrings(amountOrZero(task.amount, ledger.scale), ctx.unit, ledger.scale);
          return { name: task.name, value: a.value, exact: a.exact };
        }),
        goal: t.goal,
        indicators: t.indicators,
      };
      blocks.push(block);
      for (const ind of t.indicators) {
        const row = indicatorRow(ind, null);
        row.unitCode = u.unit.code;
        table.rows.push(row);
      }
    }
  }
  table.overall = blocks;
  table.empty = blocks.length === 0;
  if (table.empty) table.notes.push(emptyNote(ctx));
  return table;
}

export function projectPerformanceTable(ctx: TableContext): DisclosureTable {
  const { ledger } = ctx;
  const table = newTable(ctx, "project-performance", COLUMNS.performance);
  const targets = projectTargets(ledger);
  const amounts = projectCurrentAmounts(ledger);
  const blocks: ProjectPerformanceBlock[] = [];
  // Known projects in display order first, then targets naming a project the input lacks.
  const order = [...ledger.input.projects]
    .sort((a, b) => (a.sort !== b.sort ? a.sort - b.sort : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => p.id);
  const unitRank = new Map(ledger.units.map((u, i) => [u.unit.code, i]));
  const unitOfProject = (id: string) =>
    ledger.projectsById.get(id)?.unitCode ?? targets.get(id)?.unitCode ?? ledger.input.unit.code;
  order.sort((a, b) => (unitRank.get(unitOfProject(a)) ?? 0) - (unitRank.get(unitOfProject(b)) ?? 0));
  const seen = new Set<string>();
  const ids = [...order, ...targets.keys()].filter((id) => {
    if (seen.has(id) || !targets.has(id)) return false;
    seen.add(id);
    return true;
  });
  for (const id of ids) {
    const t = targets.get(id);
    if (!t) continue;
    const project = ledger.projectsById.get(id);
    const unitCode = unitOfProject(id);
    const a = amountStrings(amounts.get(id) ?? 0n, ctx.unit, ledger.scale);
    blocks.push({
      projectId: id,
      projectName: project?.name ?? `（未知项目 ${id}）`,
      departmentName: ledger.input.unit.departmentName,
      unitName: ledger.unitsByCode.get(unitCode)?.unit.name ?? ledger.input.unit.name,
      unitCode,
      value: a.value,
      exact: a.exact,
      goal: t.goal,
      indicators: t.indicators,
    });
    for (const ind of t.indicators) {
      const row = indicatorRow(ind, null);
      row.projectId = id;
      row.unitCode = unitCode;
      table.rows.push(row);
    }
  }
  table.projects = blocks;
  table.empty = blocks.length === 0;
  if (table.empty) table.notes.push(emptyNote(ctx));
  return table;
}
