/**
 * 勾稽关系: the checks run on every computed disclosure. Input checks look at the line items and
 * other entities; table checks look at the tables as published (exact 元 values), so they also
 * catch a snapshot that was altered after computation. Ids are stable ("BUD-C001" …).
 */
import { Decimal, ZERO, inspectMoney, toYuanString } from "../money";
import { heldOf, ZERO_STRING, type HeldRow } from "./cells";
import { exactString, parseAmount, rescale, scaleFor, scaleOf, writtenDecimals, type Scale } from "./fixed";
import { leafColumns } from "./columns";
import { explanationText, performanceCoverage } from "./explanation";
import { AMOUNT_ISSUES, indicesOf, sumVec, type CodeInfo, type GovMapping, type Ledger, type UnitAggregate } from "./ledger";
import type { Check, CheckSeverity, Disclosure, DisclosureTable, SideLine, TableRow } from "./model";
import type { BudgetInput, LineItem } from "./types";
import { projectMoneyInTasks } from "./tasks";

export interface CheckRule {
  id: string;
  severity: CheckSeverity;
  title: string;
}

/** Every rule the engine runs, for documentation and for the reviewer's screen. */
export const CHECK_RULES: readonly CheckRule[] = [
  { id: "BUD-C001", severity: "error", title: "收入总计 = 支出总计" },
  { id: "BUD-C002", severity: "error", title: "本年收入 + 上年结转结余 = 总计" },
  { id: "BUD-C003", severity: "error", title: "支出功能分类：类 = Σ款 = Σ项" },
  { id: "BUD-C004", severity: "error", title: "支出经济分类：类 = Σ款" },
  { id: "BUD-C005", severity: "error", title: "基本支出 = 人员经费 + 公用经费" },
  { id: "BUD-C006", severity: "error", title: "表5合计 = 表4本年一般公共预算拨款" },
  { id: "BUD-C007", severity: "error", title: "表1 = 表3 = 表10 = 表11 = 表12 支出合计" },
  { id: "BUD-C008", severity: "error", title: "人员经费使用人员类经济科目（301、303）" },
  { id: "BUD-C009", severity: "error", title: "公用经费使用公用类经济科目（302、310）" },
  { id: "BUD-C010", severity: "error", title: "支出功能分类科目存在于当年科目表" },
  { id: "BUD-C011", severity: "error", title: "部门预算经济分类科目存在于当年科目表" },
  { id: "BUD-C012", severity: "error", title: "部门经济分类有政府经济分类对照" },
  { id: "BUD-C013", severity: "error", title: "项目支出须指明项目" },
  { id: "BUD-C014", severity: "error", title: "项目支出所指项目须存在" },
  { id: "BUD-C015", severity: "error", title: "基本支出不得挂项目" },
  { id: "BUD-C016", severity: "error", title: "有本年预算的项目须设置绩效目标" },
  { id: "BUD-C017", severity: "error", title: "整体绩效目标任务金额合计 = 基本支出" },
  { id: "BUD-C018", severity: "warning", title: "单位须设置整体绩效目标" },
  { id: "BUD-C019", severity: "error", title: "金额不得为负" },
  { id: "BUD-C020", severity: "error", title: "金额不得精确到分以下" },
  { id: "BUD-C021", severity: "error", title: "金额格式有效" },
  { id: "BUD-C022", severity: "error", title: "“三公”经费合计 = 各项之和；公务用车小计 = 购置 + 运行" },
  { id: "BUD-C023", severity: "error", title: "表4支出总计 = 一般公共预算 + 政府性基金 + 国有资本经营" },
  { id: "BUD-C024", severity: "error", title: "政府采购合计 = 货物 + 工程 + 服务" },
  { id: "BUD-C025", severity: "error", title: "面向中小企业预留不超过采购预算" },
  { id: "BUD-C026", severity: "error", title: "绩效目标项目资金不超过项目支出" },
  { id: "BUD-C027", severity: "warning", title: "收支总预算增减须说明原因" },
  { id: "BUD-C028", severity: "warning", title: "“三公”经费增减须说明原因" },
  { id: "BUD-C029", severity: "error", title: "情况说明不得含模板残留" },
  { id: "BUD-C030", severity: "warning", title: "填报文字不得含模板残留" },
  { id: "BUD-C031", severity: "error", title: "空表须附说明" },
  { id: "BUD-C032", severity: "error", title: "表5基本支出 = 表6合计" },
  { id: "BUD-C034", severity: "warning", title: "同一句中金额单位一致" },
  { id: "BUD-C035", severity: "error", title: "支出类型、资金来源、期间取值有效" },
  { id: "BUD-C040", severity: "warning", title: "绩效目标所指项目须存在" },
  { id: "BUD-C042", severity: "error", title: "合计 = Σ分项（按单位、项目、类别汇总的表）" },
  { id: "BUD-C043", severity: "error", title: "行内合计 = Σ分列" },
  { id: "BUD-C044", severity: "warning", title: "填报国有资产占有使用情况" },
  { id: "BUD-C045", severity: "error", title: "明细所属单位须在汇总范围内" },
  { id: "BUD-C048", severity: "error", title: "收支总表各分项之和 = 合计" },
  { id: "BUD-C049", severity: "error", title: "政府采购类别有效" },
  { id: "BUD-C050", severity: "error", title: "表中金额为有效数字" },
];

