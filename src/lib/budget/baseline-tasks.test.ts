/**
 * The entered prior year with its breakdowns, and 表16 tasks linked to figures: the 情况说明
 * compares by source, by kind and by 类 exactly as with the prior budget on the platform, and a
 * linked task follows the line items so BUD-C017 holds.
 */
import { describe, expect, it } from "vitest";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import { computeDisclosure } from "./index";
import type { BudgetInput } from "./index";

const paragraphs = (input: BudgetInput) => computeDisclosure(input).explanation.sections[0]?.paragraphs.join("\n") ?? "";

describe("a baseline with breakdowns", () => {
  const total = ref.baseline!.total; // 54331700.00
  const withDetail: BudgetInput = {
    ...ref,
    baseline: {
      ...ref.baseline!,
      bySource: { gpb: "50000000.00", carryover: "4331700.00" },
      byKind: { basic: "44331700.00", project: "10000000.00" },
      byFunctionClass: [
        { code: "208", amount: "50000000.00" },
        { code: "210", amount: "2000000.00" },
        { code: "221", amount: "2331700.00" },
      ],
    },
  };

  it("states the change by source, by kind and by 类", () => {
    const d = computeDisclosure(withDetail);
    expect(d.yearOverYear.basis).toBe("baseline");
    expect(d.yearOverYear.sources.find((s) => s.key === "current_gpb")?.prior).toBe("50000000.00");
    expect(d.yearOverYear.sources.find((s) => s.key === "carryover")?.prior).toBe("4331700.00");
    expect(d.yearOverYear.kinds.map((k) => k.prior)).toEqual(["44331700.00", "10000000.00"]);
    expect(d.yearOverYear.functionClasses.find((c) => c.code === "208")?.prior).toBe("50000000.00");
    const text = paragraphs(withDetail);
    expect(text).toMatch(/其中：一般公共预算拨款收入 [\d.]+ 万元，占 [\d.]+%，比 2023 年(增加|减少)/);
    expect(text).toContain("按支出类型分：基本支出");
    expect(text).toMatch(/社会保障和就业支出 [\d.]+ 万元，占 [\d.]+%，比 2023 年/);
    expect(total).toBe("54331700.00");
  });

  it("without breakdowns states only the total, as before", () => {
    const text = paragraphs(ref);
    expect(text).not.toContain("按支出类型分");
  });
});

describe("表16 tasks linked to figures", () => {
  const personnel = ref.lineItems.filter((l) => l.kind === "personnel");
  const linked: BudgetInput = {
    ...ref,
    targets: ref.targets.map((t) =>
      t.projectId === null
        ? {
            ...t,
            tasks: [
              { name: "基本支出人员经费", amount: "0", link: { figure: "personnel", projectId: null } },
              { name: "基本支出公用经费", amount: "0", link: { figure: "public", projectId: null } },
            ],
          }
        : t,
    ),
  };

  it("computes the linked amounts from the line items and keeps BUD-C017 quiet after a change", () => {
    const d = computeDisclosure(linked);
    expect(d.checks.filter((c) => c.id === "BUD-C017")).toEqual([]);
    const changed = { ...linked, lineItems: linked.lineItems.map((l) => (l.id === personnel[0]!.id ? { ...l, amount: "1.00" } : l)) };
    const after = computeDisclosure(changed);
    expect(after.checks.filter((c) => c.id === "BUD-C017")).toEqual([]);
    expect(after.tables[15]?.overall?.[0]?.tasks[0]?.exact).not.toBe(d.tables[15]?.overall?.[0]?.tasks[0]?.exact);
  });

  it("counts project money of tasks linked to projects on both sides", () => {
    const withProjects: BudgetInput = {
      ...linked,
      targets: linked.targets.map((t) =>
        t.projectId === null ? { ...t, tasks: [...t.tasks, { name: "全部项目", amount: "0", link: { figure: "projects", projectId: null } }] } : t,
      ),
    };
    expect(computeDisclosure(withProjects).checks.filter((c) => c.id === "BUD-C017")).toEqual([]);
  });

  it("still reports a hand-typed task total that contradicts the budget", () => {
    const typed: BudgetInput = {
      ...ref,
      targets: ref.targets.map((t) => (t.projectId === null ? { ...t, tasks: [{ name: "基本支出", amount: "1.00" }] } : t)),
    };
    expect(computeDisclosure(typed).checks.filter((c) => c.id === "BUD-C017")).toHaveLength(1);
  });
});
