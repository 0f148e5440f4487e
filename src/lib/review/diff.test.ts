import { describe, expect, it } from "vitest";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import type { BudgetInput, LineItem } from "@/lib/budget/types";
import { diffSubmissions, diffYears } from "./diff";

const line = (id: string, functionCode: string, economicCode: string, amount: string): LineItem => ({
  id,
  functionCode,
  economicCode,
  kind: "personnel",
  projectId: null,
  source: "gpb",
  period: "current",
  amount,
});

const withLines = (lineItems: LineItem[], year = 2024): BudgetInput => ({ ...ref, year, lineItems, priorBudget: null });

describe("differences between submissions", () => {
  const before = withLines([line("1", "2080109", "30101", "100.00"), line("2", "2080109", "30102", "50.00"), line("3", "2080109", "30103", "7.00")]);
  const after = withLines([line("1", "2080109", "30101", "120.00"), line("2", "2080109", "30102", "50.00"), line("4", "2080109", "30107", "9.00")]);
  const d = diffSubmissions(before, after);

  it("marks changed cells, added and removed rows", () => {
    expect(d.counts).toEqual({ added: 1, removed: 1, changed: 1, same: 1 });
    const changed = d.rows.find((r) => r.status === "changed")!;
    expect(changed.lineItemId).toBe("1");
    expect(changed.cells.amount).toEqual({ before: "100.00", after: "120.00", changed: true });
    expect(changed.cells.economic.changed).toBe(false);
    expect(changed.change).toBe("20.00");
    expect(d.rows.find((r) => r.status === "removed")?.cells.economic.before).toMatch(/^30103 /u);
    expect(d.rows.find((r) => r.status === "added")?.cells.amount.after).toBe("9.00");
    expect([d.totalBefore, d.totalAfter]).toEqual(["157.00", "179.00"]);
  });

  it("compares every cell of an edited line", () => {
    const moved = diffSubmissions(before, withLines([{ ...line("1", "2080109", "30101", "100.00"), source: "gf" }]));
    const r = moved.rows.find((x) => x.key === "1")!;
    expect(r.status).toBe("changed");
    expect(r.cells.source).toMatchObject({ before: "一般公共预算", after: "政府性基金预算", changed: true });
    expect(r.cells.amount.changed).toBe(false);
  });
});

describe("differences against the prior year", () => {
  it("sums rows by what they are and follows a renamed code through the crosswalk", () => {
    const prior = withLines([line("a", "2080109", "30101", "60.00"), line("b", "2080109", "30101", "40.00"), line("c", "2080199", "30102", "5.00")], 2023);
    const current = withLines([line("x", "2080109", "30101", "110.00"), line("y", "2080150", "30102", "5.00")]);
    const plain = diffYears(prior, current);
    expect(plain.counts).toEqual({ added: 1, removed: 1, changed: 1, same: 0 });
    const crossed = diffYears(prior, current, [{ catalog: "function", fromYear: 2023, fromCode: "2080199", toYear: 2024, toCode: "2080150" }]);
    expect(crossed.counts).toEqual({ added: 0, removed: 0, changed: 1, same: 1 });
    const renamed = crossed.rows.find((r) => r.status === "same")!;
    expect(renamed.renamed).toEqual(["2080199 → 2080150"]);
    expect(renamed.lineItemId).toBe("y");
    const changed = crossed.rows.find((r) => r.status === "changed")!;
    expect(changed.cells.amount).toEqual({ before: "100.00", after: "110.00", changed: true });
  });
});