const SEVERITY = new Map(CHECK_RULES.map((r) => [r.id, r.severity]));

/** Economic 类 allowed for 人员经费 / 公用经费 lines (部门预算支出经济分类). */
export const PERSONNEL_ECONOMIC_CLASSES: ReadonlySet<string> = new Set(["301", "303"]);
/** 302 商品和服务支出; 310 资本性支出 for office equipment bought out of 公用经费. */
export const PUBLIC_ECONOMIC_CLASSES: ReadonlySet<string> = new Set(["302", "310"]);

/** XX / ×× placeholders, 待填写, {单位}-style slots. */
export const TEMPLATE_LEFTOVER = /X{2,}|Ｘ{2,}|×{2,}|待填写|待补充|\{[^{}]*\}|｛[^｛｝]*｝/u;

class Collector {
  readonly out: Check[] = [];
  add(id: string, message: string, where: Omit<Check, "id" | "severity" | "message"> = {}): void {
    const severity = SEVERITY.get(id);
    if (!severity) throw new Error(`unknown check ${id}`);
    this.out.push({ id, severity, message, ...where });
  }
}

const y = (d: Decimal) => `${toYuanString(d)} 元`;
const yb = (v: bigint, scale: Scale) => `${exactString(v, scale)} 元`;

/** The exact value of a cell as a Decimal; zero when absent, null when it is not a number. */
function exactDecimal(row: TableRow, key: string): Decimal | null {
  const s = row.exact[key];
  if (s === undefined || s === ZERO_STRING) return ZERO;
  const seen = inspectMoney(s);
  return seen.ok ? seen.value : null;
}

// ---------------------------------------------------------------- input checks

function amountIssues(c: Collector, raw: unknown, what: string, where: Omit<Check, "id" | "severity" | "message">): void {
  const seen = inspectMoney(raw);
  if (!seen.ok) {
    c.add("BUD-C021", `${what}：${seen.message}`, where);
    return;
  }
  if (seen.decimals > 2) c.add("BUD-C020", `${what}：金额“${String(raw)}”精确到分以下（最多两位小数）`, where);
  if (seen.negative) c.add("BUD-C019", `${what}：金额“${String(raw)}”为负数`, where);
}

/** 类 and 款 rows print the catalogue's names: a known code whose parent is missing would print “（未知科目）”. */
function parentChecks(c: Collector, ledger: Ledger): void {
  const year = ledger.input.year;
  const trees: [string, string, typeof ledger.functions, Map<string, string>, number][] = [
    ["BUD-C010", "支出功能分类", ledger.functions, ledger.functionNames, 3],
    ["BUD-C011", "部门预算支出经济分类", ledger.deptEconomic, ledger.deptEconomicNames, 12],
    ["BUD-C012", "政府预算支出经济分类", ledger.govEconomic, ledger.govEconomicNames, 11],
  ];
  for (const [id, label, tree, names, table] of trees) {
    // Parents with at least one child the catalogue knows (one pass, not one per parent).
    const withKnownChild = new Set<string>();
    for (const n of tree.nodes.values()) if (n.parentKey !== null && names.has(n.code)) withKnownChild.add(n.parentKey);
    for (const node of tree.nodes.values()) {
      if (node.level === "项" || node.code === "" || node.key !== node.code || names.has(node.code)) continue;
      if (withKnownChild.has(node.key))
        c.add(id, `${label}科目“${node.code}”不在 ${year} 年科目表中（其下级科目在）`, { table, rowCode: node.code });
    }
  }
}

// Messages and their anchors are built only for a line that has something to report.
function lineWhere(item: LineItem): { lineItemId: string } {
  return { lineItemId: String(item.id) };
}

function lineLabel(item: LineItem): string {
  return `明细 ${String(item.id)}`;
}

