import { describe, expect, it } from "vitest";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import { catalogsFor } from "@/lib/sample/catalog";
import { changeBreakdown, computeDisclosure, consolidate, departmentNarrative, explanationText } from "./index";
import type { BudgetInput, LineItem, UnitInfo } from "./index";

const bureau: UnitInfo = {
  code: "023",
  name: "沈阳市和平区人力资源和社会保障局",
  type: "admin",
  departmentName: "沈阳市和平区人力资源和社会保障局",
  regionCode: "210102000",
  regionName: "沈阳市和平区",
};

const line = (id: string, economicCode: string, amount: string, kind: LineItem["kind"] = "public"): LineItem => ({
  id,
  functionCode: "2080101",
  economicCode,
  kind,
  projectId: null,
  source: "gpb",
  period: "current",
  amount,
});

function unit(code: string, name: string, year: number, lines: LineItem[], reasons: [string, string] = ["", ""]): BudgetInput {
  return {
    ...ref,
    unit: { ...bureau, code, name, type: "admin" },
    year,
    catalogs: catalogsFor(year, "admin"),
    lineItems: lines,
    projects: [],
    procurement: [],
    purchasedServices: [],
    targets: [{ projectId: null, goal: "履职。", tasks: [], indicators: [] }],
    baseline: null,
    priorBudget: null,
    narrative: { totalChangeReason: reasons[0], sanggongChangeReason: reasons[1], overview: "" },
  };
}

// 2023: units A (本级) and C; 2024: A grew, B is new, C left, D (small) shrank.
const a23 = unit("023001", "人社局本级", 2023, [line("1", "30101", "1000000.00", "personnel"), line("2", "30217", "10000.00")]);
const c23 = unit("023009", "已划出中心", 2023, [line("1", "30101", "2000000.00", "personnel")]);
const d23 = unit("023004", "培训中心", 2023, [line("1", "30201", "50000.00")]);
const a24 = unit(
  "023001",
  "人社局本级",
  2024,
  [line("1", "30101", "1300000.00", "personnel"), line("2", "30217", "6000.00")],
  ["人员工资标准调整。", "压减公务接待"],
);
const b24 = unit("023005", "新设服务站", 2024, [line("1", "30101", "400000.00", "personnel")], ["新设单位", ""]);
const d24 = unit("023004", "培训中心", 2024, [line("1", "30201", "40000.00")], ["由于压减一般性支出", ""]);

describe("department reasons", () => {
  const breakdown = changeBreakdown([a24, b24, d24], [a23, c23, d23], "total");

  it("splits the change into entered, left and like-for-like units, largest first", () => {
    expect(breakdown.entered.map((u) => u.code)).toEqual(["023005"]);
    expect(breakdown.left.map((u) => u.code)).toEqual(["023009"]);
    expect(breakdown.changed.map((u) => u.code)).toEqual(["023001", "023004"]); // +296,000 before −10,000
    expect(breakdown.likeForLike.toFixed(2)).toBe("286000.00");
  });

  it("writes the reasons from the units' own, with the composition change and the like-for-like figure", () => {
    const n = departmentNarrative([a24, b24, d24], [a23, c23, d23]);
    expect(n.totalChangeReason).toBe(
      "主要是：部门预算单位构成发生变化，新纳入新设服务站（收支总预算 40.00 万元），" +
        "不再纳入已划出中心（2023 年收支总预算 200.00 万元）；" +
        "按可比口径，收支总预算比 2023 年增加 28.60 万元，其中：人社局本级增加 29.60 万元，原因是人员工资标准调整；" +
        "培训中心减少 1.00 万元，原因是压减一般性支出",
    );
    expect(n.sanggongChangeReason).toBe("主要是：人社局本级减少 0.40 万元，原因是压减公务接待");
  });

  it("prints amounts in the region-year's unit", () => {
    const asYuan = (i: BudgetInput): BudgetInput => ({ ...i, amountUnit: "yuan" });
    const n = departmentNarrative([a24, b24, d24].map(asYuan), [a23, c23, d23].map(asYuan));
    expect(n.sanggongChangeReason).toBe("主要是：人社局本级减少 4000.00 元，原因是压减公务接待");
  });

  it("gives nothing when nothing changed", () => {
    expect(departmentNarrative([d23], [d23])).toMatchObject({ totalChangeReason: "", sanggongChangeReason: "" });
  });

  it("makes the consolidated statement give reasons, so BUD-C027/C028 pass", () => {
    const dept = consolidate(
      [{ ...a24, priorBudget: a23 }, { ...d24, priorBudget: d23 }],
      bureau,
    );
    const d = computeDisclosure(dept);
    expect(d.yearOverYear.total.direction).toBe("增加");
    expect(d.checks.filter((c) => c.id === "BUD-C027" || c.id === "BUD-C028")).toEqual([]);
    const text = explanationText(d.explanation);
    expect(text).toContain("比 2023 年收支总预算 106.00 万元增加 28.60 万元");
    expect(text).toContain("主要是：人社局本级增加 29.60 万元，原因是人员工资标准调整；培训中心减少 1.00 万元");
    expect(text).toContain("原因是压减公务接待");
  });

  it("names the five largest units and sums the rest", () => {
    const many = Array.from({ length: 8 }, (_, k) =>
      unit(`0230${10 + k}`, `单位${k}`, 2024, [line("1", "30201", `${(k + 1) * 1000}.00`)], ["业务调整", ""]),
    );
    const before = many.map((u) => ({ ...u, year: 2023, lineItems: [line("1", "30201", "0.00")] }));
    const n = departmentNarrative(many, before);
    expect(n.totalChangeReason.startsWith("主要是：单位7增加 0.80 万元，原因是业务调整；单位6增加 0.70 万元")).toBe(true);
    expect(n.totalChangeReason).toContain("其余 3 个单位合计增加 0.60 万元");
  });
});
