import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { catalogsFor } from "./catalog";
import { fictionalBudgets, organisations, SAMPLE_YEARS, type WorkflowStatus } from "./fictional";

const budgets = fictionalBudgets();
const MONEY = /^(0|[1-9]\d*)\.\d{2}$/;

function sum(items: readonly { amount: string }[]): Decimal {
  return items.reduce((acc, i) => acc.plus(new Decimal(i.amount)), new Decimal(0));
}

describe("fictional sample budgets", () => {
  it("is deterministic", () => {
    expect(JSON.stringify(fictionalBudgets())).toBe(JSON.stringify(budgets));
  });

  it("covers every fictional unit and year once, under the organisation tree", () => {
    const region = organisations[0]!;
    expect(region.code).toBe("210102000");
    const units = region.departments.flatMap((d) => d.units.map((u) => ({ ...u, dept: d.code })));
    expect(units.find((u) => u.code === "023002")).toMatchObject({ dept: "023", type: "institution", fictional: false });
    const fictional = units.filter((u) => u.fictional);
    expect(fictional.length).toBeGreaterThanOrEqual(5);
    expect(new Set(fictional.map((u) => u.dept))).toEqual(new Set(["023", "031"]));
    for (const dept of region.departments) {
      expect(new Set(dept.units.map((u) => u.type))).toEqual(
        new Set(["admin", "civil_servant_managed", "institution"]),
      );
    }
    expect(budgets).toHaveLength(fictional.length * SAMPLE_YEARS.length);
    for (const u of fictional) {
      const years = budgets.filter((b) => b.input.unit.code === u.code).map((b) => b.input.year);
      expect(years).toEqual([...SAMPLE_YEARS]);
      for (const b of budgets.filter((b) => b.input.unit.code === u.code)) {
        expect(b.departmentCode).toBe(u.dept);
        expect(b.input.unit.type).toBe(u.type);
        expect(b.input.unit.name).toBe(u.name);
      }
    }
  });

  it("covers all five workflow states: old years published, 2026 in progress", () => {
    const states = new Set(budgets.map((b) => b.status));
    const all: WorkflowStatus[] = ["draft", "submitted", "returned", "approved", "published"];
    expect(states).toEqual(new Set(all));
    for (const b of budgets.filter((b) => b.input.year <= 2024)) expect(b.status).toBe("published");
    const y2026 = new Set(budgets.filter((b) => b.input.year === 2026).map((b) => b.status));
    for (const s of ["draft", "submitted", "returned"] as const) expect(y2026.has(s)).toBe(true);
    for (const b of budgets) {
      expect(b.approvedOn !== null).toBe(b.status === "approved" || b.status === "published");
      expect(b.publishedOn !== null).toBe(b.status === "published");
      if (b.publishedOn && b.approvedOn) expect(b.publishedOn > b.approvedOn).toBe(true);
      if (b.status === "returned") expect(b.reviewComment).toBeTruthy();
    }
  });

  it("has valid amounts, codes, kinds and projects", () => {
    for (const { input } of budgets) {
      const where = `${input.unit.code}/${input.year}`;
      expect(input.catalogs).toEqual(catalogsFor(input.year, input.unit.type));
      const fn = new Set(input.catalogs.functions.map((f) => f.code));
      const econ = new Set(input.catalogs.deptEconomic.map((e) => e.code));
      const gov = new Set(input.catalogs.govEconomic.map((e) => e.code));
      const map = new Map(input.catalogs.econMapping.map((m) => [m.deptCode, m.govCode]));
      const projects = new Map(input.projects.map((p) => [p.id, p]));
      expect(projects.size).toBe(input.projects.length);
      const ids = new Set(input.lineItems.map((l) => l.id));
      expect(ids.size, where).toBe(input.lineItems.length);
      for (const l of input.lineItems) {
        expect(l.amount, where).toMatch(MONEY);
        expect(new Decimal(l.amount).gt(0), where).toBe(true);
        expect(l.functionCode).toMatch(/^\d{7}$/);
        expect(fn.has(l.functionCode), `${where} ${l.functionCode}`).toBe(true);
        expect(econ.has(l.economicCode), `${where} ${l.economicCode}`).toBe(true);
        expect(gov.has(map.get(l.economicCode) ?? ""), `${where} ${l.economicCode}`).toBe(true);
        if (l.kind === "project") expect(projects.has(l.projectId ?? ""), where).toBe(true);
        else expect(l.projectId).toBeNull();
        if (l.kind === "personnel") expect(l.economicCode).toMatch(/^30[13]/);
        if (l.kind === "public") expect(l.economicCode).toMatch(/^302/);
      }
      for (const p of input.projects) {
        expect(input.lineItems.some((l) => l.projectId === p.id), `${where} ${p.name}`).toBe(true);
      }
      for (const g of input.procurement) {
        expect(g.amount).toMatch(MONEY);
        expect(g.smeReserved).toMatch(MONEY);
        expect(new Decimal(g.smeReserved).lte(g.amount)).toBe(true);
        expect(new Decimal(g.amount).gt(0)).toBe(true);
        if (g.projectId !== null) {
          const projectMoney = sum(input.lineItems.filter((l) => l.projectId === g.projectId));
          expect(new Decimal(g.amount).lte(projectMoney)).toBe(true);
        }
      }
      for (const s of input.purchasedServices) {
        expect(s.amount).toMatch(MONEY);
        expect(fn.has(s.functionClassCode)).toBe(true);
      }
      if (input.unit.type === "institution") {
        // 事业单位 have no 机关运行经费 and, in the sample, no 三公.
        expect(input.lineItems.some((l) => ["30212", "30217", "30231", "31013"].includes(l.economicCode))).toBe(false);
      } else {
        expect(input.lineItems.some((l) => l.economicCode === "30231")).toBe(true);
      }
    }
  });

  it("has table 16 tasks summing to basic expenditure and targets for every project with current money", () => {
    for (const { input } of budgets) {
      const overall = input.targets.filter((t) => t.projectId === null);
      expect(overall).toHaveLength(1);
      const basic = sum(input.lineItems.filter((l) => l.kind !== "project"));
      expect(sum(overall[0]!.tasks).toFixed(2)).toBe(basic.toFixed(2));
      const withMoney = new Set(
        input.lineItems.filter((l) => l.kind === "project" && l.period === "current").map((l) => l.projectId),
      );
      const targeted = new Set(input.targets.filter((t) => t.projectId !== null).map((t) => t.projectId));
      expect(targeted).toEqual(withMoney);
      for (const t of input.targets) {
        expect(t.goal).not.toMatch(/XX|待填写|\{|\}/);
        for (const i of t.indicators) expect(i.deadline).toBe(`${input.year}-12`);
      }
    }
  });

  it("explains every change of the total and of 三公, and has a prior-year reference", () => {
    for (const b of budgets) {
      const { input } = b;
      expect(input.baseline !== null || input.priorBudget !== null).toBe(true);
      const prior = input.priorBudget
        ? sum(input.priorBudget.lineItems)
        : new Decimal(input.baseline!.total);
      const total = sum(input.lineItems);
      if (!total.eq(prior)) expect(input.narrative.totalChangeReason, input.unit.code).not.toBe("");
      if (input.priorBudget) expect(input.priorBudget.priorBudget).toBeNull();
      expect(input.narrative.overview).toContain("虚构");
    }
  });

  it("has year-over-year variation, carry-overs, other sources, debt and 三公 content", () => {
    const all = budgets.map((b) => b.input);
    const lines = all.flatMap((i) => i.lineItems);
    expect(lines.some((l) => l.period === "carryover")).toBe(true);
    expect(lines.some((l) => l.source === "gf")).toBe(true);
    expect(lines.some((l) => l.source.startsWith("unit_"))).toBe(true);
    expect(lines.some((l) => l.economicCode === "31013")).toBe(true);
    expect(lines.some((l) => l.economicCode === "30212")).toBe(true);
    expect(all.some((i) => i.projects.some((p) => p.debtFinanced))).toBe(true);
    expect(new Set(all.flatMap((i) => i.procurement.map((g) => g.category)))).toEqual(
      new Set(["goods", "works", "services"]),
    );
    // some unit has a project with only carried-over money (no target needed)
    expect(
      all.some((i) =>
        i.projects.some((p) => i.lineItems.filter((l) => l.projectId === p.id).every((l) => l.period === "carryover")),
      ),
    ).toBe(true);
    // totals both grow and shrink year over year
    let up = 0;
    let down = 0;
    for (const b of budgets) {
      if (!b.input.priorBudget) continue;
      const d = sum(b.input.lineItems).minus(sum(b.input.priorBudget.lineItems));
      if (d.gt(0)) up++;
      if (d.lt(0)) down++;
    }
    expect(up).toBeGreaterThan(0);
    expect(down).toBeGreaterThan(0);
  });
});
