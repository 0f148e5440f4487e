/**
 * The import workbook → budget content, all or nothing: every refused cell is reported with its
 * sheet, row, column and a reason in Chinese, and no content is returned unless the file is clean.
 * Pure: the caller gives the bytes and the year's catalogue.
 */
import ExcelJS from "exceljs";
import { Decimal } from "../money";
import { parseAmountCell, type CellScalar } from "./amount";
export { parseAmountCell };
import type {
  AssetInfo,
  ExpenseKind,
  LineItem,
  Period,
  PerformanceIndicator,
  PerformanceTarget,
  PriorYearBaseline,
  ProcurementItem,
  Project,
  PurchasedServiceItem,
  SourceCode,
  TaskFigure,
} from "../budget/types";
import {
  BASELINE_HEADERS,
  BASELINE_KEYS,
  CATEGORY_NAMES,
  DEPARTMENT_HEADERS,
  DUTY_HEADERS,
  INDICATOR_HEADERS,
  KEY_VALUE_HEADERS,
  KIND_ALIASES,
  KIND_NAMES,
  LINE_HEADERS,
  NO,
  OPERATORS,
  OPERATOR_ALIASES,
  PERIOD_ALIASES,
  PROCUREMENT_HEADERS,
  PROFILE_KEYS,
  PROJECT_HEADERS,
  SERVICE_HEADERS,
  SHEETS,
  TARGET_HEADERS,
  TASK_HEADERS,
  TASK_LINK_NAMES,
  BASELINE_SOURCE_PREFIX,
  BASELINE_CLASS_PREFIX,
  YES,
  type WorkbookCatalog,
  type WorkbookContent,
  type WorkbookError,
} from "./format";
import { columnLetter, functionClasses } from "./write";

export type ReadResult =
  | {
      ok: true;
      content: WorkbookContent;
      counts: WorkbookCounts;
      /**
       * Where a content path came from, for refusals found later (e.g. by the server's checks):
       * "lineItems.upsert.3.amount" → 预算明细, its row, the 金额 column.
       */
      locate: (path: string) => Omit<WorkbookError, "message">;
    }
  | { ok: false; errors: WorkbookError[] };

export interface WorkbookCounts {
  lineItems: number;
  projects: number;
  targets: number;
  indicators: number;
  procurement: number;
  purchasedServices: number;
}

type Cell = CellScalar;

/** A cell's value as plain data: rich text joined, a formula's result, a hyperlink's text. */
function plain(v: ExcelJS.CellValue | undefined): Cell | { error: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? null : t;
  }
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if ("richText" in v) return plain(v.richText.map((r) => r.text).join(""));
  if ("formula" in v || "sharedFormula" in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("text" in v) return plain(typeof v.text === "string" ? v.text : "");
  if ("error" in v) return { error: String(v.error) };
  return null;
}

interface SheetRow {
  row: number;
  cells: Map<string, Cell>;
}

interface Sheet {
  name: string;
  /** header → column letter */
  columns: Map<string, string>;
  rows: SheetRow[];
}

class Collector {
  errors: WorkbookError[] = [];
  add(sheet: string, row: number, column: string, message: string) {
    this.errors.push({ sheet, row, column, message });
  }
}

const HEADER_SPACES = /[\s\u3000]+/g;

/** Reads a sheet by its header row; `required` headers must be there. */
function readSheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[], errors: Collector, options: { optional?: boolean } = {}): Sheet | null {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    if (!options.optional) errors.add(name, 1, "A", `缺少工作表“${name}”`);
    return null;
  }
  const columns = new Map<string, string>();
  const byIndex = new Map<number, string>();
  const headerRow = ws.getRow(1);
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const h = plain(cell.value);
    if (typeof h === "string") {
      const key = h.replace(HEADER_SPACES, "");
      columns.set(key, columnLetter(col));
      byIndex.set(col, key);
    }
  });
  if (columns.size === 0) {
    errors.add(name, 1, "A", `工作表“${name}”为空：第 1 行应为表头（${headers.join("、")}）`);
    return null;
  }
  let missing = false;
  headers.forEach((h, i) => {
    if (!columns.has(h)) {
      missing = true;
      errors.add(name, 1, columnLetter(i + 1), `工作表“${name}”缺少表头“${h}”`);
    }
  });
  if (missing) return null;

  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<string, Cell>();
    const values = row.values as ExcelJS.CellValue[];
    for (let c = 1; c < values.length; c++) {
      const header = byIndex.get(c);
      if (!header) continue;
      const v = plain(values[c]);
      if (v !== null && typeof v === "object" && !(v instanceof Date)) {
        errors.add(name, rowNumber, columnLetter(c), `单元格含有错误值 ${v.error}`);
        continue;
      }
      if (v !== null) cells.set(header, v);
    }
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  });
  return { name, columns, rows };
}