function lineChecks(c: Collector, ledger: Ledger): void {
  const input = ledger.input;
  const year = input.year;
  const mappingMissing = new Set<string>();
  // Per code, whether its 类 suits personnel / public funds (decided once, not once a line).
  const personnelOk = new Map<CodeInfo, boolean>();
  const publicOk = new Map<CodeInfo, boolean>();
  const lines = ledger.lines;
  for (let i = 0; i < lines.count; i++) {
    const item = lines.items[i] as LineItem;
    const issue = AMOUNT_ISSUES[lines.issue[i] as number];
    if (issue !== null && issue !== undefined) {
      if (issue === "malformed") {
        const seen = inspectMoney(item.amount);
        c.add("BUD-C021", `${lineLabel(item)}：${seen.ok ? "金额无效" : seen.message}`, lineWhere(item));
      } else if (issue === "too_precise")
        c.add("BUD-C020", `${lineLabel(item)}：金额“${String(item.amount)}”精确到分以下（最多两位小数）`, lineWhere(item));
      else if (issue === "negative") c.add("BUD-C019", `${lineLabel(item)}：金额“${String(item.amount)}”为负数`, lineWhere(item));
    }

    if ((lines.cell[i] as number) < 0) {
      c.add(
        "BUD-C035",
        `${lineLabel(item)}：支出类型“${String(item.kind)}”、资金来源“${String(item.source)}”或期间“${String(item.period)}”无效，该明细未计入任何表`,
        lineWhere(item),
      );
    }
    const unit = lines.unit[i] as UnitAggregate;
    const gov = lines.gov[i] as GovMapping;
    const fnInfo = lines.functionCode[i] as CodeInfo;
    if (!fnInfo.valid || !fnInfo.known) {
      const fn = fnInfo.code;
      if (!fnInfo.valid) {
        c.add("BUD-C010", `${lineLabel(item)}：支出功能分类科目“${fn}”不是项级（7 位）编码`, { ...lineWhere(item), rowCode: fn });
      } else {
        c.add("BUD-C010", `${lineLabel(item)}：支出功能分类科目“${fn}”不在 ${year} 年科目表中`, { ...lineWhere(item), rowCode: fn });
      }
    }
    const econInfo = lines.economicCode[i] as CodeInfo;
    const econ = econInfo.code;
    const econOk = econInfo.valid;
    if (!econOk) {
      c.add("BUD-C011", `${lineLabel(item)}：部门预算支出经济分类科目“${econ}”不是款级（5 位）编码`, { ...lineWhere(item), rowCode: econ });
    } else if (!econInfo.known) {
      c.add("BUD-C011", `${lineLabel(item)}：部门预算支出经济分类科目“${econ}”不在 ${year} 年科目表中`, { ...lineWhere(item), rowCode: econ });
    }
    if (econOk) {
      if (gov.govCode === null) {
        const key = `${unit.unit.type}|${econ}`;
        if (!mappingMissing.has(key)) {
          mappingMissing.add(key);
          c.add("BUD-C012", `部门预算支出经济分类科目“${econ}”没有对应的政府预算支出经济分类科目`, {
            ...lineWhere(item),
            rowCode: econ,
            table: 11,
          });
        }
      } else if (!gov.known) {
        c.add("BUD-C012", `${lineLabel(item)}：对照到的政府预算经济分类科目“${gov.govCode}”不在 ${year} 年科目表中`, {
          ...lineWhere(item),
          rowCode: gov.govCode,
          table: 11,
        });
      }
    }
    const kind = item.kind;
    if (kind === "personnel" && econOk) {
      let ok = personnelOk.get(econInfo);
      if (ok === undefined) {
        ok = PERSONNEL_ECONOMIC_CLASSES.has(econInfo.classCode);
        personnelOk.set(econInfo, ok);
      }
      if (!ok) c.add("BUD-C008", `${lineLabel(item)}：人员经费使用了非人员类经济科目“${econ}”（应为 301、303 类）`, { ...lineWhere(item), rowCode: econ });
    }
    if (kind === "public" && econOk) {
      let ok = publicOk.get(econInfo);
      if (ok === undefined) {
        ok = PUBLIC_ECONOMIC_CLASSES.has(econInfo.classCode);
        publicOk.set(econInfo, ok);
      }
      if (!ok) c.add("BUD-C009", `${lineLabel(item)}：公用经费使用了非公用类经济科目“${econ}”（应为 302、310 类）`, { ...lineWhere(item), rowCode: econ });
    }
    const hasProject = typeof item.projectId === "string" && item.projectId !== "";
    if (kind === "project") {
      if (!hasProject) c.add("BUD-C013", `${lineLabel(item)}：项目支出未指明所属项目`, { ...lineWhere(item), table: 9 });
      else {
        if (!ledger.projectsById.has(item.projectId as string))
          c.add("BUD-C014", `${lineLabel(item)}：所属项目“${String(item.projectId)}”不存在`, {
            ...lineWhere(item),
            table: 9,
            entityId: String(item.projectId),
          });
      }
    } else if ((kind === "personnel" || kind === "public") && hasProject) {
      c.add("BUD-C015", `${lineLabel(item)}：基本支出（人员经费、公用经费）不应挂在项目“${String(item.projectId)}”下`, lineWhere(item));
    }
    if (unit.unknown) c.add("BUD-C045", `${lineLabel(item)}：所属单位“${unit.unit.code}”不在汇总范围内`, { ...lineWhere(item), table: 2 });
  }
}

