/**
 * The ledger: line items parsed once and summed once into small pivots (by function code, by
 * department- and government-economic code, by project, by unit). Every table is then read off
 * these pivots, so 500 line items cost one pass, not one pass per table.
 *
 * A pivot cell vector (`Vec`) has one slot per (period × source × kind): 2 × 9 × 3 = 54. A slot is
 * undefined until a line touches it, which is how a table knows a row exists even when its
 * amount is zero (or unreadable): no line is ever silently dropped.
 */
import { Decimal, ZERO, inspectMoney, type MoneyIssue } from "../money";
import type {
  BudgetInput,
  ExpenseKind,
  LineItem,
  MemberUnit,
  Period,
  Project,
  SourceCode,
  UnitType,
} from "./types";

export const PERIODS = ["current", "carryover"] as const satisfies readonly Period[];
export const SOURCES = [
  "gpb",
  "gf",
  "soc",
  "fsa",
  "unit_business",
  "unit_operating",
  "unit_superior",
  "unit_affiliated",
  "unit_other",
] as const satisfies readonly SourceCode[];
export const KINDS = ["personnel", "public", "project"] as const satisfies readonly ExpenseKind[];
export const UNIT_SOURCES: SourceCode[] = SOURCES.filter((s) => s.startsWith("unit_"));
/** 财政拨款 */
export const FISCAL_SOURCES: SourceCode[] = ["gpb", "gf", "soc"];

export const SOURCE_LABELS: Record<SourceCode, string> = {
  gpb: "一般公共预算",
  gf: "政府性基金预算",
  soc: "国有资本经营预算",
  fsa: "财政专户管理资金",
  unit_business: "事业收入",
  unit_operating: "事业单位经营收入",
  unit_superior: "上级补助收入",
  unit_affiliated: "附属单位上缴收入",
  unit_other: "其他收入",
};

const CELL_COUNT = PERIODS.length * SOURCES.length * KINDS.length;
const periodIndex = new Map<string, number>(PERIODS.map((p, i) => [p, i]));
const sourceIndex = new Map<string, number>(SOURCES.map((s, i) => [s, i]));
const kindIndex = new Map<string, number>(KINDS.map((k, i) => [k, i]));

export type Vec = (Decimal | undefined)[];

export function newVec(): Vec {
  return new Array<Decimal | undefined>(CELL_COUNT);
}

/** The vector slot of a line, or -1 when its period, source or kind is not a known value. */
export function cellIndex(period: unknown, source: unknown, kind: unknown): number {
  const p = periodIndex.get(period as string);
  const s = sourceIndex.get(source as string);
  const k = kindIndex.get(kind as string);
  if (p === undefined || s === undefined || k === undefined) return -1;
  return (p * SOURCES.length + s) * KINDS.length + k;
}

export interface CellFilter {
  periods?: readonly Period[];
  sources?: readonly SourceCode[];
  kinds?: readonly ExpenseKind[];
}

/** The vector slots a filter selects. */
export function indicesOf(f: CellFilter): number[] {
  const out: number[] = [];
  for (const p of f.periods ?? PERIODS)
    for (const s of f.sources ?? SOURCES)
      for (const k of f.kinds ?? KINDS) out.push(cellIndex(p, s, k));
  return out;
}

/** Sum of the selected slots; undefined when no line touched any of them. */
export function sumVec(vec: Vec, indices: readonly number[]): Decimal | undefined {
  let acc: Decimal | undefined;
  for (const i of indices) {
    const v = vec[i];
    if (v !== undefined) acc = acc === undefined ? v : acc.plus(v);
  }
  return acc;
}

export function sumVecOrZero(vec: Vec, indices: readonly number[]): Decimal {
  return sumVec(vec, indices) ?? ZERO;
}

function addTo(vec: Vec, i: number, amount: Decimal): void {
  const cur = vec[i];
  vec[i] = cur === undefined ? amount : cur.plus(amount);
}

export function mergeInto(target: Vec, source: Vec): void {
  for (let i = 0; i < source.length; i++) {
    const x = source[i];
    if (x === undefined) continue;
    const cur = target[i];
    target[i] = cur === undefined ? x : cur.plus(x);
  }
}

export type TreeLevel = "类" | "款" | "项";

export interface TreeNode {
  /** Sort key; codes sort into the printed order (类, its 款, their 项 …). */
  key: string;
  code: string;
  name: string;
  level: TreeLevel;
  parentKey: string | null;
  vec: Vec;
}

/** Codes that cannot be placed in the hierarchy go under this bucket, printed last. */
export const BUCKET = "~";
export const UNKNOWN_NAME = "（未知科目）";

export class Tree {
  readonly nodes = new Map<string, TreeNode>();
  private sortedCache: TreeNode[] | null = null;

  node(key: string, code: string, level: TreeLevel, parentKey: string | null, name: () => string): TreeNode {
    let n = this.nodes.get(key);
    if (!n) {
      n = { key, code, name: name(), level, parentKey, vec: newVec() };
      this.nodes.set(key, n);
      this.sortedCache = null;
    }
    return n;
  }

