/**
 * Catalogues against a real database: every CSV import applies the whole file or nothing, with
 * the row and column of each refusal (a duplicate code, an unknown parent, a retired code in use,
 * a bad type); retired codes are refused for new lines; the crosswalk aligns year-over-year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, rolledBack, sessionUserOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import { queryRows, type DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import { catalogueCsvResource, handleAdminCsv } from "@/server/admin/csv-http";
import { loadBudgetInput } from "@/server/queries/budget-input";
import { computeDisclosure } from "@/lib/budget";
import { parseCsv } from "@/lib/export/csv";

let t: TestDatabase;

async function call(db: DbOrTx, username: string | null, path: string, method: "GET" | "PUT", body?: string) {
  const [, year, file] = /^(\d+)\/(.+)$/.exec(path) ?? [];
  const user = username === null ? null : await sessionUserOf(db, username);
  const res = await handleAdminCsv(db, user, new Request(`http://t/api/admin/v1/catalogues/${path}`, { method, body }), catalogueCsvResource(year ?? "", file ?? ""));
  return res;
}

/** A checksum of the year's catalogue tables: nothing changed when it is equal. */
async function fingerprint(db: DbOrTx): Promise<string> {
  const rows = await queryRows<{ f: string }>(
    db,
    sql`SELECT md5(string_agg(x, '|' ORDER BY x)) AS f FROM (
      SELECT 'f' || code || name || retired::text AS x FROM function_codes WHERE year = 2025
      UNION ALL SELECT 'd' || code || name || retired::text FROM dept_economic_codes WHERE year = 2025
      UNION ALL SELECT 'g' || code || name || retired::text FROM gov_economic_codes WHERE year = 2025
      UNION ALL SELECT 'm' || unit_type || dept_code || gov_code FROM economic_mappings WHERE year = 2025
      UNION ALL SELECT 's' || code || name || fiscal::text || retired::text FROM funding_sources WHERE year = 2025
      UNION ALL SELECT 'p' || code || name || retired::text FROM purchased_service_codes WHERE year = 2025) q`,
  );
  return rows[0]?.f ?? "";
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  // A retired function 项, a retired gov 款 and a purchased-service parent for the cases below.
  await t.db.update(s.functionCodes).set({ retired: true }).where(and(eq(s.functionCodes.year, 2025), eq(s.functionCodes.code, "2080505")));
  await t.db.insert(s.purchasedServiceCodes).values([
    { year: 2025, code: "A", name: "基本公共服务" },
    { year: 2025, code: "A02", name: "就业服务", parentCode: "A" },
    { year: 2025, code: "B", name: "已停用目录", retired: true },
  ]);
});
afterAll(async () => t?.close());

interface Case {
  catalogue: string;
  what: string;
  body: string;
  row: number;
  column: string;
}

const H = { code: "编码,名称,上级编码,状态", mapping: "单位类型,部门经济分类编码,政府经济分类编码", sources: "编码,名称,财政拨款,排序,状态" };
const GOOD = {
  function: `"2100199","测试项（虚构）","21001","在用"`,
  "dept-economic": `"30199","测试款（虚构）","301","在用"`,
  "gov-economic": `"50199","测试款（虚构）","501","在用"`,
  "purchased-services": `"A0299","测试目录（虚构）","A02","在用"`,
  "economic-mapping": `"行政单位","30101","50101"`,
  "funding-sources": `"gpb","一般公共预算（测试）","是","1","在用"`,
} as const;
const HEADERS = { function: H.code, "dept-economic": H.code, "gov-economic": H.code, "purchased-services": H.code, "economic-mapping": H.mapping, "funding-sources": H.sources } as const;