function entityChecks(c: Collector, ledger: Ledger): void {
  const input = ledger.input;
  for (const p of input.procurement) {
    const where = { entityId: String(p.id), table: 14 };
    amountIssues(c, p.amount, `政府采购“${p.name}”预算`, where);
    amountIssues(c, p.smeReserved, `政府采购“${p.name}”面向中小企业预留`, where);
    if (p.category !== "goods" && p.category !== "works" && p.category !== "services")
      c.add("BUD-C049", `政府采购“${p.name}”的采购类别“${String(p.category)}”无效（应为货物、工程或服务）`, where);
    const a = inspectMoney(p.amount);
    const s = inspectMoney(p.smeReserved);
    if (a.ok && s.ok && s.value.gt(a.value))
      c.add("BUD-C025", `政府采购“${p.name}”面向中小企业预留 ${y(s.value)} 超过采购预算 ${y(a.value)}`, where);
    if (p.projectId && !ledger.projectsById.has(p.projectId))
      c.add("BUD-C014", `政府采购“${p.name}”所属项目“${p.projectId}”不存在`, where);
  }
  for (const s of input.purchasedServices) {
    const where = { entityId: String(s.id), table: 15 };
    amountIssues(c, s.amount, `政府购买服务“${s.name}”预算`, where);
    if (!ledger.functionNames.has(s.functionClassCode))
      c.add("BUD-C010", `政府购买服务“${s.name}”的支出功能分类（类级）“${s.functionClassCode}”不在 ${input.year} 年科目表中`, {
        ...where,
        rowCode: s.functionClassCode,
      });
  }
  for (const t of input.targets) {
    for (const task of t.tasks) amountIssues(c, task.amount, `整体绩效目标任务“${task.name}”`, { table: 16 });
    if (t.projectId && !ledger.projectsById.has(t.projectId))
      c.add("BUD-C040", `绩效目标所指项目“${t.projectId}”不存在`, { table: 17, entityId: t.projectId });
  }
  if (input.baseline) amountIssues(c, input.baseline.total, "上年收支总预算（基数）", {});
  if (input.baseline?.sanggong) {
    const s = input.baseline.sanggong;
    for (const [k, v] of Object.entries(s)) amountIssues(c, v, `上年“三公”经费（基数 ${k}）`, {});
  }
}