  /** Adds every node's vector into its parent's, deepest level first. */
  rollUp(): void {
    for (const level of ["项", "款"] as const) {
      for (const n of this.nodes.values()) {
        if (n.level !== level || n.parentKey === null) continue;
        const parent = this.nodes.get(n.parentKey);
        if (parent) mergeInto(parent.vec, n.vec);
      }
    }
  }

  /** Nodes in printed order: sorting the keys lexicographically yields 类 → 款 → 项 depth-first. */
  sorted(): TreeNode[] {
    if (!this.sortedCache) {
      const keys = [...this.nodes.keys()].sort();
      this.sortedCache = keys.map((k) => this.nodes.get(k) as TreeNode);
    }
    return this.sortedCache;
  }
}

export interface LedgerLine {
  item: LineItem;
  /** Position in `input.lineItems`. */
  position: number;
  /** Exact 元; zero when the amount is unreadable. */
  amount: Decimal;
  amountIssue: MoneyIssue | null;
  amountMessage: string | null;
  /** Vector slot, -1 for an unknown period/source/kind. */
  cell: number;
  unitCode: string;
  unitType: UnitType;
  govCode: string | null;
}

export interface ProjectAggregate {
  key: string;
  unitCode: string;
  projectId: string | null;
  project: Project | undefined;
  vec: Vec;
}

export interface UnitAggregate {
  unit: MemberUnit;
  /** Not in `input.units`: the line names a unit the input does not list. */
  unknown: boolean;
  vec: Vec;
}

export interface Ledger {
  input: BudgetInput;
  lines: LedgerLine[];
  total: Vec;
  functions: Tree;
  deptEconomic: Tree;
  govEconomic: Tree;
  /** Project lines per (unit, project) in display order (unit order, then project sort). */
  projects: ProjectAggregate[];
  units: UnitAggregate[];
  unitsByCode: Map<string, UnitAggregate>;
  projectsById: Map<string, Project>;
  functionNames: Map<string, string>;
  deptEconomicNames: Map<string, string>;
  govEconomicNames: Map<string, string>;
}

const FUNCTION_ITEM = /^\d{7}$/;
const ECONOMIC_ITEM = /^\d{5}$/;

export function memberUnits(input: BudgetInput): MemberUnit[] {
  if (input.units && input.units.length > 0) return input.units;
  return [{ code: input.unit.code, name: input.unit.name, type: input.unit.type }];
}

