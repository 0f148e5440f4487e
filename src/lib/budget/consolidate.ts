/**
 * 部门汇总: a department's (or region's) input built from its units' inputs, and the in-memory
 * twin of the database's GROUP BY that feeds pre-aggregated line items to the same engine.
 */
import { Decimal, ZERO, inspectMoney, toYuanString } from "../money";
import { BudgetDomainError } from "./errors";
import { memberUnits } from "./ledger";
import type {
  AssetInfo,
  BudgetInput,
  Catalogs,
  GlossaryEntry,
  LineItem,
  MemberUnit,
  Narrative,
  PriorYearBaseline,
  UnitInfo,
  UnitProfile,
  UnitType,
} from "./types";

export interface ConsolidateOptions {
  profile?: UnitProfile;
  narrative?: Narrative;
  glossary?: GlossaryEntry[];
  revision?: number;
  /** Also consolidate the units' prior-year budgets when every unit has one (default true). */
  withPrior?: boolean;
}

const EMPTY_NARRATIVE: Narrative = { totalChangeReason: "", sanggongChangeReason: "", overview: "" };

/** Entity ids stay unique across units: "023002/p01". */
function scoped(unitCode: string, id: string): string {
  return `${unitCode}/${id}`;
}

export function consolidate(inputs: BudgetInput[], asUnit: UnitInfo, options: ConsolidateOptions = {}): BudgetInput {
  const first = inputs[0];
  if (!first) throw new BudgetDomainError("CONSOLIDATION_EMPTY", "没有可汇总的单位预算");
  for (const i of inputs) {
    if (i.year !== first.year)
      throw new BudgetDomainError("CONSOLIDATION_MISMATCH", `汇总的单位预算年度不一致（${first.year} 年与 ${i.year} 年）`);
    if (i.amountUnit !== first.amountUnit)
      throw new BudgetDomainError("CONSOLIDATION_MISMATCH", "汇总的单位预算金额单位不一致（万元与元）");
  }

  const units: MemberUnit[] = [];
  const seenUnits = new Set<string>();
  for (const i of inputs) {
    for (const u of memberUnits(i)) {
      if (seenUnits.has(u.code))
        throw new BudgetDomainError("CONSOLIDATION_MISMATCH", `单位“${u.code} ${u.name}”在汇总中出现了不止一次`);
      seenUnits.add(u.code);
      units.push(u);
    }
  }

  const out: BudgetInput = {
    unit: asUnit,
    year: first.year,
    revision: options.revision ?? 1,
    amountUnit: first.amountUnit,
    catalogs: mergeCatalogs(inputs, asUnit.type),
    lineItems: [],
    projects: [],
    procurement: [],
    purchasedServices: [],
    targets: [],
    profile: options.profile ?? {
      duties: [],
      departments: [],
      composition: `${asUnit.name}部门预算由 ${units.length} 个预算单位构成，包括：${units.map((u) => u.name).join("、")}。`,
    },
    assets: mergeAssets(inputs),
    narrative: options.narrative ?? EMPTY_NARRATIVE,
    baseline: mergeBaselines(inputs),
    priorBudget: null,
    glossary: options.glossary ?? first.glossary,
    units,
  };

  for (const i of inputs) {
    const own = i.unit.code;
    const prefix = `${own}/`;
    const scope = (id: string | null | undefined) => (id ? prefix + id : null);
    // Explicit object literals (not spreads): a department has hundreds of thousands of lines.
    // Each scoped project id is built once per unit and shared by its lines.
    const lines = out.lineItems;
    const projectIds = new Map<string, string>();
    for (const l of i.lineItems) {
      let projectId: string | null = null;
      if (l.projectId) {
        projectId = projectIds.get(l.projectId) ?? null;
        if (projectId === null) {
          projectId = prefix + l.projectId;
          projectIds.set(l.projectId, projectId);
        }
      }
      lines.push({
        id: prefix + String(l.id),
        unitCode: l.unitCode ?? own,
        functionCode: l.functionCode,
        economicCode: l.economicCode,
        kind: l.kind,
        projectId,
        source: l.source,
        period: l.period,
        amount: l.amount,
      });
    }
    for (const p of i.projects) out.projects.push({ ...p, id: scoped(own, p.id), unitCode: p.unitCode ?? own });
    for (const p of i.procurement)
      out.procurement.push({ ...p, id: scoped(own, p.id), unitCode: p.unitCode ?? own, projectId: scope(p.projectId) });
    for (const s of i.purchasedServices)
      out.purchasedServices.push({ ...s, id: scoped(own, s.id), unitCode: s.unitCode ?? own });
    for (const t of i.targets)
      out.targets.push({
        ...t,
        unitCode: t.unitCode ?? own,
        projectId: scope(t.projectId),
        tasks: t.tasks.map((k) => (k.link?.projectId ? { ...k, link: { ...k.link, projectId: scope(k.link.projectId) } } : k)),
      });
  }

  if (options.withPrior !== false && inputs.every((i) => i.priorBudget)) {
    out.priorBudget = consolidate(
      inputs.map((i) => i.priorBudget as BudgetInput),
      asUnit,
      { withPrior: false, narrative: EMPTY_NARRATIVE },
    );
  }
  return out;
}

