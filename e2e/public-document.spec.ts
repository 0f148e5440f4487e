/**
 * The public disclosure as a document: the PDF download, accessibility of every public page (axe),
 * the print layout on A4 landscape, wide tables on a 1,440 px screen, table 1 and the home page's
 * figures on a phone. Reads the seed's published 2024 budget of 023002 only.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { PDFParse } from "pdf-parse";
import { expect, test, type Page } from "@playwright/test";

const UNIT = "/budgets/2024/023002";
const DEPT = "/budgets/2024/departments/023";

test("the PDF downloads from the unit page with every table and the seed's totals", async ({ page }) => {
  await page.goto(UNIT);
  const tablesOnPage = await page.locator("section.table-section").count();
  expect(tablesOnPage).toBe(17);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载 PDF/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = fs.readFileSync((await download.path()) as string);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  const { text } = await parser.getText();
  await parser.destroy();
  const flat = text.replace(/\s+/g, "");
  // As many tables as the page: each 表N heading (continuations say （续）).
  const titles = await page.locator("section.table-section h3").allTextContents();
  const pdfTables = new Set([...flat.matchAll(/表(\d{1,2})(?=[^\d])/g)].map((m) => Number(m[1])));
  expect(pdfTables.size).toBe(tablesOnPage);
  for (const title of titles) expect(flat).toContain(title.replace(/\s+/g, ""));
  for (const figure of ["5,114.04", "4,030.90", "1,083.14", "4,313.38"]) expect(flat).toContain(figure);
});

test("the department page links its PDF too", async ({ request, page }) => {
  await page.goto(DEPT);
  const href = await page.getByRole("link", { name: /下载 PDF/ }).getAttribute("href");
  expect(href).toBe(`${DEPT}.pdf`);
  const res = await request.get(href as string);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
});

const PUBLIC_PAGES = [
  "/",
  "/budgets",
  "/budgets/2024",
  DEPT,
  UNIT,
  "/search",
  `/search?q=${encodeURIComponent("和平区 就业")}`,
  `/search?q=${encodeURIComponent("没有这样的单位")}`,
];

for (const path of PUBLIC_PAGES) {
  test(`axe: no serious or critical violation on ${path}`, async ({ page }) => {
    // axe walks every cell of the 17 tables (thousands on a department page): slow on a busy machine.
    test.setTimeout(300_000);
    const res = await page.goto(path);
    expect(res?.status()).toBeLessThan(400);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const bad = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    expect(bad).toEqual([]);
  });
}

/** Every disclosure table's box against the width available. */
async function tableOverflow(page: Page, width: number) {
  return page.locator("table.dtable").evaluateAll(
    (tables, max) =>
      tables
        .map((t) => {
          const r = t.getBoundingClientRect();
          const caption = t.querySelector("caption")?.textContent ?? t.getAttribute("aria-label") ?? "";
          return { caption, width: Math.round(r.width), right: Math.round(r.right) };
        })
        .filter((t) => t.width > 0 && (t.width > max + 1 || t.right > max + 1)),
    width,
  );
}

test("printed on A4 landscape, no table is wider than the page and headers stay readable", async ({ page }) => {
  // A4 landscape less the print margins (297 − 2 × 10 mm) at 96 dpi.
  const pageWidth = Math.floor(((297 - 20) / 25.4) * 96);
  await page.setViewportSize({ width: pageWidth, height: 740 });
  await page.emulateMedia({ media: "print" });
  for (const path of [UNIT, DEPT]) {
    await page.goto(path);
    expect(await tableOverflow(page, pageWidth)).toEqual([]);
    // No header broken one character a line: every header cell holds at least two characters a line.
    const narrow = await page.locator("table.dtable thead th").evaluateAll((cells) =>
      cells
        .filter((c) => (c.textContent ?? "").trim().length >= 2)
        .map((c) => ({ text: (c.textContent ?? "").trim(), width: c.getBoundingClientRect().width, font: parseFloat(getComputedStyle(c).fontSize) }))
        .filter((c) => c.width > 0 && c.width < 2.4 * c.font)
        .map((c) => c.text),
    );
    expect(narrow).toEqual([]);
  }
});

test("on a 1,440 px screen a wide table says it scrolls and keeps its code and name columns in view", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(UNIT);
  const section = page.locator("#table-12");
  const frame = section.locator(".table-scroll");
  const overflows = await frame.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  if (overflows) await expect(section.locator(".scroll-hint")).toBeVisible();
  await frame.evaluate((el) => el.scrollBy({ left: 5000 }));
  const frameLeft = await frame.evaluate((el) => el.getBoundingClientRect().left);
  const codeHeader = section.locator("thead th.sticky-0").first();
  const codeBox = await codeHeader.boundingBox();
  expect(codeBox).not.toBeNull();
  expect(Math.abs((codeBox as { x: number }).x - frameLeft)).toBeLessThan(2);
  const nameHeader = section.locator("thead th.sticky-1").first();
  const nameBox = await nameHeader.boundingBox();
  expect((nameBox as { x: number }).x).toBeLessThan(frameLeft + 200);
});

test("on a phone table 1 and the home page's figures read without cutting", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(UNIT);
  const t1 = page.locator("#table-1 table");
  const cut = await t1.locator("th, td").evaluateAll((cells) =>
    cells
      .map((c) => ({ text: (c.textContent ?? "").trim(), right: c.getBoundingClientRect().right, over: c.scrollWidth > c.clientWidth + 1 }))
      .filter((c) => c.text && (c.right > 391 || c.over))
      .map((c) => c.text),
  );
  expect(cut).toEqual([]);
  await expect(t1).toContainText("5,114.04");
  // Chart labels at a readable size (the SVG scales with its width).
  const tiny = await page.locator("svg.chart-svg text").evaluateAll((texts) =>
    texts
      .map((t) => ({ text: (t.textContent ?? "").trim(), height: t.getBoundingClientRect().height }))
      .filter((t) => t.text && t.height > 0 && t.height < 9)
      .map((t) => `${t.text} (${t.height.toFixed(1)} px)`),
  );
  expect(tiny).toEqual([]);

  await page.goto("/");
  // The headline figures and the table of years (the first thing under them).
  const figures = await page.locator(".figure-value, [aria-labelledby='years-title'] .num").evaluateAll((els) =>
    els
      .filter((e) => e.getBoundingClientRect().width > 0)
      .map((e) => ({ text: (e.textContent ?? "").trim(), right: e.getBoundingClientRect().right, over: e.scrollWidth > e.clientWidth + 1 }))
      .filter((e) => e.right > 391 || e.over)
      .map((e) => e.text),
  );
  expect(figures).toEqual([]);
});
