import { describe, expect, it } from "vitest";
import { neutraliseFormula, parseCsv, tableCsv } from "./csv";
import type { DisclosureTable } from "../budget/model";

function table(names: string[], amounts: string[]): DisclosureTable {
  return {
    number: 8,
    title: "项目支出表",
    unit: "万元",
    unitName: "测试单位",
    layout: "plain",
    columns: [
      { key: "code", label: "科目编码", type: "code" },
      { key: "name", label: "项目名称", type: "text" },
      { key: "amount", label: "金额", type: "amount" },
    ],
    rows: names.map((name, i) => ({ kind: "item", cells: { code: `20101${i}`, name, amount: amounts[i] ?? "0.00" } })),
    notes: [],
    empty: false,
  } as unknown as DisclosureTable;
}

describe("CSV cells a spreadsheet would run as a formula", () => {
  const dangerous = ['=HYPERLINK("http://evil.example","点此")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", "=1+1"];

  it.each(dangerous)("writes %j as text", (name) => {
    const csv = tableCsv(table([name], ["1.00"]));
    const cell = parseCsv(csv)[1]?.[1];
    expect(cell).toBe(`'${name}`);
    expect(csv).toContain(`"'${name.replace(/"/g, '""')}"`);
  });

  it("leaves amounts (negative ones too), a lone dash and ordinary names alone", () => {
    const rows = parseCsv(tableCsv(table(["一般行政管理事务", "-", "A-1 项目"], ["-12.30", "5114.04", "+3"])));
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual([
      ["一般行政管理事务", "-12.30"],
      ["-", "5114.04"],
      ["A-1 项目", "+3"],
    ]);
    expect(neutraliseFormula("12.5%")).toBe("12.5%");
    expect(neutraliseFormula("-5%")).toBe("-5%");
    // The comparison column of the performance targets.
    expect(neutraliseFormula("=")).toBe("=");
  });
});