/** A cell reader bound to one row: typed getters that report what is wrong. */
function fields(sheet: Sheet, r: SheetRow, errors: Collector) {
  const col = (h: string) => sheet.columns.get(h) ?? "?";
  const fail = (h: string, message: string) => {
    errors.add(sheet.name, r.row, col(h), `${h}：${message}`);
    return null;
  };
  const text = (h: string): string => {
    const v = r.cells.get(h);
    if (v === undefined || v === null) return "";
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v).trim();
  };
  return {
    fail,
    text,
    required(h: string): string | null {
      const t = text(h);
      return t === "" ? fail(h, "不能为空") : t;
    },
    amount(h: string, required = true): string | null {
      const v = r.cells.get(h);
      if (v === undefined || v === null) return required ? fail(h, "不能为空") : "0.00";
      const parsed = parseAmountCell(v, h.includes("万元") ? "wan" : "yuan");
      return parsed.ok ? parsed.yuan : fail(h, parsed.message);
    },
    count(h: string): number | null {
      const v = r.cells.get(h);
      if (v === undefined || v === null) return 0;
      const s = typeof v === "number" ? String(v) : String(v).trim();
      if (!/^\d{1,9}$/.test(s)) return fail(h, `“${s}”不是非负整数`);
      return Number(s);
    },
  };
}

function sourceLookup(catalog: WorkbookCatalog) {
  const m = new Map<string, SourceCode>();
  for (const s of catalog.sources) {
    m.set(s.name, s.code as SourceCode);
    m.set(s.code, s.code as SourceCode);
  }
  return m;
}

/**
 * Reads and checks the whole workbook. Codes must be in the year's catalogue, lines and
 * procurement must point at projects of the workbook, exact duplicates are refused.
 */
export async function readBudgetWorkbook(data: ArrayBuffer | Uint8Array, catalog: WorkbookCatalog): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ sheet: "", row: 0, column: "", message: "文件不是有效的 Excel 工作簿（.xlsx），请用本系统导出的模板填写后再导入" }] };
  }
  return parseBudgetWorkbook(wb, catalog);
}

