import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { LineItem } from "@/lib/budget/types";
import { catalogForYear, catalogsFor, econMappings, functionCodes, deptEconomicCodes, govEconomicCodes, UNIT_TYPES } from "./catalog";
import { glossary2024, glossaryForYear } from "./glossary";
import { reference023002_2024 as ref } from "./reference-023002-2024";

function sum(items: readonly { amount: string }[]): string {
  return items.reduce((acc, i) => acc.plus(new Decimal(i.amount)), new Decimal(0)).toFixed(2);
}

const lines = ref.lineItems;
const where = (pred: (l: LineItem) => boolean) => lines.filter(pred);

describe("catalogue", () => {
  it("has consistent levels and parents", () => {
    const fn = new Set(functionCodes.map((f) => f.code));
    expect(fn.size).toBe(functionCodes.length);
    for (const f of functionCodes) {
      if (f.parent !== null) expect(fn.has(f.parent), f.code).toBe(true);
    }
    for (const list of [deptEconomicCodes, govEconomicCodes]) {
      const codes = new Set(list.map((e) => e.code));
      expect(codes.size).toBe(list.length);
      for (const e of list) if (e.parent !== null) expect(codes.has(e.parent), e.code).toBe(true);
    }
  });

  it("maps every dept 款 exactly once per unit type to an existing gov 款", () => {
    const gov = new Set(govEconomicCodes.filter((g) => g.level === 2).map((g) => g.code));
    for (const unitType of UNIT_TYPES) {
      const rows = econMappings.filter((m) => m.unitType === unitType);
      for (const d of deptEconomicCodes.filter((e) => e.level === 2)) {
        const hits = rows.filter((m) => m.deptCode === d.code);
        expect(hits.length, `${unitType} ${d.code}`).toBe(1);
        expect(gov.has(hits[0]!.govCode), `${unitType} ${d.code}→${hits[0]!.govCode}`).toBe(true);
      }
    }
  });

  it("uses the official names the seed prints and the 三公 codes", () => {
    const c = catalogsFor(2024, "institution");
    const name = (list: { code: string; name: string }[], code: string) =>
      list.find((e) => e.code === code)?.name;
    expect(name(c.functions, "2080505")).toBe("机关事业单位基本养老保险缴费支出");
    expect(name(c.functions, "21011")).toBe("行政事业单位医疗");
    expect(name(c.functions, "22102")).toBe("住房改革支出");
    expect(name(c.functions, "210")).toBe("卫生健康支出");
    expect(name(c.deptEconomic, "30212")).toBe("因公出国（境）费用");
    expect(name(c.deptEconomic, "30217")).toBe("公务接待费");
    expect(name(c.deptEconomic, "30231")).toBe("公务用车运行维护费");
    expect(name(c.deptEconomic, "31013")).toBe("公务用车购置");
    expect(name(c.govEconomic, "50999")).toBe("其他对个人和家庭的补助");
    expect(c.econMapping.find((m) => m.deptCode === "30302")?.govCode).toBe("50905");
    expect(c.econMapping.find((m) => m.deptCode === "30307")?.govCode).toBe("50901");
    expect(c.econMapping.find((m) => m.deptCode === "31204")?.govCode).toBe("50701");
    const admin = catalogsFor(2024, "admin");
    expect(admin.econMapping.find((m) => m.deptCode === "30113")?.govCode).toBe("50103");
    expect(admin.econMapping.find((m) => m.deptCode === "30231")?.govCode).toBe("50208");
    // renames apply only before 2022–2026
    expect(name(catalogForYear(2018).functionCodes, "210")).toBe("医疗卫生与计划生育支出");
    for (const y of [2022, 2023, 2024, 2025, 2026]) {
      expect(name(catalogForYear(y).functionCodes, "210")).toBe("卫生健康支出");
    }
  });
});

describe("glossary", () => {
  it("has the 19 entries for every year", () => {
    expect(glossary2024).toHaveLength(19);
    for (const y of [2022, 2023, 2024, 2025, 2026]) expect(glossaryForYear(y)).toHaveLength(19);
    for (const e of glossary2024) {
      expect(e.term).not.toMatch(/\*|^\d|：/);
      expect(e.definition).not.toMatch(/\*/);
    }
    expect(ref.glossary).toEqual(glossary2024);
  });
});

