import { describe, expect, it } from "vitest";
import { inputFromLines } from "./bench-data";
import { ROUNDING_NOTE, computeDisclosure, headerRows } from "./index";
import type { BudgetInput, Disclosure, DisclosureTable, LineItem } from "./index";

const line = (id: string, over: Partial<LineItem>): LineItem => ({
  id,
  functionCode: "2080150",
  economicCode: "30201",
  kind: "public",
  projectId: null,
  source: "gpb",
  period: "current",
  amount: "0.00",
  ...over,
});
const table = (d: Disclosure, n: number): DisclosureTable => {
  const t = d.tables[n - 1];
  if (!t) throw new Error(`table ${n}`);
  return t;
};

describe("尾差", () => {
  // two 50 元 lines print 0.01 万元 each; together (100 元) they print 0.01 too
  const d = computeDisclosure(
    inputFromLines([
      line("a", { functionCode: "2080199", kind: "project", projectId: "bp1", economicCode: "30299", amount: "50.00" }),
      line("b", { functionCode: "2101102", kind: "project", projectId: "bp1", economicCode: "30299", amount: "50.00" }),
    ]),
  );

  it("prints each figure rounded from its own exact sum and notes the gap", () => {
    const t1 = table(d, 1);
    expect(t1.sides?.expenditure.map((l) => [l.label, l.value])).toEqual([
      ["一、社会保障和就业支出", "0.01"],
      ["二、卫生健康支出", "0.01"],
      ["本年支出合计", "0.01"],
      ["年终结转结余", null],
      ["支出总计", "0.01"],
    ]);
    expect(t1.notes).toEqual([ROUNDING_NOTE]);
    expect(table(d, 3).rows[0]?.cells.total).toBe("0.01");
    expect(table(d, 3).notes).toEqual([ROUNDING_NOTE]);
    expect(table(d, 9).notes).toEqual([]); // one project: 0.01 = 0.01
    expect(d.checks.filter((c) => c.severity === "error")).toEqual([]);
  });

  it("needs no note in 元", () => {
    const inYuan = computeDisclosure({ ...inputFromLines([line("a", { amount: "50.00" })]), amountUnit: "yuan" });
    expect(inYuan.tables.every((t) => !t.notes.includes(ROUNDING_NOTE))).toBe(true);
  });
});

