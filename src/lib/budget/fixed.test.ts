import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal, inspectMoney, toDisplayString, toYuanString } from "../money";
import { FEN, exactString, parseAmount, printedString, printedUnits, rescale, scaleFor, scaleOf, toDecimal, writtenDecimals } from "./fixed";

/** Plain decimal strings as preparers and databases write them, up to 25 integer digits. */
const amountArb = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^\d{1,25}$/),
    fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
  )
  .map(([negative, int, frac]) => `${negative ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}`);

describe("fixed-point amounts", () => {
  it("parse and print exactly what decimal.js does, in any scale that holds them", () => {
    fc.assert(
      fc.property(amountArb, (s) => {
        const scale = scaleFor([s]);
        const p = parseAmount(s, scale);
        expect(p.ok).toBe(true);
        if (!p.ok) return;
        const d = new Decimal(s);
        expect(exactString(p.value, scale)).toBe(toYuanString(d));
        expect(toDecimal(p.value, scale).eq(d)).toBe(true);
        expect(p.decimals).toBe(writtenDecimals(s));
        expect(p.negative).toBe(inspectMoney(s).ok && (inspectMoney(s) as { negative: boolean }).negative);
        // a finer scale holds the same value
        const finer = scaleOf(scale.decimals + 3);
        expect(exactString(rescale(p.value, scale, finer), finer)).toBe(toYuanString(d));
      }),
      { numRuns: 500 },
    );
  });

  it("round printed figures half-up (away from zero) like toDisplayString, in 万元 and 元", () => {
    fc.assert(
      fc.property(amountArb, fc.constantFrom("wan" as const, "yuan" as const), (s, unit) => {
        const scale = scaleFor([s]);
        const p = parseAmount(s, scale);
        if (!p.ok) throw new Error(s);
        expect(printedString(p.value, unit, scale)).toBe(toDisplayString(new Decimal(s), unit));
      }),
      { numRuns: 500 },
    );
    expect(printedString(5000n, "wan", FEN)).toBe("0.01"); // 50.00 元 = 0.005 万元 → 0.01
    expect(printedString(-5000n, "wan", FEN)).toBe("-0.01");
    expect(printedString(4999n, "wan", FEN)).toBe("0.00");
    expect(printedString(-4999n, "wan", FEN)).toBe("0.00"); // never "-0.00"
    expect(printedUnits(5114040000n, "wan", FEN)).toBe(511404n); // 51140400.00 元 → 5114.04 万元
  });

  it("add exactly", () => {
    fc.assert(
      fc.property(fc.array(amountArb, { minLength: 1, maxLength: 30 }), (list) => {
        const scale = scaleFor(list);
        let sum = 0n;
        let d = new Decimal(0);
        for (const s of list) {
          const p = parseAmount(s, scale);
          if (!p.ok) throw new Error(s);
          sum += p.value;
          d = d.plus(s);
        }
        expect(exactString(sum, scale)).toBe(toYuanString(d));
      }),
      { numRuns: 300 },
    );
  });

  it("refuse what inspectMoney refuses", () => {
    for (const bad of ["", "abc", "1e5", " 1.00", "1.", ".5", "1.2.3", "NaN", "Infinity", "+1", "1,000.00", "--1"])
      expect([bad, parseAmount(bad, scaleFor([bad])).ok]).toEqual([bad, inspectMoney(bad).ok]);
    for (const bad of [1.1, null, undefined, 12n, {}]) expect(parseAmount(bad, FEN).ok).toBe(false);
    expect(() => parseAmount("1.005", FEN)).toThrow(/finer/u);
  });
});
