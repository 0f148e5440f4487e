/**
 * Fiscal years and disclosure settings against a real database: opening a year copies the year
 * it comes from; a region-year in 元 prints 元 with two decimals in every table, the 情况说明 and
 * the downloads; settings travel in the engine input, so a published snapshot keeps its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, errorOf, rolledBack, unitIdOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import { queryRows, type DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import { loadBudgetInput } from "@/server/queries/budget-input";
import { computeDisclosure, explanationText, leafColumns } from "@/lib/budget";
import { tableCsv, parseCsv } from "@/lib/export/csv";
import { workbookBytes } from "@/lib/export/xlsx";
import { loadSnapshotInputs } from "@/server/queries/snapshots";

let t: TestDatabase;
let regionId: number;

const countOf = async (db: DbOrTx, table: string, year: number) =>
  Number((await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE year = ${year}`))[0]?.n);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  regionId = await unitIdOf(t.db, "210102000");
});
afterAll(async () => t?.close());

describe("opening a fiscal year", () => {
  it("copies catalogues, mapping, funding sources, glossary and settings of the year before, with its audit row", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      const r = await admin.admin.openYear({ year: 2027 });
      expect(r.from).toBe(2026);
      for (const [table, key] of [
        ["function_codes", "functionCodes"],
        ["dept_economic_codes", "deptEconomicCodes"],
        ["gov_economic_codes", "govEconomicCodes"],
        ["economic_mappings", "economicMappings"],
        ["funding_sources", "fundingSources"],
        ["glossary_entries", "glossaryEntries"],
      ] as const) {
        const n = Number((await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE year = 2026`))[0]?.n);
        expect(n).toBeGreaterThan(0);
        expect(r.copied[key]).toBe(n);
        const m = Number((await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE year = 2027`))[0]?.n);
        expect(m).toBe(n);
      }
      expect(r.copied.settings).toBe(1);
      const [audit] = await tx.select().from(s.auditLog).where(and(eq(s.auditLog.action, "year.open"), eq(s.auditLog.entityId, "2027")));
      expect(audit?.after).toMatchObject({ year: 2027, from: 2026 });
      // The year is now offered for new budgets, and a preparer can draft in it.
      const preparer = await callerOf(tx, "preparer");
      expect((await preparer.budgets.createOptions()).years.map((y) => y.year)).toContain(2027);
      const created = await preparer.budgets.create({ year: 2027, from: "blank" });
      expect(created.budgetId).toBeGreaterThan(0);
      // Opening it twice is refused.
      expect((await errorOf(admin.admin.openYear({ year: 2027 }))).code).toBe("CONFLICT");
    });
  });

  it("opens a year before the first one on file from the year after it, for history", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      const r = await admin.admin.openYear({ year: 2021 });
      expect(r.from).toBe(2022);
      expect(r.copied.functionCodes).toBe(await countOf(tx, "function_codes", 2022));
      const older = await admin.admin.openYear({ year: 2019, from: 2021 });
      expect(older.copied.functionCodes).toBe(r.copied.functionCodes);
      expect((await errorOf(admin.admin.openYear({ year: 2017 }))).code).toBe("BAD_REQUEST");
    });
  });

  it("leaves retired codes behind", async () => {
    await rolledBack(t.db, async (tx) => {
      await tx.update(s.functionCodes).set({ retired: true }).where(and(eq(s.functionCodes.year, 2026), eq(s.functionCodes.code, "2080505")));
      const admin = await callerOf(tx, "admin");
      await admin.admin.openYear({ year: 2027 });
      const rows = await tx.select().from(s.functionCodes).where(and(eq(s.functionCodes.year, 2027), eq(s.functionCodes.code, "2080505")));
      expect(rows).toEqual([]);
    });
  });

  it("is for the admin only", async () => {
    for (const who of ["preparer", "reviewer"] as const) {
      expect((await errorOf((await callerOf(t.db, who)).admin.openYear({ year: 2027 }))).code).toBe("FORBIDDEN");
    }
    expect((await errorOf((await callerOf(t.db, null)).admin.openYear({ year: 2027 }))).code).toBe("UNAUTHORIZED");
  });
});

describe("a unit in 元", () => {
  it("prints 元 with two decimals in every table, the 情况说明 and the downloads", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      await admin.admin.updateSettings({ regionId, year: 2025, amountUnit: "yuan", titleWording: "unit", explanationSections: ["overview", "fiscal", "gpb", "sanggong", "other"] });
      const preparer = await callerOf(tx, "preparer");
      const { budgetId } = await preparer.budgets.create({ year: 2025, from: "prior" });
      const input = await loadBudgetInput(tx, budgetId);
      expect(input.amountUnit).toBe("yuan");
      expect(input.disclosure).toEqual({ titleWording: "unit", explanationSections: ["overview", "fiscal", "gpb", "sanggong", "other"] });
      const d = computeDisclosure(input);
      expect(d.unitLabel).toBe("元");
      expect(d.wording).toBe("单位预算");
      for (const table of d.tables) {
        expect(table.unit).toBe("元");
        for (const row of table.rows) {
          for (const col of leafColumns(table.columns)) {
            if (col.type !== "amount") continue;
            const printed = row.cells[col.key];
            const exact = row.exact[col.key];
            if (printed === null || printed === undefined || exact === undefined) continue;
            // In 元 the printed figure is the exact amount with two decimals.
            expect(printed).toMatch(/^-?\d+\.\d\d$/);
            expect(printed).toBe(exact);
          }
        }
      }
      const total = d.summary.total;
      const text = explanationText(d.explanation);
      expect(d.explanation.title).toContain("单位预算情况说明");
      expect(text).toContain(`收支总预算 ${total} 元`);
      expect(text).toContain("财政拨款收支预算情况");
      expect(text).toContain("一般公共预算当年拨款");
      expect(d.explanation.sections.map((x) => x.heading.slice(0, 2))).toEqual(["一、", "二、", "三、", "四、", "五、"]);
      // No amount in the text is in 万元 (the 200 万元 of the asset rule is a threshold, not an amount).
      expect(text.replace(/200 万元以上/g, "")).not.toMatch(/\d 万元/);
      // CSV: amounts are the 元 figures.
      const csv = parseCsv(tableCsv(d.tables[0]!));
      expect(csv.flat()).toContain(total);
      // xlsx: the unit line says 元 and the total cell is the 元 figure.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await workbookBytes(d, { title: "t", publishedAt: "2025-02-01T00:00:00Z", revision: 1 })) as never);
      const texts: string[] = [];
      const numbers: number[] = [];
      wb.worksheets[1]?.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === "string") texts.push(c.value);
          if (typeof c.value === "number") numbers.push(c.value);
        }),
      );
      expect(texts.some((x) => x.includes("单位：元"))).toBe(true);
      expect(numbers.map((n) => n.toFixed(2))).toContain(total);
    });
  });

  it("a published snapshot keeps the settings it was published with", async () => {
    const unit = await unitIdOf(t.db, "023002");
    const [snap] = await t.db.select().from(s.publishedSnapshots).where(and(eq(s.publishedSnapshots.unitId, unit), eq(s.publishedSnapshots.year, 2024)));
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      await admin.admin.updateSettings({ regionId, year: 2024, amountUnit: "yuan", titleWording: "unit", explanationSections: ["overview"] });
      const again = (await loadSnapshotInputs(tx, [snap!.id])).get(snap!.id);
      const d = computeDisclosure(again!);
      expect(d.amountUnit).toBe("wan");
      expect(d.explanation.sections).toHaveLength(3);
    });
  });

  it("refuses an empty section list and a settings change by anyone but the admin", async () => {
    const admin = await callerOf(t.db, "admin");
    expect((await errorOf(admin.admin.updateSettings({ regionId, year: 2025, amountUnit: "yuan", titleWording: "department", explanationSections: [] }))).code).toBe("BAD_REQUEST");
    const reviewer = await callerOf(t.db, "reviewer");
    expect((await errorOf(reviewer.admin.updateSettings({ regionId, year: 2025, amountUnit: "yuan", titleWording: "department", explanationSections: ["overview"] }))).code).toBe("FORBIDDEN");
  });
});
