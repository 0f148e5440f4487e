import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import { catalogsFor } from "@/lib/sample/catalog";
import { BudgetDomainError, aggregateLineItems, computeDisclosure, consolidate, summarize } from "./index";
import type { BudgetInput, Check, Disclosure, LineItem, UnitInfo } from "./index";
import { BENCH_UNIT, benchInput } from "./bench-data";

const bureau: UnitInfo = {
  code: "023001",
  name: "沈阳市和平区人力资源和社会保障局",
  type: "admin",
  departmentName: "沈阳市和平区人力资源和社会保障局",
  regionCode: "210102000",
  regionName: "沈阳市和平区",
};

/** The bureau's own (本级) unit: a 行政单位 with a few lines. */
const own: BudgetInput = {
  ...ref,
  unit: { ...bureau, code: "023001", name: "沈阳市和平区人力资源和社会保障局（本级）" },
  catalogs: catalogsFor(2024, "admin"),
  lineItems: [
    { id: "a1", functionCode: "2080101", economicCode: "30101", kind: "personnel", projectId: null, source: "gpb", period: "current", amount: "1000000.00" },
    { id: "a2", functionCode: "2080101", economicCode: "30201", kind: "public", projectId: null, source: "gpb", period: "current", amount: "200000.00" },
    { id: "a3", functionCode: "2080101", economicCode: "30217", kind: "public", projectId: null, source: "gpb", period: "current", amount: "5000.00" },
    { id: "l20", functionCode: "2080199", economicCode: "30299", kind: "project", projectId: "p01", source: "gpb", period: "current", amount: "300000.00" },
  ],
  projects: [{ id: "p01", name: "人社宣传经费", content: "政策宣传", debtFinanced: false, sort: 1 }],
  targets: [
    { projectId: null, goal: "履行人社管理职能。", tasks: [{ name: "基本支出", amount: "1205000.00" }], indicators: [] },
    { projectId: "p01", goal: "完成政策宣传。", tasks: [], indicators: [] },
  ],
  procurement: [{ id: "pr1", projectId: "p01", name: "宣传品印制", category: "goods", source: "gpb", period: "current", amount: "80000.00", smeReserved: "80000.00" }],
  baseline: { total: "1400000.00", sanggong: { abroad: "0.00", reception: "6000.00", vehiclePurchase: "0.00", vehicleOperation: "0.00" } },
  narrative: { totalChangeReason: "", sanggongChangeReason: "", overview: "" },
};

const dept = consolidate([own, ref], bureau, { narrative: { totalChangeReason: "事业单位机构改革", sanggongChangeReason: "压减接待", overview: "" } });
const d = computeDisclosure(dept);

