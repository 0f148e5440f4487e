import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { flattenColumns, parseCsv } from "../src/lib/export/csv";
import { leafColumns } from "../src/lib/budget/columns";
import { sheetName } from "../src/lib/export/xlsx";
import type { OpenDisclosure } from "../src/lib/export/json";

const UNIT = "/budgets/2024/023002";
const UNIT_NAME = "沈阳市和平区人力资源和社会保障事务服务中心";
const DEPT_NAME = "沈阳市和平区人力资源和社会保障局";

/** The texts of a rendered table's body cells, row by row. */
async function bodyCells(page: Page, tableName: string): Promise<string[][]> {
  const table = page.getByRole("table", { name: tableName, exact: true });
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").trim())),
  );
}

test("home → year → department → unit, with the reference figures", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "部门预算公开" })).toBeVisible();
  await page.getByRole("link", { name: "2024 年", exact: true }).click();
  await expect(page).toHaveURL(/\/budgets\/2024$/);
  await expect(page.getByRole("heading", { level: 1, name: "2024 年部门预算" })).toBeVisible();

  await page.getByRole("table", { name: /各主管部门/ }).getByRole("link", { name: DEPT_NAME, exact: true }).click();
  await expect(page).toHaveURL(/\/budgets\/2024\/departments\/023$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DEPT_NAME} 2024 年部门预算`);
  // The consolidation lists its units and carries the same 17 tables.
  await expect(page.getByRole("table", { name: /所属预算单位/ }).getByRole("row")).toHaveCount(5);
  await expect(page.getByRole("table", { name: "表17 部门预算项目（政策）绩效目标表：网络租赁费" })).toBeVisible();

  await page.getByRole("table", { name: /所属预算单位/ }).getByRole("link", { name: UNIT_NAME }).click();
  await expect(page).toHaveURL(new RegExp(`${UNIT}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${UNIT_NAME} 2024 年部门预算`);

  const t1 = page.getByRole("table", { name: "表1 收支预算总表", exact: true });
  await expect(t1).toContainText("5,114.04");
  await expect(t1.getByRole("columnheader", { name: "收入" })).toHaveAttribute("scope", "colgroup");
  await expect(page.locator("#part-3")).toContainText("减少 319.13");
  // The seed's order: 概况, the tables, 情况说明, 名词解释.
  const parts = await page.locator(".doc-part > h2").allTextContents();
  expect(parts.map((p) => p.slice(0, 4))).toEqual(["第一部分", "第二部分", "第三部分", "第四部分"]);
  await expect(page.locator("#duties li").first()).toContainText("（一）负责全区劳动就业");
  await expect(page.locator("#departments")).toContainText("人员编制 8 名，部长 1 名。");
  // Contents anchors lead to the tables.
  await page.getByRole("navigation", { name: "目 录" }).getByRole("link", { name: "表7. 一般公共预算“三公”经费支出情况表" }).click();
  await expect(page).toHaveURL(/#table-7$/);
  await expect(page.locator("#table-7")).toContainText("备注：如此表为空表");
  // Year over year: a chart with a text alternative and its data.
  await expect(page.getByRole("img", { name: /历年收支总预算/ })).toBeVisible();
});

test("search by name or code works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("按单位名称或编码搜索").fill("事务服务");
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  // One link per published year of the unit (another spec may have published a later year).
  await expect(page.getByRole("link", { name: UNIT_NAME }).first()).toBeVisible();
  await page.goto("/search?q=023902");
  // One result per published (unit, year), newest first: 2025 is there, the 2026 draft is not.
  await expect(page.getByRole("row").filter({ hasText: "023902" }).first()).toContainText("2025 年");
  await expect(page.getByRole("table", { name: /搜索结果/ })).not.toContainText("2026");
  await context.close();
});

test("the xlsx download opens and matches the JSON", async ({ page, request }) => {
  await page.goto(UNIT);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /下载 Excel/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^2024-023002.*\.xlsx$/);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as never);

  const doc = (await (await request.get("/api/open/v1/budgets/2024/023002")).json()) as OpenDisclosure;
  const t3 = doc.tables[2]!;
  const ws = wb.getWorksheet(sheetName(t3))!;
  expect(ws).toBeTruthy();
  const leaves = leafColumns(t3.columns);
  const top = 5; // title, 单位名称, two header rows
  t3.rows.forEach((row, i) => {
    leaves.forEach((c, j) => {
      const value = ws.getCell(top + i, j + 1).value;
      const expected = row.cells[c.key];
      if (c.type === "amount") expect(value === null ? null : (value as number).toFixed(2)).toBe(expected ?? null);
      else expect(value ?? null).toBe(expected ?? null);
    });
  });
  expect(wb.getWorksheet("表1 收支预算总表")).toBeTruthy();
});

test("a table's CSV matches the page", async ({ page, request }) => {
  await page.goto(UNIT);
  const href = await page.getByRole("link", { name: "下载表3 CSV" }).getAttribute("href");
  expect(href).toBe("/api/open/v1/budgets/2024/023002/tables/3.csv");
  const res = await request.get(href!);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await res.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString("utf8"));
  const doc = (await (await request.get("/api/open/v1/budgets/2024/023002")).json()) as OpenDisclosure;
  expect(rows[0]).toEqual(flattenColumns(doc.tables[2]!.columns).map((c) => c.label));
  const shown = await bodyCells(page, "表3 支出预算总表");
  // The page prints separators; the CSV carries the plain figure.
  expect(rows.slice(1)).toEqual(shown.map((r) => r.map((c) => c.replace(/,/g, ""))));
});

test("an unpublished budget answers 404 on every page and endpoint", async ({ page, request }) => {
  // 023901's 2026 budget is a draft (src/lib/sample/fictional.ts); 031001's is approved, not published.
  for (const path of [
    "/budgets/2026/023901",
    "/budgets/2026/031001",
    "/budgets/2025/031902",
    // A year with nothing published (2026 may be published by the budget-content spec).
    "/budgets/2030",
    "/budgets/2030/departments/023",
    "/budgets/2024/023002?revision=2",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("未找到已公开的预算");
  }
  for (const path of [
    "/api/open/v1/budgets/2026/023901",
    "/api/open/v1/budgets/2026/023901.xlsx",
    "/api/open/v1/budgets/2026/023901/tables/1.csv",
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect((await res.json()).error).toMatch(/未找到/);
  }
  // The 2026 index lists no unpublished budget (another spec may publish 023002's 2026).
  const index = (await (await request.get("/api/open/v1/budgets?year=2026")).json()) as { budgets: { unit: { code: string } }[] };
  const listed = index.budgets.map((b) => b.unit.code);
  for (const code of ["023901", "023001", "023902", "031001"]) expect(listed).not.toContain(code);
  // The published first revision is there, with or without ?revision=1.
  expect((await page.goto("/budgets/2024/023002?revision=1"))?.status()).toBe(200);
});

test("the open API sends CORS, ETag and answers 304", async ({ request }) => {
  const first = await request.get("/api/open/v1/budgets/2024/023002");
  expect(first.headers()["access-control-allow-origin"]).toBe("*");
  expect(first.headers()["cache-control"]).toContain("max-age=300");
  const etag = first.headers()["etag"]!;
  const again = await request.get("/api/open/v1/budgets/2024/023002", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
});

test("the print stylesheet gives an A4 document", async ({ page }) => {
  await page.goto(UNIT);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("body > header")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "当前位置" })).toBeHidden();
  await expect(page.getByRole("link", { name: /下载 Excel/ })).toBeHidden();
  await expect(page.getByRole("link", { name: "下载表3 CSV" })).toBeHidden();
  await expect(page.locator("#year-over-year")).toBeHidden();
  await expect(page.getByRole("table", { name: "表3 支出预算总表" })).toBeVisible();
  const style = await page.locator("#table-3").evaluate((el) => ({
    thead: getComputedStyle(el.querySelector("thead")!).display,
    breakBefore: getComputedStyle(el).breakBefore,
    sticky: getComputedStyle(el.querySelector("tbody td")!).position,
  }));
  expect(style).toEqual({ thead: "table-header-group", breakBefore: "page", sticky: "static" });
  const wide = await page.locator("#table-10").evaluate((el) => getComputedStyle(el).page);
  expect(wide).toBe("landscape");
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test("on a phone the tables scroll sideways with code and name in view", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${UNIT}#table-10`);
  const frame = page.locator("#table-10 .table-scroll");
  const size = await frame.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  expect(size.overflow).toBe("auto");
  expect(size.scroll).toBeGreaterThan(size.client);
  await frame.evaluate((el) => el.scrollBy(400, 0));
  const code = page.getByRole("table", { name: "表10 支出功能分类预算表" }).locator("tbody tr").nth(1).locator("td").first();
  await expect(code).toHaveCSS("position", "sticky");
  const box = await code.boundingBox();
  const frameBox = await frame.boundingBox();
  expect(Math.abs(box!.x - frameBox!.x)).toBeLessThan(2);
  // Keyboard users can reach and scroll the frame.
  await expect(frame).toHaveAttribute("tabindex", "0");
  await context.close();
});

test("keyboard focus is visible", async ({ page }) => {
  await page.goto(UNIT);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe("solid");
});
