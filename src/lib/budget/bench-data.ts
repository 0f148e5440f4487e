/**
 * A small, self-contained catalogue and a deterministic generator of valid budgets, for the
 * benchmark script and the property tests. "Valid" means every error-severity check passes:
 * codes exist and map, kinds use their economic classes, project lines name existing projects
 * with targets, table 16's tasks add up to basic expenditure.
 */
import { ZERO, inspectMoney, toYuanString } from "../money";
import { SOURCE_CODES } from "./types";
import type {
  BudgetInput,
  Catalogs,
  ExpenseKind,
  LineItem,
  Period,
  PerformanceTarget,
  Project,
  SourceCode,
  UnitInfo,
} from "./types";

const FUNCTIONS: [string, string][] = [
  ["201", "一般公共服务支出"],
  ["20101", "人大事务"],
  ["2010101", "行政运行"],
  ["2010102", "一般行政管理事务"],
  ["208", "社会保障和就业支出"],
  ["20801", "人力资源和社会保障管理事务"],
  ["2080101", "行政运行"],
  ["2080150", "事业运行"],
  ["2080199", "其他人力资源和社会保障管理事务支出"],
  ["20805", "行政事业单位养老支出"],
  ["2080501", "行政单位离退休"],
  ["2080502", "事业单位离退休"],
  ["2080505", "机关事业单位基本养老保险缴费支出"],
  ["20807", "就业补助"],
  ["2080704", "社会保险补贴"],
  ["2080705", "公益性岗位补贴"],
  ["2080799", "其他就业补助支出"],
  ["210", "卫生健康支出"],
  ["21011", "行政事业单位医疗"],
  ["2101101", "行政单位医疗"],
  ["2101102", "事业单位医疗"],
  ["212", "城乡社区支出"],
  ["21208", "国有土地使用权出让收入安排的支出"],
  ["2120801", "征地和拆迁补偿支出"],
  ["221", "住房保障支出"],
  ["22102", "住房改革支出"],
  ["2210201", "住房公积金"],
];

const DEPT_ECONOMIC: [string, string][] = [
  ["301", "工资福利支出"],
  ["30101", "基本工资"],
  ["30102", "津贴补贴"],
  ["30107", "绩效工资"],
  ["30108", "机关事业单位基本养老保险缴费"],
  ["30110", "职工基本医疗保险缴费"],
  ["30113", "住房公积金"],
  ["302", "商品和服务支出"],
  ["30201", "办公费"],
  ["30207", "邮电费"],
  ["30211", "差旅费"],
  ["30212", "因公出国（境）费用"],
  ["30217", "公务接待费"],
  ["30231", "公务用车运行维护费"],
  ["30299", "其他商品和服务支出"],
  ["303", "对个人和家庭的补助"],
  ["30302", "退休费"],
  ["30399", "其他对个人和家庭的补助"],
  ["310", "资本性支出"],
  ["31002", "办公设备购置"],
  ["31013", "公务用车购置"],
  ["312", "对企业补助"],
  ["31204", "费用补贴"],
];

const GOV_ECONOMIC: [string, string][] = [
  ["505", "对事业单位经常性补助"],
  ["50501", "工资福利支出"],
  ["50502", "商品和服务支出"],
  ["506", "对事业单位资本性补助"],
  ["50601", "资本性支出（一）"],
  ["507", "对企业补助"],
  ["50701", "费用补贴"],
  ["509", "对个人和家庭的补助"],
  ["50901", "社会福利和救助"],
  ["50905", "离退休费"],
  ["50999", "其他对个人和家庭的补助"],
];

/** 事业单位 mapping. */
function govFor(dept: string): string {
  if (dept.startsWith("301")) return "50501";
  if (dept.startsWith("302")) return "50502";
  if (dept === "30302") return "50905";
  if (dept.startsWith("303")) return "50999";
  if (dept.startsWith("310")) return "50601";
  return "50701";
}

const entries = (rows: [string, string][]) => rows.map(([code, name]) => ({ code, name }));

export const BENCH_CATALOGS: Catalogs = {
  functions: entries(FUNCTIONS),
  deptEconomic: entries(DEPT_ECONOMIC),
  govEconomic: entries(GOV_ECONOMIC),
  econMapping: DEPT_ECONOMIC.filter(([c]) => c.length === 5).map(([deptCode]) => ({ deptCode, govCode: govFor(deptCode) })),
};

export const FUNCTION_ITEMS: readonly string[] = FUNCTIONS.filter(([c]) => c.length === 7).map(([c]) => c);
export const PERSONNEL_ECONOMIC: readonly string[] = DEPT_ECONOMIC.filter(
  ([c]) => c.length === 5 && (c.startsWith("301") || c.startsWith("303")),
).map(([c]) => c);
export const PUBLIC_ECONOMIC: readonly string[] = DEPT_ECONOMIC.filter(
  ([c]) => c.length === 5 && (c.startsWith("302") || c.startsWith("310")),
).map(([c]) => c);
export const ANY_ECONOMIC: readonly string[] = DEPT_ECONOMIC.filter(([c]) => c.length === 5).map(([c]) => c);
export const ALL_SOURCES: readonly SourceCode[] = SOURCE_CODES;