describe("consolidate", () => {
  it("adds the units up, exactly", () => {
    expect(d.summary.total).toBe("52645400.00"); // 51140400 + 1505000
    expect(summarize(dept).total).toBe("52645400.00");
    expect(dept.units?.map((u) => u.code)).toEqual(["023001", "023002"]);
    expect(dept.baseline).toEqual({
      total: "55731700.00",
      sanggong: { abroad: "0.00", reception: "6000.00", vehiclePurchase: "0.00", vehicleOperation: "0.00" },
    });
  });

  it("lists each unit in tables 2 and 9, and keeps project ids apart", () => {
    const t2 = d.tables[1];
    expect(t2?.rows.map((r) => [r.level, r.name, r.cells.total])).toEqual([
      ["total", "合计", "5264.54"],
      ["unit", "沈阳市和平区人力资源和社会保障局（本级）", "150.50"],
      ["unit", "沈阳市和平区人力资源和社会保障事务服务中心", "5114.04"],
    ]);
    const t9 = d.tables[8];
    expect(t9?.rows.filter((r) => r.level === "unit").map((r) => [r.name, r.cells.total])).toEqual([
      ["沈阳市和平区人力资源和社会保障局（本级）", "30.00"],
      ["沈阳市和平区人力资源和社会保障事务服务中心", "4313.38"],
    ]);
    const projects = t9?.rows.filter((r) => r.level === "project").map((r) => r.name) ?? [];
    expect(projects[0]).toBe("人社宣传经费");
    expect(projects[1]).toBe("网络租赁费"); // both units have a "p01"
    expect(dept.lineItems.find((l) => l.id === "023001/l20")?.projectId).toBe("023001/p01");
  });

  it("maps each unit's economic codes with its own unit type's mapping", () => {
    const t11 = d.tables[10];
    const codes = t11?.rows.map((r) => r.code) ?? [];
    expect(codes).toContain("50101"); // 行政单位: 30101 → 50101 工资奖金津补贴
    expect(codes).toContain("50501"); // 事业单位: 301xx → 50501
    expect(t11?.rows[0]?.exact.total).toBe(d.tables[9]?.rows[0]?.exact.total);
  });

  it("gives tables 16 and 17 per unit and counts coverage across units", () => {
    expect(d.tables[15]?.overall?.map((b) => b.unitLabel)).toEqual([
      "023001 沈阳市和平区人力资源和社会保障局（本级）-210102000",
      "023002 沈阳市和平区人力资源和社会保障事务服务中心-210102000",
    ]);
    expect(d.tables[16]?.projects?.map((b) => [b.unitName, b.projectName, b.value]).slice(0, 2)).toEqual([
      ["沈阳市和平区人力资源和社会保障局（本级）", "人社宣传经费", "30.00"],
      ["沈阳市和平区人力资源和社会保障事务服务中心", "网络租赁费", "16.00"],
    ]);
    expect(d.explanation.figures.performance).toMatchObject({ overallRequired: 2, overallSet: 2, projectsRequired: 10, projectsSet: 10 });
  });

  it("reports 三公, 机关运行经费 (of the 行政单位 only) and 政府采购 for the department", () => {
    expect(d.tables[6]?.rows[0]?.cells).toMatchObject({ total: "0.50", reception: "0.50" });
    expect(d.explanation.figures.operatingExpenses).toMatchObject({ applicable: true, amount: "205000.00" });
    expect(d.explanation.figures.procurement).toMatchObject({ total: "80000.00", goods: "80000.00", smeReserved: "80000.00" });
    const t14 = d.tables[13];
    expect(t14?.rows.map((r) => [r.level, r.cells.unitName, r.cells.total, r.cells.sme_reserved])).toEqual([
      ["total", "合计", "8.00", "8.00"],
      ["category", "货物", "8.00", "8.00"],
      ["item", "沈阳市和平区人力资源和社会保障局（本级）", "8.00", "8.00"],
      ["category", "工程", null, null],
      ["category", "服务", null, null],
    ]);
  });

  it("passes the checks", () => {
    expect(d.checks).toEqual([]);
  });

  it("consolidates prior budgets when every unit has one", () => {
    const withPrior = consolidate([{ ...own, priorBudget: { ...own, year: 2023 } }, { ...ref, priorBudget: { ...ref, year: 2023 } }], bureau);
    expect(withPrior.priorBudget?.year).toBe(2023);
    expect(computeDisclosure(withPrior).yearOverYear.basis).toBe("priorBudget");
  });

  it("refuses what cannot be added up", () => {
    expect(() => consolidate([], bureau)).toThrow(BudgetDomainError);
    expect(() => consolidate([own, { ...ref, year: 2023 }], bureau)).toThrow(/年度不一致/u);
    expect(() => consolidate([own, { ...ref, amountUnit: "yuan" }], bureau)).toThrow(/金额单位不一致/u);
    expect(() => consolidate([ref, ref], bureau)).toThrow(/不止一次/u);
  });

  it("nests: a region from departments", () => {
    const other = consolidate([{ ...benchInput(30), catalogs: catalogsFor(2024, "institution") }], {
      ...BENCH_UNIT,
      code: "999000",
      name: "示例局",
    });
    const region = consolidate([dept, other], { ...bureau, code: "210102000", name: "沈阳市和平区" });
    expect(region.units?.map((u) => u.code)).toEqual(["023001", "023002", BENCH_UNIT.code]);
    const r = computeDisclosure(region);
    expect(r.tables[1]?.rows.filter((x) => x.level === "unit")).toHaveLength(3);
  });
});

/** Everything a consumer sees, minus line ids (the aggregated path has synthetic ones). */
function comparable(x: Disclosure): unknown {
  const checks = x.checks.map((c: Check) => ({ ...c, lineItemId: undefined, message: c.message.replace(/明细 \S+：/u, "") }));
  return { ...x, checks, summary: { ...x.summary, lineItemCount: 0 } };
}

describe("pre-aggregated line items (the database's GROUP BY) give the same disclosure", () => {
  it("for the department", () => {
    const aggregated = { ...dept, lineItems: aggregateLineItems(dept.lineItems) };
    expect(aggregated.lineItems.length).toBeLessThanOrEqual(dept.lineItems.length);
    expect(aggregated.lineItems.every((l) => l.id.startsWith("agg-"))).toBe(true);
    expect(comparable(computeDisclosure(aggregated))).toEqual(comparable(d));
  });

  it("for random budgets split into many small lines", () => {
    const split = (lines: LineItem[], parts: number[]): LineItem[] =>
      lines.flatMap((l, i) => {
        const n = (parts[i % parts.length] ?? 0) % 3;
        if (n === 0) return [l];
        // split the amount into n+1 lines of exact 分
        const [yuan, fen = "00"] = l.amount.split(".");
        const total = BigInt(`${yuan}${fen}`);
        const share = total / BigInt(n + 1);
        const pieces = Array.from({ length: n + 1 }, (_, k) => (k === n ? total - share * BigInt(n) : share));
        return pieces.map((p, k) => ({ ...l, id: `${l.id}.${k}`, amount: `${p / 100n}.${String(p % 100n).padStart(2, "0")}` }));
      });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 1000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (n, seed, parts) => {
        const base = benchInput(n, seed);
        const raw = { ...base, lineItems: split(base.lineItems, parts) };
        const aggregated = { ...raw, lineItems: aggregateLineItems(raw.lineItems) };
        expect(comparable(computeDisclosure(aggregated))).toEqual(comparable(computeDisclosure(raw)));
      }),
      { numRuns: 40 },
    );
  });
});
