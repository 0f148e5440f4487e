import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { computeDisclosure, consolidate } from "@/lib/budget";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import * as s from "@/server/db/schema";
import { seedDatabase } from "@/server/db/seed";
import { loadBudgetInputs } from "@/server/queries/budget-input";
import { loadConsolidatedInput, publishedBudgetIds } from "@/server/queries/consolidation";

let t: TestDatabase;
const orgId = async (code: string) => (await t.db.select().from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => t?.close());

describe("consolidation summed by PostgreSQL", () => {
  for (const [code, year] of [
    ["023", 2024],
    ["031", 2023],
    ["210102000", 2024],
  ] as const) {
    it(`gives exactly the in-memory tables for ${code} in ${year}`, async () => {
      const organisationId = await orgId(code);
      const bySql = await loadConsolidatedInput(t.db, { organisationId, year });
      expect(bySql).not.toBeNull();

      const ids = await publishedBudgetIds(t.db, { organisationId, year });
      expect(ids.length).toBeGreaterThan(1);
      const raw = await loadBudgetInputs(t.db, ids, { withPrior: false });
      const inMemory = consolidate(raw, bySql!.unit, { withPrior: false });
      // The database summed lines: fewer lines than were entered, the same money.
      expect(bySql!.lineItems.length).toBeLessThanOrEqual(inMemory.lineItems.length);

      const a = computeDisclosure({ ...bySql!, priorBudget: null });
      const b = computeDisclosure(inMemory);
      expect(a.tables).toEqual(b.tables);
      expect(a.summary).toEqual(b.summary);
      expect(a.checks.filter((c) => c.severity === "error")).toEqual([]);
    });
  }

  it("adds the units up: the department total is the sum of its units' published totals", async () => {
    const organisationId = await orgId("023");
    const input = await loadConsolidatedInput(t.db, { organisationId, year: 2024 });
    const d = computeDisclosure(input!);
    const ids = await publishedBudgetIds(t.db, { organisationId, year: 2024 });
    const units = (await loadBudgetInputs(t.db, ids, { withPrior: false })).map((i) => computeDisclosure(i).summary.total);
    const { Decimal } = await import("@/lib/money");
    const sum = units.reduce((acc, v) => acc.plus(v), new Decimal(0));
    expect(d.summary.total).toBe(sum.toFixed(2));
    // 表2 lists every unit of the department.
    expect(d.tables[1]!.rows.filter((r) => r.level === "unit")).toHaveLength(ids.length);
    // The reference unit is one of them, with its 5,114.04.
    expect(d.tables[1]!.rows.find((r) => r.name.includes("人力资源和社会保障事务服务中心"))?.cells).toMatchObject({ total: "5114.04" });
  });

  it("compares against the prior year's published consolidation", async () => {
    const input = await loadConsolidatedInput(t.db, { organisationId: await orgId("031"), year: 2024 });
    expect(input!.priorBudget).not.toBeNull();
    const d = computeDisclosure(input!);
    expect(d.yearOverYear.basis).toBe("priorBudget");
    expect(d.yearOverYear.total.prior).toBe(computeDisclosure(input!.priorBudget!).summary.total);
  });

  it("gives a reason for every change it states, with units entering and leaving (BUD-C027/C028)", async () => {
    const stated: string[] = [];
    for (const code of ["023", "031"]) {
      const organisationId = await orgId(code);
      for (let year = 2022; year <= 2026; year++) {
        const input = await loadConsolidatedInput(t.db, { organisationId, year });
        if (!input) continue;
        const d = computeDisclosure(input);
        expect(d.checks.filter((c) => c.id === "BUD-C027" || c.id === "BUD-C028"), `${code} ${year}`).toEqual([]);
        if (d.yearOverYear.total.direction === "增加" || d.yearOverYear.total.direction === "减少") stated.push(`${code} ${year}`);
      }
    }
    expect(stated.length).toBeGreaterThan(3);
    // 023 in 2024: the reference unit enters the comparison.
    const d = computeDisclosure((await loadConsolidatedInput(t.db, { organisationId: await orgId("023"), year: 2024 }))!);
    const text = d.explanation.sections[0]!.paragraphs.join("\n");
    expect(text).toMatch(/新纳入和平区人力资源和社会保障事务服务中心（收支总预算 5114\.04 万元）/u);
    expect(text).toMatch(/按可比口径，收支总预算比 2023 年(增加|减少) [\d.]+ 万元/u);
  });

  it("answers null where nothing is published", async () => {
    expect(await loadConsolidatedInput(t.db, { organisationId: await orgId("031"), year: 2030 })).toBeNull();
  });
});
