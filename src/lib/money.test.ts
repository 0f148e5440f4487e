import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Decimal,
  formatAmount,
  formatForText,
  formatWan,
  formatYuan,
  inspectMoney,
  parseInUnit,
  parseWan,
  parseYuan,
  percentOf,
  roundForDisplay,
  sumMoney,
  toDisplayString,
  toYuanString,
  wanToYuan,
  withThousands,
  yuanToWan,
} from "./money";
import { BudgetDomainError } from "./budget/errors";

function domainError(fn: () => unknown): BudgetDomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BudgetDomainError) return e;
    throw e;
  }
  throw new Error("expected a BudgetDomainError");
}

describe("parseYuan", () => {
  it.each([
    ["51140400.00", "51140400"],
    ["0", "0"],
    ["0.5", "0.5"],
    ["12.34", "12.34"],
    ["007.10", "7.1"],
  ])("parses %s exactly", (raw, expected) => {
    expect(parseYuan(raw).toString()).toBe(expected);
  });

  it.each([
    ["abc", "MONEY_MALFORMED"],
    ["", "MONEY_MALFORMED"],
    ["NaN", "MONEY_MALFORMED"],
    ["Infinity", "MONEY_MALFORMED"],
    ["-Infinity", "MONEY_MALFORMED"],
    ["1e5", "MONEY_MALFORMED"],
    ["1,000.00", "MONEY_MALFORMED"],
    [" 1.00", "MONEY_MALFORMED"],
    ["1.", "MONEY_MALFORMED"],
    [".5", "MONEY_MALFORMED"],
    ["0x10", "MONEY_MALFORMED"],
    ["1.001", "MONEY_TOO_PRECISE"],
    ["-1.00", "MONEY_NEGATIVE"],
  ])("rejects %j with %s and a Chinese message", (raw, code) => {
    const e = domainError(() => parseYuan(raw));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/u);
  });

  it("rejects non-strings, floats above all", () => {
    expect(domainError(() => parseYuan(0.1)).code).toBe("MONEY_MALFORMED");
    expect(domainError(() => parseYuan(Number.NaN)).message).toContain("浮点数");
    expect(domainError(() => parseYuan(null)).code).toBe("MONEY_MALFORMED");
    expect(domainError(() => parseYuan(undefined)).code).toBe("MONEY_MALFORMED");
  });

  it("allows negatives when asked and names the field", () => {
    expect(parseYuan("-3.20", { allowNegative: true }).toString()).toBe("-3.2");
    expect(domainError(() => parseYuan("x", { field: "预算数" })).message).toMatch(/^预算数：/u);
  });
});

describe("parseWan / parseInUnit", () => {
  it("accepts up to six decimals of 万元 and returns exact 元", () => {
    expect(toYuanString(parseWan("5114.04"))).toBe("51140400.00");
    expect(toYuanString(parseWan("0.000001"))).toBe("0.01");
    expect(toYuanString(parseInUnit("1.5", "yuan"))).toBe("1.50");
    expect(toYuanString(parseInUnit("1.5", "wan"))).toBe("15000.00");
    expect(domainError(() => parseWan("0.0000001")).code).toBe("MONEY_TOO_PRECISE");
  });
});

describe("conversion and formatting", () => {
  it("formats 万元 half-up from exact 元 with separators", () => {
    expect(formatWan("51140400.00")).toBe("5,114.04");
    expect(formatWan("51140400.00", { separators: false })).toBe("5114.04");
    expect(formatWan("50.00")).toBe("0.01"); // 0.005 万元 rounds up
    expect(formatWan("49.99")).toBe("0.00");
    expect(formatWan("-50.00")).toBe("-0.01"); // half away from zero
    expect(formatWan("-49.99")).toBe("0.00"); // never "-0.00"
    expect(formatWan("123456789012345.67")).toBe("12,345,678,901.23");
  });

  it("formats 元", () => {
    expect(formatYuan("51140400")).toBe("51,140,400.00");
    expect(formatYuan("0.5")).toBe("0.50");
    expect(formatAmount("1234.5", "yuan", { separators: false })).toBe("1234.50");
  });

  it("converts exactly", () => {
    expect(yuanToWan("51140400.00").toString()).toBe("5114.04");
    expect(yuanToWan("1.00").toString()).toBe("0.0001");
    expect(wanToYuan("0.000001").toString()).toBe("0.01");
    expect(roundForDisplay("12345.00", "wan").toString()).toBe("1.23");
    expect(toDisplayString("12350.00", "wan")).toBe("1.24");
  });

  it("writes amounts in running text like the seed", () => {
    expect(formatForText(new Decimal(0), "wan")).toBe("0");
    expect(formatForText(new Decimal("51140400"), "wan")).toBe("5114.04");
  });

  it("groups thousands", () => {
    expect(withThousands("0.00")).toBe("0.00");
    expect(withThousands("999.99")).toBe("999.99");
    expect(withThousands("1000")).toBe("1,000");
    expect(withThousands("-1234567.8")).toBe("-1,234,567.8");
    expect(withThousands("not a number")).toBe("not a number");
  });

  it("keeps sub-分 values visible in canonical strings", () => {
    expect(toYuanString(new Decimal("1.005"))).toBe("1.005");
    expect(toYuanString(new Decimal("1"))).toBe("1.00");
  });

  it("computes percentages from exact values", () => {
    expect(percentOf(new Decimal("3191300"), new Decimal("54331700"))).toBe("5.87");
    expect(percentOf(new Decimal(1), new Decimal(0))).toBeNull();
    expect(percentOf(new Decimal(2), new Decimal(3), 0)).toBe("67");
  });

  it("sums strings and decimals", () => {
    expect(sumMoney(["0.10", "0.20", new Decimal("0.30")]).toString()).toBe("0.6");
  });

  it("inspects without throwing", () => {
    expect(inspectMoney("1.234")).toMatchObject({ ok: true, decimals: 3 });
    expect(inspectMoney("-0.00")).toMatchObject({ ok: true, negative: false });
    expect(inspectMoney("NaN")).toMatchObject({ ok: false, issue: "malformed" });
  });

  it("never loses a 分 (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { maxLength: 50 }), (fens) => {
        const strings = fens.map((f) => `${f / 100n}.${String(f % 100n).padStart(2, "0")}`);
        const total = fens.reduce((a, b) => a + b, 0n);
        const expected = `${total / 100n}.${String(total % 100n).padStart(2, "0")}`;
        expect(toYuanString(sumMoney(strings))).toBe(expected);
        // printed 万元 differs from the exact amount by at most half a 分 of 万元
        const printed = new Decimal(toDisplayString(expected, "wan"));
        expect(printed.minus(yuanToWan(expected)).abs().lte("0.005")).toBe(true);
      }),
    );
  });
});
