/**
 * The open-data API against a real database (PGlite in memory, or a throwaway database on the
 * server named by DATABASE_URL): only published snapshots are visible; JSON, CSV and xlsx agree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { directData, type PublicData } from "@/server/public/data";
import {
  handleDepartment,
  handleDepartmentCsv,
  handleIndex,
  handleOptions,
  handleUnit,
  handleUnitCsv,
} from "@/server/public/open-api";
import { parseCsv, flattenColumns } from "@/lib/export/csv";
import { sheetName } from "@/lib/export/xlsx";
import { leafColumns } from "@/lib/budget";
import type { OpenDisclosure } from "@/lib/export/json";

const ORIGIN = "http://open.test";
let t: TestDatabase;
let data: PublicData;

const get = (path: string, headers: Record<string, string> = {}) => new Request(`${ORIGIN}${path}`, { headers });

async function unitJson(year: string, unit: string): Promise<OpenDisclosure> {
  const res = await handleUnit(data, get(`/api/open/v1/budgets/${year}/${unit}`), { year, unit });
  expect(res.status).toBe(200);
  return (await res.json()) as OpenDisclosure;
}

/** Unpublished sample budgets, by status, as seeded (src/lib/sample/fictional.ts). */
const UNPUBLISHED = [
  { year: "2026", unit: "023901", status: "draft" },
  { year: "2026", unit: "023001", status: "submitted" },
  { year: "2026", unit: "023902", status: "returned" },
  { year: "2026", unit: "031001", status: "approved" },
  { year: "2025", unit: "031902", status: "approved" },
] as const;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  data = directData(t.db);
});
afterAll(async () => t?.close());

describe("the seed's statuses are what these tests assume", () => {
  it.each(UNPUBLISHED)("$unit $year is $status", async ({ year, unit, status }) => {
    const [row] = await t.db
      .select({ status: s.budgets.status })
      .from(s.budgets)
      .innerJoin(s.organisations, eq(s.organisations.id, s.budgets.unitId))
      .where(and(eq(s.organisations.code, unit), eq(s.budgets.year, Number(year))));
    expect(row?.status).toBe(status);
  });
});

describe("GET /api/open/v1/budgets/2024/023002", () => {
  it("has table 1 with 5114.04 and the explanation's 减少 319.13", async () => {
    const doc = await unitJson("2024", "023002");
    expect(doc.unit).toMatchObject({ code: "023002", name: "沈阳市和平区人力资源和社会保障事务服务中心" });
    expect(doc.unit.department.code).toBe("023");
    expect(doc).toMatchObject({ year: 2024, revision: 1, status: "published", amountUnit: "万元" });
    expect(doc.htmlUrl).toBe(`${ORIGIN}/budgets/2024/023002`);
    expect(doc.tables).toHaveLength(17);
    const t1 = doc.tables[0]!;
    expect(t1).toMatchObject({ number: 1, title: "收支预算总表", unit: "万元" });
    const totalRow = t1.rows.find((r) => r.cells.income_item === "收 入 总 计" || r.level === "total");
    expect(totalRow?.cells.income_amount).toBe("5114.04");
    expect(totalRow?.cells.expenditure_amount).toBe("5114.04");
    const text = JSON.stringify(doc.explanation.sections);
    expect(text).toContain("减少 319.13");
    expect(doc.checks.filter((c) => c.severity === "error")).toEqual([]);
  });

  it("keeps amounts as decimal strings with the codes before the names", async () => {
    const doc = await unitJson("2024", "023002");
    const t3 = doc.tables[2]!;
    const keys = leafColumns(t3.columns).map((c) => c.key);
    expect(keys.slice(0, 2)).toEqual(["code", "name"]);
    const row = t3.rows.find((r) => r.code === "2080150");
    expect(row?.cells).toMatchObject({ code: "2080150", name: "事业运行", total: "607.03", basic_personnel: "481.94" });
    for (const r of t3.rows) for (const v of Object.values(r.cells)) expect(v === null || typeof v === "string").toBe(true);
  });

  it("answers CORS preflight and carries CORS, ETag and Cache-Control", async () => {
    const pre = handleOptions();
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
    const res = await handleUnit(data, get("/api/open/v1/budgets/2024/023002"), { year: "2024", unit: "023002" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toMatch(/public, max-age=300, stale-while-revalidate/);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("etag")).toBeTruthy();
  });

  it("answers 304 to a matching If-None-Match, for JSON, xlsx, CSV and the index", async () => {
    const cases: [string, (h: Record<string, string>) => Promise<Response>][] = [
      ["json", (h) => handleUnit(data, get("/api/open/v1/budgets/2024/023002", h), { year: "2024", unit: "023002" })],
      ["xlsx", (h) => handleUnit(data, get("/api/open/v1/budgets/2024/023002.xlsx", h), { year: "2024", unit: "023002.xlsx" })],
      ["csv", (h) => handleUnitCsv(data, get("/api/open/v1/budgets/2024/023002/tables/3.csv", h), { year: "2024", unit: "023002", table: "3.csv" })],
      ["index", (h) => handleIndex(data, get("/api/open/v1/budgets?year=2024", h))],
    ];
    const etags = new Set<string>();
    for (const [, call] of cases) {
      const first = await call({});
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^W\/".+"$/);
      etags.add(etag);
      const again = await call({ "If-None-Match": etag });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("access-control-allow-origin")).toBe("*");
      expect(await again.text()).toBe("");
      const other = await call({ "If-None-Match": 'W/"something-else"' });
      expect(other.status).toBe(200);
    }
    expect(etags.size).toBe(cases.length);
  });

  it("answers unknown years, units and tables with a 404 JSON error in Chinese", async () => {
    for (const [year, unit] of [
      ["2024", "999999"],
      ["1999", "023002"],
      ["20x4", "023002"],
      ["2024", "023002.pdf"],
    ] as const) {
      const res = await handleUnit(data, get(`/api/open/v1/budgets/${year}/${unit}`), { year, unit });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: string };
      expect(body.error).toMatch(/[\u4e00-\u9fff]/);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
    }
    const csv = await handleUnitCsv(data, get("/x"), { year: "2024", unit: "023002", table: "18.csv" });
    expect(csv.status).toBe(404);
    const bad = await handleIndex(data, get("/api/open/v1/budgets?year=abc"));
    expect(bad.status).toBe(400);
  });
});