function performanceChecks(c: Collector, ledger: Ledger, d: Disclosure): void {
  const cov = performanceCoverage(ledger);
  for (const id of cov.projectsMissing) {
    const name = ledger.projectsById.get(id)?.name ?? id;
    c.add("BUD-C016", `项目“${name}”有本年预算但未设置绩效目标`, { table: 17, entityId: id });
  }
  const t16 = d.tables[15];
  const t17 = d.tables[16];
  const t3 = d.tables[2];
  const projectString = t3?.rows[0]?.exact.project;
  // One exact scale for every figure compared here: the ledger's, or finer if a table says so.
  const strings: unknown[] = [projectString];
  for (const block of t16?.overall ?? []) for (const task of block.tasks) strings.push(task.exact);
  for (const b of t17?.projects ?? []) strings.push(b.exact);
  const sc = scaleFor(strings, ledger.scale);
  const figure = (table: number, label: string, s: string): bigint => {
    const seen = parseAmount(s, sc);
    if (seen.ok) return seen.value;
    c.add("BUD-C050", `表${table}“${label}”金额“${s}”不是有效数字`, { table });
    return 0n;
  };
  const overallByUnit = new Map<string, bigint>();
  for (const block of t16?.overall ?? []) {
    let sum = overallByUnit.get(block.unitCode) ?? 0n;
    for (const task of block.tasks) sum += figure(16, task.name, task.exact);
    overallByUnit.set(block.unitCode, sum);
  }
  const basicIdx = indicesOf({ kinds: ["personnel", "public"] });
  for (const u of ledger.units) {
    if (u.unknown) continue;
    const tasks = overallByUnit.get(u.unit.code);
    if (tasks === undefined) {
      c.add("BUD-C018", `单位“${u.unit.name}”未设置整体绩效目标`, { table: 16 });
      continue;
    }
    const basic = rescale(sumVec(u.vec, basicIdx) ?? 0n, ledger.scale, sc);
    // Tasks linked to a project (or to all projects) carry project money on top of 基本支出.
    const covered = parseAmount(
      projectMoneyInTasks(
        ledger.input.targets.filter((t) => !t.projectId && (t.unitCode ?? ledger.input.unit.code) === u.unit.code).flatMap((t) => t.tasks),
      ).toFixed(2),
      sc,
    );
    const expected = basic + (covered.ok ? covered.value : 0n);
    if (tasks !== expected)
      c.add(
        "BUD-C017",
        expected === basic
          ? `单位“${u.unit.name}”整体绩效目标任务金额合计 ${yb(tasks, sc)} 与基本支出 ${yb(basic, sc)} 不一致`
          : `单位“${u.unit.name}”整体绩效目标任务金额合计 ${yb(tasks, sc)} 与基本支出 ${yb(basic, sc)} 加任务所列项目资金 ${yb(expected - basic, sc)} 不一致`,
        { table: 16 },
      );
  }
  let underTargets = 0n;
  for (const b of t17?.projects ?? []) underTargets += figure(17, b.projectName, b.exact);
  let projectTotal = 0n;
  if (projectString !== undefined && projectString !== ZERO_STRING) {
    const seen = parseAmount(projectString, sc);
    if (seen.ok) projectTotal = seen.value;
  }
  if (underTargets > projectTotal)
    c.add("BUD-C026", `绩效目标表所列项目资金 ${yb(underTargets, sc)} 超过项目支出 ${yb(projectTotal, sc)}`, { table: 17 });
}

// ---------------------------------------------------------------- table checks

const FUNCTION_TABLES = new Set([3, 5, 8, 10]);
const ECONOMIC_TABLES = new Set([6, 11, 12]);

function amountKeys(t: DisclosureTable): string[] {
  return leafColumns(t.columns)
    .filter((col) => col.type === "amount")
    .map((col) => col.key);
}

function rowLabel(row: TableRow): string {
  return row.code ? `${row.code} ${row.name}` : row.name;
}

const PRINTED = /^-?\d+\.\d{2}$/;

/**
 * A table's rows add up into their parents and its sum columns add up their parts, exactly, as
 * the table stands (its `exact` strings). Amounts are read in the ledger's scale; a cell written
 * with more decimals than that (an edited snapshot) makes the table be checked again in a scale
 * fine enough for it.
 */
function gridChecks(c: Collector, t: DisclosureTable, base: Scale): void {
  let scale = base;
  for (;;) {
    const local = new Collector();
    const finer = gridChecksAt(local, t, scale);
    if (finer <= scale.decimals) {
      for (const x of local.out) c.out.push(x);
      return;
    }
    scale = scaleOf(finer);
  }
}

