/**
 * The write module (applyChanges / replaceContent) against a real database, through the preparer's
 * procedures: a valid batch is one version bump and one audit row; a bad row is refused with its row
 * and field in Chinese and nothing changes; a stale version is a CONFLICT; linked 表16 tasks follow
 * the line items; a project goes with what refers to it; a whole content is replaced in one write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, errorOf, rolledBack, sessionUserOf, type Caller } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import type { SessionUser } from "@/server/auth/session";
import { loadBudgetInput } from "@/server/queries/budget-input";
import { replaceContent } from "@/server/services/content";
import { computeDisclosure } from "@/lib/budget";
import { Decimal } from "@/lib/money";

let t: TestDatabase;
let preparerUser: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  preparerUser = await sessionUserOf(t.db, "preparer");
});
afterAll(async () => t?.close());

type Ref = { budgetId: number; version: number };

const auditCount = async (db: DbOrTx, budgetId: number) =>
  (await db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.budgetId, budgetId)))[0]?.n ?? 0;
const versionOf = async (db: DbOrTx, budgetId: number) =>
  (await db.select({ v: s.budgets.version }).from(s.budgets).where(eq(s.budgets.id, budgetId)))[0]?.v;

async function copiedDraft(preparer: Caller): Promise<Ref> {
  const r = await preparer.budgets.create({ year: 2025, from: "prior" });
  return { budgetId: r.budgetId, version: r.version };
}

async function blankDraft(preparer: Caller): Promise<Ref> {
  const r = await preparer.budgets.create({ year: 2025, from: "blank" });
  return { budgetId: r.budgetId, version: r.version };
}

const basicLine = (amount: string, kind: "personnel" | "public" = "personnel") => ({
  functionCode: "2080101",
  economicCode: kind === "personnel" ? "30101" : "30201",
  kind,
  projectId: null,
  source: "gpb" as const,
  period: "current" as const,
  amount,
});

describe("applyChanges", () => {
  it("saves a batch of every part in one transaction: one version bump, one audit row, new ids by clientKey", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = callerFor(tx, preparerUser);
      const ref = await copiedDraft(preparer);
      const before = await preparer.budgets.get({ budgetId: ref.budgetId });
      const [first, second] = before.lineItems.filter((l) => l.kind !== "project");
      const audits = await auditCount(tx, ref.budgetId);

      const r = await preparer.editing.applyChanges({
        ...ref,
        changes: {
          projects: { upsert: [{ clientKey: "p", name: "批量新增项目", content: "内容", debtFinanced: false }] },
          lineItems: {
            upsert: [
              { id: first!.id, ...basicLine("123456.78"), functionCode: first!.functionCode, economicCode: first!.economicCode, kind: first!.kind as "personnel" },
              { clientKey: "l", functionCode: "2080101", economicCode: "30299", kind: "project", projectId: null, projectKey: "p", source: "gpb", period: "current", amount: "50000.00" },
            ],
            delete: [second!.id],
          },
          targets: {
            upsert: [
              {
                projectId: null,
                projectKey: "p",
                goal: "完成项目",
                indicators: [{ level1: "产出指标", level2: "数量指标", level3: "完成数量", operator: ">=", value: "10", unit: "件", deadline: "2025-12" }],
              },
            ],
          },
          procurement: { upsert: [{ clientKey: "c", projectId: null, projectKey: "p", name: "办公设备", category: "goods", source: "gpb", amount: "20000.00", smeReserved: "8000.00" }] },
          purchasedServices: { upsert: [{ clientKey: "x", functionClassCode: "208", name: "就业服务", catalogueCode: "B0101", catalogueName: "公共就业服务", source: "gpb", amount: "10000.00" }] },
          profile: { duties: ["负责就业服务", "负责社会保障"], composition: "", departments: [{ name: "办公室", duties: "综合协调", staffing: 5, leaders: "主任 1 名" }] },
          assets: { asOf: "2024-08-31", vehicles: { ministerial: 0, general: 1, enforcement: 0, special: 0, other: 0 }, largeEquipment: 2, note: "" },
          narrative: { totalChangeReason: "新增项目" },
          baseline: { total: "1000.00", bySource: { gpb: "1000.00" }, byKind: { basic: "800.00", project: "200.00" }, byFunctionClass: [{ code: "208", amount: "1000.00" }] },
        },
      });
      expect(r.version).toBe(ref.version + 1);
      expect(Object.keys(r.ids).sort()).toEqual(["c", "l", "p", "x"]);
      expect(await auditCount(tx, ref.budgetId)).toBe(audits + 1);
      const [audit] = await tx.select().from(s.auditLog).where(eq(s.auditLog.budgetId, ref.budgetId)).orderBy(s.auditLog.id).offset(audits);
      expect(audit).toMatchObject({ action: "content.apply", entity: "budget" });
      const after = audit!.after as Record<string, unknown[]>;
      const was = audit!.before as Record<string, unknown[]>;
      expect(was.lineItems).toHaveLength(2); // the updated and the deleted line as they were
      expect(after.lineItems).toHaveLength(2); // the updated and the new line
      expect(after.projects).toHaveLength(1);

      const input = await loadBudgetInput(tx, ref.budgetId);
      const projectId = String(r.ids.p);
      expect(input.projects.find((p) => p.id === projectId)?.name).toBe("批量新增项目");
      expect(input.lineItems.find((l) => l.id === String(r.ids.l))).toMatchObject({ projectId, amount: "50000.00" });
      expect(input.lineItems.some((l) => l.id === String(second!.id))).toBe(false);
      expect(input.targets.find((x) => x.projectId === projectId)?.indicators).toHaveLength(1);
      expect(input.procurement.find((p) => p.id === String(r.ids.c))).toMatchObject({ projectId, smeReserved: "8000.00" });
      expect(input.profile.departments).toEqual([{ name: "办公室", duties: "综合协调", staffing: 5, leaders: "主任 1 名" }]);
      expect(input.assets?.largeEquipment).toBe(2);
      expect(input.baseline).toMatchObject({ total: "1000.00", byKind: { basic: "800.00", project: "200.00" } });
      expect(input.narrative.totalChangeReason).toBe("新增项目");
    });
  });

  it("refuses a bad row with its row and field in Chinese and changes nothing", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = callerFor(tx, preparerUser);
      const ref = await copiedDraft(preparer);
      const audits = await auditCount(tx, ref.budgetId);
      const lines = (await loadBudgetInput(tx, ref.budgetId)).lineItems.length;
      const error = await errorOf(
        preparer.editing.applyChanges({
          ...ref,
          changes: {
            lineItems: { upsert: [basicLine("10.00"), { ...basicLine("20.00"), functionCode: "2089999" }, basicLine("1.234")] },
            narrative: { overview: "不应保存" },
          },
        }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/^支出明细第 3 行：金额须为以元为单位的非负数/);
      const fieldErrors = (error.cause as { details?: { fieldErrors?: { path: string; message: string }[] } }).details?.fieldErrors;
      expect(fieldErrors).toEqual([{ path: "lineItems.upsert.2.amount", message: expect.stringMatching(/^支出明细第 3 行：/) }]);

      // Catalogue refusals come after the schema: every bad code of the batch at once.
      const codes = await errorOf(
        preparer.editing.applyChanges({
          ...ref,
          changes: { lineItems: { upsert: [basicLine("10.00"), { ...basicLine("20.00"), functionCode: "2089999" }, { ...basicLine("5.00"), economicCode: "30098" }] } },
        }),
      );
      expect(codes.code).toBe("BAD_REQUEST");
      expect((codes.cause as unknown as { details: { fieldErrors: unknown[] } }).details.fieldErrors).toEqual([
        { path: "lineItems.upsert.1.functionCode", message: "支出明细第 2 行：支出功能分类科目“2089999”不是 2025 年度科目表中的项级科目" },
        { path: "lineItems.upsert.2.economicCode", message: "支出明细第 3 行：部门预算经济分类科目“30098”不是 2025 年度科目表中的款级科目" },
      ]);
      expect(codes.message).toMatch(/另有 1 处问题/);

      // A line naming a project of nobody, a task linked to a project that does not exist.
      const refs = await errorOf(
        preparer.editing.applyChanges({
          ...ref,
          changes: {
            lineItems: { upsert: [{ ...basicLine("1.00"), kind: "project", projectKey: "nobody" }] },
            targets: { upsert: [{ projectId: null, goal: "整体", tasks: [{ name: "任务", link: { figure: "project", projectId: 999999 } }] }] },
          },
        }),
      );
      expect((refs.cause as unknown as { details: { fieldErrors: { path: string }[] } }).details.fieldErrors.map((f) => f.path)).toEqual([
        "lineItems.upsert.0.projectId",
        "targets.upsert.0.tasks.0.link.projectId",
      ]);

      expect(await versionOf(tx, ref.budgetId)).toBe(ref.version);
      expect(await auditCount(tx, ref.budgetId)).toBe(audits);
      const input = await loadBudgetInput(tx, ref.budgetId);
      expect(input.lineItems).toHaveLength(lines);
      expect(input.narrative.overview).not.toBe("不应保存");
    });
  });

  it("answers a stale version with CONFLICT and writes nothing", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = callerFor(tx, preparerUser);
      const ref = await copiedDraft(preparer);
      const next = await preparer.editing.applyChanges({ ...ref, changes: { narrative: { overview: "第一次" } } });
      const audits = await auditCount(tx, ref.budgetId);
      const stale = await errorOf(preparer.editing.applyChanges({ ...ref, changes: { narrative: { overview: "第二次" } } }));
      expect(stale.code).toBe("CONFLICT");
      expect(await versionOf(tx, ref.budgetId)).toBe(next.version);
      expect(await auditCount(tx, ref.budgetId)).toBe(audits);
    });
  });

  it("keeps 表16 tasks linked to figures equal to the line items, so BUD-C017 holds after any change", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = callerFor(tx, preparerUser);
      let ref = await blankDraft(preparer);
      const r = await preparer.editing.applyChanges({
        ...ref,
        changes: {
          projects: { upsert: [{ clientKey: "p", name: "就业服务项目" }] },
          lineItems: {
            upsert: [
              { ...basicLine("1000.00"), clientKey: "a" },
              basicLine("300.50", "public"),
              { ...basicLine("700.00"), kind: "project", economicCode: "30299", projectKey: "p" },
            ],
          },
          targets: {
            upsert: [
              {
                projectId: null,
                goal: "全面履职",
                tasks: [
                  { name: "基本支出人员经费（保工资）", link: { figure: "personnel" } },
                  { name: "基本支出公用经费（保运转）", link: { figure: "public" } },
                  { name: "就业服务项目", link: { figure: "project", projectKey: "p" } },
                ],
              },
              { projectId: null, projectKey: "p", goal: "做好就业服务", indicators: [{ level1: "产出指标", level2: "数量指标" }] },
            ],
          },
        },
      });
      ref = { budgetId: r.budgetId, version: r.version };
      const lineA = r.ids.a!;
      let d = computeDisclosure(await loadBudgetInput(tx, ref.budgetId));
      expect(d.checks.filter((c) => c.id === "BUD-C017" || c.id === "BUD-C016")).toEqual([]);
      expect(d.tables[15]?.overall?.[0]?.tasks.map((k) => k.exact)).toEqual(["1000.00", "300.50", "700.00"]);

      // Change a basic-spending line: the task follows, the check still holds.
      let v = (await preparer.editing.updateLineItem({ ...ref, lineItemId: lineA, item: basicLine("1500.00") })).version;
      d = computeDisclosure(await loadBudgetInput(tx, ref.budgetId));
      expect(d.tables[15]?.overall?.[0]?.tasks[0]?.exact).toBe("1500.00");
      expect(d.checks.filter((c) => c.id === "BUD-C017")).toEqual([]);
      // The stored amount follows too.
      const stored = await tx.select({ amount: s.performanceTasks.amount, link: s.performanceTasks.link }).from(s.performanceTasks);
      expect(stored.find((k) => k.link === "personnel")?.amount).toBe("1500.00");

      // A task typed by hand does not follow: changing the line breaks the total, and the check says so.
      // (an upsert without id of the unit-wide target updates the one there is)
      v = (
        await preparer.editing.applyChanges({
          budgetId: ref.budgetId,
          version: v,
          changes: { targets: { upsert: [{ projectId: null, goal: "全面履职", tasks: [{ name: "全部基本支出", amount: "1800.50" }, { name: "就业服务项目", link: { figure: "project", projectId: Number(r.ids.p) } }] }] } },
        })
      ).version;
      d = computeDisclosure(await loadBudgetInput(tx, ref.budgetId));
      expect(d.checks.filter((c) => c.id === "BUD-C017")).toEqual([]);
      await preparer.editing.updateLineItem({ budgetId: ref.budgetId, version: v, lineItemId: lineA, item: basicLine("1600.00") });
      d = computeDisclosure(await loadBudgetInput(tx, ref.budgetId));
      expect(d.checks.filter((c) => c.id === "BUD-C017")).toHaveLength(1);
    });
  });

  it("deletes a project with its lines, procurement items, targets and linked tasks", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = callerFor(tx, preparerUser);
      const ref = await copiedDraft(preparer);
      const input = await loadBudgetInput(tx, ref.budgetId);
      const project = input.projects.find((p) => input.lineItems.some((l) => l.projectId === p.id))!;
      const r = await preparer.editing.deleteProject({ ...ref, projectId: Number(project.id) });
      expect(r.version).toBe(ref.version + 1);
      const after = await loadBudgetInput(tx, ref.budgetId);
      expect(after.projects.some((p) => p.id === project.id)).toBe(false);
      expect(after.lineItems.some((l) => l.projectId === project.id)).toBe(false);
      expect(after.targets.some((x) => x.projectId === project.id)).toBe(false);
      const [audit] = await tx.select().from(s.auditLog).where(eq(s.auditLog.budgetId, ref.budgetId)).orderBy(s.auditLog.id).offset((await auditCount(tx, ref.budgetId)) - 1);
      expect(audit).toMatchObject({ action: "project.delete" });
    });
  });
});

describe("replaceContent", () => {
  it("replaces the whole content of a draft in one write, 5,000 lines included", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = callerFor(tx, preparerUser);
      const ref = await copiedDraft(preparer);
      const source = await loadBudgetInput(tx, ref.budgetId);
      const audits = await auditCount(tx, ref.budgetId);
      const basic = source.lineItems.filter((l) => l.kind !== "project");
      const many = Array.from({ length: 5000 }, (_, i) => ({ ...basic[i % basic.length]!, id: `n${i}`, amount: `${(i % 97) + 1}.25` }));
      const lines = [...many, ...source.lineItems.filter((l) => l.kind === "project")];
      const started = performance.now();
      const r = await replaceContent(tx, preparerUser, ref, { ...source, lineItems: lines, narrative: { ...source.narrative, overview: "导入" } });
      const ms = performance.now() - started;
      console.info(`replaceContent: ${lines.length} lines in ${ms.toFixed(0)} ms on ${t.name}`);
      expect(r.version).toBe(ref.version + 1);
      expect(await auditCount(tx, ref.budgetId)).toBe(audits + 1);
      const after = await loadBudgetInput(tx, ref.budgetId);
      expect(after.lineItems).toHaveLength(lines.length);
      expect(after.projects.map((p) => p.name)).toEqual(source.projects.map((p) => p.name));
      expect(after.targets).toHaveLength(source.targets.length);
      const sum = (xs: { amount: string }[]) => xs.reduce((a, x) => a.plus(new Decimal(x.amount)), new Decimal(0)).toFixed(2);
      expect(sum(after.lineItems)).toBe(sum(lines));
      // Project ids of the input map to the new rows.
      for (const p of source.projects) expect(after.projects.some((q) => q.id === String(r.ids[p.id]))).toBe(true);

      // One bad row anywhere: refused with its row, nothing replaced.
      const bad = [...lines];
      bad[4321] = { ...bad[4321]!, economicCode: "30098" };
      const error = await replaceContent(tx, preparerUser, { budgetId: r.budgetId, version: r.version }, { ...source, lineItems: bad }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: "支出明细第 4322 行：部门预算经济分类科目“30098”不是 2025 年度科目表中的款级科目" });
      expect((await loadBudgetInput(tx, ref.budgetId)).lineItems).toHaveLength(lines.length);
    });
  });
});