const CASES: Case[] = [
  { catalogue: "function", what: "a duplicate code", body: `"2100198","甲","21001","在用"\n"2100198","乙","21001","在用"`, row: 4, column: "编码" },
  { catalogue: "function", what: "an unknown parent", body: `"2999901","甲","29999","在用"`, row: 3, column: "上级编码" },
  { catalogue: "function", what: "a retired code in use (a child under it)", body: `"20805","行政事业单位养老支出","208","停用"`, row: 3, column: "状态" },
  { catalogue: "function", what: "a bad type (a 4-digit code)", body: `"2100","甲","","在用"`, row: 3, column: "编码" },
  { catalogue: "dept-economic", what: "a duplicate code", body: `"30198","甲","301","在用"\n"30198","乙","301","在用"`, row: 4, column: "编码" },
  { catalogue: "dept-economic", what: "an unknown parent", body: `"38801","甲","388","在用"`, row: 3, column: "上级编码" },
  { catalogue: "dept-economic", what: "a retired code in use (a child under it)", body: `"301","工资福利支出","","停用"`, row: 3, column: "状态" },
  { catalogue: "dept-economic", what: "a bad type (a bad state)", body: `"30198","甲","301","作废"`, row: 3, column: "状态" },
  { catalogue: "gov-economic", what: "a duplicate code", body: `"50198","甲","501","在用"\n"50198","乙","501","在用"`, row: 4, column: "编码" },
  { catalogue: "gov-economic", what: "an unknown parent", body: `"58801","甲","588","在用"`, row: 3, column: "上级编码" },
  { catalogue: "gov-economic", what: "a retired code in use (a child under it)", body: `"501","机关工资福利支出","","停用"`, row: 3, column: "状态" },
  { catalogue: "gov-economic", what: "a bad type (letters in the code)", body: `"5A101","甲","501","在用"`, row: 3, column: "编码" },
  { catalogue: "purchased-services", what: "a duplicate code", body: `"A0298","甲","A02","在用"\n"A0298","乙","A02","在用"`, row: 4, column: "编码" },
  { catalogue: "purchased-services", what: "an unknown parent", body: `"C0101","甲","C01","在用"`, row: 3, column: "上级编码" },
  { catalogue: "purchased-services", what: "a retired code in use (an active code under a retired one)", body: `"B01","甲","B","在用"`, row: 3, column: "上级编码" },
  { catalogue: "purchased-services", what: "a bad type (a lower-case code)", body: `"a0201","甲","A02","在用"`, row: 3, column: "编码" },
  { catalogue: "economic-mapping", what: "a duplicate code", body: `"事业单位","30101","50501"\n"事业单位","30101","50501"`, row: 4, column: "部门经济分类编码" },
  { catalogue: "economic-mapping", what: "an unknown parent (an unknown department code)", body: `"事业单位","38888","50501"`, row: 3, column: "部门经济分类编码" },
  { catalogue: "economic-mapping", what: "a retired code in use", body: `"事业单位","30101","RETIRED"`, row: 3, column: "政府经济分类编码" },
  { catalogue: "economic-mapping", what: "a bad type", body: `"企业","30101","50501"`, row: 3, column: "单位类型" },
  { catalogue: "funding-sources", what: "a duplicate code", body: `"gf","甲","是","2","在用"\n"gf","乙","是","2","在用"`, row: 4, column: "编码" },
  { catalogue: "funding-sources", what: "an unknown code", body: `"lottery","彩票公益金","是","10","在用"`, row: 3, column: "编码" },
  { catalogue: "funding-sources", what: "a bad type", body: `"gf","政府性基金预算","可能","2","在用"`, row: 3, column: "财政拨款" },
];

describe("catalogue CSV", () => {
  it("exports each catalogue of a year with its header", async () => {
    for (const [catalogue, header] of Object.entries(HEADERS)) {
      const res = await call(t.db, "admin", `2025/${catalogue}.csv`, "GET");
      expect(res.status).toBe(200);
      const rows = parseCsv(await res.text());
      expect(rows[0]?.join(",")).toBe(header);
      if (catalogue !== "purchased-services") expect(rows.length).toBeGreaterThan(2);
    }
    const f = parseCsv(await (await call(t.db, "admin", "2025/function.csv", "GET")).text());
    expect(f).toContainEqual(["2080505", "机关事业单位基本养老保险缴费支出", "20805", "停用"]);
  });

  it("imports good files with counts, and a re-export reads them back", async () => {
    await rolledBack(t.db, async (tx) => {
      for (const [catalogue, line] of Object.entries(GOOD)) {
        const res = await call(tx, "admin", `2025/${catalogue}.csv`, "PUT", `${HEADERS[catalogue as keyof typeof HEADERS]}\n${line}\n`);
        expect(res.status, catalogue).toBe(200);
        const counts = (await res.json()) as Record<string, number>;
        expect((counts.created ?? 0) + (counts.updated ?? 0) + (counts.unchanged ?? 0)).toBe(1);
      }
      const f = parseCsv(await (await call(tx, "admin", "2025/function.csv", "GET")).text());
      expect(f).toContainEqual(["2100199", "测试项（虚构）", "21001", "在用"]);
    });
  });

  for (const c of CASES) {
    it(`${c.catalogue}: refuses ${c.what} with 422 at row ${c.row}, column ${c.column}, changing nothing`, async () => {
      // Retired gov code for the mapping case.
      const retiredGov = "50103";
      await t.db.update(s.govEconomicCodes).set({ retired: true }).where(and(eq(s.govEconomicCodes.year, 2025), eq(s.govEconomicCodes.code, retiredGov)));
      try {
        const before = await fingerprint(t.db);
        const header = HEADERS[c.catalogue as keyof typeof HEADERS];
        const good = GOOD[c.catalogue as keyof typeof GOOD];
        const res = await call(t.db, "admin", `2025/${c.catalogue}.csv`, "PUT", `${header}\n${good}\n${c.body.replace("RETIRED", retiredGov)}\n`);
        expect(res.status).toBe(422);
        const body = (await res.json()) as { errors: { row: number; column: string; message: string }[] };
        expect(body.errors).toContainEqual(expect.objectContaining({ row: c.row, column: c.column }));
        expect(body.errors.every((e) => typeof e.message === "string" && e.message.length > 0)).toBe(true);
        expect(await fingerprint(t.db)).toBe(before);
      } finally {
        await t.db.update(s.govEconomicCodes).set({ retired: false }).where(and(eq(s.govEconomicCodes.year, 2025), eq(s.govEconomicCodes.code, retiredGov)));
      }
    });
  }

  it("answers 401, 403 and 404 as it should", async () => {
    expect((await call(t.db, null, "2025/function.csv", "GET")).status).toBe(401);
    expect((await call(t.db, "reviewer", "2025/function.csv", "GET")).status).toBe(403);
    expect((await call(t.db, "preparer", "2025/function.csv", "PUT", H.code)).status).toBe(403);
    expect((await call(t.db, "admin", "2025/nonsense.csv", "GET")).status).toBe(404);
    expect((await call(t.db, "admin", "1999/function.csv", "GET")).status).toBe(404);
  });
});

