/**
 * Organisations against a real database: the CSV import applies the whole file or nothing and
 * names the row and column of each refusal; a rename leaves published snapshots as they were; a
 * unit moved from a year is seen by its new department's reviewer from that year only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, rolledBack, sessionUserOf, unitIdOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import { queryRows, type DbOrTx } from "@/server/db/client";
import * as s from "@/server/db/schema";
import { handleAdminCsv } from "@/server/admin/csv-http";
import { exportOrganisationsCsv, importOrganisationsCsv } from "@/server/services/organisations";
import { parseCsv } from "@/lib/export/csv";
import { unitView } from "@/server/public/views";
import { directData } from "@/server/public/data";

let t: TestDatabase;
const resource = { filename: "organisations.csv", exportCsv: exportOrganisationsCsv, importCsv: importOrganisationsCsv };
const HEADER = "编码,名称,简称,类型,上级编码";

async function put(db: DbOrTx, username: string | null, body: string) {
  const user = username === null ? null : await sessionUserOf(db, username);
  const res = await handleAdminCsv(db, user, new Request("http://t/api/admin/v1/organisations.csv", { method: "PUT", body }), resource);
  return { status: res.status, body: (await res.json()) as { errors?: { row: number; column: string; message: string }[]; created?: number; updated?: number } };
}

const orgCount = async (db: DbOrTx) => Number((await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM organisations`))[0]?.n);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => t?.close());

describe("organisations CSV", () => {
  it("exports every organisation with its type and parent code", async () => {
    const res = await handleAdminCsv(t.db, await sessionUserOf(t.db, "admin"), new Request("http://t/x"), resource);
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(["编码", "名称", "简称", "类型", "上级编码"]);
    expect(rows).toContainEqual(["023", "沈阳市和平区人力资源和社会保障局", "", "主管部门", "210102000"]);
    expect(rows.find((r) => r[0] === "023002")?.[4]).toBe("023");
  });

  it("imports a new department with a 行政单位 under it in one file, and reports the counts", async () => {
    await rolledBack(t.db, async (tx) => {
      const r = await put(tx, "admin", `${HEADER}\n"777","测试局（虚构）","","主管部门","210102000"\n"777001","测试中心（虚构）","测试中心","行政单位","777"\n"023","沈阳市和平区人力资源和社会保障局","","主管部门","210102000"\n`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ created: 2, updated: 0, unchanged: 1 });
      const [unit] = await tx.select().from(s.organisations).where(eq(s.organisations.code, "777001"));
      expect(unit?.unitType).toBe("admin");
      expect(unit?.shortName).toBe("测试中心");
    });
  });

  const cases: { name: string; body: string; row: number; column: string; message: RegExp }[] = [
    { name: "a duplicate code", body: `${HEADER}\n"778","甲局","","主管部门","210102000"\n"778","乙局","","主管部门","210102000"\n`, row: 3, column: "编码", message: /重复/ },
    { name: "an unknown parent", body: `${HEADER}\n"779001","丙中心","","事业单位","999"\n`, row: 2, column: "上级编码", message: /不存在/ },
    { name: "a bad type", body: `${HEADER}\n"780","丁局","","局","210102000"\n`, row: 2, column: "类型", message: /无效/ },
    { name: "a unit under a region", body: `${HEADER}\n"781001","戊中心","","事业单位","210102000"\n`, row: 2, column: "上级编码", message: /主管部门/ },
    { name: "a known unit given another parent", body: `${HEADER}\n"023002","沈阳市和平区人力资源和社会保障事务服务中心","","事业单位","031"\n`, row: 2, column: "上级编码", message: /按年度/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} with 422, its row and column, and changes nothing`, async () => {
      const before = await orgCount(t.db);
      // A good row first: it must not be applied either.
      const body = c.body.replace(`${HEADER}\n`, `${HEADER}\n"790","好的局（虚构）","","主管部门","210102000"\n`);
      const r = await put(t.db, "admin", body);
      expect(r.status).toBe(422);
      const e = r.body.errors?.find((x) => x.column === c.column);
      expect(e).toBeDefined();
      expect(e?.row).toBe(c.row + 1);
      expect(e?.message).toMatch(c.message);
      expect(await orgCount(t.db)).toBe(before);
      expect(await t.db.select().from(s.organisations).where(eq(s.organisations.code, "790"))).toEqual([]);
    });
  }

  it("answers 401 without a session and 403 to any role but the admin", async () => {
    expect((await put(t.db, null, HEADER)).status).toBe(401);
    expect((await put(t.db, "reviewer", HEADER)).status).toBe(403);
    expect((await put(t.db, "preparer", HEADER)).status).toBe(403);
  });
});

describe("renaming and moving", () => {
  it("a rename leaves the published disclosure under the old name", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      const id = await unitIdOf(tx, "023002");
      const [before] = await tx.select({ name: s.organisations.name }).from(s.organisations).where(eq(s.organisations.id, id));
      await admin.admin.updateOrganisation({ id, name: "沈阳市和平区人社事务服务中心（改名测试）" });
      const view = await unitView(directData(tx), 2024, "023002");
      expect(view?.disclosure.unit.name).toBe(before?.name);
      const [audit] = await tx.select().from(s.auditLog).where(and(eq(s.auditLog.action, "organisation.rename"), eq(s.auditLog.entityId, String(id))));
      expect(audit?.before).toMatchObject({ name: before?.name });
    });
  });

  it("a unit moved from a year is seen by the new department from that year and by the old one before it", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      const unitId = await unitIdOf(tx, "023002");
      const dept031 = await unitIdOf(tx, "031");
      await admin.admin.moveUnit({ unitId, departmentId: dept031, fromYear: 2025 });
      // 2025 draft created by the preparer after the move.
      const preparer = await callerOf(tx, "preparer");
      await preparer.budgets.create({ year: 2025, from: "prior" });
      const yearsSeenBy = async (who: string) =>
        new Set((await (await callerOf(tx, who)).budgets.list()).filter((b) => b.unitCode === "023002").map((b) => b.year));
      expect([...(await yearsSeenBy("reviewer2"))]).toEqual([2025]);
      expect((await yearsSeenBy("reviewer")).has(2025)).toBe(false);
      expect((await yearsSeenBy("reviewer")).has(2024)).toBe(true);
      const list = await (await callerOf(tx, "reviewer2")).budgets.list();
      expect(list.find((b) => b.unitCode === "023002")?.departmentCode).toBe("031");
    });
  });

  it("a deactivated unit cannot start a new budget", async () => {
    await rolledBack(t.db, async (tx) => {
      const admin = await callerOf(tx, "admin");
      await admin.admin.setOrganisationActive({ id: await unitIdOf(tx, "023002"), active: false });
      const preparer = await callerOf(tx, "preparer");
      await expect(preparer.budgets.create({ year: 2025, from: "blank" })).rejects.toThrow("已停用");
    });
  });
});
