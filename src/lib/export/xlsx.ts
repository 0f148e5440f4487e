/**
 * The whole disclosure as one workbook, in the official layout: 概况, one sheet per table (title
 * row, 单位名称/单位 row, merged multi-level headers, the rows, notes), 情况说明 and 名词解释.
 * A pure function of the disclosure: no database, no request.
 */
import ExcelJS from "exceljs";
import { chineseNumeral } from "../budget/tables";
import { headerRows, leafColumns } from "../budget/columns";
import { isZeroCell, zeroText } from "../budget/display";
import type { Disclosure, DisclosureTable, LeafColumn } from "../budget/model";
import { FORM_COLUMNS, overallForm, projectForm, type FormLayout } from "./performance";

export interface WorkbookMeta {
  /** Shown in the 概况 sheet, e.g. "沈阳市和平区人力资源和社会保障事务服务中心 2024 年部门预算". */
  title: string;
  revision: number;
  /** ISO date-time of publication; also the workbook's created/modified stamp, so output is stable. */
  publishedAt: string;
  correctionNote?: string;
  htmlUrl?: string;
}

const AMOUNT_FORMAT = "#,##0.00";
const WHOLE_FORMAT = "#,##0";
const THIN = { style: "thin" as const, color: { argb: "FF808080" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const FONT = "宋体";

/** Excel refuses \ / ? * [ ] : in sheet names and more than 31 characters. */
export function sheetName(table: Pick<DisclosureTable, "number" | "title">): string {
  return `表${table.number} ${table.title}`.replace(/[\\/?*[\]:]/g, "").slice(0, 31);
}

/**
 * The one place where an amount becomes a JavaScript number: a numeric xlsx cell needs one. The
 * input is the engine's already-rounded display string ("5114.04", two decimals), which a double
 * represents closely enough that Excel shows exactly the same two decimals; no arithmetic is done
 * on it afterwards.
 */
function excelNumber(display: string): number {
  return Number(display);
}

function columnWidth(c: LeafColumn): number {
  if (c.type === "code") return 11;
  if (c.type === "amount") return 13;
  if (c.key === "projectContent" || c.key === "serviceCatalogue") return 40;
  if (c.key === "name" || c.key.endsWith("_item") || c.key === "unitName" || c.key === "projectName") return 30;
  return 16;
}

function styleHeader(cell: ExcelJS.Cell) {
  cell.font = { name: FONT, bold: true, size: 10 };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.fill = HEADER_FILL;
  cell.border = BORDER;
}

function titleRows(ws: ExcelJS.Worksheet, table: DisclosureTable, width: number): number {
  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = table.title;
  title.font = { name: FONT, bold: true, size: 16 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 28;

  const unitCol = width;
  const nameEnd = Math.max(1, width - 1);
  if (nameEnd > 1) ws.mergeCells(2, 1, 2, nameEnd);
  const name = ws.getCell(2, 1);
  name.value = `单位名称：${table.unitName}`;
  name.font = { name: FONT, size: 10 };
  const unit = ws.getCell(2, unitCol === 1 ? 2 : unitCol);
  unit.value = `表${table.number}　单位：${table.unit}`;
  unit.font = { name: FONT, size: 10 };
  unit.alignment = { horizontal: "right" };
  return 2;
}

function notesRows(ws: ExcelJS.Worksheet, table: DisclosureTable, from: number, width: number): number {
  let r = from;
  for (const note of table.notes) {
    ws.mergeCells(r, 1, r, width);
    const c = ws.getCell(r, 1);
    c.value = note;
    c.font = { name: FONT, size: 9, italic: true };
    c.alignment = { wrapText: true, vertical: "top" };
    r++;
  }
  return r;
}

function pageSetup(ws: ExcelJS.Worksheet, printTitles: string | null) {
  ws.pageSetup.paperSize = 9; // A4
  ws.pageSetup.orientation = "landscape";
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
  ws.pageSetup.horizontalCentered = true;
  ws.pageSetup.margins = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
  if (printTitles) ws.pageSetup.printTitlesRow = printTitles;
  ws.headerFooter.oddFooter = "第 &P 页，共 &N 页";
}

/** Tables 1–15: grid and two-sided layouts share the same drawing. */
function gridSheet(wb: ExcelJS.Workbook, table: DisclosureTable) {
  const leaves = leafColumns(table.columns);
  const width = leaves.length;
  const ws = wb.addWorksheet(sheetName(table));
  leaves.forEach((c, i) => {
    ws.getColumn(i + 1).width = columnWidth(c);
  });
  const top = titleRows(ws, table, width) + 1;
  const header = headerRows(table.columns);
  header.forEach((row, r) => {
    for (const h of row) {
      const rr = top + r;
      const cc = h.firstColumn + 1;
      if (h.colspan > 1 || h.rowspan > 1) ws.mergeCells(rr, cc, rr + h.rowspan - 1, cc + h.colspan - 1);
      const cell = ws.getCell(rr, cc);
      cell.value = h.label;
      styleHeader(cell);
    }
  });
  // Merged cells keep the border only on the cell that holds the value: draw every header cell.
  for (let r = 0; r < header.length; r++) for (let c = 1; c <= width; c++) styleHeader(ws.getCell(top + r, c));
  const bodyTop = top + header.length;
  const numFmt = table.decimals === 0 ? WHOLE_FORMAT : AMOUNT_FORMAT;
  const zero = zeroText(table.emptyCell, table.decimals ?? 2);
  table.rows.forEach((row, i) => {
    const r = bodyTop + i;
    const strong = row.level === "total" || row.level === "subtotal" || row.level === "类";
    leaves.forEach((c, j) => {
      const cell = ws.getCell(r, j + 1);
      const v = row.cells[c.key];
      if (c.type === "amount") {
        if (v !== null && v !== undefined && v !== "") cell.value = excelNumber(v);
        else if (zero !== "" && isZeroCell(table, row, c)) cell.value = 0;
        cell.numFmt = numFmt;
        cell.alignment = { horizontal: "right", vertical: "middle" };
      } else {
        if (v !== null && v !== undefined) cell.value = v;
        if (c.type === "code") cell.numFmt = "@";
        cell.alignment = { horizontal: c.type === "code" ? "left" : "left", vertical: "middle", wrapText: true };
      }
      cell.font = { name: FONT, size: 10, bold: strong };
      cell.border = BORDER;
    });
  });
  notesRows(ws, table, bodyTop + table.rows.length, width);
  const sticky = leaves.filter((c) => c.type === "code" || c.key === "name").length;
  ws.views = [{ state: "frozen", xSplit: sticky, ySplit: bodyTop - 1 }];
  pageSetup(ws, `${top}:${bodyTop - 1}`);
}

function drawForm(ws: ExcelJS.Worksheet, form: FormLayout, top: number): number {
  form.rows.forEach((row, r) => {
    for (const c of row) {
      const rr = top + r;
      const cc = c.column + 1;
      if (c.colspan > 1 || c.rowspan > 1) ws.mergeCells(rr, cc, rr + c.rowspan - 1, cc + c.colspan - 1);
      const cell = ws.getCell(rr, cc);
      if (c.amount) {
        if (c.text !== "") cell.value = excelNumber(c.text);
        cell.numFmt = AMOUNT_FORMAT;
      } else cell.value = c.text;
      if (c.header) styleHeader(cell);
      else {
        cell.font = { name: FONT, size: 10 };
        cell.alignment = { vertical: "middle", wrapText: true, horizontal: c.amount ? "left" : "left" };
      }
    }
  });
  for (let r = 0; r < form.rows.length; r++)
    for (let c = 1; c <= form.columns; c++) ws.getCell(top + r, c).border = BORDER;
  return top + form.rows.length;
}

/** Tables 16 and 17: one form per unit or project, stacked with a blank row between. */
function formSheet(wb: ExcelJS.Workbook, table: DisclosureTable) {
  const ws = wb.addWorksheet(sheetName(table));
  [16, 14, 14, 30, 9, 12, 10, 11].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  let r = titleRows(ws, table, FORM_COLUMNS) + 1;
  const forms =
    table.layout === "overall-performance"
      ? (table.overall ?? []).map(overallForm)
      : (table.projects ?? []).map(projectForm);
  for (const form of forms) r = drawForm(ws, form, r) + 1;
  notesRows(ws, table, r, FORM_COLUMNS);
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: 2 }];
  pageSetup(ws, "1:2");
}

function textSheet(wb: ExcelJS.Workbook, name: string, lines: { text: string; bold?: boolean; size?: number }[]) {
  const ws = wb.addWorksheet(name);
  ws.getColumn(1).width = 110;
  lines.forEach((l, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = l.text;
    cell.font = { name: FONT, size: l.size ?? 11, bold: l.bold ?? false };
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  ws.pageSetup.paperSize = 9;
  ws.pageSetup.orientation = "portrait";
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
}

export function buildWorkbook(d: Disclosure, meta: WorkbookMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "部门预算公开平台";
  wb.title = meta.title;
  const stamp = new Date(meta.publishedAt);
  wb.created = stamp;
  wb.modified = stamp;

  const profile: { text: string; bold?: boolean; size?: number }[] = [
    { text: meta.title, bold: true, size: 16 },
    { text: `第 ${meta.revision} 版，发布于 ${meta.publishedAt.slice(0, 10)}` },
  ];
  if (meta.correctionNote) profile.push({ text: `更正说明：${meta.correctionNote}` });
  if (meta.htmlUrl) profile.push({ text: `网页版：${meta.htmlUrl}` });
  profile.push({ text: "第一部分 概况", bold: true, size: 13 });
  if (d.profile.duties.length) {
    profile.push({ text: "一、主要职责", bold: true });
    d.profile.duties.forEach((t, i) => profile.push({ text: `（${chineseNumeral(i + 1)}）${t}` }));
  }
  if (d.profile.departments.length) {
    profile.push({ text: "二、内设机构", bold: true });
    d.profile.departments.forEach((dep, i) => {
      profile.push({ text: `${i + 1}. ${dep.name}`, bold: true });
      if (dep.duties) profile.push({ text: dep.duties });
      profile.push({ text: `人员编制 ${dep.staffing} 名${dep.leaders ? `，${dep.leaders}` : ""}。` });
    });
  }
  if (d.profile.composition) {
    profile.push({ text: `${d.profile.departments.length ? "三" : d.profile.duties.length ? "二" : "一"}、部门预算单位构成`, bold: true });
    profile.push({ text: d.profile.composition });
  }
  textSheet(wb, "概况", profile);

  for (const t of d.tables) {
    if (t.layout === "overall-performance" || t.layout === "project-performance") formSheet(wb, t);
    else gridSheet(wb, t);
  }

  const explanation: { text: string; bold?: boolean; size?: number }[] = [{ text: d.explanation.title, bold: true, size: 13 }];
  for (const s of d.explanation.sections) {
    explanation.push({ text: s.heading, bold: true });
    for (const p of s.paragraphs) explanation.push({ text: p });
    for (const sub of s.subsections ?? []) {
      explanation.push({ text: sub.heading, bold: true });
      for (const p of sub.paragraphs) explanation.push({ text: p });
    }
  }
  textSheet(wb, "情况说明", explanation);
  textSheet(wb, "名词解释", [
    { text: "第四部分 名词解释", bold: true, size: 13 },
    ...d.glossary.map((g, i) => ({ text: `${i + 1}. ${g.term}：${g.definition}` })),
  ]);
  return wb;
}

export async function workbookBytes(d: Disclosure, meta: WorkbookMeta): Promise<Uint8Array> {
  const buffer = await buildWorkbook(d, meta).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