describe("reference 023002 2024", () => {
  it("reproduces the seed's totals exactly (元)", () => {
    expect(sum(lines)).toBe("51140400.00");
    expect(sum(where((l) => l.period === "current"))).toBe("40309000.00");
    expect(sum(where((l) => l.period === "carryover"))).toBe("10831400.00");
    expect(sum(where((l) => l.kind === "personnel"))).toBe("6716900.00");
    expect(sum(where((l) => l.kind === "public"))).toBe("1289700.00");
    expect(sum(where((l) => l.kind === "project"))).toBe("43133800.00");
    expect(sum(where((l) => l.kind === "project" && l.period === "current"))).toBe("32302400.00");
    expect(lines.every((l) => l.source === "gpb")).toBe(true);
  });

  it("reproduces tables 10–12 spot checks", () => {
    const byFn = (p: string) => sum(where((l) => l.functionCode.startsWith(p)));
    expect(byFn("208")).toBe("50120200.00");
    expect(byFn("20801")).toBe("18520700.00");
    expect(byFn("2080150")).toBe("6070300.00");
    expect(byFn("2080199")).toBe("2989000.00");
    expect(byFn("20805")).toBe("916100.00");
    expect(byFn("20807")).toBe("27482900.00");
    expect(byFn("2080799")).toBe("14906300.00");
    expect(byFn("210")).toBe("318500.00");
    expect(byFn("221")).toBe("701700.00");
    const byEcon = (p: string) => sum(where((l) => l.economicCode.startsWith(p)));
    expect(byEcon("301")).toBe("6587800.00");
    expect(byEcon("302")).toBe("2908700.00");
    expect(byEcon("30207")).toBe("427200.00");
    expect(byEcon("30208")).toBe("314300.00");
    expect(byEcon("30299")).toBe("1475000.00");
    expect(byEcon("303")).toBe("32862500.00");
    expect(byEcon("30399")).toBe("32733400.00");
    expect(byEcon("312")).toBe("8781400.00");
    const map = new Map(ref.catalogs.econMapping.map((m) => [m.deptCode, m.govCode]));
    const byGov = (p: string) => sum(where((l) => (map.get(l.economicCode) ?? "").startsWith(p)));
    expect(byGov("505")).toBe("9496500.00");
    expect(byGov("507")).toBe("8781400.00");
    expect(byGov("509")).toBe("32862500.00");
    expect(byGov("50905")).toBe("108600.00");
    expect(byGov("50901")).toBe("20500.00");
  });

  it("has the table 9 project totals", () => {
    const expected: Record<string, string> = {
      网络租赁费: "160000.00",
      人力资源和社会保障保障专项业务经费: "10831400.00",
      事业发展运行经费: "865000.00",
      事业发展工作经费: "74000.00",
      就业创业补贴资金: "5680000.00",
      "公益（公共）岗位补贴资金": "6576600.00",
      劳务市场运行经费: "520000.00",
      社会保险补贴资金: "6000000.00",
      残疾人就业和扶贫补助资金: "3200500.00",
      公共岗位补贴资金: "9226300.00",
    };
    expect(ref.projects).toHaveLength(10);
    for (const p of ref.projects) {
      expect(sum(where((l) => l.projectId === p.id)), p.name).toBe(expected[p.name]);
    }
    const carried = ref.projects.find((p) => p.name === "人力资源和社会保障保障专项业务经费");
    expect(carried?.content).toBe("自收自支人员工资、保险等经费");
    expect(where((l) => l.projectId === carried?.id).every((l) => l.period === "carryover")).toBe(true);
  });

  it("uses only catalogued codes that have a mapping, and consistent kinds", () => {
    const fn = new Set(ref.catalogs.functions.map((f) => f.code));
    const econ = new Set(ref.catalogs.deptEconomic.map((e) => e.code));
    const mapped = new Set(ref.catalogs.econMapping.map((m) => m.deptCode));
    const projectIds = new Set(ref.projects.map((p) => p.id));
    const ids = new Set<string>();
    for (const l of lines) {
      expect(ids.has(l.id)).toBe(false);
      ids.add(l.id);
      expect(l.functionCode).toMatch(/^\d{7}$/);
      expect(l.economicCode).toMatch(/^\d{5}$/);
      expect(fn.has(l.functionCode), l.functionCode).toBe(true);
      expect(econ.has(l.economicCode), l.economicCode).toBe(true);
      expect(mapped.has(l.economicCode), l.economicCode).toBe(true);
      expect(l.amount).toMatch(/^\d+\.\d{2}$/);
      if (l.kind === "project") expect(projectIds.has(l.projectId ?? "")).toBe(true);
      else expect(l.projectId).toBeNull();
      if (l.kind === "personnel") expect(l.economicCode).toMatch(/^30[13]/);
      if (l.kind === "public") expect(l.economicCode).toMatch(/^302/);
    }
  });

  it("has table 16 tasks summing to basic expenditure and targets for the 9 projects", () => {
    const overall = ref.targets.filter((t) => t.projectId === null);
    expect(overall).toHaveLength(1);
    expect(sum(overall[0]!.tasks)).toBe("8006600.00");
    expect(sum(where((l) => l.kind !== "project"))).toBe("8006600.00");
    expect(overall[0]!.indicators).toHaveLength(27);
    const withMoney = new Set(
      where((l) => l.kind === "project" && l.period === "current").map((l) => l.projectId),
    );
    expect(withMoney.size).toBe(9);
    const targeted = ref.targets.filter((t) => t.projectId !== null);
    expect(targeted).toHaveLength(9);
    for (const t of targeted) {
      expect(withMoney.has(t.projectId)).toBe(true);
      expect(t.goal).not.toMatch(/<\/?p>/);
      expect(t.tasks).toHaveLength(0);
      for (const i of t.indicators) {
        expect(["产出指标", "效益指标", "满意度指标"]).toContain(i.level1);
        expect(i.level2).not.toMatch(/满意度指$/);
        expect(["", "=", ">=", "<="]).toContain(i.operator);
      }
    }
  });

  it("has the profile, assets and baseline of the seed", () => {
    expect(ref.profile.duties).toHaveLength(9);
    expect(ref.profile.duties.every((d) => !d.startsWith("（"))).toBe(true);
    expect(ref.profile.departments.map((d) => d.staffing)).toEqual([8, 9, 8, 5, 7, 7, 6]);
    expect(ref.profile.duties[5]).toContain("组织实施和管理工作；");
    expect(ref.baseline?.total).toBe("54331700.00");
    expect(new Decimal(ref.baseline!.total).minus(sum(lines)).toFixed(2)).toBe("3191300.00");
    expect(ref.assets?.vehicles.general).toBe(1);
    expect(ref.procurement).toHaveLength(0);
    expect(ref.purchasedServices).toHaveLength(0);
  });
});