describe("unpublished budgets do not exist for the public", () => {
  it.each(UNPUBLISHED)("$status $unit $year: 404 for JSON, xlsx and every CSV", async ({ year, unit }) => {
    const json = await handleUnit(data, get(`/api/open/v1/budgets/${year}/${unit}`), { year, unit });
    expect(json.status).toBe(404);
    const xlsx = await handleUnit(data, get(`/api/open/v1/budgets/${year}/${unit}.xlsx`), { year, unit: `${unit}.xlsx` });
    expect(xlsx.status).toBe(404);
    for (let n = 1; n <= 17; n++) {
      const csv = await handleUnitCsv(data, get(`/api/open/v1/budgets/${year}/${unit}/tables/${n}.csv`), { year, unit, table: `${n}.csv` });
      expect(csv.status).toBe(404);
    }
  });

  it("they are absent from every index, and 2026 has nothing public at all", async () => {
    const all = (await (await handleIndex(data, get("/api/open/v1/budgets"))).json()) as {
      budgets: { unit: { code: string }; year: number; total: string }[];
    };
    const published = await t.db.select({ id: s.budgets.id }).from(s.budgets).where(eq(s.budgets.status, "published"));
    expect(all.budgets.length).toBe(published.length);
    expect(all.budgets.length).toBe(24);
    for (const u of UNPUBLISHED) {
      expect(all.budgets.some((b) => b.unit.code === u.unit && b.year === Number(u.year))).toBe(false);
    }
    const y2026 = (await (await handleIndex(data, get("/api/open/v1/budgets?year=2026"))).json()) as { count: number };
    expect(y2026.count).toBe(0);
    const d031 = (await (await handleIndex(data, get("/api/open/v1/budgets?year=2025&department=031"))).json()) as {
      budgets: { unit: { code: string } }[];
    };
    expect(d031.budgets.map((b) => b.unit.code)).toEqual(["031001", "031901"]);
    const ref = all.budgets.find((b) => b.unit.code === "023002" && b.year === 2024);
    expect(ref?.total).toBe("51140400.00");
  });

  it("a department's consolidation sums only the published units", async () => {
    const res = await handleDepartment(data, get("/api/open/v1/departments/2025/031"), { year: "2025", department: "031" });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenDisclosure;
    expect(doc.units?.map((u) => u.code)).toEqual(["031001", "031901"]);
    const none = await handleDepartment(data, get("/api/open/v1/departments/2026/031"), { year: "2026", department: "031" });
    expect(none.status).toBe(404);
    const csv = await handleDepartmentCsv(data, get("/x"), { year: "2026", department: "023", table: "1.csv" });
    expect(csv.status).toBe(404);
  });
});

