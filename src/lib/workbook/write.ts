/**
 * Budget content → the import workbook (docs/import-format.md). Pure: the caller gives the content,
 * the year's catalogue and a title; no database, no request.
 */
import ExcelJS from "exceljs";
import type { ProcurementItem, SourceCode } from "../budget/types";
import {
  AMOUNT_HEADER,
  BASELINE_HEADERS,
  BASELINE_KEYS,
  CATEGORY_NAMES,
  DEPARTMENT_HEADERS,
  DUTY_HEADERS,
  FORMAT_VERSION,
  INDICATOR_HEADERS,
  KEY_VALUE_HEADERS,
  KIND_NAMES,
  LINE_HEADERS,
  NO,
  OPERATORS,
  PERIOD_NAMES,
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
} from "./format";

export interface WorkbookMeta {
  year: number;
  unitCode: string;
  unitName: string;
  /** e.g. "草稿" / "已批复"; shown in the 说明 sheet only. */
  status?: string;
  /** Stamp of the file (created/modified), so the same budget gives the same workbook. */
  stamp?: Date;
}

const AMOUNT_FORMAT = "#,##0.00";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
/** Lists reach this many rows below the data, so rows added in Excel get them too. */
const SPARE_ROWS = 500;

/**
 * A numeric xlsx cell needs a JavaScript number. The input is an exact 元 string with at most two
 * decimals; a double keeps those digits (Excel and our reader print it back as the same string),
 * and no arithmetic is done on it.
 */
function excelAmount(yuan: string): number {
  return Number(yuan);
}

interface Col {
  header: string;
  width: number;
  amount?: boolean;
  /** A list validation: a formula such as `代码表!$A$2:$A$180`. */
  list?: string;
}