describe("retiring and the crosswalk", () => {
  it("a retired code is refused for a new line and kept on the old ones", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = await callerOf(tx, "preparer");
      const created = await preparer.budgets.create({ year: 2025, from: "prior" });
      const detail = await preparer.budgets.get({ budgetId: created.budgetId });
      const line = detail.lineItems.find((l) => l.kind !== "project")!;
      const admin = await callerOf(tx, "admin");
      // 2100407 采供血机构 is not in the sample catalogue: its 款 first, then the 项.
      await expect(admin.admin.addCode({ year: 2025, catalogue: "function", code: "2100407", name: "采供血机构" })).rejects.toThrow("请先添加上级");
      await admin.admin.addCode({ year: 2025, catalogue: "function", code: "21004", name: "公共卫生" });
      await admin.admin.addCode({ year: 2025, catalogue: "function", code: "2100407", name: "采供血机构" });
      await admin.admin.changeCode({ year: 2025, catalogue: "function", code: line.functionCode, retired: true });
      const ref = { budgetId: created.budgetId, version: detail.budget.version };
      const item = { functionCode: line.functionCode, economicCode: line.economicCode, kind: line.kind, projectId: line.projectId, source: line.source as "gpb", period: line.period, amount: "100.00" };
      await expect(preparer.editing.addLineItem({ ...ref, item })).rejects.toThrow("已停用");
      const options = await preparer.budgets.formOptions({ budgetId: created.budgetId });
      expect(options.functions.map((f) => f.code)).not.toContain(line.functionCode);
      expect(options.functions.map((f) => f.code)).toContain("2100407");
      const after = await preparer.budgets.get({ budgetId: created.budgetId });
      expect(after.lineItems.some((l) => l.id === line.id)).toBe(true);
    });
  });

  it("the crosswalk counts the prior year's old code under this year's code", async () => {
    await rolledBack(t.db, async (tx) => {
      const preparer = await callerOf(tx, "preparer");
      const created = await preparer.budgets.create({ year: 2025, from: "prior" });
      const before = computeDisclosure(await loadBudgetInput(tx, created.budgetId)).yearOverYear;
      const item = before.functionItems.find((c) => c.code === "20805" && c.prior !== null && c.prior !== "0.00");
      expect(item).toBeDefined();
      // 2025 re-codes 20805 as 20899 (a fictional re-coding); the 2025 lines move to the new code.
      const admin = await callerOf(tx, "admin");
      await admin.admin.addCode({ year: 2025, catalogue: "function", code: "20899", name: "养老支出（新编码）" });
      for (const c of (await admin.admin.catalogue({ year: 2025, catalogue: "function" })).rows as { code: string; name: string }[]) {
        if (c.code.startsWith("20805") && c.code.length === 7) {
          await admin.admin.addCode({ year: 2025, catalogue: "function", code: `20899${c.code.slice(5)}`, name: c.name });
        }
      }
      await tx.execute(sql`UPDATE line_items SET function_code = '20899' || substr(function_code, 6) WHERE budget_id = ${created.budgetId} AND function_code LIKE '20805%'`);
      const unmapped = computeDisclosure(await loadBudgetInput(tx, created.budgetId)).yearOverYear;
      expect(unmapped.functionItems.find((c) => c.code === "20899")?.prior).toBe("0.00");
      await admin.admin.addCrosswalk({ catalogue: "function", fromYear: 2024, fromCode: "20805", toYear: 2025, toCode: "20899" });
      const mapped = computeDisclosure(await loadBudgetInput(tx, created.budgetId)).yearOverYear;
      expect(mapped.functionItems.find((c) => c.code === "20899")?.prior).toBe(item?.prior);
      expect(mapped.functionItems.find((c) => c.code === "20805")).toBeUndefined();
    });
  });
});
