/**
 * Disclosure templates against a real database: who may manage them, copies and edits with
 * version checks, the region-year choice reaching the engine through the loader, and a
 * published snapshot keeping the template it was published with.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, errorOf, outcomeOf, unitIdOf, type Caller } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { loadBudgetInput } from "@/server/queries/budget-input";
import { getSnapshotInput } from "@/server/queries/public";
import { computeDisclosure, MINISTRY_8_TEMPLATE } from "@/lib/budget";

let t: TestDatabase;
let admin: Caller;
let regionId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  admin = await callerOf(t.db, "admin");
  regionId = await unitIdOf(t.db, "210102000");
});
afterAll(async () => t?.close());

/** The region's 2024-style settings with a template. */
function settingsWith(year: number, template: string) {
  return { regionId, year, amountUnit: "wan" as const, titleWording: "department" as const, explanationSections: ["overview" as const, "sanggong" as const, "other" as const], template };
}

const setTemplate = (year: number, template: string) => admin.admin.updateSettings(settingsWith(year, template));

async function budgetOf(unitCode: string, year: number) {
  const unitId = await unitIdOf(t.db, unitCode);
  const [b] = await t.db
    .select({ id: s.budgets.id })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, year)))
    .orderBy(desc(s.budgets.revision));
  if (!b) throw new Error(`no budget ${unitCode} ${year}`);
  return b.id;
}

describe("templates", () => {
  it("lists the three bundled templates to the admin only", async () => {
    const list = await admin.templates.list();
    expect(list.filter((x) => x.bundled).map((x) => `${x.code}:${x.tableCount}`)).toEqual(["standard-17:17", "mof-8:8", "province-9:9"]);
    for (const who of ["preparer", "reviewer"]) {
      const c = await callerOf(t.db, who);
      expect(await outcomeOf(c.templates.list())).toBe("FORBIDDEN");
      expect(await outcomeOf(c.templates.preview({ definition: MINISTRY_8_TEMPLATE }))).toBe("FORBIDDEN");
      expect(await outcomeOf(c.admin.updateSettings(settingsWith(2024, "mof-8")))).toBe("FORBIDDEN");
    }
    expect(await outcomeOf((await callerOf(t.db, null)).templates.list())).toBe("UNAUTHORIZED");
  });

  it("copies a bundled template, edits the copy with a version check, refuses bad input and bundled edits", async () => {
    const copy = await admin.templates.copy({ from: "mof-8", name: "和平区 8 张表" });
    expect(copy).toEqual({ code: "custom-1", version: 1 });
    const got = await admin.templates.get({ code: copy.code });
    expect(got.template.tables).toHaveLength(8);
    const edited = {
      ...got.template,
      tables: [...got.template.tables].reverse().map((x, i) => (i === 0 ? { ...x, title: "政府性基金预算支出情况表" } : x)),
      text: { number: "whole" as const },
    };
    const saved = await admin.templates.update({ code: copy.code, version: 1, definition: edited });
    expect(saved.version).toBe(2);
    expect((await errorOf(admin.templates.update({ code: copy.code, version: 1, definition: edited }))).code).toBe("CONFLICT");
    const bad = await errorOf(admin.templates.update({ code: copy.code, version: 2, definition: { ...edited, tables: [] } }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("至少要有一张表");
    expect((await admin.templates.get({ code: copy.code })).template.tables[0]?.title).toBe("政府性基金预算支出情况表");
    expect((await errorOf(admin.templates.update({ code: "mof-8", version: 1, definition: MINISTRY_8_TEMPLATE }))).code).toBe("BAD_REQUEST");
    const audit = await t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, copy.code));
    expect(audit.map((a) => a.action).sort()).toEqual(["template.copy", "template.update"]);
  });

  it("previews any template on the sample budget", async () => {
    const d = await admin.templates.preview({ definition: MINISTRY_8_TEMPLATE });
    expect(d.tables.map((x) => x.title)).toContain("部门收支总表");
    expect(d.tables[0]?.rows.at(-1)?.cells.income_amount).toBe("5114.04");
  });

  it("applies the region-year's template to drafts; a published snapshot keeps its own", async () => {
    const published = await budgetOf("023002", 2024);
    const [snap] = await t.db.select({ id: s.publishedSnapshots.id }).from(s.publishedSnapshots).where(eq(s.publishedSnapshots.budgetId, published));
    expect(snap).toBeDefined();
    expect((await errorOf(setTemplate(2024, "custom-99"))).code).toBe("NOT_FOUND");
    expect((await errorOf(setTemplate(2099, "mof-8"))).code).toBe("NOT_FOUND");
    await setTemplate(2024, "province-9");
    const settings = await admin.admin.settings({ year: 2024 });
    expect(settings.regions.find((r) => r.regionId === regionId)?.template).toBe("province-9");
    const audit = await t.db.select().from(s.auditLog).where(eq(s.auditLog.action, "settings.update"));
    expect(audit.at(-1)?.after).toMatchObject({ template: "province-9" });

    const live = computeDisclosure(await loadBudgetInput(t.db, published));
    expect(live.tables.map((x) => `${x.title} ${x.unit}`)).toHaveLength(9);
    expect(live.tables[8]?.title).toBe("国有资本经营预算支出表");
    expect(live.tables[0]?.unit).toBe("元");

    const frozen = await getSnapshotInput(t.db, snap!.id);
    expect(computeDisclosure(frozen!).tables).toHaveLength(17);

    await setTemplate(2024, "custom-1");
    const custom = computeDisclosure(await loadBudgetInput(t.db, published));
    expect(custom.tables[0]?.title).toBe("政府性基金预算支出情况表");
    expect(custom.template.id).toBe("custom-1");
    await setTemplate(2024, "standard-17");
    expect((await loadBudgetInput(t.db, published)).template).toBeUndefined();
  });
});

describe("opening a year", () => {
  it("copies the template setting with the other settings", async () => {
    await setTemplate(2026, "mof-8");
    await admin.admin.openYear({ year: 2027 });
    const settings = await admin.admin.settings({ year: 2027 });
    expect(settings.regions.find((r) => r.regionId === regionId)?.template).toBe("mof-8");
  });
});
