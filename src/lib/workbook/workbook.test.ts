import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reference023002_2024 as ref } from "../sample/reference-023002-2024";
import { catalogForYear } from "../sample/catalog";
import { SHEETS, type WorkbookCatalog, type WorkbookContent } from "./format";
import { readBudgetWorkbook, parseAmountCell } from "./read";
import { buildBudgetWorkbook, writeBudgetWorkbook } from "./write";

const y = catalogForYear(2024);
const catalog: WorkbookCatalog = {
  functions: y.functionCodes.filter((f) => f.code.length === 7).map(({ code, name }) => ({ code, name })),
  economics: y.deptEconomicCodes.filter((e) => e.code.length === 5).map(({ code, name }) => ({ code, name })),
  sources: y.fundingSources.map(({ code, name }) => ({ code, name })),
  functionClasses: y.functionCodes.filter((f) => f.code.length === 3).map(({ code, name }) => ({ code, name })),
};
const content: WorkbookContent = {
  lineItems: ref.lineItems,
  projects: ref.projects,
  procurement: ref.procurement,
  purchasedServices: ref.purchasedServices,
  targets: ref.targets,
  profile: ref.profile,
  assets: ref.assets,
  narrative: ref.narrative,
  baseline: ref.baseline,
};
const meta = { year: 2024, unitCode: ref.unit.code, unitName: ref.unit.name };

/** Export, let `edit` change the workbook as a person would in Excel, read back. */
async function roundTrip(edit?: (wb: ExcelJS.Workbook) => void) {
  const wb = buildBudgetWorkbook(content, catalog, meta);
  if (edit) {
    const bytes = await wb.xlsx.writeBuffer();
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(bytes);
    edit(again);
    return readBudgetWorkbook(new Uint8Array(await again.xlsx.writeBuffer()), catalog);
  }
  return readBudgetWorkbook(await writeBudgetWorkbook(content, catalog, meta), catalog);
}

const lines = (wb: ExcelJS.Workbook) => wb.getWorksheet(SHEETS.lines)!;

