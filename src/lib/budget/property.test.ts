/**
 * Property tests: for any valid budget the checks pass and the tables agree with each other and
 * with sums computed directly from the line items; for any corruption, a check fires.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal, YUAN_PER_WAN, ZERO } from "../money";
import {
  ALL_SOURCES,
  ANY_ECONOMIC,
  FUNCTION_ITEMS,
  PERSONNEL_ECONOMIC,
  PUBLIC_ECONOMIC,
  benchProjectId,
  inputFromLines,
} from "./bench-data";
import { ROUNDING_NOTE, checkDisclosure, computeDisclosure, leafColumns } from "./index";
import type { BudgetInput, Disclosure, DisclosureTable, ExpenseKind, LineItem, Period, SourceCode } from "./index";

const fenToYuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;

const lineArb = fc
  .record({
    functionCode: fc.constantFrom(...FUNCTION_ITEMS),
    kind: fc.constantFrom<ExpenseKind>("personnel", "public", "project"),
    econ: fc.nat(),
    project: fc.nat({ max: 4 }),
    source: fc.constantFrom<SourceCode>(...ALL_SOURCES),
    period: fc.constantFrom<Period>("current", "carryover"),
    fen: fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.bigInt({ min: 0n, max: 10n ** 13n })),
  })
  .map((r) => {
    const codes = r.kind === "personnel" ? PERSONNEL_ECONOMIC : r.kind === "public" ? PUBLIC_ECONOMIC : ANY_ECONOMIC;
    return {
      functionCode: r.functionCode,
      economicCode: codes[r.econ % codes.length] ?? "30201",
      kind: r.kind,
      projectId: r.kind === "project" ? benchProjectId(r.project) : null,
      source: r.source,
      period: r.period,
      amount: fenToYuan(r.fen),
    };
  });

const inputArb = fc
  .record({ lines: fc.array(lineArb, { minLength: 0, maxLength: 40 }), unit: fc.constantFrom<"wan" | "yuan">("wan", "yuan") })
  .map(({ lines, unit }) =>
    inputFromLines(
      lines.map((l, i) => ({ ...l, id: `r${i}` })),
      { amountUnit: unit },
    ),
  );

const table = (d: Disclosure, n: number): DisclosureTable => {
  const t = d.tables[n - 1];
  if (!t) throw new Error(`table ${n}`);
  return t;
};
const exact = (d: Disclosure, n: number, key: string) => new Decimal(table(d, n).rows[0]?.exact[key] ?? "0");
const side = (d: Disclosure, n: number, key: string) =>
  new Decimal([...(table(d, n).sides?.income ?? []), ...(table(d, n).sides?.expenditure ?? [])].find((l) => l.key === key)?.exact ?? "0");

function sumWhere(input: BudgetInput, pred: (l: LineItem) => boolean): Decimal {
  return input.lineItems.filter(pred).reduce((a, l) => a.plus(l.amount), ZERO);
}

const RUNS = { numRuns: 120 };

describe("valid budgets", () => {
  it("pass every error-severity check", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const errors = computeDisclosure(input).checks.filter((c) => c.severity === "error");
        expect(errors).toEqual([]);
      }),
      RUNS,
    );
  });

  it("agree across tables and with the line items, exactly in 元", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = computeDisclosure(input);
        const all = sumWhere(input, () => true);
        for (const v of [side(d, 1, "in:total"), side(d, 1, "out:total"), exact(d, 3, "total"), exact(d, 10, "total"), exact(d, 11, "total"), exact(d, 12, "total"), exact(d, 2, "total")])
          expect(v.eq(all)).toBe(true);
        const gpbCurrent = sumWhere(input, (l) => l.source === "gpb" && l.period === "current");
        expect(side(d, 4, "in:current_gpb").eq(gpbCurrent)).toBe(true);
        expect(exact(d, 5, "total").eq(gpbCurrent)).toBe(true);
        const gpbBasic = sumWhere(input, (l) => l.source === "gpb" && l.period === "current" && l.kind !== "project");
        expect(exact(d, 5, "basic_total").eq(gpbBasic)).toBe(true);
        expect(exact(d, 6, "total").eq(gpbBasic)).toBe(true);
        const fiscal = sumWhere(input, (l) => ["gpb", "gf", "soc"].includes(l.source));
        expect(side(d, 4, "out:total").eq(fiscal)).toBe(true);
        expect(exact(d, 9, "total").eq(sumWhere(input, (l) => l.kind === "project"))).toBe(true);
        expect(exact(d, 8, "total").eq(sumWhere(input, (l) => l.source === "gf" && l.period === "current"))).toBe(true);
        // every 项 row of table 10, per column, against a direct sum
        for (const row of table(d, 10).rows.filter((r) => r.level === "项")) {
          const mine = (l: LineItem) => l.functionCode === row.code;
          expect(row.exact.total).toBe(sumWhere(input, mine).toFixed(2));
          expect(row.exact.carryover_unit).toBe(sumWhere(input, (l) => mine(l) && l.period === "carryover" && l.source.startsWith("unit_")).toFixed(2));
        }
        // every line shows up: the 项 rows of table 3 account for all of them
        const codes = new Set(input.lineItems.map((l) => l.functionCode));
        expect(table(d, 3).rows.filter((r) => r.level === "项").map((r) => r.code)).toEqual([...codes].sort());
      }),
      RUNS,
    );
  });

  it("print each 万元 cell within half a 分 of its exact sum, and note 尾差 exactly when printed parts disagree", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const d = computeDisclosure({ ...input, amountUnit: "wan" });
        for (const t of d.tables) {
          let gap = false;
          const keys = leafColumns(t.columns).filter((c) => c.type === "amount").map((c) => c.key);
          const printed = (i: number, k: string) => new Decimal(t.rows[i]?.cells[k] ?? "0");
          t.rows.forEach((row, i) => {
            for (const k of keys) {
              if (row.exact[k] === undefined) continue;
              const diff = printed(i, k).minus(new Decimal(row.exact[k] ?? "0").div(YUAN_PER_WAN)).abs();
              expect(diff.lte("0.005")).toBe(true);
            }
            if (t.layout !== "grid") return;
            for (const c of leafColumns(t.columns)) {
              if (!c.sumOf) continue;
              const parts = c.sumOf.reduce((a, p) => a.plus(printed(i, p)), ZERO);
              if (!parts.eq(printed(i, c.key))) gap = true;
            }
            const children = t.rows.map((r, j) => [r, j] as const).filter(([r]) => r.parent === i);
            if (children.length === 0) return;
            for (const k of keys) {
              const s = children.reduce((a, [, j]) => a.plus(printed(j, k)), ZERO);
              if (!s.eq(printed(i, k))) gap = true;
            }
          });
          if (t.layout === "grid") expect(t.notes.includes(ROUNDING_NOTE), `表${t.number}`).toBe(gap);
        }
      }),
      RUNS,
    );
  });
});

const nonEmpty = inputArb.filter((i) => i.lineItems.length > 0);

type Breaker = { id: string; apply: (input: BudgetInput, at: number) => BudgetInput };
const mutateLine = (f: (l: LineItem) => Partial<LineItem>) => (input: BudgetInput, at: number): BudgetInput => {
  const k = at % input.lineItems.length;
  return { ...input, lineItems: input.lineItems.map((l, i) => (i === k ? { ...l, ...f(l) } : l)) };
};

const BREAKERS: Breaker[] = [
  { id: "BUD-C008", apply: mutateLine(() => ({ kind: "personnel", projectId: null, economicCode: "30299" })) },
  { id: "BUD-C009", apply: mutateLine(() => ({ kind: "public", projectId: null, economicCode: "30113" })) },
  { id: "BUD-C010", apply: mutateLine(() => ({ functionCode: "2089998" })) },
  { id: "BUD-C011", apply: mutateLine(() => ({ economicCode: "30298" })) },
  { id: "BUD-C013", apply: mutateLine(() => ({ kind: "project", projectId: null, economicCode: "30299" })) },
  { id: "BUD-C014", apply: mutateLine(() => ({ kind: "project", projectId: "missing", economicCode: "30299" })) },
  { id: "BUD-C015", apply: mutateLine(() => ({ kind: "public", projectId: "bp1", economicCode: "30201" })) },
  { id: "BUD-C019", apply: mutateLine(() => ({ amount: "-0.01" })) },
  { id: "BUD-C020", apply: mutateLine((l) => ({ amount: `${l.amount}1` })) },
  { id: "BUD-C021", apply: mutateLine((l) => ({ amount: `${l.amount}x` })) },
  { id: "BUD-C035", apply: mutateLine(() => ({ period: "later" as Period })) },
  {
    id: "BUD-C017",
    apply: (input) => ({
      ...input,
      targets: input.targets.map((t) => (t.projectId === null ? { ...t, tasks: [...t.tasks, { name: "多报", amount: "0.01" }] } : t)),
    }),
  },
];

describe("broken budgets", () => {
  it("fire the check that the corruption breaks", () => {
    fc.assert(
      fc.property(nonEmpty, fc.nat(), fc.constantFrom(...BREAKERS), (input, at, breaker) => {
        const d = computeDisclosure(breaker.apply(input, at));
        expect(d.checks.map((c) => c.id)).toContain(breaker.id);
      }),
      { numRuns: 200 },
    );
  });

  it("catch any altered figure in a published table", () => {
    const grid = [2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15];
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...grid), fc.nat(), fc.nat(), fc.constantFrom("0.01", "-0.01", "100.00"), (input, n, r, k, delta) => {
        const d = structuredClone(computeDisclosure(input));
        const t = table(d, n);
        const row = t.rows[r % t.rows.length];
        const keys = row ? Object.keys(row.exact) : [];
        const key = keys[k % Math.max(keys.length, 1)];
        if (!row || key === undefined) return;
        row.exact[key] = new Decimal(row.exact[key] ?? "0").plus(delta).toFixed(2);
        const errors = checkDisclosure(input, d).filter((c) => c.severity === "error");
        expect(errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