describe("tables with content the sample lacks", () => {
  const base = inputFromLines([
    line("p1", { kind: "personnel", economicCode: "30101", amount: "1000000.00" }),
    line("g1", { functionCode: "2120801", kind: "project", projectId: "bp1", economicCode: "31002", source: "gf", amount: "300000.00" }),
    line("g2", { functionCode: "2120801", kind: "public", economicCode: "30201", source: "gf", amount: "20000.00" }),
    line("u1", { kind: "project", projectId: "bp2", economicCode: "30299", source: "unit_business", period: "carryover", amount: "12345.67" }),
  ]);
  const input: BudgetInput = {
    ...base,
    projects: base.projects.map((p) => (p.id === "bp1" ? { ...p, name: "土地收储", debtFinanced: true } : p)),
    procurement: [
      { id: "w1", projectId: "bp1", name: "场地平整", category: "works", source: "gf", period: "current", amount: "200000.00", smeReserved: "0.00" },
      { id: "s1", projectId: null, name: "保洁服务", category: "services", source: "gpb", period: "current", amount: "10000.00", smeReserved: "10000.00" },
    ],
    purchasedServices: [
      { id: "ps1", functionClassCode: "208", name: "就业指导讲座", catalogueCode: "A0501", catalogueName: "就业服务", source: "gpb", period: "current", amount: "30000.00" },
    ],
  };
  const d = computeDisclosure(input);

  it("table 8 lists 政府性基金 by function with 基本/项目", () => {
    expect(table(d, 8).empty).toBe(false);
    expect(table(d, 8).rows.map((r) => [r.code, r.cells.total, r.cells.basic, r.cells.project])).toEqual([
      [null, "32.00", "2.00", "30.00"],
      ["212", "32.00", "2.00", "30.00"],
      ["21208", "32.00", "2.00", "30.00"],
      ["2120801", "32.00", "2.00", "30.00"],
    ]);
  });

  it("tables 1, 2, 10 place 单位资金 carry-over where it belongs", () => {
    expect(table(d, 1).sides?.income.find((l) => l.key === "in:carryover")?.value).toBe("1.23");
    expect(table(d, 2).rows[0]?.cells).toMatchObject({ carryover_unit: "1.23", current_unit: null, current_gf: "32.00" });
    expect(table(d, 10).rows.find((r) => r.code === "2080150")?.cells.carryover_unit).toBe("1.23");
    expect(table(d, 4).sides?.income.find((l) => l.key === "in:total")?.value).toBe("132.00"); // 财政拨款 only
  });

  it("table 13 lists debt-financed projects", () => {
    expect(table(d, 13).rows.map((r) => [r.level, r.cells.unitName, r.cells.projectName, r.cells.current_gf])).toEqual([
      ["total", "合计", null, "30.00"],
      ["unit", "示例市示例区基准测试服务中心", null, "30.00"],
      ["project", null, "土地收储", "30.00"],
    ]);
  });

  it("table 14 splits 货物/工程/服务 with 中小企业", () => {
    expect(table(d, 14).rows.map((r) => [r.level, r.cells.unitName, r.cells.projectName, r.cells.total, r.cells.sme_reserved])).toEqual([
      ["total", "合计", null, "21.00", "1.00"],
      ["category", "货物", null, null, null],
      ["category", "工程", null, "20.00", null],
      ["item", "示例市示例区基准测试服务中心", "场地平整", "20.00", null],
      ["category", "服务", null, "1.00", "1.00"],
      ["item", "示例市示例区基准测试服务中心", "保洁服务", "1.00", "1.00"],
    ]);
  });

  it("table 15 lists purchased services", () => {
    expect(table(d, 15).rows.map((r) => [r.level, r.cells.functionClass, r.cells.serviceName, r.cells.serviceCatalogue, r.cells.total])).toEqual([
      ["total", null, null, null, "3.00"],
      ["unit", null, null, null, "3.00"],
      ["item", "208 社会保障和就业支出", "就业指导讲座", "A0501 就业服务", "3.00"],
    ]);
  });

  it("nothing is empty that has content, and the checks pass", () => {
    expect(d.tables.filter((t) => t.empty).map((t) => t.number)).toEqual([7]);
    expect(d.checks.filter((c) => c.severity === "error")).toEqual([]);
  });
});

describe("headerRows", () => {
  it("spans three levels for table 2 (单位资金 under 本年收入)", () => {
    const d = computeDisclosure(inputFromLines([]));
    const rows = headerRows(table(d, 2).columns);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.map((c) => [c.label, c.colspan, c.rowspan, c.scope])).toEqual([
      ["单位名称", 1, 3, "col"],
      ["总计", 1, 3, "col"],
      ["本年收入", 11, 1, "colgroup"],
      ["上年结转结余", 6, 1, "colgroup"],
    ]);
    expect(rows[1]?.find((c) => c.label === "单位资金")).toMatchObject({ colspan: 6, rowspan: 1, firstColumn: 7 });
    expect(rows[1]?.find((c) => c.label === "合计")).toMatchObject({ rowspan: 2, key: "current_total", firstColumn: 2 });
    expect(rows[2]?.map((c) => c.label)).toEqual(["小计", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"]);
    // every leaf appears once, left to right
    const leaves = rows.flat().filter((c) => c.key).sort((a, b) => a.firstColumn - b.firstColumn);
    expect(leaves.map((c) => c.firstColumn)).toEqual([...Array(leaves.length).keys()]);
  });

  it("gives an empty budget well-formed empty tables", () => {
    const d = computeDisclosure(inputFromLines([]));
    for (const t of d.tables) {
      if (t.number === 16) continue; // the generated input has an overall target
      expect(t.empty, `表${t.number}`).toBe(true);
      expect(t.notes.join("")).toContain("空表");
    }
  });
});
