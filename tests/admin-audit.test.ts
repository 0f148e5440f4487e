/** The audit-log viewer's filters and the region overview, against a real database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, rolledBack, unitIdOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import { getRegionOverview } from "@/server/services/audit-log";
import { sessionUserOf } from "./helpers/trpc";
import { sumMoney, toYuanString } from "@/lib/money";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => t?.close());

describe("audit log", () => {
  it("filters by unit, user, action and date", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      await admin.admin.updateOrganisation({ id: await unitIdOf(tx, "023002"), name: "改名（审计测试）" });
      const byUnit = await admin.admin.auditLog({ unitCode: "023002" });
      expect(byUnit.rows.length).toBeGreaterThan(0);
      expect(byUnit.rows.every((r) => r.unitCode === "023002" || (r.entity === "organisation" && r.action.startsWith("organisation.")))).toBe(true);
      expect(byUnit.rows.some((r) => r.action === "organisation.rename")).toBe(true);
      const byUser = await admin.admin.auditLog({ username: "admin" });
      expect(byUser.rows.every((r) => r.username === "admin")).toBe(true);
      expect(byUser.rows.length).toBeGreaterThan(0);
      const byAction = await admin.admin.auditLog({ action: "organisation.rename" });
      expect(byAction.rows.map((r) => r.action)).toEqual(["organisation.rename"]);
      expect(byAction.actions).toContain("seed");
      const future = await admin.admin.auditLog({ from: "2099-01-01" });
      expect(future.rows).toEqual([]);
      const today = byAction.rows[0]!.at.slice(0, 10);
      expect((await admin.admin.auditLog({ action: "organisation.rename", from: today, to: today })).rows).toHaveLength(1);
    });
  });
});

describe("region overview", () => {
  it("lists every unit's state, marks late publications and totals each department", async () => {
    const admin = await sessionUserOf(t.db, "admin");
    const o = await getRegionOverview(t.db, admin, 2026, "2026-12-31");
    expect(o.departments.map((d) => d.code).sort()).toEqual(["023", "031"]);
    for (const d of o.departments) {
      const mine = o.units.filter((u) => u.departmentCode === d.code);
      expect(d.units).toBe(mine.length);
      expect(d.total).toBe(toYuanString(sumMoney(mine.map((u) => u.total ?? "0"))));
    }
    // 031001 was approved in the sample and is not published: past its 20 days on 2026-12-31.
    const approved = o.units.find((u) => u.unitCode === "031001");
    expect(approved?.status).toBe("approved");
    expect(approved?.late).toBe(true);
    expect(o.units.find((u) => u.unitCode === "023901")?.late).toBe(false);
  });
});
