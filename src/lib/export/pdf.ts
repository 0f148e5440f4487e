/**
 * The whole disclosure as a PDF, in the seed's order: 第一部分 概况, 第二部分 the 17 tables, 第三部分
 * 情况说明, 第四部分 名词解释. Real text in an embedded Chinese font (pdfkit subsets it: only the glyphs
 * used travel), A4 landscape, every table's header rows repeated on each page it runs over, page
 * numbers, bookmarks. Tables are drawn from the engine's structure (columns → headerRows, rows →
 * displayCell; tables 16–17 from the same form layout as the page and the workbook), so whatever
 * template or numbering the engine produces flows into the PDF unchanged.
 *
 * A pure function of the disclosure and the font bytes: no database, no request, no browser.
 */
import PDFDocument from "pdfkit";
import { displayCell, headerRows, leafColumns } from "../budget";
import { chineseNumeral } from "../budget/tables";
import type { Disclosure, DisclosureTable, LeafColumn, TableRow } from "../budget/model";
import { FORM_COLUMNS, overallForm, projectForm, type FormLayout } from "./performance";

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Font name inside a collection (.ttc) for `regular` and `bold`. */
  family?: string;
  /** Used for a text whose characters the regular font lacks (e.g. a system CJK font). */
  fallback?: Uint8Array;
  fallbackFamily?: string;
}

export interface PdfMeta {
  /** e.g. "沈阳市和平区人力资源和社会保障事务服务中心 2024 年部门预算" */
  title: string;
  revision: number;
  /** ISO date-time of publication: also the PDF's creation date, so the output is stable. */
  publishedAt: string;
  correctionNote?: string;
  /** Where the page lives, printed on the title page. */
  htmlUrl?: string;
}

// A4 landscape, in points.
const PAGE_W = 841.89;
const PAGE_H = 595.28;
const MARGIN_X = 32;
const MARGIN_TOP = 36;
const MARGIN_BOTTOM = 40;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const BOTTOM = PAGE_H - MARGIN_BOTTOM;
const PAD_X = 2.5;
const PAD_Y = 2;
const BODY_SIZE = 10.5;
const MIN_TABLE_SIZE = 6.5;
const MAX_TABLE_SIZE = 9;

type Doc = InstanceType<typeof PDFDocument>;

interface Cell {
  text: string;
  col: number;
  colspan: number;
  rowspan: number;
  align?: "left" | "center" | "right";
  bold?: boolean;
  fill?: boolean;
  indent?: number;
}

interface Grid {
  widths: number[];
  fontSize: number;
  header: Cell[][];
  body: Cell[][];
  /** Printed above the table on a continuation page. */
  continuation: string;
}

class Writer {
  readonly doc: Doc;
  private readonly hasFallback: boolean;

  constructor(
    fonts: PdfFonts,
    private readonly meta: PdfMeta,
  ) {
    const created = new Date(meta.publishedAt);
    this.doc = new PDFDocument({
      size: "A4",
      layout: "landscape",
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      autoFirstPage: true,
      compress: true,
      lang: "zh-CN",
      displayTitle: true,
      info: {
        Title: meta.title,
        Subject: "部门预算公开",
        Producer: "部门预算公开平台",
        Creator: "部门预算公开平台",
        CreationDate: Number.isNaN(created.getTime()) ? new Date(0) : created,
        ModDate: Number.isNaN(created.getTime()) ? new Date(0) : created,
      },
    });
    this.doc.registerFont("R", Buffer.from(fonts.regular), fonts.family as string);
    this.doc.registerFont("B", Buffer.from(fonts.bold), fonts.family as string);
    this.hasFallback = fonts.fallback !== undefined;
    if (fonts.fallback) this.doc.registerFont("F", Buffer.from(fonts.fallback), fonts.fallbackFamily as string);
    this.doc.font("R");
  }

  /** The font for a text: the regular (or bold) one, or the fallback when it lacks a character. */
  font(text: string, bold = false): this {
    let name = bold ? "B" : "R";
    if (this.hasFallback && !this.covers(text)) name = "F";
    this.doc.font(name);
    return this;
  }