/** Runs the grid checks in one scale; returns the decimals a finer scale would need (0 if none). */
function gridChecksAt(c: Collector, t: DisclosureTable, scale: Scale): number {
  const keys = amountKeys(t);
  const rows = t.rows;
  let finer = 0;
  /** The row's private exact amounts, when they are in this scale. */
  const heldIn = (row: TableRow): HeldRow | undefined => {
    const h = heldOf(row);
    return h !== undefined && h.scale === scale ? h : undefined;
  };
  const read = (row: TableRow, h: HeldRow | undefined, key: string): bigint => {
    const s = row.exact[key];
    if (s === undefined || s === ZERO_STRING) return 0n;
    if (h !== undefined) {
      const f = h.cells[key];
      if (f !== undefined && f.exact === s) return f.value;
    }
    const w = writtenDecimals(s);
    if (w > scale.decimals) {
      if (w > finer) finer = w;
      return 0n;
    }
    const seen = parseAmount(s, scale);
    if (seen.ok) return seen.value;
    c.add("BUD-C050", `表${t.number}“${rowLabel(row)}”的“${key}”金额“${s}”不是有效数字`, {
      table: t.number,
      column: key,
      ...(row.code ? { rowCode: row.code } : {}),
    });
    return 0n;
  };
  // printed cells are plain two-decimal strings (never NaN, Infinity or exponent notation)
  for (const row of rows) {
    const h = heldOf(row);
    for (const k of keys) {
      const s = row.cells[k];
      if (s === null || s === undefined || (h !== undefined && h.cells[k]?.printed === s)) continue;
      if (!PRINTED.test(s))
        c.add("BUD-C050", `表${t.number}“${rowLabel(row)}”的“${k}”显示值“${s}”不是有效金额`, { table: t.number, column: k });
    }
  }
  // no negative figures (reported once per table; the offending input lines are named separately)
  const negative = rows.find((row) => keys.some((k) => row.exact[k]?.startsWith("-")));
  if (negative) {
    const k = keys.find((key) => negative.exact[key]?.startsWith("-")) ?? "";
    c.add("BUD-C019", `表${t.number}“${rowLabel(negative)}”的“${columnLabel(t, k)}”为负数`, { table: t.number, column: k });
  }
  // rows add up into their parent row
  const rowRule = FUNCTION_TABLES.has(t.number) ? "BUD-C003" : ECONOMIC_TABLES.has(t.number) ? "BUD-C004" : "BUD-C042";
  const sums = new Map<number, bigint[]>();
  for (const row of rows) {
    if (row.parent === null) continue;
    let acc = sums.get(row.parent);
    if (!acc) {
      acc = keys.map(() => 0n);
      sums.set(row.parent, acc);
    }
    const h = heldIn(row);
    for (let i = 0; i < keys.length; i++) {
      const v = read(row, h, keys[i] as string);
      if (v !== 0n) acc[i] = (acc[i] as bigint) + v;
    }
  }
  for (const [parentIndex, acc] of sums) {
    const parent = rows[parentIndex];
    if (!parent) continue;
    const h = heldIn(parent);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const v = read(parent, h, key);
      const s = acc[i] as bigint;
      if (v !== s) {
        c.add(
          rowRule,
          `表${t.number}“${rowLabel(parent)}”的“${columnLabel(t, key)}”为 ${yb(v, scale)}，其下各分项合计为 ${yb(s, scale)}`,
          { table: t.number, column: key, ...(parent.code ? { rowCode: parent.code } : {}) },
        );
      }
    }
  }
  // columns that are sums of other columns
  for (const col of leafColumns(t.columns)) {
    if (!col.sumOf) continue;
    const parts = col.sumOf;
    const rule =
      t.number === 7
        ? "BUD-C022"
        : (col.key === "basic_total" && parts.includes("basic_personnel")) || (t.number === 6 && col.key === "total")
          ? "BUD-C005"
          : col.key === "total" && parts.includes("current_total") && parts.includes("carryover_total")
            ? "BUD-C002"
            : "BUD-C043";
    for (const row of rows) {
      if (row.exact[col.key] === undefined) continue;
      const h = heldIn(row);
      const v = read(row, h, col.key);
      let s = 0n;
      for (const p of parts) s += read(row, h, p);
      if (v !== s) {
        c.add(
          rule,
          `表${t.number}“${rowLabel(row)}”的“${col.label}”为 ${yb(v, scale)}，${parts.map((p) => columnLabel(t, p)).join("＋")}为 ${yb(s, scale)}`,
          { table: t.number, column: col.key, ...(row.code ? { rowCode: row.code } : {}) },
        );
      }
    }
  }
  return finer;
}

function columnLabel(t: DisclosureTable, key: string): string {
  return leafColumns(t.columns).find((c) => c.key === key)?.label ?? key;
}

function sideValue(c: Collector, t: DisclosureTable, lines: SideLine[], key: string): Decimal | null {
  const line = lines.find((l) => l.key === key);
  if (!line) return null;
  const seen = inspectMoney(line.exact);
  if (!seen.ok) {
    c.add("BUD-C050", `表${t.number}“${line.label}”金额“${line.exact}”不是有效数字`, { table: t.number });
    return ZERO;
  }
  return seen.value;
}

function sideSum(
  c: Collector,
  t: DisclosureTable,
  lines: SideLine[],
  rule: string,
  parent: string,
  parts: string[],
): void {
  const v = sideValue(c, t, lines, parent);
  if (v === null) return;
  let s = ZERO;
  for (const p of parts) s = s.plus(sideValue(c, t, lines, p) ?? ZERO);
  if (!v.eq(s)) {
    const label = lines.find((l) => l.key === parent)?.label ?? parent;
    c.add(rule, `表${t.number}“${label}”为 ${y(v)}，各分项合计为 ${y(s)}`, { table: t.number });
  }
}