export const BENCH_UNIT: UnitInfo = {
  code: "999001",
  name: "示例市示例区基准测试服务中心",
  type: "institution",
  departmentName: "示例市示例区基准测试局",
  regionCode: "999999000",
  regionName: "示例市示例区",
};

/** Project ids used by generated inputs: "bp1", "bp2", … */
export function benchProjectId(i: number): string {
  return `bp${i + 1}`;
}

/**
 * A complete, valid input around the given line items: a project (with targets) for every
 * project id the lines use, and an overall target whose tasks add up to basic expenditure.
 */
export function inputFromLines(
  lineItems: LineItem[],
  options: { unit?: UnitInfo; year?: number; amountUnit?: "wan" | "yuan" } = {},
): BudgetInput {
  const unit = options.unit ?? BENCH_UNIT;
  const ids = new Set<string>();
  let personnel = ZERO;
  let publicFunds = ZERO;
  for (const l of lineItems) {
    if (l.projectId) ids.add(l.projectId);
    const seen = inspectMoney(l.amount);
    if (!seen.ok) continue;
    if (l.kind === "personnel") personnel = personnel.plus(seen.value);
    if (l.kind === "public") publicFunds = publicFunds.plus(seen.value);
  }
  const projects: Project[] = [...ids].sort().map((id, i) => ({
    id,
    name: `项目${id}`,
    content: `项目${id}的实施内容`,
    debtFinanced: false,
    sort: i + 1,
  }));
  const indicator = { level1: "产出指标", level2: "数量指标", level3: "完成事项数", operator: ">=", value: "1", unit: "项", deadline: "2024-12" };
  const targets: PerformanceTarget[] = [
    {
      projectId: null,
      goal: "保障单位正常运转，完成年度工作任务。",
      tasks: [
        { name: "基本支出人员经费", amount: toYuanString(personnel) },
        { name: "基本支出公用经费", amount: toYuanString(publicFunds) },
      ],
      indicators: [indicator],
    },
    ...projects.map((p) => ({ projectId: p.id, goal: `完成${p.name}`, tasks: [], indicators: [indicator] })),
  ];
  return {
    unit,
    year: options.year ?? 2024,
    revision: 1,
    amountUnit: options.amountUnit ?? "wan",
    catalogs: BENCH_CATALOGS,
    lineItems,
    projects,
    procurement: [],
    purchasedServices: [],
    targets,
    profile: { duties: ["负责示例工作。"], departments: [], composition: "" },
    assets: {
      asOf: "2023-12-31",
      vehicles: { ministerial: 0, general: 1, enforcement: 0, special: 0, other: 0 },
      largeEquipment: 0,
      note: "",
    },
    narrative: { totalChangeReason: "业务调整", sanggongChangeReason: "厉行节约", overview: "" },
    baseline: null,
    priorBudget: null,
    glossary: [],
  };
}

/** Deterministic pseudo-random integers (mulberry32). */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * n);
  };
}

function pick<T>(list: readonly T[], next: (n: number) => number): T {
  const v = list[next(list.length)];
  if (v === undefined) throw new Error("empty list");
  return v;
}

/** A valid input with `n` line items, the same for the same `n` and `seed`. */
export function benchInput(n: number, seed = 20240101): BudgetInput {
  const next = rng(seed);
  const projectCount = Math.max(1, Math.floor(n / 10));
  const lines: LineItem[] = [];
  for (let i = 0; i < n; i++) {
    const roll = next(10);
    const kind: ExpenseKind = roll < 4 ? "personnel" : roll < 6 ? "public" : "project";
    const economicCode = pick(
      kind === "personnel" ? PERSONNEL_ECONOMIC : kind === "public" ? PUBLIC_ECONOMIC : ANY_ECONOMIC,
      next,
    );
    const sourceRoll = next(20);
    const source: SourceCode = sourceRoll < 14 ? "gpb" : pick(ALL_SOURCES, next);
    const period: Period = kind === "project" && next(6) === 0 ? "carryover" : "current";
    // Amounts are built as strings: 元 part and 分 part.
    const yuan = String(1 + next(2_000_000));
    const fen = String(next(100)).padStart(2, "0");
    lines.push({
      id: `b${i + 1}`,
      functionCode: pick(FUNCTION_ITEMS, next),
      economicCode,
      kind,
      projectId: kind === "project" ? benchProjectId(next(projectCount)) : null,
      source,
      period,
      amount: `${yuan}.${fen}`,
    });
  }
  return inputFromLines(lines);
}
