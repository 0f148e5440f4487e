/**
 * The editors' saves through the preparer's procedures, as the e2e path does, on a blank draft:
 * each part saved with one audit row, refused with a field message, and the whole budget then
 * passes every blocking check. Also the workspace JSON preview and the free years of the form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, errorOf, rolledBack, sessionUserOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import type { SessionUser } from "@/server/auth/session";
import { getWorkspaceDocument } from "@/server/services/content";
import { freeYearsOf } from "@/server/services/budgets";
import { checkPlace } from "@/lib/workflow/check-places";

let t: TestDatabase;
let preparer: SessionUser;
let preparer2: SessionUser;
let reviewer: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  preparer = await sessionUserOf(t.db, "preparer");
  preparer2 = await sessionUserOf(t.db, "preparer2");
  reviewer = await sessionUserOf(t.db, "reviewer");
});
afterAll(async () => t?.close());

const audits = async (db: DbOrTx, budgetId: number) =>
  (await db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.budgetId, budgetId)))[0]?.n ?? 0;

const line = (kind: "personnel" | "public" | "project", economicCode: string, amount: string, projectId: number | null = null) => ({
  functionCode: "2080109",
  economicCode,
  kind,
  projectId,
  source: "gpb" as const,
  period: "current" as const,
  amount,
});

describe("every editor of a blank draft", () => {
  it("saves each part with one audit row, refuses bad input by field, and ends with zero blocking checks", async () => {
    await rolledBack(t.db, async (tx) => {
      const p = callerFor(tx, preparer);
      const created = await p.budgets.create({ year: 2026, from: "blank" });
      let ref = { budgetId: created.budgetId, version: created.version };
      const step = async (changes: Parameters<typeof p.editing.applyChanges>[0]["changes"]) => {
        const before = await audits(tx, ref.budgetId);
        const r = await p.editing.applyChanges({ ...ref, changes });
        expect(r.version).toBe(ref.version + 1);
        expect(await audits(tx, ref.budgetId)).toBe(before + 1);
        ref = { budgetId: r.budgetId, version: r.version };
        return r;
      };

      // 单位概况: a staffing that is not a whole number is refused on its field.
      const badProfile = await errorOf(p.editing.applyChanges({ ...ref, changes: { profile: { duties: ["x"], departments: [{ name: "办公室", staffing: -1 }] } } }));
      expect((badProfile.cause as unknown as { details: { fieldErrors: { path: string; message: string }[] } }).details.fieldErrors[0]).toMatchObject({
        path: "profile.departments.0.staffing",
        message: expect.stringContaining("人员编制不能为负数"),
      });
      await step({ profile: { duties: ["负责就业服务", "负责社保经办"], departments: [{ name: "综合办公室", staffing: 6 }] } });

      const proj = await step({ projects: { upsert: [{ clientKey: "p", name: "就业创业补贴服务项目", content: "发放补贴" }] } });
      const projectId = proj.ids.p!;
      await step({
        lineItems: { upsert: [line("personnel", "30101", "1234567.89"), line("public", "30201", "200000.00"), line("project", "30299", "500000.00", projectId)] },
      });
      // BUD-C016 until the project has a target; then gone.
      let checks = (await p.budgets.checks({ budgetId: ref.budgetId })).checks;
      expect(checks.map((c) => c.id)).toContain("BUD-C016");
      expect(checkPlace(checks.find((c) => c.id === "BUD-C016")!).anchor).toBe("#targets-heading");
      await step({
        targets: {
          upsert: [
            { projectId, goal: "按时足额发放补贴", indicators: [{ level1: "产出指标", level2: "数量指标", level3: "补贴发放人次", operator: ">=", value: "1000", unit: "人次", deadline: "2026-12" }] },
            {
              projectId: null,
              goal: "全面履职",
              tasks: [
                { name: "基本支出人员经费（保工资）", link: { figure: "personnel" } },
                { name: "基本支出公用经费（保运转）", link: { figure: "public" } },
              ],
              indicators: [{ level1: "履职效能", level2: "整体工作完成情况", level3: "总体工作完成率", operator: "=", value: "100", unit: "%", deadline: "2026-12" }],
            },
          ],
        },
      });
      // 表14: 中小企业 share above the amount is refused on its field.
      const badSme = await errorOf(
        p.editing.applyChanges({ ...ref, changes: { procurement: { upsert: [{ name: "办公设备", category: "goods", source: "gpb", amount: "50000.00", smeReserved: "60000.00" }] } } }),
      );
      expect(badSme.message).toBe("政府采购第 1 行：面向中小企业预留金额不能超过采购预算");
      await step({ procurement: { upsert: [{ name: "办公设备", category: "goods", source: "gpb", amount: "50000.00", smeReserved: "20000.00" }] } });
      // 表15: a 类 the catalogue does not know is refused.
      const badClass = await errorOf(
        p.editing.applyChanges({ ...ref, changes: { purchasedServices: { upsert: [{ functionClassCode: "999", name: "就业见习服务", source: "gpb", amount: "100000.00" }] } } }),
      );
      expect(badClass.message).toBe("政府购买服务第 1 行：支出功能分类“999”不是 2026 年度科目表中的类级科目");
      await step({ purchasedServices: { upsert: [{ functionClassCode: "208", name: "就业见习服务", catalogueCode: "B0101", source: "gpb", amount: "100000.00" }] } });
      await step({ assets: { asOf: "2025-12-31", vehicles: { general: 1 }, largeEquipment: 0 } });
      // The baseline: parts that do not add up to the total are refused.
      const badBaseline = await errorOf(p.editing.applyChanges({ ...ref, changes: { baseline: { total: "2000000.00", byKind: { basic: "1000000.00", project: "500000.00" } } } }));
      expect(badBaseline.message).toBe("上年预算基数：上年基本支出与项目支出之和须等于上年收支总预算");
      await step({
        baseline: {
          total: "2000000.00",
          bySource: { gpb: "2000000.00" },
          byKind: { basic: "1500000.00", project: "500000.00" },
          byFunctionClass: [{ code: "208", amount: "2000000.00" }],
          sanggong: { abroad: "0.00", reception: "5000.00", vehiclePurchase: "0.00", vehicleOperation: "0.00" },
        },
        narrative: { totalChangeReason: "人员调整", sanggongChangeReason: "压减公务接待" },
      });

      checks = (await p.budgets.checks({ budgetId: ref.budgetId })).checks;
      expect(checks.filter((c) => c.severity === "error")).toEqual([]);
      const preview = await p.budgets.preview({ budgetId: ref.budgetId });
      const text = preview.explanation.sections[0]?.paragraphs.join("\n") ?? "";
      expect(text).toContain("按支出类型分：基本支出");
      expect(text).toMatch(/其中：一般公共预算拨款收入/);

      // A stale version: CONFLICT, nothing changed.
      const stale = await errorOf(p.editing.applyChanges({ budgetId: ref.budgetId, version: ref.version - 1, changes: { narrative: { overview: "x" } } }));
      expect(stale.code).toBe("CONFLICT");

      // The workspace JSON: the unit's own preparer and its reviewer; nobody else.
      const doc = await getWorkspaceDocument(tx, preparer, 2026, "023002");
      expect(doc).toMatchObject({ year: 2026, status: "draft", version: ref.version, unit: { code: "023002" } });
      expect(doc?.tables).toHaveLength(17);
      expect((await getWorkspaceDocument(tx, reviewer, 2026, "023002"))?.status).toBe("draft");
      expect(await getWorkspaceDocument(tx, preparer2, 2026, "023002")).toBeNull();
      expect(await getWorkspaceDocument(tx, preparer, 2019, "023002")).toBeNull();

      // The form now offers 2025 first (2024 and 2026 are taken).
      const options = await p.budgets.createOptions();
      expect(options.units[0]?.freeYears[0]).toBe(2025);
      expect(options.units[0]?.freeYears).not.toContain(2026);
    });
  });

  it("flags copied 上年结转 lines and last year's reasons as warnings until they are reviewed; carries every part", async () => {
    await rolledBack(t.db, async (tx) => {
      const p = callerFor(tx, preparer);
      const created = await p.budgets.create({ year: 2025, from: "prior" });
      const { checks } = await p.budgets.checks({ budgetId: created.budgetId });
      const carry = checks.filter((c) => c.id === "BUD-C060");
      expect(carry.length).toBeGreaterThan(0);
      expect(carry.every((c) => c.severity === "warning" && c.lineItemId)).toBe(true);
      expect(checks.some((c) => c.id === "BUD-C061")).toBe(true);
      // Every part came along.
      const content = await p.budgets.content({ budgetId: created.budgetId });
      expect(content.profile.duties.length).toBeGreaterThan(0);
      expect(content.targets.length).toBeGreaterThan(0);
      expect(content.baseline?.byKind).toBeDefined();
      // Reviewing one carry-over line (a new amount) and the reason clears their warnings.
      const { lineItems } = await p.budgets.get({ budgetId: created.budgetId });
      const first = lineItems.find((l) => String(l.id) === carry[0]!.lineItemId)!;
      const r = await p.editing.applyChanges({
        budgetId: created.budgetId,
        version: created.version,
        changes: {
          lineItems: { upsert: [{ id: first.id, functionCode: first.functionCode, economicCode: first.economicCode, kind: first.kind, projectId: first.projectId, source: first.source as "gpb", period: "carryover", amount: "1.00" }] },
          narrative: { totalChangeReason: "本年新增就业项目", sanggongChangeReason: "" },
        },
      });
      const after = (await p.budgets.checks({ budgetId: r.budgetId })).checks;
      expect(after.filter((c) => c.id === "BUD-C060")).toHaveLength(carry.length - 1);
      expect(after.some((c) => c.id === "BUD-C061")).toBe(false);
    });
  });

  it("orders free years: the next after the latest first, then the others newest first", () => {
    expect(freeYearsOf([2026, 2025, 2024, 2023], new Set([2024]))).toEqual([2025, 2026, 2023]);
    expect(freeYearsOf([2026, 2025], new Set())).toEqual([2026, 2025]);
    expect(freeYearsOf([2026, 2025, 2024], new Set([2024, 2025, 2026]))).toEqual([]);
  });
});
