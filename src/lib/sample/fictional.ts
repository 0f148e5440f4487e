/**
 * Clearly fictional sample units, 2022–2026, for the multi-unit / multi-year / consolidation /
 * year-over-year features. Deterministic: a keyed PRNG drives growth rates, amounts are
 * integers of 分 (BigInt) formatted as 元 strings; no floating point touches an amount.
 *
 * Two departments: 沈阳市和平区人力资源和社会保障局 (023, which also holds the real reference
 * unit 023002, see reference-023002-2024.ts) and 沈阳市和平区文化旅游和广播电视局 (031). Each has
 * a 本级 unit (行政单位, real department name, fictional figures), a 事业单位 and a 参公 unit
 * whose names end in （虚构）.
 */
import type {
  BudgetInput,
  ExpenseKind,
  InternalDepartment,
  LineItem,
  PerformanceIndicator,
  PerformanceTarget,
  PriorYearBaseline,
  ProcurementItem,
  Project,
  PurchasedServiceItem,
  SourceCode,
  UnitType,
} from "@/lib/budget/types";
import { catalogsFor } from "./catalog";
import { glossaryForYear } from "./glossary";

export const SAMPLE_YEARS = [2022, 2023, 2024, 2025, 2026] as const;

export type WorkflowStatus = "draft" | "submitted" | "returned" | "approved" | "published";

export interface FictionalBudget {
  input: BudgetInput;
  status: WorkflowStatus;
  departmentCode: string;
  /** 批复 date (ISO) for approved/published budgets, else null. */
  approvedOn: string | null;
  /** Publication date (ISO) for published budgets, else null. */
  publishedOn: string | null;
  /** Reviewer's comment on the whole budget (returned budgets). */
  reviewComment: string | null;
  /** Reviewer's comments on single line items (returned budgets). */
  rowComments: { lineId: string; comment: string }[];
}

// ---------------------------------------------------------------------------
// Organisation tree
// ---------------------------------------------------------------------------

export interface OrgUnit {
  code: string;
  name: string;
  /** The short form used in running text, where the disclosure uses one. */
  shortName?: string;
  type: UnitType;
  /** false only for the real reference unit 023002. */
  fictional: boolean;
}

export interface OrgDepartment {
  code: string;
  name: string;
  units: OrgUnit[];
}

export interface OrgRegion {
  code: string;
  name: string;
  departments: OrgDepartment[];
}

export const REGION_CODE = "210102000";
export const REGION_NAME = "沈阳市和平区";

const DEPT_HRSS = { code: "023", name: "沈阳市和平区人力资源和社会保障局" } as const;
const DEPT_CULTURE = { code: "031", name: "沈阳市和平区文化旅游和广播电视局" } as const;

// ---------------------------------------------------------------------------
// Deterministic helpers
// ---------------------------------------------------------------------------