describe("downloads match the JSON", () => {
  it("CSV starts with a BOM and matches the JSON table", async () => {
    const doc = await unitJson("2024", "023002");
    for (const n of [1, 3, 6, 9, 17]) {
      const res = await handleUnitCsv(data, get(`/api/open/v1/budgets/2024/023002/tables/${n}.csv`), {
        year: "2024",
        unit: "023002",
        table: `${n}.csv`,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.csv"; filename\*=UTF-8''/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
      const table = doc.tables[n - 1]!;
      const columns = flattenColumns(table.columns);
      const offset = n === 17 ? 1 : 0;
      expect(rows[0]!.slice(offset)).toEqual(columns.map((c) => c.label));
      expect(rows.length - 1).toBe(table.rows.length);
      table.rows.forEach((r, i) => {
        expect(rows[i + 1]!.slice(offset)).toEqual(columns.map((c) => r.cells[c.key] ?? ""));
      });
    }
  });

  it("writes codes quoted and amounts without separators", async () => {
    const res = await handleUnitCsv(data, get("/x"), { year: "2024", unit: "023002", table: "3.csv" });
    const text = await res.text();
    expect(text).toContain('"2080150",事业运行,607.03,607.03,481.94,125.09,');
    expect(text.split("\r\n")[0]).toContain("基本支出/人员经费");
  });

  it("the xlsx reads back with exceljs, numbers and merged headers as the JSON says", async () => {
    const doc = await unitJson("2024", "023002");
    const res = await handleUnit(data, get("/api/open/v1/budgets/2024/023002.xlsx"), { year: "2024", unit: "023002.xlsx" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toContain("表1 收支预算总表");
    expect(wb.worksheets.length).toBe(20);

    const t3 = doc.tables[2]!;
    const ws = wb.getWorksheet(sheetName(t3))!;
    expect(ws.getCell(1, 1).value).toBe("支出预算总表");
    expect(String(ws.getCell(2, 1).value)).toContain("单位名称：沈阳市和平区人力资源和社会保障事务服务中心");
    // Header: 科目编码 | 科目名称 | 合计 | 基本支出 (merged over three) | 项目支出, then 小计 人员经费 公用经费.
    expect(ws.getCell(3, 1).value).toBe("科目编码");
    expect(ws.getCell(3, 4).value).toBe("基本支出");
    expect(ws.getCell(3, 5).isMerged).toBe(true);
    expect(ws.getCell(4, 5).value).toBe("人员经费");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4, xSplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1 });
    const leaves = leafColumns(t3.columns);
    t3.rows.forEach((row, i) => {
      leaves.forEach((c, j) => {
        const cell = ws.getCell(5 + i, j + 1);
        const v = row.cells[c.key];
        if (c.type === "amount") {
          if (v === null) expect(cell.value).toBeNull();
          else {
            expect(typeof cell.value).toBe("number");
            expect((cell.value as number).toFixed(2)).toBe(v);
            expect(cell.numFmt).toBe("#,##0.00");
          }
        } else expect(cell.value ?? null).toBe(v ?? null);
      });
    });
    // 表17's forms are there too.
    const t17 = wb.getWorksheet(sheetName(doc.tables[16]!))!;
    expect(t17.getCell(3, 1).value).toBe("项目(政策)名称");
    expect(t17.getCell(3, 2).value).toBe("网络租赁费");
  });
});

describe("corrections", () => {
  it("a published correction becomes the current revision; the old one stays reachable", async () => {
    const [unit] = await t.db.select().from(s.organisations).where(eq(s.organisations.code, "023901"));
    const [old] = await t.db.select().from(s.publishedSnapshots).where(and(eq(s.publishedSnapshots.unitId, unit!.id), eq(s.publishedSnapshots.year, 2023)));
    const [budget] = await t.db
      .insert(s.budgets)
      .values({ unitId: unit!.id, year: 2023, revision: 2, status: "published", correctionNote: "更正表9项目名称的错字。" })
      .returning({ id: s.budgets.id });
    const input = { ...(old!.input as Record<string, unknown>), revision: 2 };
    await t.db.insert(s.publishedSnapshots).values({
      budgetId: budget!.id,
      unitId: unit!.id,
      year: 2023,
      revision: 2,
      correctionNote: "更正表9项目名称的错字。",
      total: old!.total,
      input,
      // A lean snapshot names its shared parts, prior year and line sums (0018): the same as the first revision's.
      catalogsHash: old!.catalogsHash,
      glossaryHash: old!.glossaryHash,
      priorSnapshotId: old!.priorSnapshotId,
      basicTotal: old!.basicTotal,
      projectTotal: old!.projectTotal,
      baselineTotal: old!.baselineTotal,
      publishedAt: new Date("2023-03-01T02:00:00Z"),
    });
    const doc = await unitJson("2023", "023901");
    expect(doc).toMatchObject({ revision: 2, status: "published", correctionNote: "更正表9项目名称的错字。" });
    expect(doc.revisions.map((r) => r.revision)).toEqual([2, 1]);
    const res = await handleUnit(data, get("/api/open/v1/budgets/2023/023901?revision=1"), { year: "2023", unit: "023901" });
    const first = (await res.json()) as OpenDisclosure;
    expect(first).toMatchObject({ revision: 1, status: "superseded" });
    expect(first.htmlUrl).toBe(`${ORIGIN}/budgets/2023/023901?revision=1`);
    const missing = await handleUnit(data, get("/api/open/v1/budgets/2023/023901?revision=3"), { year: "2023", unit: "023901" });
    expect(missing.status).toBe(404);
    const index = (await (await handleIndex(data, get("/api/open/v1/budgets?year=2023"))).json()) as {
      budgets: { unit: { code: string }; revision: number }[];
    };
    expect(index.budgets.filter((b) => b.unit.code === "023901").map((b) => b.revision)).toEqual([2]);
  });
});
