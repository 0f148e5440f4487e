/**
 * Loading a past year: a budget published before the platform existed, with its original 批复
 * and publication dates, recorded as imported history, published as it was, and the prior year
 * of the next one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, errorOf, rolledBack, unitIdOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { loadBudgetInput } from "@/server/queries/budget-input";
import { computeDisclosure } from "@/lib/budget";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import { loadSnapshotInputs } from "@/server/queries/snapshots";

let t: TestDatabase;

/** The content part of BudgetInput, as an admin would paste it. */
const content = JSON.stringify({
  lineItems: ref.lineItems,
  projects: ref.projects,
  procurement: ref.procurement,
  purchasedServices: ref.purchasedServices,
  targets: ref.targets,
  profile: ref.profile,
  assets: ref.assets,
  narrative: ref.narrative,
  baseline: null,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => t?.close());

describe("past years", () => {
  it("loads 2021 as imported history, published on its own dates, and serves as 2022's prior year", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      await admin.admin.openYear({ year: 2021 });
      const r = await admin.admin.importHistory({ unitCode: "023002", year: 2021, approvedOn: "2021-02-01", publishedOn: "2021-02-18", content });
      const [budget] = await tx.select().from(s.budgets).where(eq(s.budgets.id, r.budgetId));
      expect(budget).toMatchObject({ status: "published", origin: "imported", approvedOn: "2021-02-01", submittedAt: null, year: 2021 });
      const [snap] = await tx.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.budgetId, r.budgetId));
      expect(snap?.publishedAt.toISOString()).toBe("2021-02-18T02:00:00.000Z");
      const [audit] = await tx.select().from(s.auditLog).where(and(eq(s.auditLog.action, "budget.importHistory"), eq(s.auditLog.budgetId, r.budgetId)));
      expect(audit?.after).toMatchObject({ imported: true, approvedOn: "2021-02-01", publishedOn: "2021-02-18" });
      // Published as it was: the same total as the reference.
      const published = computeDisclosure((await loadSnapshotInputs(tx, [snap!.id])).get(snap!.id)!);
      expect(published.summary.total).toBe(computeDisclosure({ ...ref, year: 2021, priorBudget: null, baseline: null }).summary.total);
      // 2022 drafted on the platform compares with the imported 2021.
      const preparer = await callerOf(tx, "preparer");
      const draft = await preparer.budgets.create({ year: 2022, from: "prior" });
      const next = computeDisclosure(await loadBudgetInput(tx, draft.budgetId));
      expect(next.yearOverYear.basis).toBe("priorBudget");
      expect(next.yearOverYear.total.prior).toBe(published.summary.total);
      // Not twice.
      expect((await errorOf(admin.admin.importHistory({ unitCode: "023002", year: 2021, approvedOn: "2021-02-01", publishedOn: "2021-02-18", content }))).code).toBe("CONFLICT");
    });
  });

  it("refuses bad content, a code the year lacks, dates out of order and anyone but the admin, writing nothing", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      await admin.admin.openYear({ year: 2021 });
      const base = { unitCode: "023002", year: 2021, approvedOn: "2021-02-01", publishedOn: "2021-02-18" };
      expect((await errorOf(admin.admin.importHistory({ ...base, content: "{not json" }))).message).toContain("JSON");
      const bad = JSON.parse(content) as { lineItems: { amount: string; functionCode: string }[] };
      bad.lineItems[0]!.amount = "12.345";
      expect((await errorOf(admin.admin.importHistory({ ...base, content: JSON.stringify(bad) }))).message).toContain("两位小数");
      const unknown = JSON.parse(content) as { lineItems: { functionCode: string }[] };
      unknown.lineItems[0]!.functionCode = "2999999";
      expect((await errorOf(admin.admin.importHistory({ ...base, content: JSON.stringify(unknown) }))).message).toContain("2999999");
      expect((await errorOf(admin.admin.importHistory({ ...base, publishedOn: "2021-01-01", content }))).message).toContain("早于");
      const reviewer = await callerOf(tx, "reviewer");
      expect((await errorOf(reviewer.admin.importHistory({ ...base, content }))).code).toBe("FORBIDDEN");
      const unit = await unitIdOf(tx, "023002");
      expect(await tx.select().from(s.budgets).where(and(eq(s.budgets.unitId, unit), eq(s.budgets.year, 2021)))).toEqual([]);
    });
  });
});
