import { describe, expect, it } from "vitest";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import { catalogsFor } from "@/lib/sample/catalog";
import { computeDisclosure, explanationText, TEMPLATE_LEFTOVER } from "./index";
import type { BudgetInput, Disclosure, LineItem } from "./index";

const paragraphs = (d: Disclosure, section: number) => d.explanation.sections[section]?.paragraphs.join("\n") ?? "";
const sub = (d: Disclosure, i: number) => d.explanation.sections[2]?.subsections?.[i]?.paragraphs.join("\n") ?? "";

describe("情况说明 of the reference budget (prior year from the baseline)", () => {
  const d = computeDisclosure(ref);
  const text = explanationText(d.explanation);

  it("states the total and its change against 2023 (not the seed's slip '2022')", () => {
    expect(paragraphs(d, 0)).toContain(
      "和平区人力资源和社会保障事务服务中心 2024 年收支总预算 5114.04 万元，比 2023 年收支总预算 5433.17 万元减少 319.13 万元，下降 5.87%，主要是由于事业单位机构改革，有部分事业单位从本单位划出。",
    );
    expect(text).not.toContain("2022");
    expect(d.yearOverYear).toMatchObject({
      basis: "baseline",
      priorYear: 2023,
      total: { current: "51140400.00", prior: "54331700.00", change: "-3191300.00", direction: "减少", percent: "5.87" },
    });
  });

  it("lists income and expenditure from the data, not the seed's template leftovers", () => {
    expect(paragraphs(d, 0)).toContain("收入包括：一般公共预算拨款收入、上年结转结余。");
    expect(paragraphs(d, 0)).toContain("支出包括：社会保障和就业支出、卫生健康支出、住房保障支出。");
    expect(text).not.toContain("财政事务");
  });

  it("reports 三公, 机关运行经费, 政府采购, assets and 绩效目标 coverage", () => {
    expect(paragraphs(d, 1)).toBe(
      "2024 年“三公”经费财政拨款预算数 0 万元，其中：因公出国（境）费 0 万元；公务用车购置及运行费 0 万元；公务接待费 0 万元。2024 年预算数及 2023 年预算数均无支出。",
    );
    expect(sub(d, 0)).toBe("和平区人力资源和社会保障事务服务中心无机关运行经费。");
    expect(sub(d, 1)).toBe("2024 年和平区人力资源和社会保障事务服务中心政府采购预算总额 0 万元。");
    expect(sub(d, 2)).toContain("截至 2023 年 8 月 31 日，和平区人力资源和社会保障事务服务中心车辆 1 辆，其中：省部级领导干部用车 0 辆、一般公务用车 1 辆");
    expect(sub(d, 2)).toContain("单位价值 200 万元以上大型设备 0 台（套）。由于年代久远，目前已经不安排经费进行使用。");
    expect(sub(d, 3)).toBe(
      "根据预算绩效管理要求，和平区人力资源和社会保障事务服务中心在 2024 年应编制部门整体绩效目标 1 个，实际编制 1 个，编制部门整体绩效目标覆盖率为 100%。2024 年应编制绩效目标的项目共 9 个，实际编制绩效目标的特定目标类项目共 9 个，编制特定目标类项目绩效目标覆盖率为 100%。",
    );
    expect(d.explanation.figures.performance).toEqual({
      overallRequired: 1,
      overallSet: 1,
      overallCoverage: "100",
      projectsRequired: 9,
      projectsSet: 9,
      projectsCoverage: "100",
    });
  });

  it("has no template leftovers and uses the short name when given", () => {
    expect(TEMPLATE_LEFTOVER.test(text)).toBe(false);
    const short = computeDisclosure({ ...ref, unit: { ...ref.unit, shortName: "和平区人力资源和社会保障事务服务中心" } });
    expect(paragraphs(short, 0)).toContain("和平区人力资源和社会保障事务服务中心 2024 年收支总预算 5114.04 万元");
    expect(short.explanation.sections[0]?.heading).toBe("一、关于和平区人力资源和社会保障事务服务中心 2024 年收支预算的总体说明");
  });
});

/** The reference budget's 2023 as if it were in the database. */
function prior2023(): BudgetInput {
  const lines: LineItem[] = ref.lineItems
    .filter((l) => l.id !== "l22") // no 205.00 万元 carry-over in 2023
    .map((l) => (l.id === "l01" ? { ...l, amount: "1800000.00" } : l)); // 基本工资 180.00 instead of 196.91
  lines.push({
    id: "x1",
    functionCode: "2010650", // 一般公共服务支出 › 财政事务 › 事业运行: a 类 only in 2023
    economicCode: "30201",
    kind: "public",
    projectId: null,
    source: "gpb",
    period: "current",
    amount: "500000.00",
  });
  return { ...ref, year: 2023, catalogs: catalogsFor(2023, "institution"), lineItems: lines, baseline: null };
}