describe("budget workbook", () => {
  it("reads back exactly what it wrote", async () => {
    const read = await roundTrip();
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const c = read.content;
    expect(c.lineItems.map((l) => l.amount)).toEqual(ref.lineItems.map((l) => l.amount));
    expect(c.lineItems.map((l) => [l.functionCode, l.economicCode, l.kind, l.source, l.period])).toEqual(
      ref.lineItems.map((l) => [l.functionCode, l.economicCode, l.kind, l.source, l.period]),
    );
    const nameOf = (projects: { id: string; name: string }[], id: string | null) => projects.find((p) => p.id === id)?.name ?? null;
    expect(c.lineItems.map((l) => nameOf(c.projects, l.projectId))).toEqual(ref.lineItems.map((l) => nameOf(ref.projects, l.projectId)));
    expect(c.projects.map((p) => [p.name, p.content, p.debtFinanced])).toEqual(ref.projects.map((p) => [p.name, p.content, p.debtFinanced]));
    expect(c.targets.length).toBe(ref.targets.length);
    for (const t of ref.targets) {
      const mine = c.targets.find((x) => nameOf(c.projects, x.projectId) === nameOf(ref.projects, t.projectId))!;
      expect(mine.goal).toBe(t.goal);
      expect(mine.tasks.map((k) => ({ name: k.name, amount: k.amount }))).toEqual(t.tasks.map((k) => ({ name: k.name, amount: k.amount })));
      expect(mine.indicators).toEqual(t.indicators);
    }
    expect(c.profile).toEqual(ref.profile);
    expect(c.assets).toEqual(ref.assets);
    expect(c.narrative).toEqual(ref.narrative);
    expect(c.baseline).toEqual(ref.baseline);
    expect(read.counts.lineItems).toBe(ref.lineItems.length);
  });

  it("carries 表16 task links and the prior year's detail", async () => {
    const overall = ref.targets.find((t) => t.projectId === null)!;
    const project = ref.projects[0]!;
    const withDetail: WorkbookContent = {
      ...content,
      targets: ref.targets.map((t) =>
        t === overall
          ? { ...t, tasks: [{ name: "人员", amount: "1.00", link: { figure: "personnel", projectId: null } }, { name: "项目", amount: "2.00", link: { figure: "project", projectId: project.id } }, { name: "手工", amount: "3.00", link: null }] }
          : t,
      ),
      baseline: {
        total: "100.00",
        bySource: { gpb: "90.00", unit_business: "10.00" },
        byKind: { basic: "60.00", project: "40.00" },
        byFunctionClass: [{ code: "208", amount: "70.00" }, { code: "221", amount: "30.00" }],
        sanggong: { abroad: "0.00", reception: "1.00", vehiclePurchase: "0.00", vehicleOperation: "2.00" },
      },
    };
    const read = await readBudgetWorkbook(await writeBudgetWorkbook(withDetail, catalog, meta), catalog);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.content.baseline).toEqual(withDetail.baseline);
    const tasks = read.content.targets.find((t) => t.projectId === null)!.tasks;
    const projectId = read.content.projects.find((p) => p.name === project.name)!.id;
    expect(tasks).toEqual([
      { name: "人员", amount: "1.00", link: { figure: "personnel", projectId: null } },
      { name: "项目", amount: "2.00", link: { figure: "project", projectId } },
      { name: "手工", amount: "3.00", link: null },
    ]);
  });

  it("refuses a file that is not a workbook", async () => {
    const read = await readBudgetWorkbook(new TextEncoder().encode("not a zip"), catalog);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[0]!.message).toMatch(/不是有效的 Excel/);
  });

  it.each([
    ["an unknown code", (wb: ExcelJS.Workbook) => (lines(wb).getCell("A2").value = "2089999"), { row: 2, column: "A", message: /2089999 不在本年度/ }],
    ["a three-decimal amount", (wb: ExcelJS.Workbook) => (lines(wb).getCell("I3").value = 12.345), { row: 3, column: "I", message: /超过 2 位小数/ }],
    ["text in an amount cell", (wb: ExcelJS.Workbook) => (lines(wb).getCell("I4").value = "待定"), { row: 4, column: "I", message: /“待定”：不是数字/ }],
    ["a line pointing at a missing project", (wb: ExcelJS.Workbook) => {
      const ws = lines(wb);
      const r = ws.getColumn(5).values.findIndex((v) => v === "项目支出");
      ws.getCell(r, 6).value = "不存在的项目";
    }, { column: "F", message: /项目“不存在的项目”不在“项目”表中/ }],
    ["a duplicated row", (wb: ExcelJS.Workbook) => {
      const ws = lines(wb);
      ws.addRow((ws.getRow(2).values as ExcelJS.CellValue[]).slice(1));
    }, { row: ref.lineItems.length + 2, message: /与第 2 行完全相同/ }],
    ["an empty sheet", (wb: ExcelJS.Workbook) => {
      wb.removeWorksheet(lines(wb).id);
      wb.addWorksheet(SHEETS.lines);
    }, { row: 1, column: "A", message: /工作表“预算明细”为空/ }],
  ])("refuses %s with its sheet, row and column", async (_name, edit, expected) => {
    const read = await roundTrip(edit);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: SHEETS.lines, ...expected, message: expect.stringMatching(expected.message) })]));
  });

  it("reads text amounts with separators and full-width digits, refuses negatives", () => {
    expect(parseAmountCell("1,234.5", "yuan")).toEqual({ ok: true, yuan: "1234.50" });
    expect(parseAmountCell("１２３４．５６", "yuan")).toEqual({ ok: true, yuan: "1234.56" });
    expect(parseAmountCell(0.1, "yuan")).toEqual({ ok: true, yuan: "0.10" });
    expect(parseAmountCell(1.5, "wan")).toEqual({ ok: true, yuan: "15000.00" });
    expect(parseAmountCell(-3, "yuan").ok).toBe(false);
    expect(parseAmountCell(1e-7, "yuan").ok).toBe(false);
  });
});