export function parseBudgetWorkbook(wb: ExcelJS.Workbook, catalog: WorkbookCatalog): ReadResult {
  const errors = new Collector();
  const functions = new Set(catalog.functions.map((f) => f.code));
  const economics = new Set(catalog.economics.map((e) => e.code));
  const classes = new Set(functionClasses(catalog).map((c) => c.code));
  const sources = sourceLookup(catalog);
  const sourceNames = catalog.sources.map((s) => s.name).join("、");

  const origin = { lineItems: [] as number[], projects: [] as number[], procurement: [] as number[], purchasedServices: [] as number[] };
  // 项目 first: the other sheets point at projects by name.
  const projects: Project[] = [];
  const projectByName = new Map<string, string>();
  const projectSheet = readSheet(wb, SHEETS.projects, Object.values(PROJECT_HEADERS), errors);
  if (projectSheet) {
    const firstRow = new Map<string, number>();
    for (const r of projectSheet.rows) {
      const f = fields(projectSheet, r, errors);
      const name = f.required(PROJECT_HEADERS.name);
      const debt = f.text(PROJECT_HEADERS.debtFinanced);
      if (debt !== "" && debt !== YES && debt !== NO) f.fail(PROJECT_HEADERS.debtFinanced, `应填“${YES}”或“${NO}”`);
      if (name === null) continue;
      if (name.length > 200) {
        f.fail(PROJECT_HEADERS.name, "不能超过 200 字");
        continue;
      }
      const seen = firstRow.get(name);
      if (seen !== undefined) {
        f.fail(PROJECT_HEADERS.name, `与第 ${seen} 行的项目同名（重复行）`);
        continue;
      }
      firstRow.set(name, r.row);
      const id = `p${projects.length + 1}`;
      projectByName.set(name, id);
      projects.push({ id, name, content: f.text(PROJECT_HEADERS.content), debtFinanced: debt === YES, sort: projects.length + 1 });
      origin.projects.push(r.row);
    }
  }
  const projectRef = (f: ReturnType<typeof fields>, header: string, name: string): string | null | undefined => {
    if (name === "") return null;
    const id = projectByName.get(name);
    if (id === undefined) {
      f.fail(header, `项目“${name}”不在“${SHEETS.projects}”表中`);
      return undefined;
    }
    return id;
  };
  const periodOf = (f: ReturnType<typeof fields>, header: string): Period | null => {
    const t = f.required(header);
    if (t === null) return null;
    return PERIOD_ALIASES[t] ?? f.fail(header, `“${t}”无效，应为“本年”或“上年结转”`);
  };
  const sourceOf = (f: ReturnType<typeof fields>, header: string): SourceCode | null => {
    const t = f.required(header);
    if (t === null) return null;
    return sources.get(t) ?? f.fail(header, `“${t}”不在本年度的资金来源中（${sourceNames}）`);
  };

  // 预算明细
  const lineItems: LineItem[] = [];
  const lineSheet = readSheet(wb, SHEETS.lines, [LINE_HEADERS.functionCode, LINE_HEADERS.economicCode, LINE_HEADERS.kind, LINE_HEADERS.project, LINE_HEADERS.source, LINE_HEADERS.period, LINE_HEADERS.amount], errors);
  if (lineSheet) {
    if (lineSheet.rows.length === 0) errors.add(SHEETS.lines, 2, "A", `工作表“${SHEETS.lines}”没有任何明细行`);
    const seen = new Map<string, number>();
    const H = LINE_HEADERS;
    for (const r of lineSheet.rows) {
      const f = fields(lineSheet, r, errors);
      const fn = f.required(H.functionCode);
      if (fn !== null && !functions.has(fn)) f.fail(H.functionCode, /^\d{7}$/.test(fn) ? `${fn} 不在本年度支出功能分类科目表中` : `“${fn}”应为 7 位项级编码`);
      const ec = f.required(H.economicCode);
      if (ec !== null && !economics.has(ec)) f.fail(H.economicCode, /^\d{5}$/.test(ec) ? `${ec} 不在本年度部门预算经济分类科目表中` : `“${ec}”应为 5 位款级编码`);
      const kindText = f.required(H.kind);
      const kind: ExpenseKind | null = kindText === null ? null : (KIND_ALIASES[kindText] ?? f.fail(H.kind, `“${kindText}”无效，应为${Object.values(KIND_NAMES).join("、")}`));
      const projectName = f.text(H.project);
      let projectId: string | null | undefined = projectRef(f, H.project, projectName);
      if (kind === "project" && projectName === "") {
        f.fail(H.project, "项目支出必须填写项目名称");
        projectId = undefined;
      }
      if (kind !== null && kind !== "project" && projectName !== "") {
        f.fail(H.project, "基本支出不挂项目，请清空项目名称或把支出类型改为项目支出");
        projectId = undefined;
      }
      const source = sourceOf(f, H.source);
      const period = periodOf(f, H.period);
      const amount = f.amount(H.amount);
      if (fn === null || ec === null || kind === null || projectId === undefined || source === null || period === null || amount === null) continue;
      if (!functions.has(fn) || !economics.has(ec)) continue;
      const key = `${fn}|${ec}|${kind}|${projectName}|${source}|${period}|${amount}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.add(SHEETS.lines, r.row, "A", `与第 ${first} 行完全相同（重复行）；同一科目同一来源的金额请合并为一行`);
        continue;
      }
      seen.set(key, r.row);
      lineItems.push({ id: `l${lineItems.length + 1}`, functionCode: fn, economicCode: ec, kind, projectId, source, period, amount });
      origin.lineItems.push(r.row);
    }
  }

  // 绩效目标, 绩效任务, 绩效指标: keyed by project (null = 单位整体).
  const targets = new Map<string, PerformanceTarget>();
  const targetOf = (projectId: string | null) => {
    const key = projectId ?? "";
    let t = targets.get(key);
    if (!t) {
      t = { projectId, goal: "", tasks: [], indicators: [] };
      targets.set(key, t);
    }
    return t;
  };
  const targetSheet = readSheet(wb, SHEETS.targets, Object.values(TARGET_HEADERS), errors);
  if (targetSheet) {
    const firstRow = new Map<string, number>();
    for (const r of targetSheet.rows) {
      const f = fields(targetSheet, r, errors);
      const name = f.text(TARGET_HEADERS.project);
      const projectId = projectRef(f, TARGET_HEADERS.project, name);
      if (projectId === undefined) continue;
      const seen = firstRow.get(name);
      if (seen !== undefined) {
        f.fail(TARGET_HEADERS.project, `第 ${seen} 行已填写${name ? `项目“${name}”` : "单位整体"}的绩效目标（重复行）`);
        continue;
      }
      firstRow.set(name, r.row);
      targetOf(projectId).goal = f.text(TARGET_HEADERS.goal);
    }
  }
  // 金额关联 and 关联项目名称 may be left out (a task typed by hand).
  const taskSheet = readSheet(wb, SHEETS.tasks, [TASK_HEADERS.project, TASK_HEADERS.name, TASK_HEADERS.amount], errors);
  const figures = new Map(Object.entries(TASK_LINK_NAMES).map(([k, v]) => [v, k as TaskFigure]));
  if (taskSheet) {
    for (const r of taskSheet.rows) {
      const f = fields(taskSheet, r, errors);
      const projectId = projectRef(f, TASK_HEADERS.project, f.text(TASK_HEADERS.project));
      const name = f.required(TASK_HEADERS.name);
      const linkText = f.text(TASK_HEADERS.link);
      const figure = linkText === "" ? null : (figures.get(linkText) ?? f.fail(TASK_HEADERS.link, `“${linkText}”无效，应为${Object.values(TASK_LINK_NAMES).join("、")}或留空`));
      const linkProjectName = f.text(TASK_HEADERS.linkProject);
      let linkProject: string | null | undefined = projectRef(f, TASK_HEADERS.linkProject, linkProjectName);
      if (figure === "project" && linkProjectName === "") {
        f.fail(TASK_HEADERS.linkProject, "关联单个项目时须填写项目名称");
        linkProject = undefined;
      } else if (figure !== "project" && linkProjectName !== "") {
        f.fail(TASK_HEADERS.linkProject, "只有关联“单个项目”时才填写项目名称");
        linkProject = undefined;
      }
      // A linked task's amount is computed from the line items; a typed one must be there.
      const amount = figure ? f.amount(TASK_HEADERS.amount, false) : f.amount(TASK_HEADERS.amount);
      if (projectId === undefined || name === null || amount === null || (linkText !== "" && figure === null) || linkProject === undefined) continue;
      targetOf(projectId).tasks.push({ name, amount, link: figure ? { figure, projectId: linkProject } : null });
    }
  }
  const indicatorSheet = readSheet(wb, SHEETS.indicators, Object.values(INDICATOR_HEADERS), errors);
  let indicatorCount = 0;
  if (indicatorSheet) {
    const I = INDICATOR_HEADERS;
    for (const r of indicatorSheet.rows) {
      const f = fields(indicatorSheet, r, errors);
      const projectId = projectRef(f, I.project, f.text(I.project));
      const level1 = f.required(I.level1);
      const level2 = f.required(I.level2);
      const rawOperator = f.text(I.operator);
      const operator = OPERATOR_ALIASES[rawOperator] ?? rawOperator;
      const operatorOk = (OPERATORS as readonly string[]).includes(operator);
      if (!operatorOk) f.fail(I.operator, `“${rawOperator}”无效，应为 =、>=、<=、>、< 或留空`);
      if (projectId === undefined || level1 === null || level2 === null || !operatorOk) continue;
      const indicator: PerformanceIndicator = {
        level1,
        level2,
        level3: f.text(I.level3),
        operator,
        value: f.text(I.value),
        unit: f.text(I.unit),
        deadline: f.text(I.deadline),
      };
      targetOf(projectId).indicators.push(indicator);
      indicatorCount++;
    }
  }

  // 政府采购
  const procurement: ProcurementItem[] = [];
  const categories = new Map<string, ProcurementItem["category"]>(Object.entries(CATEGORY_NAMES).map(([k, v]) => [v, k as ProcurementItem["category"]]));
  const procurementSheet = readSheet(wb, SHEETS.procurement, Object.values(PROCUREMENT_HEADERS), errors);
  if (procurementSheet) {
    const P = PROCUREMENT_HEADERS;
    for (const r of procurementSheet.rows) {
      const f = fields(procurementSheet, r, errors);
      const projectId = projectRef(f, P.project, f.text(P.project));
      const name = f.required(P.name);
      const categoryText = f.required(P.category);
      const category = categoryText === null ? null : (categories.get(categoryText) ?? f.fail(P.category, `“${categoryText}”无效，应为货物、工程或服务`));
      const source = sourceOf(f, P.source);
      const period = periodOf(f, P.period);
      const amount = f.amount(P.amount);
      const sme = f.amount(P.smeReserved, false);
      if (amount !== null && sme !== null && new Decimal(sme).gt(amount)) f.fail(P.smeReserved, "面向中小企业预留金额不能大于采购金额");
      if (projectId === undefined || name === null || category === null || source === null || period === null || amount === null || sme === null) continue;
      procurement.push({ id: `g${procurement.length + 1}`, projectId, name, category, source, period, amount, smeReserved: sme });
      origin.procurement.push(r.row);
    }
  }

  // 政府购买服务
  const purchasedServices: PurchasedServiceItem[] = [];
  const serviceSheet = readSheet(wb, SHEETS.services, Object.values(SERVICE_HEADERS), errors);
  if (serviceSheet) {
    const S = SERVICE_HEADERS;
    for (const r of serviceSheet.rows) {
      const f = fields(serviceSheet, r, errors);
      const cls = f.required(S.functionClassCode);
      if (cls !== null && !classes.has(cls)) f.fail(S.functionClassCode, /^\d{3}$/.test(cls) ? `${cls} 不在本年度支出功能分类（类级）中` : `“${cls}”应为 3 位类级编码`);
      const name = f.required(S.name);
      const source = sourceOf(f, S.source);
      const period = periodOf(f, S.period);
      const amount = f.amount(S.amount);
      if (cls === null || !classes.has(cls) || name === null || source === null || period === null || amount === null) continue;
      purchasedServices.push({
        id: `s${purchasedServices.length + 1}`,
        functionClassCode: cls,
        name,
        catalogueCode: f.text(S.catalogueCode),
        catalogueName: f.text(S.catalogueName),
        source,
        period,
        amount,
      });
      origin.purchasedServices.push(r.row);
    }
  }

  // 单位概况 (key–value), 主要职责, 内设机构
  const K = PROFILE_KEYS;
  const kv = new Map<string, { row: SheetRow; sheet: Sheet }>();
  const profileSheet = readSheet(wb, SHEETS.profile, Object.values(KEY_VALUE_HEADERS), errors);
  const knownKeys = new Set<string>(Object.values(K));
  if (profileSheet) {
    for (const r of profileSheet.rows) {
      const f = fields(profileSheet, r, errors);
      const key = f.text(KEY_VALUE_HEADERS.key);
      if (!knownKeys.has(key)) f.fail(KEY_VALUE_HEADERS.key, `“${key}”不是可识别的项目（${[...knownKeys].join("、")}）`);
      else if (kv.has(key)) f.fail(KEY_VALUE_HEADERS.key, `“${key}”重复填写（重复行）`);
      else kv.set(key, { row: r, sheet: profileSheet });
    }
  }
  const kvText = (key: string) => {
    const e = kv.get(key);
    return e ? fields(e.sheet, e.row, errors).text(KEY_VALUE_HEADERS.value) : "";
  };
  const kvCount = (key: string) => {
    const e = kv.get(key);
    return e ? fields(e.sheet, e.row, errors).count(KEY_VALUE_HEADERS.value) : 0;
  };
  let assets: AssetInfo | null = null;
  const asOf = kvText(K.assetsAsOf);
  const counts = [K.ministerial, K.general, K.enforcement, K.special, K.other, K.largeEquipment].map(kvCount);
  if (asOf !== "") {
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && new Date(`${asOf}T00:00:00Z`).toISOString().startsWith(asOf);
    if (!valid) {
      const e = kv.get(K.assetsAsOf)!;
      fields(e.sheet, e.row, errors).fail(KEY_VALUE_HEADERS.value, `${K.assetsAsOf}“${asOf}”应为 YYYY-MM-DD 格式的日期`);
    } else if (counts.every((c) => c !== null)) {
      const [ministerial, general, enforcement, special, other, largeEquipment] = counts as number[];
      assets = {
        asOf,
        vehicles: { ministerial: ministerial!, general: general!, enforcement: enforcement!, special: special!, other: other! },
        largeEquipment: largeEquipment!,
        note: kvText(K.assetsNote),
      };
    }
  }

  const duties: string[] = [];
  const dutySheet = readSheet(wb, SHEETS.duties, Object.values(DUTY_HEADERS), errors);
  if (dutySheet) for (const r of dutySheet.rows) duties.push(fields(dutySheet, r, errors).text(DUTY_HEADERS.duty));
  const departments: WorkbookContent["profile"]["departments"] = [];
  const departmentSheet = readSheet(wb, SHEETS.departments, Object.values(DEPARTMENT_HEADERS), errors);
  if (departmentSheet) {
    const D = DEPARTMENT_HEADERS;
    for (const r of departmentSheet.rows) {
      const f = fields(departmentSheet, r, errors);
      const name = f.required(D.name);
      const staffing = f.count(D.staffing);
      if (name === null || staffing === null) continue;
      departments.push({ name, duties: f.text(D.duties), staffing, leaders: f.text(D.leaders) });
    }
  }

  // 上年基数
  let baseline: PriorYearBaseline | null = null;
  const baselineSheet = readSheet(wb, SHEETS.baseline, Object.values(BASELINE_HEADERS), errors);
  if (baselineSheet) {
    const B = BASELINE_KEYS;
    const known = new Set<string>(Object.values(B));
    const values = new Map<string, string | null | undefined>();
    const bySource: Partial<Record<SourceCode, string>> = {};
    const byClass: { code: string; amount: string }[] = [];
    let detailFailed = false;
    for (const r of baselineSheet.rows) {
      const f = fields(baselineSheet, r, errors);
      const key = f.text(BASELINE_HEADERS.key);
      const given = r.cells.has(BASELINE_HEADERS.amount);
      if (key.startsWith(BASELINE_SOURCE_PREFIX)) {
        const name = key.slice(BASELINE_SOURCE_PREFIX.length).trim();
        const code = sources.get(name);
        if (!code) f.fail(BASELINE_HEADERS.key, `“${name}”不是本年度的资金来源（${sourceNames}）`);
        const amount = given ? f.amount(BASELINE_HEADERS.amount) : undefined;
        if (amount === null || !code) detailFailed = true;
        else if (amount !== undefined) {
          if (bySource[code] !== undefined) f.fail(BASELINE_HEADERS.key, `“${key}”重复填写（重复行）`);
          bySource[code] = amount;
        }
        continue;
      }
      if (key.startsWith(BASELINE_CLASS_PREFIX)) {
        const code = /^\s*(\d{3})(?!\d)/.exec(key.slice(BASELINE_CLASS_PREFIX.length))?.[1];
        if (!code || !classes.has(code)) f.fail(BASELINE_HEADERS.key, `“${key}”应写作“${BASELINE_CLASS_PREFIX}”加本年度的 3 位功能分类类级编码`);
        const amount = given ? f.amount(BASELINE_HEADERS.amount) : undefined;
        if (amount === null || !code || !classes.has(code)) detailFailed = true;
        else if (amount !== undefined) {
          if (byClass.some((c) => c.code === code)) f.fail(BASELINE_HEADERS.key, `“${key}”重复填写（重复行）`);
          byClass.push({ code, amount });
        }
        continue;
      }
      if (!known.has(key)) {
        f.fail(BASELINE_HEADERS.key, `“${key}”不是可识别的项目（${[...known].join("、")}，或“${BASELINE_SOURCE_PREFIX}资金来源”“${BASELINE_CLASS_PREFIX}类级编码”）`);
        continue;
      }
      if (values.has(key)) {
        f.fail(BASELINE_HEADERS.key, `“${key}”重复填写（重复行）`);
        continue;
      }
      values.set(key, given ? f.amount(BASELINE_HEADERS.amount) : undefined);
    }
    const total = values.get(B.total);
    const sanggongKeys = [B.abroad, B.reception, B.vehiclePurchase, B.vehicleOperation];
    const anySanggong = sanggongKeys.some((k) => typeof values.get(k) === "string");
    const anyKind = typeof values.get(B.basic) === "string" || typeof values.get(B.project) === "string";
    const anyDetail = anySanggong || anyKind || Object.keys(bySource).length > 0 || byClass.length > 0;
    if (typeof total === "string") {
      baseline = { total };
      if (Object.keys(bySource).length > 0) baseline.bySource = bySource;
      if (anyKind) baseline.byKind = { basic: values.get(B.basic) ?? "0.00", project: values.get(B.project) ?? "0.00" };
      if (byClass.length > 0) baseline.byFunctionClass = byClass;
      if (anySanggong) {
        const [abroad, reception, vehiclePurchase, vehicleOperation] = sanggongKeys.map((k) => values.get(k) ?? "0.00");
        baseline.sanggong = { abroad: abroad!, reception: reception!, vehiclePurchase: vehiclePurchase!, vehicleOperation: vehicleOperation! };
      }
    } else if (anyDetail && total === undefined && !detailFailed) {
      errors.add(SHEETS.baseline, 1, "B", `填写了上年分项数时，也须填写${B.total}`);
    }
  }

  if (errors.errors.length) return { ok: false, errors: errors.errors };
  const content: WorkbookContent = {
    lineItems,
    projects,
    procurement,
    purchasedServices,
    targets: [...targets.values()],
    profile: { duties, departments, composition: kvText(K.composition) },
    assets,
    narrative: { totalChangeReason: kvText(K.totalChangeReason), sanggongChangeReason: kvText(K.sanggongChangeReason), overview: kvText(K.overview) },
    baseline,
  };
  const sheetsByPart = {
    lineItems: [SHEETS.lines, lineSheet, LINE_HEADERS],
    projects: [SHEETS.projects, projectSheet, PROJECT_HEADERS],
    procurement: [SHEETS.procurement, procurementSheet, PROCUREMENT_HEADERS],
    purchasedServices: [SHEETS.services, serviceSheet, SERVICE_HEADERS],
  } as const;
  const locate = (path: string): Omit<WorkbookError, "message"> => {
    const [part, , index, field] = path.split(".");
    const entry = sheetsByPart[part as keyof typeof sheetsByPart];
    if (!entry) {
      const whole: Record<string, string> = { baseline: SHEETS.baseline, profile: SHEETS.profile, assets: SHEETS.profile, narrative: SHEETS.profile, targets: SHEETS.targets };
      return { sheet: whole[part ?? ""] ?? "", row: 0, column: "" };
    }
    const [sheet, read, headers] = entry;
    const row = origin[part as keyof typeof origin][Number(index)] ?? 0;
    const header = field === "projectKey" || field === "projectId" ? "project" : field;
    const title = header ? (headers as Record<string, string>)[header] : undefined;
    return { sheet, row, column: (title && read?.columns.get(title)) || "" };
  };
  return {
    ok: true,
    locate,
    content,
    counts: {
      lineItems: lineItems.length,
      projects: projects.length,
      targets: targets.size,
      indicators: indicatorCount,
      procurement: procurement.length,
      purchasedServices: purchasedServices.length,
    },
  };
}