describe("情况说明 with the prior year's budget", () => {
  const d = computeDisclosure({ ...ref, priorBudget: prior2023(), narrative: { ...ref.narrative, totalChangeReason: "上年结转资金增加" } });
  const p = paragraphs(d, 0);

  it("compares the total with the prior budget computed by the same engine", () => {
    expect(p).toContain("2024 年收支总预算 5114.04 万元，比 2023 年收支总预算 4942.13 万元增加 171.91 万元，增长 3.48%，主要是由于上年结转资金增加。");
    expect(d.yearOverYear.basis).toBe("priorBudget");
  });

  it("breaks the change down by source", () => {
    expect(p).toContain(
      "其中：一般公共预算拨款收入 4030.90 万元，占 78.82%，比 2023 年减少 33.09 万元，下降 0.81%；上年结转结余 1083.14 万元，占 21.18%，比 2023 年增加 205.00 万元，增长 23.34%。",
    );
  });

  it("breaks it down by 基本支出 / 项目支出 with shares", () => {
    expect(p).toContain(
      "按支出类型分：基本支出 800.66 万元，占 15.66%，比 2023 年减少 33.09 万元，下降 3.97%；项目支出 4313.38 万元，占 84.34%，比 2023 年增加 205.00 万元，增长 4.99%。",
    );
  });

  it("gives each function 类 its amount, share and change, including a 类 only the prior year had", () => {
    expect(p).toContain(
      "按支出功能分类：一般公共服务支出 0 万元，比 2023 年减少 50.00 万元，下降 100.00%；社会保障和就业支出 5012.02 万元，占 98.01%，比 2023 年增加 221.91 万元，增长 4.63%；卫生健康支出 31.85 万元，占 0.62%，与 2023 年持平；住房保障支出 70.17 万元，占 1.37%，与 2023 年持平。",
    );
    const classes = d.explanation.figures.functionClasses.map((c) => [c.code, c.share, c.direction, c.percent]);
    expect(classes).toEqual([
      ["201", "0.00", "减少", "100.00"],
      ["208", "98.01", "增加", "4.63"],
      ["210", "0.62", "持平", "0.00"],
      ["221", "1.37", "持平", "0.00"],
    ]);
  });

  it("exports year-over-year series for charts", () => {
    const yoy = d.yearOverYear;
    expect(yoy.functionItems.find((c) => c.code === "20801")).toMatchObject({ change: "2219100.00", direction: "增加" });
    expect(yoy.functionItems.find((c) => c.code === "20106")).toMatchObject({ current: "0.00", prior: "500000.00" });
    expect(yoy.economicClasses.find((c) => c.code === "301")).toMatchObject({ change: "169100.00", direction: "增加" });
    expect(yoy.economicClasses.find((c) => c.code === "302")).toMatchObject({ change: "-500000.00" });
    expect(yoy.sanggong.map((c) => c.key)).toEqual(["total", "abroad", "vehicle", "vehiclePurchase", "vehicleOperation", "reception"]);
    expect(yoy.sanggong.every((c) => c.direction === "持平")).toBe(true);
    expect(d.checks).toEqual([]);
  });
});