function hash(key: string): number {
  let h = 2166136261 >>> 0;
  for (const ch of key) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** mulberry32, one draw per key: stateless, so adding a line never shifts other lines. */
function draw(key: string): number {
  let t = (hash(key) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Integer in [min, max], keyed. */
function intIn(key: string, min: number, max: number): number {
  return min + Math.floor(draw(key) * (max - min + 1));
}

/** 元 (integer) → 分 */
function yuan(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad base amount ${n}`);
  return BigInt(n) * 100n;
}

/** Round a non-negative 分 amount half-up to whole 元. */
function roundYuan(fen: bigint): bigint {
  return ((fen + 50n) / 100n) * 100n;
}

/** fen × (1000 + permille) / 1000, rounded to 元. */
function scale(fen: bigint, permille: number): bigint {
  return roundYuan((fen * BigInt(1000 + permille)) / 1000n);
}

/** fen × permille / 1000, rounded to 元. */
function share(fen: bigint, permille: number): bigint {
  return roundYuan((fen * BigInt(permille)) / 1000n);
}

/** 分 → "1234.56" */
function fmt(fen: bigint): string {
  if (fen < 0n) throw new Error("negative amount");
  const cents = fen % 100n;
  return `${fen / 100n}.${cents.toString().padStart(2, "0")}`;
}

function sumFen(items: readonly { fen: bigint }[]): bigint {
  return items.reduce((a, i) => a + i.fen, 0n);
}

const FISCAL: ReadonlySet<SourceCode> = new Set(["gpb", "gf", "soc"]);

// ---------------------------------------------------------------------------
// Unit specifications
// ---------------------------------------------------------------------------

interface LineSpec {
  fn: string;
  econ: string;
  /** 元 in the first active year (before jitter). */
  base: number;
  source?: SourceCode;
  /** Inclusive year range in which the line exists (default: always). */
  years?: readonly [number, number];
}

type IndicatorRow = readonly [string, string, string, string, string, string];

interface ProcurementSpec {
  name: string;
  category: ProcurementItem["category"];
  /** Index into the project's lines. */
  line: number;
  /** Share of the line's amount, ‰ (≤ 1000). */
  share: number;
  /** Share of the procurement reserved for 中小企业, ‰ (≤ 1000). */
  sme: number;
}

interface PurchasedServiceSpec {
  name: string;
  catalogueCode: string;
  catalogueName: string;
  line: number;
  share: number;
}

interface ProjectSpec {
  name: string;
  content: string;
  goal: string;
  years: readonly [number, number];
  lines: LineSpec[];
  indicators: IndicatorRow[];
  debtFinanced?: boolean;
  /** year → ‰ of the previous year's current money carried over into that year. */
  carryover?: Readonly<Record<number, number>>;
  procurement?: ProcurementSpec[];
  purchasedServices?: PurchasedServiceSpec[];
}

interface BasicProcurementSpec {
  name: string;
  category: ProcurementItem["category"];
  /** dept-economic code of the public line it is bought from */
  econ: string;
  share: number;
  sme: number;
}

interface UnitSpec {
  code: string;
  name: string;
  type: UnitType;
  department: { code: string; name: string };
  duties: string[];
  departments: InternalDepartment[];
  personnel: LineSpec[];
  public: LineSpec[];
  projects: ProjectSpec[];
  basicProcurement?: BasicProcurementSpec[];
  vehicles: { general: number; enforcement: number };
  overallGoal: string;
  overallSocial: IndicatorRow[];
  statuses: Readonly<Record<number, WorkflowStatus>>;
}

const PUBLISHED_ALL = { 2022: "published", 2023: "published", 2024: "published", 2025: "published" } as const;

const FICTIONAL_NOTE = "本单位为系统演示用示例单位，所列预算数据均为虚构。";

const UNITS: readonly UnitSpec[] = [
  // ------------------------------------------------------------ 023001 人社局本级（行政）
  {
    code: "023001",
    name: "沈阳市和平区人力资源和社会保障局（本级）",
    type: "admin",
    department: DEPT_HRSS,
    duties: [
      "贯彻执行国家、省、市人力资源和社会保障工作的方针政策，拟订全区人力资源和社会保障事业发展规划并组织实施（示例）。",
      "负责促进就业工作，统筹城乡就业发展，牵头拟订全区高校毕业生等重点群体就业政策（示例）。",
      "统筹推进全区社会保险体系建设，组织实施机关事业单位养老保险制度（示例）。",
      "负责劳动关系、劳动保障监察和劳动人事争议调解仲裁工作（示例）。",
      "完成区委、区政府交办的其他任务（示例）。",
    ],
    departments: [
      {
        name: "办公室（示例）",
        duties: "负责机关日常运转、文电、会务、财务、资产和政务公开等工作（示例）。",
        staffing: 6,
        leaders: "主任 1 名",
      },
      {
        name: "就业促进科（示例）",
        duties: "拟订就业创业政策措施，指导公共就业服务体系建设（示例）。",
        staffing: 5,
        leaders: "科长 1 名",
      },
      {
        name: "劳动关系科（示例）",
        duties: "负责劳动合同、工资分配指导和劳动人事争议调解仲裁工作（示例）。",
        staffing: 4,
        leaders: "科长 1 名",
      },
    ],
    personnel: [
      { fn: "2080101", econ: "30101", base: 2150000 },
      { fn: "2080101", econ: "30102", base: 3280000 },
      { fn: "2080101", econ: "30103", base: 620000 },
      { fn: "2080505", econ: "30108", base: 1020000 },
      { fn: "2080506", econ: "30109", base: 410000 },
      { fn: "2101101", econ: "30110", base: 480000 },
      { fn: "2101103", econ: "30111", base: 95000 },
      { fn: "2080101", econ: "30112", base: 36000 },
      { fn: "2210201", econ: "30113", base: 760000 },
      { fn: "2080501", econ: "30302", base: 520000 },
      { fn: "2080501", econ: "30305", base: 48000 },
    ],
    public: [
      { fn: "2080101", econ: "30201", base: 180000 },
      { fn: "2080101", econ: "30205", base: 26000 },
      { fn: "2080101", econ: "30206", base: 88000 },
      { fn: "2080101", econ: "30207", base: 64000 },
      { fn: "2080101", econ: "30208", base: 210000 },
      { fn: "2080101", econ: "30209", base: 240000 },
      { fn: "2080101", econ: "30211", base: 45000 },
      { fn: "2080101", econ: "30213", base: 60000 },
      { fn: "2080101", econ: "30215", base: 20000 },
      { fn: "2080101", econ: "30216", base: 35000 },
      { fn: "2080101", econ: "30217", base: 18000 },
      { fn: "2080101", econ: "30228", base: 98000 },
      { fn: "2080101", econ: "30229", base: 52000 },
      { fn: "2080101", econ: "30231", base: 56000 },
      { fn: "2080101", econ: "30239", base: 270000 },
      { fn: "2080101", econ: "30299", base: 40000 },
    ],
    basicProcurement: [
      { name: "办公用品及耗材（示例）", category: "goods", econ: "30201", share: 600, sme: 1000 },
      { name: "机关物业管理服务（示例）", category: "services", econ: "30209", share: 1000, sme: 1000 },
    ],
    projects: [
      {
        name: "就业创业服务示例项目（虚构）",
        content: "组织开展线上线下招聘、创业指导和就业创业服务补贴发放等工作（示例数据）。",
        goal: "为重点群体提供就业创业服务，按规定及时足额发放就业创业服务补贴（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2080106", econ: "30227", base: 1200000 },
          { fn: "2080701", econ: "30399", base: 3500000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "举办招聘活动场次", ">=", "24", "场"],
          ["产出指标", "质量指标", "补贴发放准确率", "=", "100", "%"],
          ["产出指标", "时效指标", "补贴发放及时率", ">=", "95", "%"],
          ["效益指标", "社会效益指标", "城镇新增就业人数", ">=", "3000", "人"],
          ["满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "90", "%"],
        ],
        procurement: [
          { name: "就业创业指导服务（示例）", category: "services", line: 0, share: 800, sme: 1000 },
        ],
        purchasedServices: [
          {
            name: "就业创业指导服务（示例）",
            catalogueCode: "A0201",
            catalogueName: "就业服务（示例目录）",
            line: 0,
            share: 800,
          },
        ],
      },
      {
        name: "人社信息系统运维（虚构）",
        content: "保障人社业务经办信息系统和网络的稳定运行，按需更新软件（示例数据）。",
        goal: "保障业务信息系统全年稳定运行，系统故障及时处置（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2080108", econ: "30213", base: 420000 },
          { fn: "2080108", econ: "31007", base: 300000, years: [2023, 2026] },
        ],
        indicators: [
          ["产出指标", "数量指标", "运维系统数量", ">=", "6", "个"],
          ["产出指标", "质量指标", "系统正常运行率", ">=", "99", "%"],
          ["效益指标", "可持续影响指标", "业务网上办理率", ">=", "80", "%"],
          ["满意度指标", "服务对象满意度指标", "经办人员满意度", ">=", "90", "%"],
        ],
        procurement: [
          { name: "信息系统运维服务（示例）", category: "services", line: 0, share: 1000, sme: 1000 },
          { name: "业务软件升级（示例）", category: "goods", line: 1, share: 1000, sme: 400 },
        ],
      },
      {
        name: "劳动人事争议调解仲裁工作经费（示例）",
        content: "保障劳动人事争议案件受理、调解、仲裁和文书送达等工作（示例数据）。",
        goal: "依法及时处理劳动人事争议案件，调解仲裁结案率保持较高水平（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2080112", econ: "30226", base: 180000 },
          { fn: "2080112", econ: "30202", base: 30000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "受理案件数", ">=", "300", "件"],
          ["产出指标", "质量指标", "仲裁结案率", ">=", "90", "%"],
          ["效益指标", "社会效益指标", "劳动关系和谐稳定", "", "有提升", ""],
        ],
      },
      {
        name: "高校毕业生就业见习补贴（示例）",
        content: "对吸纳离校未就业高校毕业生参加就业见习的单位给予见习补贴（示例数据）。",
        goal: "组织离校未就业高校毕业生参加就业见习，按标准发放见习补贴（示例）。",
        years: [2023, 2026],
        carryover: { 2025: 200 },
        lines: [{ fn: "2080711", econ: "30399", base: 900000 }],
        indicators: [
          ["产出指标", "数量指标", "参加见习人数", ">=", "150", "人"],
          ["产出指标", "质量指标", "见习补贴发放准确率", "=", "100", "%"],
          ["效益指标", "社会效益指标", "见习期满留用率", ">=", "30", "%"],
          ["满意度指标", "服务对象满意度指标", "见习人员满意度", ">=", "90", "%"],
        ],
      },
    ],
    vehicles: { general: 2, enforcement: 0 },
    overallGoal:
      "围绕稳就业、保民生，落实就业优先政策，提升人社公共服务水平，保障机关正常运转（示例）。",
    overallSocial: [["社会效应", "社会效益", "城镇新增就业人数", ">=", "3000", "人"]],
    statuses: { ...PUBLISHED_ALL, 2026: "submitted" },
  },

  // ------------------------------------------------------------ 023901 示例街道就业服务中心（事业）
  {
    code: "023901",
    name: "和平区示例街道就业服务中心（虚构）",
    type: "institution",
    department: DEPT_HRSS,
    duties: [
      "承担辖区就业失业登记、就业困难人员认定和就业援助的具体工作（示例）。",
      "负责辖区公益性岗位人员的日常管理和补贴申报（示例）。",
      "承担社区就业服务站的运行管理（示例）。",
      "承担区人力资源和社会保障局交办的其他工作（示例）。",
    ],
    departments: [
      {
        name: "综合部（示例）",
        duties: "负责行政、财务、资产和后勤保障工作（示例）。",
        staffing: 4,
        leaders: "部长 1 名",
      },
      {
        name: "就业服务部（示例）",
        duties: "负责就业登记、职业介绍和公益性岗位管理（示例）。",
        staffing: 9,
        leaders: "部长 1 名",
      },
    ],
    personnel: [
      { fn: "2080150", econ: "30101", base: 820000 },
      { fn: "2080150", econ: "30102", base: 60000 },
      { fn: "2080150", econ: "30107", base: 1150000 },
      { fn: "2080505", econ: "30108", base: 330000 },
      { fn: "2080506", econ: "30109", base: 130000 },
      { fn: "2101102", econ: "30110", base: 150000 },
      { fn: "2080150", econ: "30112", base: 14000 },
      { fn: "2210201", econ: "30113", base: 240000 },
      { fn: "2080502", econ: "30302", base: 90000 },
      { fn: "2080502", econ: "30307", base: 12000 },
    ],
    public: [
      { fn: "2080150", econ: "30201", base: 40000 },
      { fn: "2080150", econ: "30205", base: 8000 },
      { fn: "2080150", econ: "30206", base: 30000 },
      { fn: "2080150", econ: "30207", base: 22000 },
      { fn: "2080150", econ: "30208", base: 85000 },
      { fn: "2080150", econ: "30209", base: 60000 },
      { fn: "2080150", econ: "30211", base: 6000 },
      { fn: "2080150", econ: "30228", base: 32000 },
      { fn: "2080150", econ: "30229", base: 15000 },
      { fn: "2080150", econ: "30299", base: 18000 },
    ],
    projects: [
      {
        name: "基层公益性岗位补贴（示例）",
        content: "为辖区就业困难人员提供公益性岗位并按规定发放岗位补贴（示例数据）。",
        goal: "安置就业困难人员在公益性岗位就业，岗位补贴按月足额发放（示例）。",
        years: [2022, 2026],
        lines: [{ fn: "2080705", econ: "30399", base: 2600000 }],
        indicators: [
          ["产出指标", "数量指标", "公益性岗位安置人数", ">=", "120", "人"],
          ["产出指标", "时效指标", "补贴按月发放率", "=", "100", "%"],
          ["效益指标", "社会效益指标", "零就业家庭动态清零", "", "实现", ""],
          ["满意度指标", "服务对象满意度指标", "公益性岗位人员满意度", ">=", "95", "%"],
        ],
      },
      {
        name: "社区就业服务站运行经费（示例）",
        content: "保障社区就业服务站窗口服务和信息采集工作（示例数据）。",
        goal: "社区就业服务站全年正常开放，服务信息及时更新（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2080106", econ: "30201", base: 80000 },
          { fn: "2080106", econ: "30226", base: 240000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "服务站数量", "=", "8", "个"],
          ["产出指标", "质量指标", "服务信息更新及时率", ">=", "95", "%"],
          ["满意度指标", "服务对象满意度指标", "窗口服务满意度", ">=", "90", "%"],
        ],
        procurement: [
          { name: "就业服务站窗口辅助服务（示例）", category: "services", line: 1, share: 1000, sme: 1000 },
        ],
        purchasedServices: [
          {
            name: "就业服务站窗口辅助服务（示例）",
            catalogueCode: "B0105",
            catalogueName: "窗口服务辅助（示例目录）",
            line: 1,
            share: 1000,
          },
        ],
      },
      {
        name: "零就业家庭帮扶（示例）",
        content: "对零就业家庭开展一对一就业帮扶和临时生活补助（示例数据）。",
        goal: "确保辖区零就业家庭至少一人实现就业（示例）。",
        years: [2024, 2026],
        lines: [{ fn: "2080799", econ: "30399", base: 400000 }],
        indicators: [
          ["产出指标", "数量指标", "帮扶家庭户数", ">=", "40", "户"],
          ["效益指标", "社会效益指标", "零就业家庭就业率", "=", "100", "%"],
          ["满意度指标", "服务对象满意度指标", "帮扶对象满意度", ">=", "90", "%"],
        ],
      },
    ],
    vehicles: { general: 0, enforcement: 0 },
    overallGoal: "做好辖区就业失业登记和就业援助，管好用好公益性岗位（示例）。",
    overallSocial: [["社会效应", "社会效益", "就业困难人员就业人数", ">=", "100", "人"]],
    statuses: { ...PUBLISHED_ALL, 2026: "draft" },
  },

  // ------------------------------------------------------------ 023902 示例劳动保障监察大队（参公）
  {
    code: "023902",
    name: "和平区示例劳动保障监察大队（虚构）",
    type: "civil_servant_managed",
    department: DEPT_HRSS,
    duties: [
      "依法对用人单位遵守劳动保障法律法规情况实施监察（示例）。",
      "受理劳动保障违法行为的举报投诉，查处违法案件（示例）。",
      "组织开展根治欠薪等专项执法行动（示例）。",
    ],
    departments: [
      {
        name: "综合科（示例）",
        duties: "负责文秘、财务、执法文书和案卷管理（示例）。",
        staffing: 3,
        leaders: "科长 1 名",
      },
      {
        name: "执法一中队（示例）",
        duties: "负责辖区日常巡查和举报投诉案件办理（示例）。",
        staffing: 6,
        leaders: "中队长 1 名",
      },
      {
        name: "执法二中队（示例）",
        duties: "负责专项执法行动和欠薪案件查处（示例）。",
        staffing: 6,
        leaders: "中队长 1 名",
      },
    ],
    personnel: [
      { fn: "2080101", econ: "30101", base: 560000 },
      { fn: "2080101", econ: "30102", base: 820000 },
      { fn: "2080101", econ: "30103", base: 150000 },
      { fn: "2080505", econ: "30108", base: 250000 },
      { fn: "2080506", econ: "30109", base: 100000 },
      { fn: "2101101", econ: "30110", base: 115000 },
      { fn: "2101103", econ: "30111", base: 24000 },
      { fn: "2080101", econ: "30112", base: 9000 },
      { fn: "2210201", econ: "30113", base: 185000 },
      { fn: "2080501", econ: "30302", base: 60000 },
    ],
    public: [
      { fn: "2080101", econ: "30201", base: 50000 },
      { fn: "2080101", econ: "30206", base: 20000 },
      { fn: "2080101", econ: "30207", base: 18000 },
      { fn: "2080101", econ: "30208", base: 60000 },
      { fn: "2080101", econ: "30211", base: 12000 },
      { fn: "2080101", econ: "30216", base: 10000 },
      { fn: "2080101", econ: "30217", base: 6000 },
      { fn: "2080101", econ: "30228", base: 24000 },
      { fn: "2080101", econ: "30229", base: 13000 },
      { fn: "2080101", econ: "30231", base: 42000 },
      { fn: "2080101", econ: "30239", base: 68000 },
      { fn: "2080101", econ: "30299", base: 10000 },
    ],
    projects: [
      {
        name: "劳动保障监察执法专项经费（示例）",
        content: "保障日常巡查、案件查处、执法装备和执法服装等支出（示例数据）。",
        goal: "依法查处劳动保障违法案件，按期办结举报投诉案件（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2080105", econ: "30211", base: 40000 },
          { fn: "2080105", econ: "30202", base: 20000 },
          { fn: "2080105", econ: "30218", base: 60000 },
          { fn: "2080105", econ: "30224", base: 36000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "日常巡查用人单位户数", ">=", "800", "户"],
          ["产出指标", "质量指标", "举报投诉案件按期办结率", ">=", "95", "%"],
          ["效益指标", "社会效益指标", "为劳动者追讨工资", "", "应追尽追", ""],
          ["满意度指标", "服务对象满意度指标", "投诉人满意度", ">=", "85", "%"],
        ],
        procurement: [
          { name: "执法服装（示例）", category: "goods", line: 3, share: 1000, sme: 1000 },
        ],
      },
      {
        name: "根治欠薪专项行动（示例）",
        content: "开展根治欠薪冬季专项行动，委托第三方开展工程建设领域工资支付核查（示例数据）。",
        goal: "在建工程项目工资支付保障制度落实到位，欠薪案件动态清零（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2080110", econ: "30227", base: 150000 },
          { fn: "2080110", econ: "30215", base: 10000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "核查在建项目数", ">=", "60", "个"],
          ["产出指标", "时效指标", "欠薪案件结案及时率", ">=", "95", "%"],
          ["效益指标", "社会效益指标", "欠薪案件动态清零", "", "实现", ""],
        ],
        procurement: [
          { name: "工资支付核查服务（示例）", category: "services", line: 0, share: 1000, sme: 1000 },
        ],
      },
      {
        name: "执法执勤用车更新（示例）",
        content: "按规定更新 1 辆超过使用年限的执法执勤用车（示例数据）。",
        goal: "完成执法执勤用车更新，保障执法工作需要（示例）。",
        years: [2025, 2025],
        lines: [{ fn: "2080105", econ: "31013", base: 200000 }],
        indicators: [
          ["产出指标", "数量指标", "更新车辆数", "=", "1", "辆"],
          ["产出指标", "成本指标", "单车购置价格", "<=", "20", "万元"],
          ["效益指标", "可持续影响指标", "执法保障能力", "", "有提升", ""],
        ],
        procurement: [
          { name: "执法执勤用车（示例）", category: "goods", line: 0, share: 1000, sme: 0 },
        ],
      },
    ],
    vehicles: { general: 0, enforcement: 2 },
    overallGoal: "依法履行劳动保障监察职责，维护劳动者合法权益（示例）。",
    overallSocial: [["社会效应", "社会效益", "劳动保障违法案件结案率", ">=", "95", "%"]],
    statuses: { ...PUBLISHED_ALL, 2026: "returned" },
  },

  // ------------------------------------------------------------ 031001 文旅局本级（行政）
  {
    code: "031001",
    name: "沈阳市和平区文化旅游和广播电视局（本级）",
    type: "admin",
    department: DEPT_CULTURE,
    duties: [
      "贯彻执行文化、旅游、广播电视和体育工作的方针政策，拟订全区相关发展规划并组织实施（示例）。",
      "统筹推进全区公共文化服务体系建设，组织开展群众文化活动（示例）。",
      "负责全区旅游宣传推广和文化旅游市场管理（示例）。",
      "组织开展全民健身活动（示例）。",
      "完成区委、区政府交办的其他任务（示例）。",
    ],
    departments: [
      {
        name: "办公室（示例）",
        duties: "负责机关日常运转、财务、资产、政务公开等工作（示例）。",
        staffing: 5,
        leaders: "主任 1 名",
      },
      {
        name: "公共服务科（示例）",
        duties: "负责公共文化服务体系建设和群众文化活动组织（示例）。",
        staffing: 4,
        leaders: "科长 1 名",
      },
      {
        name: "产业发展科（示例）",
        duties: "负责文化旅游产业发展和旅游宣传推广（示例）。",
        staffing: 4,
        leaders: "科长 1 名",
      },
    ],
    personnel: [
      { fn: "2070101", econ: "30101", base: 1280000 },
      { fn: "2070101", econ: "30102", base: 1950000 },
      { fn: "2070101", econ: "30103", base: 360000 },
      { fn: "2080505", econ: "30108", base: 600000 },
      { fn: "2080506", econ: "30109", base: 240000 },
      { fn: "2101101", econ: "30110", base: 280000 },
      { fn: "2101103", econ: "30111", base: 56000 },
      { fn: "2070101", econ: "30112", base: 21000 },
      { fn: "2210201", econ: "30113", base: 450000 },
      { fn: "2080501", econ: "30301", base: 95000 },
      { fn: "2080501", econ: "30302", base: 380000 },
    ],
    public: [
      { fn: "2070101", econ: "30201", base: 110000 },
      { fn: "2070101", econ: "30205", base: 15000 },
      { fn: "2070101", econ: "30206", base: 52000 },
      { fn: "2070101", econ: "30207", base: 38000 },
      { fn: "2070101", econ: "30208", base: 130000 },
      { fn: "2070101", econ: "30209", base: 150000 },
      { fn: "2070101", econ: "30211", base: 30000 },
      { fn: "2070101", econ: "30212", base: 60000, years: [2023, 2023] },
      { fn: "2070101", econ: "30213", base: 40000 },
      { fn: "2070101", econ: "30215", base: 15000 },
      { fn: "2070101", econ: "30216", base: 22000 },
      { fn: "2070101", econ: "30217", base: 15000 },
      { fn: "2070101", econ: "30228", base: 58000 },
      { fn: "2070101", econ: "30229", base: 31000 },
      { fn: "2070101", econ: "30231", base: 38000 },
      { fn: "2070101", econ: "30239", base: 160000 },
      { fn: "2070101", econ: "30299", base: 25000 },
    ],
    basicProcurement: [
      { name: "办公用品（示例）", category: "goods", econ: "30201", share: 500, sme: 1000 },
    ],
    projects: [
      {
        name: "群众文化活动示例经费（虚构）",
        content: "组织全区广场文化节、社区文艺展演等群众文化活动（示例数据）。",
        goal: "全年组织群众文化活动，丰富群众精神文化生活（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2070108", econ: "30227", base: 600000 },
          { fn: "2070108", econ: "30226", base: 120000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "举办文化活动场次", ">=", "40", "场"],
          ["产出指标", "质量指标", "活动安全事故发生次数", "=", "0", "次"],
          ["效益指标", "社会效益指标", "参与群众人次", ">=", "20000", "人次"],
          ["满意度指标", "社会公众满意度指标", "群众满意度", ">=", "90", "%"],
        ],
        procurement: [
          { name: "文化活动组织服务（示例）", category: "services", line: 0, share: 900, sme: 1000 },
        ],
        purchasedServices: [
          {
            name: "群众文化活动组织（示例）",
            catalogueCode: "A0701",
            catalogueName: "公共文化服务（示例目录）",
            line: 0,
            share: 900,
          },
        ],
      },
      {
        name: "旅游宣传推广（示例）",
        content: "制作旅游宣传品，参加旅游推介活动（示例数据）。",
        goal: "提升和平区文化旅游品牌知名度（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2070113", econ: "30227", base: 350000 },
          { fn: "2070113", econ: "30202", base: 50000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "参加推介活动次数", ">=", "4", "次"],
          ["产出指标", "数量指标", "宣传品印制数量", ">=", "10000", "份"],
          ["效益指标", "经济效益指标", "接待游客人次增长率", ">=", "5", "%"],
        ],
        procurement: [
          { name: "旅游宣传品印制（示例）", category: "goods", line: 1, share: 1000, sme: 1000 },
        ],
      },
      {
        name: "全民健身示例活动（虚构）",
        content: "使用体育彩票公益金组织全民健身赛事活动（示例数据）。",
        goal: "组织全民健身赛事，提高群众体育参与度（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2296003", econ: "30218", base: 100000, source: "gf" },
          { fn: "2296003", econ: "30227", base: 180000, source: "gf" },
        ],
        indicators: [
          ["产出指标", "数量指标", "举办赛事数量", ">=", "6", "项"],
          ["效益指标", "社会效益指标", "参赛群众人次", ">=", "3000", "人次"],
          ["满意度指标", "服务对象满意度指标", "参赛群众满意度", ">=", "90", "%"],
        ],
      },
      {
        name: "示例文化设施维修改造（虚构）",
        content: "对区属公共文化设施实施维修改造，资金来源为政府债券（示例数据）。",
        goal: "完成文化设施维修改造并投入使用（示例）。",
        years: [2024, 2025],
        debtFinanced: true,
        lines: [{ fn: "2070199", econ: "31006", base: 2400000 }],
        indicators: [
          ["产出指标", "数量指标", "改造面积", ">=", "3000", "平方米"],
          ["产出指标", "质量指标", "工程验收合格率", "=", "100", "%"],
          ["产出指标", "时效指标", "工程按期完成率", "=", "100", "%"],
          ["效益指标", "社会效益指标", "设施开放时间", ">=", "56", "小时/周"],
        ],
        procurement: [
          { name: "文化设施维修改造工程（示例）", category: "works", line: 0, share: 1000, sme: 400 },
        ],
      },
      {
        name: "广播电视公共服务（示例）",
        content: "保障应急广播和公共广播电视设施的日常维护（示例数据）。",
        goal: "应急广播设施正常运行（示例）。",
        years: [2022, 2026],
        lines: [{ fn: "2070808", econ: "30213", base: 200000 }],
        indicators: [
          ["产出指标", "数量指标", "维护应急广播终端数", ">=", "300", "个"],
          ["产出指标", "质量指标", "设备完好率", ">=", "98", "%"],
        ],
        procurement: [
          { name: "应急广播设施维护服务（示例）", category: "services", line: 0, share: 1000, sme: 1000 },
        ],
      },
    ],
    vehicles: { general: 1, enforcement: 0 },
    overallGoal: "完善公共文化服务体系，促进文化旅游融合发展，保障机关正常运转（示例）。",
    overallSocial: [["社会效应", "社会效益", "群众文化活动参与人次", ">=", "20000", "人次"]],
    statuses: { ...PUBLISHED_ALL, 2026: "approved" },
  },

  // ------------------------------------------------------------ 031901 示例文化馆（事业）
  {
    code: "031901",
    name: "和平区示例文化馆（虚构）",
    type: "institution",
    department: DEPT_CULTURE,
    duties: [
      "开展群众文化活动和公益性文化艺术培训（示例）。",
      "辅导基层文化队伍，组织群众文艺创作（示例）。",
      "开展非物质文化遗产保护传承工作（示例）。",
    ],
    departments: [
      {
        name: "办公室（示例）",
        duties: "负责行政、财务、资产和场馆管理（示例）。",
        staffing: 4,
        leaders: "主任 1 名",
      },
      {
        name: "活动部（示例）",
        duties: "负责群众文化活动策划组织和艺术培训（示例）。",
        staffing: 8,
        leaders: "部长 1 名",
      },
      {
        name: "非遗部（示例）",
        duties: "负责非物质文化遗产调查、保护和展示（示例）。",
        staffing: 3,
        leaders: "部长 1 名",
      },
    ],
    personnel: [
      { fn: "2070109", econ: "30101", base: 690000 },
      { fn: "2070109", econ: "30102", base: 50000 },
      { fn: "2070109", econ: "30107", base: 980000 },
      { fn: "2080505", econ: "30108", base: 280000 },
      { fn: "2080506", econ: "30109", base: 110000 },
      { fn: "2101102", econ: "30110", base: 125000 },
      { fn: "2070109", econ: "30112", base: 12000 },
      { fn: "2210201", econ: "30113", base: 205000 },
      { fn: "2080502", econ: "30302", base: 140000 },
      { fn: "2080502", econ: "30307", base: 18000 },
    ],
    public: [
      { fn: "2070109", econ: "30201", base: 35000 },
      { fn: "2070109", econ: "30205", base: 12000 },
      { fn: "2070109", econ: "30206", base: 48000 },
      { fn: "2070109", econ: "30207", base: 16000 },
      { fn: "2070109", econ: "30208", base: 120000 },
      { fn: "2070109", econ: "30209", base: 90000 },
      { fn: "2070109", econ: "30213", base: 30000 },
      { fn: "2070109", econ: "30226", base: 40000, source: "unit_business" },
      { fn: "2070109", econ: "30228", base: 27000 },
      { fn: "2070109", econ: "30229", base: 12000 },
      { fn: "2070109", econ: "30299", base: 20000, source: "unit_other" },
    ],
    projects: [
      {
        name: "公益文化培训（示例）",
        content: "面向社区居民开设免费文化艺术培训班（示例数据）。",
        goal: "开设公益文化艺术培训班，提高群众艺术素养（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2070109", econ: "30226", base: 260000 },
          { fn: "2070109", econ: "30218", base: 60000, source: "unit_business" },
        ],
        indicators: [
          ["产出指标", "数量指标", "开设培训班数", ">=", "30", "个"],
          ["产出指标", "数量指标", "培训人次", ">=", "1500", "人次"],
          ["满意度指标", "服务对象满意度指标", "学员满意度", ">=", "95", "%"],
        ],
      },
      {
        name: "非遗保护传承示例项目（虚构）",
        content: "开展非物质文化遗产项目调查记录和传承人展示活动（示例数据）。",
        goal: "完成非遗项目调查记录，举办传承展示活动（示例）。",
        years: [2022, 2023],
        carryover: { 2024: 300 },
        lines: [{ fn: "2070111", econ: "30227", base: 300000 }],
        indicators: [
          ["产出指标", "数量指标", "调查记录非遗项目数", ">=", "10", "项"],
          ["效益指标", "可持续影响指标", "非遗传承人队伍", "", "稳定", ""],
        ],
        procurement: [
          { name: "非遗影像记录服务（示例）", category: "services", line: 0, share: 700, sme: 1000 },
        ],
      },
      {
        name: "群众文艺汇演（示例）",
        content: "组织年度群众文艺汇演和优秀节目展演（示例数据）。",
        goal: "办好年度群众文艺汇演（示例）。",
        years: [2024, 2026],
        lines: [{ fn: "2070108", econ: "30227", base: 200000 }],
        indicators: [
          ["产出指标", "数量指标", "参演节目数", ">=", "30", "个"],
          ["效益指标", "社会效益指标", "现场及线上观众人次", ">=", "10000", "人次"],
          ["满意度指标", "社会公众满意度指标", "观众满意度", ">=", "90", "%"],
        ],
        procurement: [
          { name: "汇演舞台灯光音响租赁（示例）", category: "services", line: 0, share: 500, sme: 1000 },
        ],
      },
      {
        name: "文化馆设备更新（示例）",
        content: "更新排练厅音响、灯光等专用设备（示例数据）。",
        goal: "完成排练厅专用设备更新（示例）。",
        years: [2025, 2026],
        lines: [{ fn: "2070109", econ: "31003", base: 450000 }],
        indicators: [
          ["产出指标", "数量指标", "更新设备台（套）数", ">=", "12", "台（套）"],
          ["产出指标", "质量指标", "设备验收合格率", "=", "100", "%"],
        ],
        procurement: [
          { name: "排练厅专用设备（示例）", category: "goods", line: 0, share: 1000, sme: 600 },
        ],
      },
    ],
    vehicles: { general: 0, enforcement: 0 },
    overallGoal: "免费开放场馆，开展群众文化活动和公益培训，做好非遗保护（示例）。",
    overallSocial: [["社会效应", "社会效益", "年服务群众人次", ">=", "50000", "人次"]],
    statuses: { ...PUBLISHED_ALL, 2026: "draft" },
  },

  // ------------------------------------------------------------ 031902 示例文化市场综合执法大队（参公）
  {
    code: "031902",
    name: "和平区示例文化市场综合执法大队（虚构）",
    type: "civil_servant_managed",
    department: DEPT_CULTURE,
    duties: [
      "依法对文化、旅游、广播电视、出版等市场实施综合执法（示例）。",
      "受理文化市场举报投诉，查处违法违规经营行为（示例）。",
    ],
    departments: [
      {
        name: "综合科（示例）",
        duties: "负责文秘、财务和执法案卷管理（示例）。",
        staffing: 3,
        leaders: "科长 1 名",
      },
      {
        name: "执法中队（示例）",
        duties: "负责文化旅游市场日常巡查和案件查处（示例）。",
        staffing: 8,
        leaders: "中队长 1 名",
      },
    ],
    personnel: [
      { fn: "2070101", econ: "30101", base: 420000 },
      { fn: "2070101", econ: "30102", base: 610000 },
      { fn: "2070101", econ: "30103", base: 110000 },
      { fn: "2080505", econ: "30108", base: 185000 },
      { fn: "2080506", econ: "30109", base: 74000 },
      { fn: "2101101", econ: "30110", base: 86000 },
      { fn: "2101103", econ: "30111", base: 17000 },
      { fn: "2070101", econ: "30112", base: 7000 },
      { fn: "2210201", econ: "30113", base: 140000 },
      { fn: "2080501", econ: "30302", base: 30000 },
    ],
    public: [
      { fn: "2070101", econ: "30201", base: 30000 },
      { fn: "2070101", econ: "30206", base: 15000 },
      { fn: "2070101", econ: "30207", base: 12000 },
      { fn: "2070101", econ: "30208", base: 45000 },
      { fn: "2070101", econ: "30211", base: 8000 },
      { fn: "2070101", econ: "30217", base: 4000 },
      { fn: "2070101", econ: "30228", base: 18000 },
      { fn: "2070101", econ: "30229", base: 10000 },
      { fn: "2070101", econ: "30231", base: 30000 },
      { fn: "2070101", econ: "30239", base: 50000 },
      { fn: "2070101", econ: "30299", base: 8000 },
    ],
    projects: [
      {
        name: "文化市场执法检查专项经费（示例）",
        content: "保障文化旅游市场日常巡查、专项整治和执法装备支出（示例数据）。",
        goal: "开展文化旅游市场日常巡查和专项整治，维护市场秩序（示例）。",
        years: [2022, 2026],
        lines: [
          { fn: "2070112", econ: "30218", base: 50000 },
          { fn: "2070112", econ: "30224", base: 30000 },
          { fn: "2070112", econ: "30227", base: 60000 },
        ],
        indicators: [
          ["产出指标", "数量指标", "检查经营场所家次", ">=", "1200", "家次"],
          ["产出指标", "质量指标", "案件办结率", ">=", "95", "%"],
          ["效益指标", "社会效益指标", "文化市场秩序", "", "持续向好", ""],
        ],
      },
      {
        name: "执法记录仪购置（示例）",
        content: "为一线执法人员配备执法记录仪（示例数据）。",
        goal: "实现执法全过程记录（示例）。",
        years: [2023, 2023],
        lines: [{ fn: "2070112", econ: "31003", base: 80000 }],
        indicators: [
          ["产出指标", "数量指标", "配备执法记录仪数量", "=", "16", "台"],
          ["效益指标", "社会效益指标", "执法全过程记录覆盖率", "=", "100", "%"],
        ],
        procurement: [
          { name: "执法记录仪（示例）", category: "goods", line: 0, share: 1000, sme: 1000 },
        ],
      },
    ],
    vehicles: { general: 0, enforcement: 1 },
    overallGoal: "依法开展文化市场综合执法，维护文化旅游市场秩序（示例）。",
    overallSocial: [["社会效应", "社会效益", "举报投诉按期办结率", ">=", "95", "%"]],
    statuses: { 2022: "published", 2023: "published", 2024: "published", 2025: "approved", 2026: "draft" },
  },
];

/** The organisation tree: region → departments → units (incl. the reference unit 023002). */
export const organisations: OrgRegion[] = [
  {
    code: REGION_CODE,
    name: REGION_NAME,
    departments: [DEPT_HRSS, DEPT_CULTURE].map((d) => ({
      code: d.code,
      name: d.name,
      units: [
        ...(d.code === DEPT_HRSS.code
          ? [
              {
                code: "023002",
                name: "沈阳市和平区人力资源和社会保障事务服务中心",
                shortName: "和平区人力资源和社会保障事务服务中心",
                type: "institution" as const,
                fictional: false,
              },
            ]
          : []),
        ...UNITS.filter((u) => u.department.code === d.code).map((u) => ({
          code: u.code,
          name: u.name,
          type: u.type,
          fictional: true,
        })),
      ].sort((a, b) => a.code.localeCompare(b.code)),
    })),
  },
];

// ---------------------------------------------------------------------------
// Amount generation
// ---------------------------------------------------------------------------

type Group = "personnel" | "public" | "project";

/** Year-over-year change of a whole group, ‰. */
function groupGrowth(unit: string, group: Group, key: string, year: number): number {
  switch (group) {
    case "personnel":
      return intIn(`${unit}|personnel|${year}`, -20, 90);
    case "public":
      return intIn(`${unit}|public|${year}`, -80, 80);
    case "project":
      return intIn(`${unit}|${key}|${year}`, -250, 350);
  }
}

function activeIn(years: readonly [number, number] | undefined, year: number): boolean {
  return !years || (year >= years[0] && year <= years[1]);
}

/** Amounts (分) per year of one line, driven by group growth plus a small per-line jitter. */
function lineAmounts(
  unit: string,
  group: Group,
  groupKey: string,
  lineKey: string,
  spec: LineSpec,
  groupYears: readonly [number, number] | undefined,
): Map<number, bigint> {
  const out = new Map<number, bigint>();
  let prev: bigint | null = null;
  for (const year of SAMPLE_YEARS) {
    if (!activeIn(spec.years, year) || !activeIn(groupYears, year)) {
      prev = null;
      continue;
    }
    const jitter = intIn(`${unit}|${lineKey}|${year}|j`, -25, 25);
    const amount: bigint =
      prev === null
        ? scale(yuan(spec.base), jitter)
        : scale(prev, groupGrowth(unit, group, groupKey, year) + jitter);
    out.set(year, amount);
    prev = amount;
  }
  return out;
}

interface GenLine {
  kind: ExpenseKind;
  projectIndex: number | null;
  spec: LineSpec;
  amounts: Map<number, bigint>;
}

interface UnitPlan {
  spec: UnitSpec;
  personnel: GenLine[];
  public: GenLine[];
  /** per project, its lines */
  projects: GenLine[][];
}

function plan(spec: UnitSpec): UnitPlan {
  const basic = (kind: "personnel" | "public", lines: LineSpec[]): GenLine[] =>
    lines.map((l, i) => ({
      kind,
      projectIndex: null,
      spec: l,
      amounts: lineAmounts(spec.code, kind, kind, `${kind}${i}:${l.fn}:${l.econ}`, l, undefined),
    }));
  return {
    spec,
    personnel: basic("personnel", spec.personnel),
    public: basic("public", spec.public),
    projects: spec.projects.map((p, pi) =>
      p.lines.map((l, li) => ({
        kind: "project" as const,
        projectIndex: pi,
        spec: l,
        amounts: lineAmounts(spec.code, "project", `p${pi}`, `p${pi}l${li}:${l.fn}:${l.econ}`, l, p.years),
      })),
    ),
  };
}

// ---------------------------------------------------------------------------
// Building one BudgetInput
// ---------------------------------------------------------------------------

interface Totals {
  total: bigint;
  personnel: bigint;
  public: bigint;
  project: bigint;
  abroad: bigint;
  reception: bigint;
  vehiclePurchase: bigint;
  vehicleOperation: bigint;
}

function totalsOf(lines: readonly LineItem[]): Totals {
  const t: Totals = {
    total: 0n,
    personnel: 0n,
    public: 0n,
    project: 0n,
    abroad: 0n,
    reception: 0n,
    vehiclePurchase: 0n,
    vehicleOperation: 0n,
  };
  for (const l of lines) {
    const [y, c = "00"] = l.amount.split(".");
    const fen = BigInt(y ?? "0") * 100n + BigInt(c);
    t.total += fen;
    t[l.kind] += fen;
    if (!FISCAL.has(l.source)) continue;
    if (l.economicCode === "30212") t.abroad += fen;
    if (l.economicCode === "30217") t.reception += fen;
    if (l.economicCode === "31013" || l.economicCode === "30913") t.vehiclePurchase += fen;
    if (l.economicCode === "30231") t.vehicleOperation += fen;
  }
  return t;
}

function sanggong(t: Totals): bigint {
  return t.abroad + t.reception + t.vehiclePurchase + t.vehicleOperation;
}

function indicator(row: IndicatorRow, year: number): PerformanceIndicator {
  const [level1, level2, level3, operator, value, unit] = row;
  return { level1, level2, level3, operator, value, unit, deadline: `${year}-12` };
}

const WAGE_CODES: ReadonlySet<string> = new Set(["30101", "30102", "30103", "30107"]);

function totalChangeReason(cur: Totals, prior: Totals): string {
  if (cur.total === prior.total) return "";
  const up = cur.total > prior.total;
  const diffs = [
    { k: "personnel", d: cur.personnel - prior.personnel },
    { k: "public", d: cur.public - prior.public },
    { k: "project", d: cur.project - prior.project },
  ].filter((x) => (up ? x.d > 0n : x.d < 0n));
  diffs.sort((a, b) => {
    const aa = a.d < 0n ? -a.d : a.d;
    const bb = b.d < 0n ? -b.d : b.d;
    return aa === bb ? 0 : aa > bb ? -1 : 1;
  });
  const main = diffs[0]?.k ?? "project";
  if (up) {
    if (main === "personnel") return "人员工资标准调整及社会保障缴费基数提高，人员经费相应增加";
    if (main === "public") return "公用经费定额标准调整，日常运转经费相应增加";
    return "新增和扩大了部分业务项目，项目支出相应增加";
  }
  if (main === "personnel") return "部分人员退休和调出，人员经费相应减少";
  if (main === "public") return "落实过紧日子要求，压减一般性支出，公用经费相应减少";
  return "部分项目阶段性完成或压减，项目支出相应减少";
}

function sanggongChangeReason(cur: Totals, prior: Totals): string {
  const c = sanggong(cur);
  const p = sanggong(prior);
  if (c === p) return "";
  if (c > p) {
    if (cur.vehiclePurchase > prior.vehiclePurchase)
      return "按规定更新超过使用年限的执法执勤用车，安排公务用车购置费";
    if (cur.abroad > prior.abroad) return "安排因公出国（境）团组开展文化交流";
    return "公务用车使用年限增长，维修和保险费用相应增加";
  }
  if (prior.abroad > cur.abroad) return "上年安排的因公出国（境）任务已完成，本年未安排因公出国（境）费";
  if (prior.vehiclePurchase > cur.vehiclePurchase) return "上年公务用车更新已完成，本年未安排公务用车购置费";
  return "严格落实过紧日子要求，压减公务接待费和公务用车运行维护费";
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function isoDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

interface Built {
  input: BudgetInput;
  totals: Totals;
}

function build(p: UnitPlan, year: number, prior: Built | null, priorPublished: boolean): Built {
  const s = p.spec;
  const lineItems: LineItem[] = [];
  const projects: Project[] = [];
  const procurement: ProcurementItem[] = [];
  const purchasedServices: PurchasedServiceItem[] = [];
  const projectTargets: PerformanceTarget[] = [];
  let n = 0;
  const nextId = () => `l${pad2(++n)}`;

  const push = (
    g: GenLine,
    amount: bigint,
    period: LineItem["period"],
    projectId: string | null,
  ): LineItem => {
    const item: LineItem = {
      id: nextId(),
      functionCode: g.spec.fn,
      economicCode: g.spec.econ,
      kind: g.kind,
      projectId,
      source: g.spec.source ?? "gpb",
      period,
      amount: fmt(amount),
    };
    lineItems.push(item);
    return item;
  };

  const basicLine = new Map<string, { line: LineItem; fen: bigint }>();
  for (const g of [...p.personnel, ...p.public]) {
    const a = g.amounts.get(year);
    if (a === undefined) continue;
    const item = push(g, a, "current", null);
    if (g.kind === "public") basicLine.set(g.spec.econ, { line: item, fen: a });
  }

  s.projects.forEach((ps, pi) => {
    const projectId = `p${pad2(pi + 1)}`;
    const gen = p.projects[pi] ?? [];
    const current: { line: LineItem; fen: bigint; index: number }[] = [];
    gen.forEach((g, li) => {
      const a = g.amounts.get(year);
      if (a !== undefined) current.push({ line: push(g, a, "current", projectId), fen: a, index: li });
    });
    const carry = ps.carryover?.[year];
    let carried = 0;
    if (carry !== undefined) {
      for (const g of gen) {
        const prev = g.amounts.get(year - 1);
        if (prev === undefined) continue;
        const a = share(prev, carry);
        if (a > 0n) {
          push(g, a, "carryover", projectId);
          carried++;
        }
      }
    }
    if (current.length === 0 && carried === 0) return;
    projects.push({
      id: projectId,
      name: ps.name,
      content: ps.content,
      debtFinanced: ps.debtFinanced ?? false,
      sort: projects.length + 1,
    });
    if (current.length > 0) {
      projectTargets.push({
        projectId,
        goal: ps.goal,
        tasks: [],
        indicators: ps.indicators.map((r) => indicator(r, year)),
      });
    }
    for (const pr of ps.procurement ?? []) {
      const src = current.find((c) => c.index === pr.line);
      if (!src) continue;
      const amount = share(src.fen, pr.share);
      procurement.push({
        id: `g${pad2(procurement.length + 1)}`,
        projectId,
        name: pr.name,
        category: pr.category,
        source: src.line.source,
        period: "current",
        amount: fmt(amount),
        smeReserved: fmt(share(amount, pr.sme)),
      });
    }
    for (const ps2 of ps.purchasedServices ?? []) {
      const src = current.find((c) => c.index === ps2.line);
      if (!src) continue;
      purchasedServices.push({
        id: `s${pad2(purchasedServices.length + 1)}`,
        functionClassCode: src.line.functionCode.slice(0, 3),
        name: ps2.name,
        catalogueCode: ps2.catalogueCode,
        catalogueName: ps2.catalogueName,
        source: src.line.source,
        period: "current",
        amount: fmt(share(src.fen, ps2.share)),
      });
    }
  });

  for (const bp of s.basicProcurement ?? []) {
    const src = basicLine.get(bp.econ);
    if (!src) continue;
    const amount = share(src.fen, bp.share);
    procurement.push({
      id: `g${pad2(procurement.length + 1)}`,
      projectId: null,
      name: bp.name,
      category: bp.category,
      source: src.line.source,
      period: "current",
      amount: fmt(amount),
      smeReserved: fmt(share(amount, bp.sme)),
    });
  }

  // 表16: tasks add up to basic expenditure.
  const fenOf = (l: LineItem) => {
    const [y, c = "00"] = l.amount.split(".");
    return BigInt(y ?? "0") * 100n + BigInt(c);
  };
  const wages = sumFen(
    lineItems.filter((l) => l.kind === "personnel" && WAGE_CODES.has(l.economicCode)).map((l) => ({ fen: fenOf(l) })),
  );
  const rigid = sumFen(
    lineItems.filter((l) => l.kind === "personnel" && !WAGE_CODES.has(l.economicCode)).map((l) => ({ fen: fenOf(l) })),
  );
  const running = sumFen(lineItems.filter((l) => l.kind === "public").map((l) => ({ fen: fenOf(l) })));
  const overall: PerformanceTarget = {
    projectId: null,
    goal: s.overallGoal,
    tasks: [
      { name: "基本支出人员经费（保工资）", amount: fmt(wages) },
      { name: "基本支出人员经费（刚性）", amount: fmt(rigid) },
      { name: "基本支出公用经费（保运转）", amount: fmt(running) },
    ],
    indicators: [
      ["履职效能", "重点工作履行情况", "重点工作办结率", "=", "100", "%"] as const,
      ["履职效能", "整体工作完成情况", "总体工作完成率", "=", "100", "%"] as const,
      ["管理效率", "预算执行效率", "预算执行率", ">=", "95", "%"] as const,
      ["管理效率", "预算编制管理", "预算绩效目标覆盖率", "=", "100", "%"] as const,
      ["管理效率", "预算监督管理", "预决算公开情况", "", "全部公开", ""] as const,
      ["运行成本", "成本控制成效", "“三公”经费变动率", "<=", "0", "%"] as const,
      ...s.overallSocial,
      ["社会效应", "服务对象满意度", "服务对象满意度", ">=", "90", "%"] as const,
      ["可持续性", "体制机制改革", "建立内控管理长效机制", "", "制度有效", ""] as const,
    ].map((r) => indicator(r, year)),
  };

  const totals = totalsOf(lineItems);

  // Prior year: the published prior budget when there is one, else an entered baseline.
  let baseline: PriorYearBaseline | null = null;
  let priorTotals: Totals;
  if (prior) {
    priorTotals = prior.totals;
    if (!priorPublished) {
      baseline = {
        total: fmt(prior.totals.total),
        sanggong: {
          abroad: fmt(prior.totals.abroad),
          reception: fmt(prior.totals.reception),
          vehiclePurchase: fmt(prior.totals.vehiclePurchase),
          vehicleOperation: fmt(prior.totals.vehicleOperation),
        },
      };
    }
  } else {
    // First sample year: an entered baseline for the year before.
    const back = (fen: bigint, key: string) =>
      fen === 0n ? 0n : roundYuan((fen * 1000n) / BigInt(1000 + intIn(`${s.code}|baseline|${key}`, -60, 120)));
    priorTotals = {
      total: back(totals.total, "total"),
      personnel: 0n,
      public: 0n,
      project: 0n,
      abroad: back(totals.abroad, "abroad"),
      reception: back(totals.reception, "reception"),
      vehiclePurchase: back(totals.vehiclePurchase, "vp"),
      vehicleOperation: back(totals.vehicleOperation, "vo"),
    };
    // Attribute the whole change to projects when explaining it.
    priorTotals.project = totals.project + priorTotals.total - totals.total;
    priorTotals.personnel = totals.personnel;
    priorTotals.public = totals.public;
    baseline = {
      total: fmt(priorTotals.total),
      sanggong: {
        abroad: fmt(priorTotals.abroad),
        reception: fmt(priorTotals.reception),
        vehiclePurchase: fmt(priorTotals.vehiclePurchase),
        vehicleOperation: fmt(priorTotals.vehicleOperation),
      },
    };
  }

  const input: BudgetInput = {
    unit: {
      code: s.code,
      name: s.name,
      type: s.type,
      departmentName: s.department.name,
      regionCode: REGION_CODE,
      regionName: REGION_NAME,
    },
    year,
    revision: 1,
    amountUnit: "wan",
    catalogs: catalogsFor(year, s.type),
    lineItems,
    projects,
    procurement,
    purchasedServices,
    targets: [overall, ...projectTargets],
    profile: {
      duties: [...s.duties],
      departments: s.departments.map((d) => ({ ...d })),
      composition: "",
    },
    assets: {
      asOf: `${year - 1}-08-31`,
      vehicles: {
        ministerial: 0,
        general: s.vehicles.general,
        enforcement: s.vehicles.enforcement,
        special: 0,
        other: 0,
      },
      largeEquipment: 0,
      note: "",
    },
    narrative: {
      totalChangeReason: totalChangeReason(totals, priorTotals),
      sanggongChangeReason: sanggongChangeReason(totals, priorTotals),
      overview: FICTIONAL_NOTE,
    },
    baseline,
    priorBudget: prior && priorPublished ? { ...prior.input, priorBudget: null } : null,
    glossary: glossaryForYear(year),
  };
  return { input, totals };
}

const RETURN_COMMENT =
  "请核实公用经费中公务用车运行维护费的测算依据，并补充执法专项经费的绩效指标值后重新报送。";

/**
 * Every fictional unit × 2022–2026, with its workflow status. Older years are published;
 * 2025 has one approved-but-unpublished budget (past the 20-day 公开 deadline); 2026 has
 * drafts, submitted, returned and approved budgets.
 */
export function fictionalBudgets(): FictionalBudget[] {
  const out: FictionalBudget[] = [];
  UNITS.forEach((spec, ui) => {
    const p = plan(spec);
    let prior: Built | null = null;
    let priorStatus: WorkflowStatus | null = null;
    for (const year of SAMPLE_YEARS) {
      const built = build(p, year, prior, priorStatus === "published");
      const status = spec.statuses[year] ?? "draft";
      const approvedOn =
        status === "approved" || status === "published" ? isoDate(year, 1, 8 + ui * 2) : null;
      // Published within the 20 days of 预算法 第十四条, except one late publication (023902, 2023).
      const lag = spec.code === "023902" && year === 2023 ? 26 : 10 + intIn(`${spec.code}|lag|${year}`, 0, 8);
      const publishedOn = status === "published" ? isoDate(year, 1, 8 + ui * 2 + lag) : null;
      const returned = status === "returned";
      const vehicleLine = returned
        ? built.input.lineItems.find((l) => l.economicCode === "30231")
        : undefined;
      out.push({
        input: built.input,
        status,
        departmentCode: spec.department.code,
        approvedOn,
        publishedOn,
        reviewComment: returned ? RETURN_COMMENT : null,
        rowComments: vehicleLine
          ? [{ lineId: vehicleLine.id, comment: "请补充公务用车运行维护费的测算明细（车辆数、单车标准）。" }]
          : [],
      });
      prior = built;
      priorStatus = status;
    }
  });
  return out;
}