function twoSidedChecks(c: Collector, t: DisclosureTable): void {
  const sides = t.sides;
  if (!sides) return;
  const inc = sides.income;
  const out = sides.expenditure;
  const classes = out.filter((l) => l.key.startsWith("out:class:")).map((l) => l.key);
  const incomeTotal = sideValue(c, t, inc, "in:total") ?? ZERO;
  const expenditureTotal = sideValue(c, t, out, "out:total") ?? ZERO;
  if (!incomeTotal.eq(expenditureTotal))
    c.add("BUD-C001", `表${t.number}收入总计 ${y(incomeTotal)} 与支出总计 ${y(expenditureTotal)} 不相等`, { table: t.number });
  if (t.number === 1) {
    sideSum(c, t, inc, "BUD-C002", "in:total", ["in:current_total", "in:carryover"]);
    sideSum(c, t, inc, "BUD-C048", "in:current_total", [
      "in:current_gpb",
      "in:current_gf",
      "in:current_soc",
      "in:current_fsa",
      "in:current_unit",
    ]);
    sideSum(c, t, inc, "BUD-C048", "in:current_unit", [
      "in:current_unit_business",
      "in:current_unit_operating",
      "in:current_unit_superior",
      "in:current_unit_affiliated",
      "in:current_unit_other",
    ]);
  } else {
    sideSum(c, t, inc, "BUD-C002", "in:total", ["in:current_total", "in:carryover_total"]);
    for (const p of ["current", "carryover"])
      sideSum(c, t, inc, "BUD-C048", `in:${p}_total`, [`in:${p}_gpb`, `in:${p}_gf`, `in:${p}_soc`]);
    sideSum(c, t, [...out, ...inc], "BUD-C023", "out:total", [
      "in:current_gpb",
      "in:current_gf",
      "in:current_soc",
      "in:carryover_gpb",
      "in:carryover_gf",
      "in:carryover_soc",
    ]);
  }
  sideSum(c, t, out, "BUD-C048", "out:expenditure_total", classes);
  sideSum(c, t, out, "BUD-C048", "out:total", ["out:expenditure_total", "out:year_end"]);
}

function crossTableChecks(c: Collector, d: Disclosure): void {
  const t = (n: number) => d.tables[n - 1];
  const top = (n: number, key: string): Decimal => {
    const row = t(n)?.rows[0];
    return row ? (exactDecimal(row, key) ?? ZERO) : ZERO;
  };
  const side = (n: number, which: "income" | "expenditure", key: string): Decimal => {
    const line = t(n)?.sides?.[which].find((l) => l.key === key);
    const seen = line ? inspectMoney(line.exact) : null;
    return seen && seen.ok ? seen.value : ZERO;
  };
  const t4gpb = side(4, "income", "in:current_gpb");
  const t5 = top(5, "total");
  if (!t5.eq(t4gpb))
    c.add("BUD-C006", `表5合计 ${y(t5)} 与表4本年一般公共预算拨款收入 ${y(t4gpb)} 不相等`, { table: 5 });
  const t5basic = top(5, "basic_total");
  const t6 = top(6, "total");
  if (!t5basic.eq(t6)) c.add("BUD-C032", `表5基本支出 ${y(t5basic)} 与表6合计 ${y(t6)} 不相等`, { table: 6 });
  const totals: [string, number, Decimal][] = [
    ["表1支出总计", 1, side(1, "expenditure", "out:total")],
    ["表3合计", 3, top(3, "total")],
    ["表10总计", 10, top(10, "total")],
    ["表11总计", 11, top(11, "total")],
    ["表12总计", 12, top(12, "total")],
  ];
  const [firstLabel, , first] = totals[0] ?? ["", 1, ZERO];
  for (const [label, table, v] of totals.slice(1)) {
    if (!v.eq(first)) c.add("BUD-C007", `${label} ${y(v)} 与${firstLabel} ${y(first)} 不相等`, { table });
  }
  // 表1's expenditure by 类 is 表3's 类 rows
  const t3 = t(3);
  for (const line of t(1)?.sides?.expenditure ?? []) {
    if (!line.key.startsWith("out:class:") || line.code === undefined) continue;
    const r = t3?.rows.find((x) => x.level === "类" && (x.code ?? "") === line.code);
    const a = side(1, "expenditure", line.key);
    const b = r ? (exactDecimal(r, "total") ?? ZERO) : ZERO;
    if (!a.eq(b)) c.add("BUD-C007", `表1“${line.label}”${y(a)} 与表3同一类合计 ${y(b)} 不相等`, { table: 1, rowCode: line.code });
  }
  const t14 = t(14);
  if (t14) {
    const cats = t14.rows.filter((r) => r.level === "category");
    if (cats.length > 0) {
      let s = ZERO;
      for (const r of cats) s = s.plus(exactDecimal(r, "total") ?? ZERO);
      const total = top(14, "total");
      if (!total.eq(s)) c.add("BUD-C024", `政府采购合计 ${y(total)} 与货物、工程、服务之和 ${y(s)} 不相等`, { table: 14 });
    }
    const sme = top(14, "sme_reserved");
    const total = top(14, "total");
    if (sme.gt(total)) c.add("BUD-C025", `面向中小企业预留合计 ${y(sme)} 超过政府采购预算合计 ${y(total)}`, { table: 14 });
  }
}