export function buildLedger(input: BudgetInput): Ledger {
  const functionNames = namesOf(input.catalogs.functions);
  const deptEconomicNames = namesOf(input.catalogs.deptEconomic);
  const govEconomicNames = namesOf(input.catalogs.govEconomic);
  const projectsById = new Map<string, Project>();
  for (const p of input.projects) if (!projectsById.has(p.id)) projectsById.set(p.id, p);

  const units: UnitAggregate[] = memberUnits(input).map((unit) => ({ unit, unknown: false, vec: newVec() }));
  const unitsByCode = new Map(units.map((u) => [u.unit.code, u]));

  const defaultMapping = mappingOf(input.catalogs.econMapping);
  const mappingByType = new Map<UnitType, Map<string, string>>();
  const mappingFor = (type: UnitType): Map<string, string> => {
    const specific = input.catalogs.econMappingByUnitType?.[type];
    if (!specific) return defaultMapping;
    let m = mappingByType.get(type);
    if (!m) {
      m = mappingOf(specific);
      mappingByType.set(type, m);
    }
    return m;
  };

  const total = newVec();
  const functions = new Tree();
  const deptEconomic = new Tree();
  const govEconomic = new Tree();
  const projectMap = new Map<string, ProjectAggregate>();
  const lines: LedgerLine[] = [];

  const fnName = (code: string) => functionNames.get(code) ?? UNKNOWN_NAME;
  const deName = (code: string) => deptEconomicNames.get(code) ?? UNKNOWN_NAME;
  const geName = (code: string) => govEconomicNames.get(code) ?? UNKNOWN_NAME;

  input.lineItems.forEach((item, position) => {
    const seen = inspectMoney(item.amount);
    let amount = ZERO;
    let amountIssue: MoneyIssue | null = null;
    let amountMessage: string | null = null;
    if (!seen.ok) {
      amountIssue = "malformed";
      amountMessage = seen.message;
    } else {
      amount = seen.value;
      if (seen.decimals > 2) amountIssue = "too_precise";
      else if (seen.negative) amountIssue = "negative";
    }

    const unitCode = typeof item.unitCode === "string" && item.unitCode !== "" ? item.unitCode : input.unit.code;
    let unit = unitsByCode.get(unitCode);
    if (!unit) {
      unit = {
        unit: { code: unitCode, name: `（未知单位 ${unitCode}）`, type: input.unit.type },
        unknown: true,
        vec: newVec(),
      };
      units.push(unit);
      unitsByCode.set(unitCode, unit);
    }
    const economicCode = String(item.economicCode);
    const govCode = mappingFor(unit.unit.type).get(economicCode) ?? null;
    const cell = cellIndex(item.period, item.source, item.kind);
    lines.push({
      item,
      position,
      amount,
      amountIssue,
      amountMessage,
      cell,
      unitCode,
      unitType: unit.unit.type,
      govCode,
    });
    if (cell < 0) return;

    addTo(total, cell, amount);
    addTo(unit.vec, cell, amount);

    // Lines go into the leaf nodes only; 类 and 款 are rolled up from their children afterwards.
    const functionCode = String(item.functionCode);
    const functionValid = FUNCTION_ITEM.test(functionCode);
    let fnLeaf = functions.nodes.get(functionValid ? functionCode : BUCKET + functionCode);
    if (!fnLeaf) {
      if (functionValid) {
        const c3 = functionCode.slice(0, 3);
        const c5 = functionCode.slice(0, 5);
        functions.node(c3, c3, "类", null, () => fnName(c3));
        functions.node(c5, c5, "款", c3, () => fnName(c5));
        fnLeaf = functions.node(functionCode, functionCode, "项", c5, () => fnName(functionCode));
      } else {
        functions.node(BUCKET, "", "类", null, () => "（科目编码不规范）");
        fnLeaf = functions.node(BUCKET + functionCode, functionCode, "项", BUCKET, () => UNKNOWN_NAME);
      }
    }
    addTo(fnLeaf.vec, cell, amount);

    const economicValid = ECONOMIC_ITEM.test(economicCode);
    let deLeaf = deptEconomic.nodes.get(economicValid ? economicCode : BUCKET + economicCode);
    if (!deLeaf) {
      if (economicValid) {
        const c3 = economicCode.slice(0, 3);
        deptEconomic.node(c3, c3, "类", null, () => deName(c3));
        deLeaf = deptEconomic.node(economicCode, economicCode, "款", c3, () => deName(economicCode));
      } else {
        deptEconomic.node(BUCKET, "", "类", null, () => "（科目编码不规范）");
        deLeaf = deptEconomic.node(BUCKET + economicCode, economicCode, "款", BUCKET, () => UNKNOWN_NAME);
      }
    }
    addTo(deLeaf.vec, cell, amount);

    let geLeaf: TreeNode;
    if (govCode !== null && ECONOMIC_ITEM.test(govCode)) {
      const c3 = govCode.slice(0, 3);
      geLeaf = govEconomic.nodes.get(govCode) ?? govEconomic.node(govCode, govCode, "款", c3, () => geName(govCode));
      govEconomic.node(c3, c3, "类", null, () => geName(c3));
    } else {
      govEconomic.node(BUCKET, "", "类", null, () => "（未对照政府预算经济分类）");
      geLeaf = govEconomic.node(BUCKET + economicCode, economicCode, "款", BUCKET, () => `（未对照）${deName(economicCode)}`);
    }
    addTo(geLeaf.vec, cell, amount);

    if (item.kind === "project") {
      const projectId = typeof item.projectId === "string" && item.projectId !== "" ? item.projectId : null;
      const key = `${unitCode}\u0001${projectId ?? ""}`;
      let agg = projectMap.get(key);
      if (!agg) {
        agg = { key, unitCode, projectId, project: projectId ? projectsById.get(projectId) : undefined, vec: newVec() };
        projectMap.set(key, agg);
      }
      addTo(agg.vec, cell, amount);
    }
  });

  functions.rollUp();
  deptEconomic.rollUp();
  govEconomic.rollUp();

  const unitRank = new Map(units.map((u, i) => [u.unit.code, i]));
  const projects = [...projectMap.values()].sort((a, b) => {
    const ua = unitRank.get(a.unitCode) ?? 0;
    const ub = unitRank.get(b.unitCode) ?? 0;
    if (ua !== ub) return ua - ub;
    return compareProjects(a.project, a.projectId, b.project, b.projectId);
  });

  return {
    input,
    lines,
    total,
    functions,
    deptEconomic,
    govEconomic,
    projects,
    units,
    unitsByCode,
    projectsById,
    functionNames,
    deptEconomicNames,
    govEconomicNames,
  };
}

/** Known projects by their sort, then name; unknown or unnamed ones last. */
export function compareProjects(
  a: Project | undefined,
  aId: string | null,
  b: Project | undefined,
  bId: string | null,
): number {
  if (a && b) {
    if (a.sort !== b.sort) return a.sort < b.sort ? -1 : 1;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
  if (a) return -1;
  if (b) return 1;
  const x = aId ?? "";
  const y = bId ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

function namesOf(entries: { code: string; name: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) if (!m.has(e.code)) m.set(e.code, e.name);
  return m;
}

function mappingOf(entries: { deptCode: string; govCode: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) if (!m.has(e.deptCode)) m.set(e.deptCode, e.govCode);
  return m;
}