function mergeCatalogs(inputs: BudgetInput[], asType: UnitType): Catalogs {
  // Units of one year share their catalogue lists (a loader reads each list once): merge each
  // distinct list once, not once per unit.
  const merge = (pick: (c: Catalogs) => { code: string; name: string }[]) => {
    const seen = new Map<string, { code: string; name: string }>();
    const done = new Set<unknown>();
    for (const i of inputs) {
      const list = pick(i.catalogs);
      if (done.has(list)) continue;
      done.add(list);
      for (const e of list) if (!seen.has(e.code)) seen.set(e.code, e);
    }
    return [...seen.values()];
  };
  const byType: Partial<Record<UnitType, { deptCode: string; govCode: string }[]>> = {};
  for (const i of inputs) {
    if (i.units && i.catalogs.econMappingByUnitType) {
      for (const [type, m] of Object.entries(i.catalogs.econMappingByUnitType) as [UnitType, { deptCode: string; govCode: string }[]][])
        byType[type] ??= m;
    }
    byType[i.unit.type] ??= i.catalogs.econMapping;
  }
  return {
    functions: merge((c) => c.functions),
    deptEconomic: merge((c) => c.deptEconomic),
    govEconomic: merge((c) => c.govEconomic),
    econMapping: byType[asType] ?? inputs[0]?.catalogs.econMapping ?? [],
    econMappingByUnitType: byType,
  };
}

function mergeAssets(inputs: BudgetInput[]): AssetInfo | null {
  const present = inputs.map((i) => i.assets).filter((a): a is AssetInfo => a !== null);
  const head = present[0];
  if (!head) return null;
  const asOf = present.reduce((latest, a) => (a.asOf > latest ? a.asOf : latest), head.asOf);
  const v = { ministerial: 0, general: 0, enforcement: 0, special: 0, other: 0 };
  let largeEquipment = 0;
  for (const a of present) {
    v.ministerial += a.vehicles.ministerial;
    v.general += a.vehicles.general;
    v.enforcement += a.vehicles.enforcement;
    v.special += a.vehicles.special;
    v.other += a.vehicles.other;
    largeEquipment += a.largeEquipment;
  }
  return { asOf, vehicles: v, largeEquipment, note: "" };
}

function sumStrings(values: unknown[]): string | null {
  let total = ZERO;
  for (const v of values) {
    const seen = inspectMoney(v);
    if (!seen.ok) return null;
    total = total.plus(seen.value);
  }
  return toYuanString(total);
}

function mergeBaselines(inputs: BudgetInput[]): PriorYearBaseline | null {
  if (!inputs.every((i) => i.baseline)) return null;
  const baselines = inputs.map((i) => i.baseline as PriorYearBaseline);
  const total = sumStrings(baselines.map((b) => b.total));
  if (total === null) return null;
  const out: PriorYearBaseline = { total };
  if (baselines.every((b) => b.sanggong)) {
    const pick = (k: "abroad" | "reception" | "vehiclePurchase" | "vehicleOperation") =>
      sumStrings(baselines.map((b) => b.sanggong?.[k]));
    const abroad = pick("abroad");
    const reception = pick("reception");
    const vehiclePurchase = pick("vehiclePurchase");
    const vehicleOperation = pick("vehicleOperation");
    if (abroad && reception && vehiclePurchase && vehicleOperation)
      out.sanggong = { abroad, reception, vehiclePurchase, vehicleOperation };
  }
  return out;
}

/**
 * What `SELECT unit_code, function_code, economic_code, kind, project_id, source, period,
 * sum(amount) … GROUP BY …` returns, computed in memory: one line per group, synthetic ids, exact
 * sums. Lines whose amount cannot be read stay as they are, so the checks still name them.
 */
export function aggregateLineItems(items: LineItem[]): LineItem[] {
  const groups = new Map<string, { line: LineItem; sum: Decimal }>();
  const out: (LineItem | { group: string })[] = [];
  for (const l of items) {
    const seen = inspectMoney(l.amount);
    if (!seen.ok) {
      out.push(l);
      continue;
    }
    const key = [l.unitCode ?? "", l.functionCode, l.economicCode, l.kind, l.projectId ?? "", l.source, l.period].join("\u0001");
    const g = groups.get(key);
    if (g) g.sum = g.sum.plus(seen.value);
    else {
      groups.set(key, { line: l, sum: seen.value });
      out.push({ group: key });
    }
  }
  let n = 0;
  return out.map((o) => {
    if (!("group" in o)) return o;
    const g = groups.get(o.group);
    if (!g) throw new Error("aggregate group");
    n++;
    const line: LineItem = {
      id: `agg-${n}`,
      functionCode: g.line.functionCode,
      economicCode: g.line.economicCode,
      kind: g.line.kind,
      projectId: g.line.projectId,
      source: g.line.source,
      period: g.line.period,
      amount: toYuanString(g.sum),
    };
    if (g.line.unitCode !== undefined) line.unitCode = g.line.unitCode;
    return line;
  });
}