  private coverage = new Map<number, boolean>();
  private covers(text: string): boolean {
    // pdfkit's current font object exposes fontkit's font; ask it per code point, once.
    this.doc.font("R");
    const f = (this.doc as unknown as { _font: { font?: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
    if (!f) return true;
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (cp < 0x80) continue;
      let ok = this.coverage.get(cp);
      if (ok === undefined) {
        ok = f.hasGlyphForCodePoint(cp);
        this.coverage.set(cp, ok);
      }
      if (!ok) return false;
    }
    return true;
  }

  get y(): number {
    return this.doc.y;
  }

  newPage() {
    this.doc.addPage();
    this.doc.x = MARGIN_X;
    this.doc.y = MARGIN_TOP;
  }

  ensure(height: number) {
    if (this.doc.y + height > BOTTOM) this.newPage();
  }

  heading(text: string, size: number, options: { align?: "left" | "center"; gapAfter?: number; outline?: boolean } = {}) {
    this.font(text, true).doc.fontSize(size);
    const h = this.doc.heightOfString(text, { width: CONTENT_W });
    this.ensure(h + size * 2);
    this.doc.text(text, MARGIN_X, this.doc.y, { width: CONTENT_W, align: options.align ?? "left" });
    this.doc.y += options.gapAfter ?? size * 0.4;
  }

  paragraph(text: string, options: { size?: number; indent?: boolean } = {}) {
    const size = options.size ?? BODY_SIZE;
    this.font(text).doc.fontSize(size);
    this.ensure(size * 2);
    this.doc.text(text, MARGIN_X, this.doc.y, {
      width: CONTENT_W,
      align: "justify",
      indent: options.indent === false ? 0 : size * 2,
      lineGap: size * 0.35,
    });
    this.doc.y += size * 0.35;
  }

  // ---- tables --------------------------------------------------------------------------------

  private textHeight(cell: Cell, width: number, size: number): number {
    if (cell.text === "") return size;
    this.font(cell.text, cell.bold).doc.fontSize(size);
    return this.doc.heightOfString(cell.text, { width: Math.max(width - 2 * PAD_X - (cell.indent ?? 0), 4), lineGap: 0.5 });
  }

  private spanWidth(grid: Grid, cell: Cell): number {
    let w = 0;
    for (let i = cell.col; i < cell.col + cell.colspan; i++) w += grid.widths[i] ?? 0;
    return w;
  }

  private colX(grid: Grid, col: number): number {
    let x = MARGIN_X;
    for (let i = 0; i < col; i++) x += grid.widths[i] ?? 0;
    return x;
  }

  /** Row heights for a block of rows with row spans: a spanning cell's extra height goes to its last row. */
  private heights(grid: Grid, rows: Cell[][]): number[] {
    const h = rows.map((row) =>
      Math.max(grid.fontSize + 2 * PAD_Y, ...row.filter((c) => c.rowspan === 1).map((c) => this.textHeight(c, this.spanWidth(grid, c), grid.fontSize) + 2 * PAD_Y)),
    );
    rows.forEach((row, r) => {
      for (const c of row) {
        if (c.rowspan <= 1) continue;
        const need = this.textHeight(c, this.spanWidth(grid, c), grid.fontSize) + 2 * PAD_Y;
        const last = Math.min(r + c.rowspan, rows.length) - 1;
        let have = 0;
        for (let i = r; i <= last; i++) have += h[i] ?? 0;
        if (need > have) h[last] = (h[last] ?? 0) + (need - have);
      }
    });
    return h;
  }

  private drawCell(grid: Grid, cell: Cell, y: number, height: number, withText = true) {
    const x = this.colX(grid, cell.col);
    const w = this.spanWidth(grid, cell);
    const doc = this.doc;
    if (cell.fill) doc.save().rect(x, y, w, height).fill("#eeeeee").restore();
    doc.save().lineWidth(0.4).strokeColor("#555555").rect(x, y, w, height).stroke().restore();
    if (!withText || cell.text === "") return;
    this.font(cell.text, cell.bold).doc.fontSize(grid.fontSize).fillColor("#000000");
    const innerW = Math.max(w - 2 * PAD_X - (cell.indent ?? 0), 4);
    const th = doc.heightOfString(cell.text, { width: innerW, lineGap: 0.5 });
    const top = cell.fill || cell.align === "center" ? y + Math.max((height - th) / 2, PAD_Y) : y + PAD_Y;
    doc.text(cell.text, x + PAD_X + (cell.indent ?? 0), top, { width: innerW, align: cell.align ?? "left", lineGap: 0.5, lineBreak: true });
  }

  private drawHeader(grid: Grid, heights: number[]): number {
    let y = this.doc.y;
    grid.header.forEach((row, r) => {
      for (const c of row) {
        let h = 0;
        for (let i = r; i < r + c.rowspan; i++) h += heights[i] ?? 0;
        this.drawCell(grid, c, y, h);
      }
      y += heights[r] ?? 0;
    });
    this.doc.y = y;
    return y;
  }

  /** Draws a grid: header rows repeated on every page, body rows with their spans split across pages. */
  table(grid: Grid) {
    const headerHeights = this.heights(grid, grid.header);
    const headerH = headerHeights.reduce((a, b) => a + b, 0);
    const bodyHeights = this.heights(grid, grid.body);
    const first = bodyHeights[0] ?? 0;
    this.ensure(headerH + first);
    this.drawHeader(grid, headerHeights);
    // Open row spans: the cell, the rows it still covers, where its current segment began.
    let open: { cell: Cell; left: number; top: number; height: number; drawnText: boolean }[] = [];
    const closeSegments = () => {
      for (const o of open) {
        this.drawCell(grid, o.cell, o.top, o.height, !o.drawnText);
        o.drawnText = true;
      }
    };
    grid.body.forEach((row, r) => {
      const h = bodyHeights[r] ?? 0;
      if (this.doc.y + h > BOTTOM) {
        closeSegments();
        this.newPage();
        this.font(grid.continuation, true).doc.fontSize(grid.fontSize + 1);
        this.doc.text(grid.continuation, MARGIN_X, this.doc.y, { width: CONTENT_W });
        this.doc.y += 2;
        this.drawHeader(grid, headerHeights);
        for (const o of open) {
          o.top = this.doc.y;
          o.height = 0;
        }
      }
      const y = this.doc.y;
      for (const c of row) {
        if (c.rowspan > 1) open.push({ cell: c, left: c.rowspan, top: y, height: 0, drawnText: false });
        else this.drawCell(grid, c, y, h);
      }
      for (const o of open) {
        o.height += h;
        o.left -= 1;
      }
      const done = open.filter((o) => o.left <= 0);
      for (const o of done) this.drawCell(grid, o.cell, o.top, o.height, !o.drawnText);
      open = open.filter((o) => o.left > 0);
      this.doc.y = y + h;
    });
    closeSegments();
    this.doc.y += 4;
  }

  // ---- page furniture ------------------------------------------------------------------------

  pageNumbers() {
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    for (let i = range.start; i < range.start + total; i++) {
      this.doc.switchToPage(i);
      const saved = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const text = `第 ${i + 1} 页 共 ${total} 页`;
      this.font(text).doc.fontSize(8).fillColor("#444444");
      this.doc.text(text, MARGIN_X, PAGE_H - 26, { width: CONTENT_W, align: "center", lineBreak: false });
      this.font(this.meta.title).doc.fontSize(8);
      this.doc.text(this.meta.title, MARGIN_X, PAGE_H - 26, { width: CONTENT_W / 2 - 40, align: "left", lineBreak: false, height: 10, ellipsis: true });
      this.doc.page.margins.bottom = saved;
      this.doc.fillColor("#000000");
    }
  }

  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise<Buffer>((resolve, reject) => {
      this.doc.on("data", (c: Buffer) => chunks.push(c));
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
      this.pageNumbers();
      this.doc.end();
    });
  }
}

// ---- widths -----------------------------------------------------------------------------------

const widthsAt10 = new WeakMap<Writer, Map<string, number>>();

/** A text's width on one line; measured once at 10 pt (widths scale with the size). */
function naturalWidth(w: Writer, text: string, size: number, bold = false): number {
  if (!text) return 0;
  let cache = widthsAt10.get(w);
  if (!cache) widthsAt10.set(w, (cache = new Map()));
  const key = `${bold ? "B" : "R"}${text}`;
  let at10 = cache.get(key);
  if (at10 === undefined) {
    w.font(text, bold).doc.fontSize(10);
    at10 = w.doc.widthOfString(text);
    cache.set(key, at10);
  }
  return (at10 * size) / 10 + 2 * PAD_X + 1;
}

/**
 * Column widths that fit the page: codes and amounts get the width of their widest value (never
 * broken), text columns share the rest in proportion to their content; the font shrinks (down to
 * MIN_TABLE_SIZE) until the unbreakable columns leave text columns a readable width. Headers wrap
 * by whole characters within their column, so none is broken one character a line.
 */
function gridWidths(w: Writer, leaves: LeafColumn[], rows: TableRow[]): { widths: number[]; fontSize: number } {
  for (let size = MAX_TABLE_SIZE; size >= MIN_TABLE_SIZE; size -= 0.5) {
    // Amount and code columns: the widest value, and at least three header characters.
    const minHeader = 3 * size + 2 * PAD_X + 1;
    const fixed = leaves.map((c) => {
      if (c.type === "text") return 0;
      let max = minHeader;
      for (const r of rows) max = Math.max(max, naturalWidth(w, displayCell(c, r.cells[c.key]), size, r.level === "total"));
      return max;
    });
    const textCols = leaves.map((c, i) => (c.type === "text" ? i : -1)).filter((i) => i >= 0);
    const fixedSum = fixed.reduce((a, b) => a + b, 0);
    const left = CONTENT_W - fixedSum;
    const minText = 6 * size + 2 * PAD_X;
    if (textCols.length > 0 ? left >= minText * textCols.length : left >= 0) {
      const widths = [...fixed];
      if (textCols.length === 0) {
        // Spread the spare width over the amount columns.
        const extra = left / leaves.length;
        return { widths: widths.map((x) => x + extra), fontSize: size };
      }
      // Text columns: the longest value, capped, in proportion.
      const want = textCols.map((i) => {
        const c = leaves[i] as LeafColumn;
        let max = naturalWidth(w, c.label, size, true);
        for (const r of rows) max = Math.max(max, naturalWidth(w, displayCell(c, r.cells[c.key]), size));
        return Math.max(Math.min(max, CONTENT_W * 0.45), minText);
      });
      const wantSum = want.reduce((a, b) => a + b, 0);
      if (wantSum <= left) {
        // Room to spare: text columns get what they want, the rest is shared by all columns.
        textCols.forEach((i, k) => (widths[i] = want[k] as number));
        const spare = (left - wantSum) / leaves.length;
        return { widths: widths.map((x) => x + spare), fontSize: size };
      }
      textCols.forEach((i, k) => (widths[i] = Math.max(minText, ((want[k] as number) / wantSum) * left)));
      const over = widths.reduce((a, b) => a + b, 0) - CONTENT_W;
      if (over > 0.5) continue;
      return { widths, fontSize: size };
    }
  }
  // Still too wide at the smallest size: share the page equally (headers and values wrap).
  return { widths: leaves.map(() => CONTENT_W / leaves.length), fontSize: MIN_TABLE_SIZE };
}

const BOLD_LEVELS = new Set<TableRow["level"]>(["total", "subtotal", "类", "unit", "category"]);
const INDENT_LEVELS: Partial<Record<TableRow["level"], number>> = { 款: 1, 项: 2, project: 1, item: 2 };

function gridOf(w: Writer, table: DisclosureTable): Grid {
  const leaves = leafColumns(table.columns);
  const { widths, fontSize } = gridWidths(w, leaves, table.rows);
  const header: Cell[][] = headerRows(table.columns).map((row) =>
    row.map((h) => ({ text: h.label, col: h.firstColumn, colspan: h.colspan, rowspan: h.rowspan, align: "center", bold: true, fill: true })),
  );
  const nameKey = leaves.find((c) => c.key === "name")?.key ?? leaves.find((c) => c.type !== "amount")?.key;
  const body: Cell[][] = table.rows.map((row) =>
    leaves.map((c, i) => ({
      text: displayCell(c, row.cells[c.key]),
      col: i,
      colspan: 1,
      rowspan: 1,
      align: c.type === "amount" ? "right" : "left",
      bold: BOLD_LEVELS.has(row.level),
      indent: c.key === nameKey ? (INDENT_LEVELS[row.level] ?? 0) * fontSize : 0,
    })),
  );
  return { widths, fontSize, header, body, continuation: `表${table.number} ${table.title}（续）` };
}

/** Tables 16 and 17: the form layout the page and the workbook use. */
function formGrid(layout: FormLayout, title: string): Grid {
  const label = 100;
  const fixed = [label, 95, 95, 0, 45, 75, 55, 60];
  const rest = CONTENT_W - fixed.reduce((a, b) => a + b, 0);
  const widths = fixed.map((x, i) => (i === 3 ? rest : x));
  if (layout.columns !== FORM_COLUMNS) throw new Error("form width");
  const body: Cell[][] = layout.rows.map((row) =>
    row.map((c) => ({
      text: c.amount ? displayCell({ key: "v", label: "", type: "amount" }, c.text || null) : c.text,
      col: c.column,
      colspan: c.colspan,
      rowspan: c.rowspan,
      align: c.header === "col" ? "center" : c.amount ? "right" : "left",
      bold: c.header !== undefined,
      fill: c.header !== undefined,
    })),
  );
  return { widths, fontSize: 8.5, header: [], body, continuation: `${title}（续）` };
}

// ---- the document -----------------------------------------------------------------------------

function partTitles(d: Disclosure) {
  const name = d.unit.shortName ?? d.unit.name;
  return {
    one: `第一部分 ${name}概况`,
    two: `第二部分 ${name} ${d.year} 年部门预算公开表`,
    three: `第三部分 ${d.explanation.title}`,
    four: "第四部分 名词解释",
  };
}

function tableHeading(w: Writer, table: DisclosureTable) {
  const title = `表${table.number} ${table.title}`;
  w.font(title, true).doc.fontSize(13);
  w.ensure(80);
  w.doc.outline.addItem(title);
  w.doc.text(title, MARGIN_X, w.y, { width: CONTENT_W, align: "center" });
  w.doc.y += 3;
  const meta = `单位名称：${table.unitName}`;
  const unit = `单位：${table.unit}`;
  w.font(meta).doc.fontSize(9);
  const y = w.y;
  w.doc.text(meta, MARGIN_X, y, { width: CONTENT_W - 120, lineBreak: false, ellipsis: true });
  w.font(unit).doc.fontSize(9);
  w.doc.text(unit, MARGIN_X + CONTENT_W - 120, y, { width: 120, align: "right", lineBreak: false });
  w.doc.y = y + 14;
}

function drawTable(w: Writer, table: DisclosureTable) {
  w.newPage();
  tableHeading(w, table);
  if (table.layout === "overall-performance" || table.layout === "project-performance") {
    const blocks =
      table.layout === "overall-performance"
        ? (table.overall ?? []).map((b) => overallForm(b))
        : (table.projects ?? []).map((b) => projectForm(b));
    blocks.forEach((layout) => {
      w.table(formGrid(layout, `表${table.number} ${table.title}`));
      w.doc.y += 6;
    });
  } else {
    w.table(gridOf(w, table));
  }
  for (const note of table.notes) w.paragraph(note, { size: 8.5, indent: false });
}

/** The whole disclosure as PDF bytes. */
export async function disclosurePdf(d: Disclosure, meta: PdfMeta, fonts: PdfFonts): Promise<Buffer> {
  const w = new Writer(fonts, meta);
  const parts = partTitles(d);

  // Title page with contents.
  w.doc.y = 120;
  w.heading(meta.title, 22, { align: "center", gapAfter: 14 });
  const stamp = `第 ${meta.revision} 版 · 发布于 ${meta.publishedAt.slice(0, 10)}`;
  w.font(stamp).doc.fontSize(11).text(stamp, MARGIN_X, w.y, { width: CONTENT_W, align: "center" });
  if (meta.correctionNote) {
    w.doc.y += 6;
    w.paragraph(`更正说明：${meta.correctionNote}`, { indent: false });
  }
  if (meta.htmlUrl) {
    w.font(meta.htmlUrl).doc.fontSize(9).fillColor("#333333").text(meta.htmlUrl, MARGIN_X, w.y + 6, { width: CONTENT_W, align: "center" });
    w.doc.fillColor("#000000");
  }
  w.doc.y += 30;
  w.heading("目 录", 14, { align: "center" });
  const contents = [parts.one, parts.two, ...d.tables.map((t) => `    表${t.number} ${t.title}`), parts.three, parts.four];
  for (const line of contents) {
    w.font(line).doc.fontSize(10);
    w.ensure(14);
    w.doc.text(line, MARGIN_X + 120, w.y, { width: CONTENT_W - 240 });
  }

  // 第一部分 概况
  w.newPage();
  w.doc.outline.addItem(parts.one);
  w.heading(parts.one, 16, { align: "center", gapAfter: 10 });
  let n = 0;
  const next = (label: string) => `${chineseNumeral(++n)}、${label}`;
  if (d.profile.duties.length) {
    w.heading(next("主要职责"), 13);
    d.profile.duties.forEach((text, i) => w.paragraph(`（${chineseNumeral(i + 1)}）${text}`));
  }
  if (d.profile.departments.length) {
    const name = d.unit.shortName ?? d.unit.name;
    w.heading(next("内设机构"), 13);
    w.paragraph(`根据上述职责，${name}设置内设机构 ${d.profile.departments.length} 个：`);
    const staffing = d.profile.departments.reduce((s, dep) => s + dep.staffing, 0);
    const cell = (text: string, col: number, extra: Partial<Cell> = {}): Cell => ({ text, col, colspan: 1, rowspan: 1, ...extra });
    w.table({
      widths: [60, CONTENT_W - 60 - 120 - 200, 120, 200],
      fontSize: 9.5,
      header: [["序号", "内设机构", "人员编制（名）", "领导职数"].map((t, i) => cell(t, i, { align: "center", bold: true, fill: true }))],
      body: [
        ...d.profile.departments.map((dep, i) => [
          cell(String(i + 1), 0, { align: "center" }),
          cell(dep.name, 1),
          cell(String(dep.staffing), 2, { align: "right" }),
          cell(dep.leaders, 3),
        ]),
        [cell("", 0), cell("合计", 1, { bold: true }), cell(String(staffing), 2, { align: "right", bold: true }), cell("", 3)],
      ],
      continuation: "内设机构（续）",
    });
    d.profile.departments.forEach((dep, i) => {
      w.heading(`${i + 1}. ${dep.name}`, 11);
      if (dep.duties) w.paragraph(dep.duties);
      w.paragraph(`人员编制 ${dep.staffing} 名${dep.leaders ? `，${dep.leaders}` : ""}。`);
    });
  }
  if (d.profile.composition || d.units.length > 1) {
    w.heading(next("部门预算单位构成"), 13);
    if (d.profile.composition) w.paragraph(d.profile.composition);
    if (d.units.length > 1) w.paragraph(d.units.map((u) => `${u.code} ${u.name}`).join("；") + "。");
  }

  // 第二部分 the 17 tables, each from a new page.
  w.newPage();
  w.doc.outline.addItem(parts.two);
  w.doc.y = PAGE_H / 2 - 30;
  w.heading(parts.two, 18, { align: "center" });
  for (const table of d.tables) drawTable(w, table);

  // 第三部分 情况说明
  w.newPage();
  w.doc.outline.addItem(parts.three);
  w.heading(parts.three, 16, { align: "center", gapAfter: 10 });
  for (const s of d.explanation.sections) {
    w.heading(s.heading, 12.5);
    for (const p of s.paragraphs) w.paragraph(p);
    for (const sub of s.subsections ?? []) {
      w.heading(sub.heading, 11.5);
      for (const p of sub.paragraphs) w.paragraph(p);
    }
  }

  // 第四部分 名词解释
  w.newPage();
  w.doc.outline.addItem(parts.four);
  w.heading(parts.four, 16, { align: "center", gapAfter: 10 });
  if (d.glossary.length === 0) w.paragraph("无。");
  d.glossary.forEach((g, i) => w.paragraph(`${i + 1}. ${g.term}：${g.definition}`));

  return w.finish();
}