/** exceljs keeps range validations in `dataValidations` (missing from its type declarations). */
type ValidatedSheet = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function addSheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: unknown[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] }) as ValidatedSheet;
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width, style: c.amount ? { numFmt: AMOUNT_FORMAT } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: "middle", wrapText: true };
  ws.addRows(rows);
  const last = rows.length + 1 + SPARE_ROWS;
  cols.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${last}`;
    if (c.list) {
      ws.dataValidations.add(range, {
        type: "list",
        allowBlank: true,
        formulae: [c.list],
        showErrorMessage: true,
        errorTitle: "不在列表中",
        error: `请从下拉列表中选择${c.header}`,
      });
    } else if (c.amount) {
      ws.dataValidations.add(range, {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: "金额无效",
        error: "金额以元为单位，不能为负数，最多两位小数",
      });
    }
  });
  return ws;
}

/** The hidden 代码表: one column per list; returns the formula of each list. */
function listsOf(wb: ExcelJS.Workbook, catalog: WorkbookCatalog) {
  const lists: [string, string[]][] = [
    ["支出功能分类编码", catalog.functions.map((f) => f.code)],
    ["支出功能分类名称", catalog.functions.map((f) => f.name)],
    ["经济分类编码", catalog.economics.map((e) => e.code)],
    ["经济分类名称", catalog.economics.map((e) => e.name)],
    ["资金来源", catalog.sources.map((s) => s.name)],
    ["支出类型", Object.values(KIND_NAMES)],
    ["期间", Object.values(PERIOD_NAMES)],
    ["采购类别", Object.values(CATEGORY_NAMES)],
    ["是否", [YES, NO]],
    ["运算符号", OPERATORS.filter((o) => o !== "")],
    ["金额关联", Object.values(TASK_LINK_NAMES)],
    ["支出功能分类（类）编码", functionClasses(catalog).map((c) => c.code)],
  ];
  const formula: Record<string, string> = {};
  lists.forEach(([title, values], i) => {
    const letter = columnLetter(i + 1);
    formula[title] = `'${SHEETS.lists}'!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`;
  });
  const write = () => {
    const ws = wb.addWorksheet(SHEETS.lists, { state: "hidden" });
    lists.forEach(([title, values], i) => {
      const col = ws.getColumn(i + 1);
      col.values = [title, ...values];
      col.width = 14;
    });
  };
  return { ...formula, write };
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export function functionClasses(catalog: WorkbookCatalog) {
  if (catalog.functionClasses) return catalog.functionClasses;
  const seen = new Map<string, string>();
  for (const f of catalog.functions) if (!seen.has(f.code.slice(0, 3))) seen.set(f.code.slice(0, 3), "");
  return [...seen.keys()].sort().map((code) => ({ code, name: seen.get(code) ?? "" }));
}

export function buildBudgetWorkbook(content: WorkbookContent, catalog: WorkbookCatalog, meta: WorkbookMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "部门预算公开平台";
  const stamp = meta.stamp ?? new Date(0);
  wb.created = stamp;
  wb.modified = stamp;

  const readme = wb.addWorksheet(SHEETS.readme);
  readme.columns = [{ width: 18 }, { width: 80 }];
  readme.addRows([
    ["部门预算导入导出工作簿", ""],
    ["单位", `${meta.unitCode} ${meta.unitName}`],
    ["年度", meta.year],
    ["状态", meta.status ?? ""],
    ["格式版本", FORMAT_VERSION],
    ["金额", "以元为单位的数字，最多两位小数；表头以“金额”开头的列都是金额列"],
    ["编码", "支出功能分类填 7 位项级编码，经济分类填 5 位款级编码，均须在该年度科目表中；名称列仅供阅读，导入时不读取"],
    ["项目", "项目支出的明细、政府采购和绩效目标以“项目名称”指向“项目”表中的项目"],
    ["导入", "整份导入：任何一个单元格有误，都不保存任何内容，并逐一列出工作表、行、列和原因"],
  ]);
  readme.getRow(1).font = { bold: true, size: 14 };

  const lists = listsOf(wb, catalog) as Record<string, string> & { write: () => void };
  const fnName = new Map(catalog.functions.map((f) => [f.code, f.name]));
  const ecName = new Map(catalog.economics.map((e) => [e.code, e.name]));
  const srcName = new Map(catalog.sources.map((s) => [s.code, s.name]));
  const projectName = new Map(content.projects.map((p) => [p.id, p.name]));
  const proj = (id: string | null) => (id === null ? "" : (projectName.get(id) ?? ""));
  const projectList = `'${SHEETS.projects}'!$A$2:$A$${Math.max(2, content.projects.length + 1 + SPARE_ROWS)}`;

  const lineRows = content.lineItems.map((l) => [
    l.functionCode,
    fnName.get(l.functionCode) ?? "",
    l.economicCode,
    ecName.get(l.economicCode) ?? "",
    KIND_NAMES[l.kind],
    proj(l.projectId),
    srcName.get(l.source) ?? l.source,
    PERIOD_NAMES[l.period],
    excelAmount(l.amount),
  ]);
  const H = LINE_HEADERS;
  addSheet(
    wb,
    SHEETS.lines,
    [
      { header: H.functionCode, width: 12, list: lists["支出功能分类编码"] },
      { header: H.functionName, width: 24 },
      { header: H.economicCode, width: 10, list: lists["经济分类编码"] },
      { header: H.economicName, width: 20 },
      { header: H.kind, width: 10, list: lists["支出类型"] },
      { header: H.project, width: 28, list: projectList },
      { header: H.source, width: 14, list: lists["资金来源"] },
      { header: H.period, width: 10, list: lists["期间"] },
      { header: H.amount, width: 16, amount: true },
    ],
    lineRows,
  );
  addSheet(
    wb,
    SHEETS.projects,
    [
      { header: PROJECT_HEADERS.name, width: 36 },
      { header: PROJECT_HEADERS.content, width: 60 },
      { header: PROJECT_HEADERS.debtFinanced, width: 12, list: lists["是否"] },
    ],
    [...content.projects].sort((a, b) => a.sort - b.sort).map((p) => [p.name, p.content, p.debtFinanced ? YES : NO]),
  );

  const targetRows = content.targets.map((t) => [proj(t.projectId), t.goal]);
  addSheet(
    wb,
    SHEETS.targets,
    [
      { header: TARGET_HEADERS.project, width: 36, list: projectList },
      { header: TARGET_HEADERS.goal, width: 80 },
    ],
    targetRows,
  );
  addSheet(
    wb,
    SHEETS.tasks,
    [
      { header: TASK_HEADERS.project, width: 36, list: projectList },
      { header: TASK_HEADERS.name, width: 40 },
      { header: TASK_HEADERS.amount, width: 16, amount: true },
      { header: TASK_HEADERS.link, width: 16, list: lists["金额关联"] },
      { header: TASK_HEADERS.linkProject, width: 30, list: projectList },
    ],
    content.targets.flatMap((t) =>
      t.tasks.map((k) => [proj(t.projectId), k.name, excelAmount(k.amount), k.link ? TASK_LINK_NAMES[k.link.figure] : "", k.link ? proj(k.link.projectId) : ""]),
    ),
  );
  const I = INDICATOR_HEADERS;
  addSheet(
    wb,
    SHEETS.indicators,
    [
      { header: I.project, width: 30, list: projectList },
      { header: I.level1, width: 12 },
      { header: I.level2, width: 12 },
      { header: I.level3, width: 30 },
      { header: I.operator, width: 8, list: lists["运算符号"] },
      { header: I.value, width: 14 },
      { header: I.unit, width: 10 },
      { header: I.deadline, width: 12 },
    ],
    content.targets.flatMap((t) =>
      t.indicators.map((i) => [proj(t.projectId), i.level1, i.level2, i.level3, i.operator, i.value, i.unit, i.deadline]),
    ),
  );

  const P = PROCUREMENT_HEADERS;
  addSheet(
    wb,
    SHEETS.procurement,
    [
      { header: P.project, width: 30, list: projectList },
      { header: P.name, width: 30 },
      { header: P.category, width: 10, list: lists["采购类别"] },
      { header: P.source, width: 14, list: lists["资金来源"] },
      { header: P.period, width: 10, list: lists["期间"] },
      { header: P.amount, width: 16, amount: true },
      { header: P.smeReserved, width: 18, amount: true },
    ],
    content.procurement.map((p: ProcurementItem) => [
      proj(p.projectId),
      p.name,
      CATEGORY_NAMES[p.category],
      srcName.get(p.source) ?? p.source,
      PERIOD_NAMES[p.period],
      excelAmount(p.amount),
      excelAmount(p.smeReserved),
    ]),
  );
  const S = SERVICE_HEADERS;
  addSheet(
    wb,
    SHEETS.services,
    [
      { header: S.functionClassCode, width: 12, list: lists["支出功能分类（类）编码"] },
      { header: S.name, width: 30 },
      { header: S.catalogueCode, width: 14 },
      { header: S.catalogueName, width: 30 },
      { header: S.source, width: 14, list: lists["资金来源"] },
      { header: S.period, width: 10, list: lists["期间"] },
      { header: S.amount, width: 16, amount: true },
    ],
    content.purchasedServices.map((p) => [
      p.functionClassCode,
      p.name,
      p.catalogueCode,
      p.catalogueName,
      srcName.get(p.source) ?? p.source,
      PERIOD_NAMES[p.period],
      excelAmount(p.amount),
    ]),
  );

  const a = content.assets;
  const K = PROFILE_KEYS;
  addSheet(
    wb,
    SHEETS.profile,
    [
      { header: KEY_VALUE_HEADERS.key, width: 36 },
      { header: KEY_VALUE_HEADERS.value, width: 80 },
    ],
    [
      [K.composition, content.profile.composition],
      [K.totalChangeReason, content.narrative.totalChangeReason],
      [K.sanggongChangeReason, content.narrative.sanggongChangeReason],
      [K.overview, content.narrative.overview],
      [K.assetsAsOf, a?.asOf ?? ""],
      [K.ministerial, a ? a.vehicles.ministerial : ""],
      [K.general, a ? a.vehicles.general : ""],
      [K.enforcement, a ? a.vehicles.enforcement : ""],
      [K.special, a ? a.vehicles.special : ""],
      [K.other, a ? a.vehicles.other : ""],
      [K.largeEquipment, a ? a.largeEquipment : ""],
      [K.assetsNote, a?.note ?? ""],
    ],
  );
  addSheet(wb, SHEETS.duties, [{ header: DUTY_HEADERS.duty, width: 100 }], content.profile.duties.map((d) => [d]));
  addSheet(
    wb,
    SHEETS.departments,
    [
      { header: DEPARTMENT_HEADERS.name, width: 20 },
      { header: DEPARTMENT_HEADERS.duties, width: 60 },
      { header: DEPARTMENT_HEADERS.staffing, width: 10 },
      { header: DEPARTMENT_HEADERS.leaders, width: 20 },
    ],
    content.profile.departments.map((d) => [d.name, d.duties, d.staffing, d.leaders]),
  );
  const b = content.baseline;
  const B = BASELINE_KEYS;
  const amountOrBlank = (v: string | undefined) => (v === undefined ? null : excelAmount(v));
  const classNames = new Map(functionClasses(catalog).map((c) => [c.code, c.name]));
  addSheet(
    wb,
    SHEETS.baseline,
    [
      { header: BASELINE_HEADERS.key, width: 30 },
      { header: AMOUNT_HEADER, width: 18, amount: true },
    ],
    [
      [B.total, amountOrBlank(b?.total)],
      ...catalog.sources.map((src) => [`${BASELINE_SOURCE_PREFIX}${src.name}`, amountOrBlank(b?.bySource?.[src.code as SourceCode])]),
      [B.basic, amountOrBlank(b?.byKind?.basic)],
      [B.project, amountOrBlank(b?.byKind?.project)],
      ...(b?.byFunctionClass ?? []).map((c) => [`${BASELINE_CLASS_PREFIX}${c.code} ${classNames.get(c.code) ?? ""}`.trim(), excelAmount(c.amount)]),
      [B.abroad, amountOrBlank(b?.sanggong?.abroad)],
      [B.reception, amountOrBlank(b?.sanggong?.reception)],
      [B.vehiclePurchase, amountOrBlank(b?.sanggong?.vehiclePurchase)],
      [B.vehicleOperation, amountOrBlank(b?.sanggong?.vehicleOperation)],
    ],
  );
  // Last, so that the data sheets keep their order in Excel's tabs.
  lists.write();
  return wb;
}

export async function writeBudgetWorkbook(content: WorkbookContent, catalog: WorkbookCatalog, meta: WorkbookMeta): Promise<Uint8Array> {
  const buffer = await buildBudgetWorkbook(content, catalog, meta).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
