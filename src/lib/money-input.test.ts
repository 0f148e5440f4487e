import { describe, expect, it } from "vitest";
import { readAmountInput, toHalfWidth } from "./money-input";

const yuan = (raw: string, unit: "wan" | "yuan" = "yuan") => {
  const r = readAmountInput(raw, unit);
  return r.ok ? r.yuan : r.message;
};

describe("amounts as people paste them", () => {
  it("reads thousands separators, spaces, full-width digits and a visible unit", () => {
    expect(yuan("1,234,567.89")).toBe("1234567.89");
    expect(yuan("  1 234 567.89 ")).toBe("1234567.89");
    expect(yuan("１，２３４．５０")).toBe("1234.50");
    expect(yuan("12.5", "wan")).toBe("125000.00");
    expect(yuan("12.5万元")).toBe("125000.00");
    expect(yuan("12.5 万")).toBe("125000.00");
    expect(yuan("3000元", "wan")).toBe("3000.00");
    expect(yuan("¥1,200", "wan")).toBe("1200.00");
    expect(yuan("0.000001", "wan")).toBe("0.01");
    expect(readAmountInput("12.5万元", "yuan")).toMatchObject({ ok: true, unit: "wan" });
  });

  it("refuses what could be read two ways, quoting what was typed", () => {
    expect(yuan("1,5")).toMatch(/^无法识别“1,5”：千分位逗号位置不对/);
    expect(yuan("1.234,56")).toMatch(/^无法识别“1.234,56”/);
    expect(yuan("12 5")).toMatch(/^无法识别“12 5”：数字中间有空格/);
    expect(yuan("-3")).toMatch(/不能为负数/);
    expect(yuan("1.234")).toMatch(/^无法识别“1.234”/);
    expect(yuan("1.1234567", "wan")).toMatch(/^无法识别/);
    expect(yuan("¥12万")).toMatch(/只保留一种单位/);
    expect(yuan("abc")).toMatch(/不是数字/);
    expect(yuan("   ")).toBe("请填写金额");
  });

  it("converts full-width characters only", () => {
    expect(toHalfWidth("０１２３４５６７８９．，－　")).toBe("0123456789.,- ");
  });
});
