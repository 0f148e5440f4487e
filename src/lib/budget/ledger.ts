/**
 * The ledger: line items parsed once and summed once into small pivots (by function code, by
 * department- and government-economic code, by project, by unit). Every table is then read off
 * these pivots, so 500 line items cost one pass, not one pass per table.
 *
 * A pivot cell vector (`Vec`) has one slot per (period × source × kind): 2 × 9 × 3 = 54. A slot is
 * undefined until a line touches it, which is how a table knows a row exists even when its
 * amount is zero (or unreadable): no line is ever silently dropped.
 *
 * Amounts are exact BigInt counts of the ledger's `scale` (分 for any valid input; finer only
 * when some amount is written with more than two decimals), parsed once per line. No amount
 * ever passes through a JavaScript number.
 */
import type { MoneyIssue } from "../money";
import { FEN, parseAmount, scaleOf, writtenDecimals, type Scale } from "./fixed";
import { SOURCE_CODES } from "./types";
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
export const SOURCES = SOURCE_CODES;
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

export type Vec = (bigint | undefined)[];

export function newVec(): Vec {
  return new Array<bigint | undefined>(CELL_COUNT);
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

const indicesCache = new Map<string, number[]>();

/** The vector slots a filter selects (memoised: filters are a handful of constants). */
export function indicesOf(f: CellFilter): readonly number[] {
  const key = `${f.periods?.join(",") ?? "*"}|${f.sources?.join(",") ?? "*"}|${f.kinds?.join(",") ?? "*"}`;
  let out: number[] | undefined = indicesCache.get(key);
  if (!out) {
    out = [];
    for (const p of f.periods ?? PERIODS)
      for (const s of f.sources ?? SOURCES)
        for (const k of f.kinds ?? KINDS) out.push(cellIndex(p, s, k));
    Object.freeze(out);
    indicesCache.set(key, out);
  }
  return out;
}

/** Sum of the selected slots; undefined when no line touched any of them. */
export function sumVec(vec: Vec, indices: readonly number[]): bigint | undefined {
  let acc: bigint | undefined;
  for (let j = 0; j < indices.length; j++) {
    const v = vec[indices[j] as number];
    if (v !== undefined) acc = acc === undefined ? v : acc + v;
  }
  return acc;
}

export function sumVecOrZero(vec: Vec, indices: readonly number[]): bigint {
  return sumVec(vec, indices) ?? 0n;
}

function addTo(vec: Vec, i: number, amount: bigint): void {
  const cur = vec[i];
  vec[i] = cur === undefined ? amount : cur + amount;
}

export function mergeInto(target: Vec, source: Vec): void {
  for (let i = 0; i < source.length; i++) {
    const x = source[i];
    if (x === undefined) continue;
    const cur = target[i];
    target[i] = cur === undefined ? x : cur + x;
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

/** A code as lines write it, looked at once however many lines use it. */
export interface CodeInfo {
  code: string;
  /** Well-formed: a 7-digit function 项 or a 5-digit economic 款. */
  valid: boolean;
  /** In the year's catalogue. */
  known: boolean;
  /** The first three characters (the 类). */
  classCode: string;
  /** Its tree leaf, created when the first line with a valid cell reaches it. */
  leaf: TreeNode | null;
  /** Function codes only: the lines' sums by economic mapping (see `buildLedger`). */
  pairs: Map<GovMapping, CodePair> | null;
}

/** The lines of one function code and one mapped economic code, and the leaves they go into. */
interface CodePair {
  fn: TreeNode;
  econ: TreeNode;
  gov: TreeNode;
  vec: Vec;
}

/** A department-economic code mapped with one unit type's mapping. */
export interface GovMapping {
  govCode: string | null;
  /** The mapped code is in the year's government-economic catalogue. */
  known: boolean;
  leaf: TreeNode | null;
}

/** How a line's amount could not be taken as is. */
export const AMOUNT_ISSUES = [null, "malformed", "too_precise", "negative"] as const satisfies readonly (MoneyIssue | null)[];

/**
 * The line items as the ledger read them, one entry per line in input order, held as parallel
 * arrays rather than an object per line (a department has a hundred thousand lines, and objects
 * that live through the whole computation are what the garbage collector has to copy).
 */
export interface LedgerLines {
  count: number;
  items: readonly LineItem[];
  /** Vector slot, -1 for an unknown period/source/kind. */
  cell: Int8Array;
  /** Index into `AMOUNT_ISSUES`. */
  issue: Uint8Array;
  unit: UnitAggregate[];
  functionCode: CodeInfo[];
  economicCode: CodeInfo[];
  gov: GovMapping[];
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
  /** The unit of every amount in the ledger's vectors and lines (分 for valid input). */
  scale: Scale;
  lines: LedgerLines;
  /** Slot → whether some line with a non-zero amount is in it. */
  nonZeroSlots: Uint8Array;
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
const TWO_DECIMALS = /^-?\d+\.\d\d$/;
const ECONOMIC_ITEM = /^\d{5}$/;

export function memberUnits(input: BudgetInput): MemberUnit[] {
  if (input.units && input.units.length > 0) return input.units;
  return [{ code: input.unit.code, name: input.unit.name, type: input.unit.type }];
}

/**
 * The scale every amount of the input fits in exactly: 分, or finer when some amount (line,
 * procurement, purchased service, performance task) is written with more decimals.
 */
export function inputScale(input: BudgetInput): Scale {
  let d = FEN.decimals;
  for (const l of input.lineItems) d = Math.max(d, writtenDecimals(l.amount));
  return scaleOf(Math.max(d, otherAmountsScale(input).decimals));
}

/** The scale of the amounts that are not line items (a few; the lines are looked at while parsing). */
function otherAmountsScale(input: BudgetInput): Scale {
  let d = FEN.decimals;
  const see = (raw: unknown) => {
    const w = writtenDecimals(raw);
    if (w > d) d = w;
  };
  for (const p of input.procurement) {
    see(p.amount);
    see(p.smeReserved);
  }
  for (const x of input.purchasedServices) see(x.amount);
  for (const t of input.targets) for (const task of t.tasks) see(task.amount);
  return scaleOf(d);
}

export function buildLedger(input: BudgetInput): Ledger {
  // Parse in 分 (or the other amounts' scale); in the rare case a line is written finer than
  // that, parse again in a scale fine enough for every amount.
  const first = buildLedgerAt(input, otherAmountsScale(input));
  return typeof first === "number" ? (buildLedgerAt(input, inputScale(input)) as Ledger) : first;
}

/** The ledger in units of `scale`, or the decimals needed when some line is finer than that. */
function buildLedgerAt(input: BudgetInput, scale: Scale): Ledger | number {
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

  const functions = new Tree();
  const deptEconomic = new Tree();
  const govEconomic = new Tree();
  const items = input.lineItems;
  const count = items.length;
  const lines: LedgerLines = {
    count,
    items,
    cell: new Int8Array(count),
    issue: new Uint8Array(count),
    unit: new Array<UnitAggregate>(count),
    functionCode: new Array<CodeInfo>(count),
    economicCode: new Array<CodeInfo>(count),
    gov: new Array<GovMapping>(count),
  };
  const nonZeroSlots = new Uint8Array(CELL_COUNT);

  const fnName = (code: string) => functionNames.get(code) ?? UNKNOWN_NAME;
  const deName = (code: string) => deptEconomicNames.get(code) ?? UNKNOWN_NAME;
  const geName = (code: string) => govEconomicNames.get(code) ?? UNKNOWN_NAME;

  // Each distinct code is validated, looked up and placed once, not once a line.
  const functionInfos = new Map<string, CodeInfo>();
  const economicInfos = new Map<string, CodeInfo>();
  /** Per economic mapping (unit type): dept code → its gov mapping. */
  const govInfos = new Map<Map<string, string>, Map<string, GovMapping>>();
  /** Per unit: project id ("" for none) → aggregate. */
  const projectMaps = new Map<UnitAggregate, Map<string, ProjectAggregate>>();
  const projectList: ProjectAggregate[] = [];
  const pairList: CodePair[] = [];

  const functionInfo = (code: string): CodeInfo => {
    const info: CodeInfo = {
      code,
      valid: FUNCTION_ITEM.test(code),
      known: functionNames.has(code),
      classCode: code.slice(0, 3),
      leaf: null,
      pairs: null,
    };
    functionInfos.set(code, info);
    return info;
  };
  const economicInfo = (code: string): CodeInfo => {
    const info: CodeInfo = {
      code,
      valid: ECONOMIC_ITEM.test(code),
      known: deptEconomicNames.has(code),
      classCode: code.slice(0, 3),
      leaf: null,
      pairs: null,
    };
    economicInfos.set(code, info);
    return info;
  };
  const functionLeaf = (info: CodeInfo): TreeNode => {
    const functionCode = info.code;
    let leaf: TreeNode;
    if (info.valid) {
      const c3 = functionCode.slice(0, 3);
      const c5 = functionCode.slice(0, 5);
      functions.node(c3, c3, "类", null, () => fnName(c3));
      functions.node(c5, c5, "款", c3, () => fnName(c5));
      leaf = functions.node(functionCode, functionCode, "项", c5, () => fnName(functionCode));
    } else {
      functions.node(BUCKET, "", "类", null, () => "（科目编码不规范）");
      leaf = functions.node(BUCKET + functionCode, functionCode, "项", BUCKET, () => UNKNOWN_NAME);
    }
    info.leaf = leaf;
    return leaf;
  };
  const economicLeaf = (info: CodeInfo): TreeNode => {
    const economicCode = info.code;
    let leaf: TreeNode;
    if (info.valid) {
      const c3 = economicCode.slice(0, 3);
      deptEconomic.node(c3, c3, "类", null, () => deName(c3));
      leaf = deptEconomic.node(economicCode, economicCode, "款", c3, () => deName(economicCode));
    } else {
      deptEconomic.node(BUCKET, "", "类", null, () => "（科目编码不规范）");
      leaf = deptEconomic.node(BUCKET + economicCode, economicCode, "款", BUCKET, () => UNKNOWN_NAME);
    }
    info.leaf = leaf;
    return leaf;
  };
  const govInfo = (mapping: Map<string, string>, economicCode: string): GovMapping => {
    let byCode = govInfos.get(mapping);
    if (!byCode) {
      byCode = new Map();
      govInfos.set(mapping, byCode);
    }
    let hit = byCode.get(economicCode);
    if (!hit) {
      const govCode = mapping.get(economicCode) ?? null;
      hit = { govCode, known: govCode !== null && govEconomicNames.has(govCode), leaf: null };
      byCode.set(economicCode, hit);
    }
    return hit;
  };
  const govLeaf = (gov: GovMapping, economicCode: string): TreeNode => {
    const govCode = gov.govCode;
    let leaf: TreeNode;
    if (govCode !== null && ECONOMIC_ITEM.test(govCode)) {
      const c3 = govCode.slice(0, 3);
      leaf = govEconomic.nodes.get(govCode) ?? govEconomic.node(govCode, govCode, "款", c3, () => geName(govCode));
      govEconomic.node(c3, c3, "类", null, () => geName(c3));
    } else {
      // Unmapped: one row per department code (whatever unit type left it unmapped).
      govEconomic.node(BUCKET, "", "类", null, () => "（未对照政府预算经济分类）");
      leaf = govEconomic.node(BUCKET + economicCode, economicCode, "款", BUCKET, () => `（未对照）${deName(economicCode)}`);
    }
    gov.leaf = leaf;
    return leaf;
  };

  let lastUnitCode: string | null = null;
  let unit = units[0] as UnitAggregate;
  let mapping = defaultMapping;
  let unitProjects = new Map<string, ProjectAggregate>();
  for (let position = 0; position < count; position++) {
    const item = items[position] as LineItem;
    const raw = item.amount;
    const decimals = writtenDecimals(raw);
    if (decimals > scale.decimals) return inputScale(input).decimals;
    // The common case, two decimals in 分, without building a match: "-12.34" → -1234n.
    let value: bigint | null;
    if (decimals === 2 && scale === FEN && typeof raw === "string" && TWO_DECIMALS.test(raw)) value = BigInt(raw.replace(".", ""));
    else {
      const parsed = parseAmount(raw, scale);
      value = parsed.ok ? parsed.value : null;
    }
    let amount = 0n;
    let issue = 0; // AMOUNT_ISSUES
    if (value === null) issue = 1;
    else {
      amount = value;
      if (decimals > 2) issue = 2;
      else if (value < 0n) issue = 3;
    }

    const unitCode = typeof item.unitCode === "string" && item.unitCode !== "" ? item.unitCode : input.unit.code;
    if (unitCode !== lastUnitCode) {
      let u = unitsByCode.get(unitCode);
      if (!u) {
        u = {
          unit: { code: unitCode, name: `（未知单位 ${unitCode}）`, type: input.unit.type },
          unknown: true,
          vec: newVec(),
        };
        units.push(u);
        unitsByCode.set(unitCode, u);
      }
      unit = u;
      lastUnitCode = unitCode;
      mapping = mappingFor(u.unit.type);
      let pm = projectMaps.get(u);
      if (!pm) {
        pm = new Map();
        projectMaps.set(u, pm);
      }
      unitProjects = pm;
    }
    const functionCode = String(item.functionCode);
    const economicCode = String(item.economicCode);
    const fn = functionInfos.get(functionCode) ?? functionInfo(functionCode);
    const econ = economicInfos.get(economicCode) ?? economicInfo(economicCode);
    const gov = govInfo(mapping, economicCode);
    const cell = cellIndex(item.period, item.source, item.kind);
    lines.cell[position] = cell;
    lines.issue[position] = issue;
    lines.unit[position] = unit;
    lines.functionCode[position] = fn;
    lines.economicCode[position] = econ;
    lines.gov[position] = gov;
    if (cell < 0) continue;
    if (amount !== 0n) nonZeroSlots[cell] = 1;

    addTo(unit.vec, cell, amount);
    // A line goes into the (function, economic mapping) pair it belongs to; the pairs are added
    // into the three trees' leaves afterwards, and 类 and 款 are rolled up from their children.
    let pairs = fn.pairs;
    if (pairs === null) {
      pairs = new Map();
      fn.pairs = pairs;
    }
    let pair = pairs.get(gov);
    if (pair === undefined) {
      // Leaves come into being with the first line that reaches them, as the tables expect.
      pair = {
        fn: fn.leaf ?? functionLeaf(fn),
        econ: econ.leaf ?? economicLeaf(econ),
        gov: gov.leaf ?? govLeaf(gov, economicCode),
        vec: newVec(),
      };
      pairs.set(gov, pair);
      pairList.push(pair);
    }
    addTo(pair.vec, cell, amount);

    if (item.kind === "project") {
      const projectId = typeof item.projectId === "string" && item.projectId !== "" ? item.projectId : null;
      const pk = projectId ?? "";
      let agg = unitProjects.get(pk);
      if (!agg) {
        agg = {
          key: `${unitCode}\u0001${pk}`,
          unitCode,
          projectId,
          project: projectId ? projectsById.get(projectId) : undefined,
          vec: newVec(),
        };
        unitProjects.set(pk, agg);
        projectList.push(agg);
      }
      addTo(agg.vec, cell, amount);
    }
  }

  for (const pair of pairList) {
    mergeInto(pair.fn.vec, pair.vec);
    mergeInto(pair.econ.vec, pair.vec);
    mergeInto(pair.gov.vec, pair.vec);
  }
  // Every line with a valid cell is in exactly one unit's vector.
  const total = newVec();
  for (const u of units) mergeInto(total, u.vec);
  functions.rollUp();
  deptEconomic.rollUp();
  govEconomic.rollUp();

  const unitRank = new Map(units.map((u, i) => [u.unit.code, i]));
  const projects = projectList.sort((a, b) => {
    const ua = unitRank.get(a.unitCode) ?? 0;
    const ub = unitRank.get(b.unitCode) ?? 0;
    if (ua !== ub) return ua - ub;
    return compareProjects(a.project, a.projectId, b.project, b.projectId);
  });

  return {
    input,
    scale,
    lines,
    nonZeroSlots,
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