function emptyNoteChecks(c: Collector, d: Disclosure): void {
  for (const t of d.tables) {
    if (t.empty && !t.notes.some((n) => n.includes("空表")))
      c.add("BUD-C031", `表${t.number}${t.title}为空表，但没有“本表为空表”的说明`, { table: t.number });
  }
}

function textChecks(c: Collector, d: Disclosure, input: BudgetInput): void {
  const text = explanationText(d.explanation);
  const hit = TEMPLATE_LEFTOVER.exec(text);
  if (hit) c.add("BUD-C029", `情况说明含有模板残留“${hit[0]}”`);
  const fields: [string, string][] = [];
  input.projects.forEach((p) => fields.push([`项目“${p.name}”`, `${p.name}\n${p.content}`]));
  input.targets.forEach((t) =>
    fields.push([
      t.projectId ? `项目绩效目标（${t.projectId}）` : "整体绩效目标",
      [t.goal, ...t.tasks.map((x) => x.name), ...t.indicators.flatMap((i) => [i.level1, i.level2, i.level3, i.value, i.unit])].join("\n"),
    ]),
  );
  fields.push(["主要职责", input.profile.duties.join("\n")]);
  input.profile.departments.forEach((dep) => fields.push([`内设机构“${dep.name}”`, `${dep.name}\n${dep.duties}\n${dep.leaders}`]));
  fields.push(["部门预算单位构成", input.profile.composition]);
  input.glossary.forEach((g) => fields.push([`名词解释“${g.term}”`, `${g.term}\n${g.definition}`]));
  for (const [where, s] of fields) {
    const m = TEMPLATE_LEFTOVER.exec(s);
    if (m) c.add("BUD-C030", `${where}含有模板残留“${m[0]}”`);
  }
  // one unit per sentence: "… 万元" and "… 元" amounts never mixed
  for (const sentence of text.split(/[。；\n]/u)) {
    const wan = /\d\s*万元/u.test(sentence.replace(/200\s*万元以上/gu, ""));
    const yuan = /\d\s*元(?!\/)/u.test(sentence.replace(/\d\s*万元/gu, ""));
    if (wan && yuan) c.add("BUD-C034", `情况说明中一句话同时使用了万元和元：“${sentence.slice(0, 60)}”`);
  }
}

function changeReasonChecks(c: Collector, d: Disclosure, input: BudgetInput): void {
  const total = d.yearOverYear.total;
  if ((total.direction === "增加" || total.direction === "减少") && input.narrative.totalChangeReason.trim() === "")
    c.add("BUD-C027", `收支总预算比 ${d.yearOverYear.priorYear} 年${total.direction}，但未说明原因`);
  const sg = d.yearOverYear.sanggong.find((x) => x.key === "total");
  if (sg && (sg.direction === "增加" || sg.direction === "减少") && input.narrative.sanggongChangeReason.trim() === "")
    c.add("BUD-C028", `“三公”经费比 ${d.yearOverYear.priorYear} 年${sg.direction}，但未说明原因`);
}

/**
 * All checks for a disclosure. `ledger` is the engine's parse of `input`; pass the disclosure as
 * published (or as altered) to re-verify its tables.
 */
export function runChecks(ledger: Ledger, d: Disclosure): Check[] {
  const c = new Collector();
  const input = ledger.input;
  lineChecks(c, ledger);
  parentChecks(c, ledger);
  entityChecks(c, ledger);
  for (const t of d.tables) {
    if (t.layout === "grid") gridChecks(c, t, ledger.scale);
    else if (t.layout === "two-sided") twoSidedChecks(c, t);
  }
  crossTableChecks(c, d);
  performanceChecks(c, ledger, d);
  emptyNoteChecks(c, d);
  changeReasonChecks(c, d, input);
  textChecks(c, d, input);
  if (!input.assets) c.add("BUD-C044", "未填报国有资产占有使用情况");
  return c.out;
}

export function hasErrors(checks: Check[]): boolean {
  return checks.some((x) => x.severity === "error");
}