describe("情况说明 edge cases", () => {
  it("持平 needs no reason; a change without a reason is a warning", () => {
    const flat = computeDisclosure({ ...ref, baseline: { total: "51140400.00" }, narrative: { ...ref.narrative, totalChangeReason: "" } });
    expect(paragraphs(flat, 0)).toContain("2024 年收支总预算 5114.04 万元，与 2023 年收支总预算 5114.04 万元持平。");
    expect(flat.checks.filter((c) => c.id === "BUD-C027")).toEqual([]);
    const silent = computeDisclosure({ ...ref, narrative: { ...ref.narrative, totalChangeReason: "" } });
    expect(paragraphs(silent, 0)).toContain("减少 319.13 万元，下降 5.87%。");
    expect(silent.checks.map((c) => [c.id, c.severity])).toContainEqual(["BUD-C027", "warning"]);
  });

  it("says nothing about a change when there is no prior figure", () => {
    const d = computeDisclosure({ ...ref, baseline: null });
    expect(paragraphs(d, 0)).toContain("2024 年收支总预算 5114.04 万元。");
    expect(paragraphs(d, 1)).not.toContain("2023");
    expect(d.yearOverYear.basis).toBe("none");
  });

  it("reports 三公 changes per item with the reason", () => {
    const lines: LineItem[] = [
      ...ref.lineItems,
      { id: "s1", functionCode: "2080150", economicCode: "30217", kind: "public", projectId: null, source: "gpb", period: "current", amount: "12000.00" },
    ];
    const tasks = ref.targets[0]?.tasks.map((t) => (t.name.includes("公用") ? { ...t, amount: "1301700.00" } : t)) ?? [];
    const d = computeDisclosure({
      ...ref,
      lineItems: lines,
      targets: [{ ...(ref.targets[0] as BudgetInput["targets"][number]), tasks }, ...ref.targets.slice(1)],
      narrative: { ...ref.narrative, sanggongChangeReason: "新增外事接待任务" },
    });
    expect(paragraphs(d, 1)).toBe(
      "2024 年“三公”经费财政拨款预算数 1.20 万元，其中：因公出国（境）费 0 万元；公务用车购置及运行费 0 万元；公务接待费 1.20 万元。比 2023 年预算数增加 1.20 万元，其中：因公出国（境）费与 2023 年持平；公务用车购置及运行费与 2023 年持平；公务接待费增加 1.20 万元，主要是由于新增外事接待任务。",
    );
    expect(d.tables[6]?.rows[0]?.cells).toMatchObject({ total: "1.20", reception: "1.20", abroad: null });
    expect(d.tables[6]?.empty).toBe(false);
    expect(d.checks).toEqual([]);
  });

  it("gives 机关运行经费 for 行政单位 and 参公 units only", () => {
    for (const type of ["admin", "civil_servant_managed"] as const) {
      const d = computeDisclosure({ ...ref, unit: { ...ref.unit, type }, catalogs: catalogsFor(2024, type) });
      expect(sub(d, 0)).toBe("2024 年和平区人力资源和社会保障事务服务中心机关运行经费预算 128.97 万元。");
      expect(d.explanation.figures.operatingExpenses).toEqual({ applicable: true, amount: "1289700.00", prior: null });
    }
  });

  it("splits 政府采购 into 货物/工程/服务 with the 中小企业 share", () => {
    const d = computeDisclosure({
      ...ref,
      procurement: [
        { id: "g1", projectId: "p01", name: "网络设备", category: "goods", source: "gpb", period: "current", amount: "100000.00", smeReserved: "40000.00" },
        { id: "s1", projectId: "p07", name: "物业服务", category: "services", source: "gpb", period: "current", amount: "50000.00", smeReserved: "50000.00" },
      ],
    });
    expect(sub(d, 1)).toBe(
      "2024 年和平区人力资源和社会保障事务服务中心政府采购预算总额 15.00 万元，其中：政府采购货物预算 10.00 万元、政府采购工程预算 0 万元、政府采购服务预算 5.00 万元；面向中小企业预留 9.00 万元，占 60.00%。",
    );
  });

  it("counts projects with current-year money but no targets", () => {
    const d = computeDisclosure({ ...ref, targets: ref.targets.filter((t) => t.projectId !== "p05") });
    expect(sub(d, 3)).toContain("应编制绩效目标的项目共 9 个，实际编制绩效目标的特定目标类项目共 8 个，编制特定目标类项目绩效目标覆盖率为 88.89%。");
    expect(d.checks.filter((c) => c.id === "BUD-C016").map((c) => c.entityId)).toEqual(["p05"]);
  });
});

describe("情况说明 names every income source with its amount and share", () => {
  it("the reference budget: 一般公共预算拨款收入 and 上年结转结余, the seed's sentences untouched", () => {
    const d = computeDisclosure(ref);
    const p = paragraphs(d, 0);
    expect(p).toContain("收入包括：一般公共预算拨款收入、上年结转结余。");
    expect(p).toContain("其中：一般公共预算拨款收入 4030.90 万元，占 78.82%；上年结转结余 1083.14 万元，占 21.18%。");
  });

  it("a unit with 事业收入, 事业单位经营收入, 其他收入 and 政府性基金 names each of them, not 单位资金收入", () => {
    const extra = (id: string, source: LineItem["source"], amount: string): LineItem => ({
      id,
      functionCode: "2080109",
      economicCode: "30201",
      kind: "public",
      projectId: null,
      source,
      period: "current",
      amount,
    });
    const d = computeDisclosure({
      ...ref,
      lineItems: [
        ...ref.lineItems,
        extra("b1", "unit_business", "1000000.00"),
        extra("b2", "unit_operating", "200000.00"),
        extra("b3", "unit_other", "30000.00"),
        extra("b4", "gf", "400000.00"),
      ],
    });
    const p = paragraphs(d, 0);
    expect(p).toContain("收入包括：一般公共预算拨款收入、政府性基金预算拨款收入、事业收入、事业单位经营收入、其他收入、上年结转结余。");
    // 5,277.04 万元 in all.
    expect(p).toContain(
      "其中：一般公共预算拨款收入 4030.90 万元，占 76.39%；政府性基金预算拨款收入 40.00 万元，占 0.76%；事业收入 100.00 万元，占 1.90%；" +
        "事业单位经营收入 20.00 万元，占 0.38%；其他收入 3.00 万元，占 0.06%；上年结转结余 1083.14 万元，占 20.53%。",
    );
    expect(p).not.toContain("单位资金收入");
  });
});
