import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";

/**
 * Disclosure templates end to end: the admin sets 2027's template to the provincial 9-table set
 * (opening 2027 first when no earlier spec has); preparer2 (031901) drafts 2027 and previews it;
 * reviewer2 approves and publishes; the public page, the xlsx and the JSON show the 9 tables with
 * their titles and units (tables in 元, the 三公 table in 万元).
 */

const PASSWORD = "demo-2024";
const UNIT = "和平区示例文化馆（虚构）";
const YEAR = 2027;
const TEMPLATE = "省级样式 9 张表（元）";
const TITLES = [
  "部门收支总表",
  "部门收入总表",
  "部门支出总表",
  "财政拨款收支总表",
  "一般公共预算支出表",
  "一般公共预算基本支出表",
  "一般公共预算“三公”经费支出表",
  "政府性基金预算支出表",
  "国有资本经营预算支出表",
];
const UNITS = ["元", "元", "元", "元", "元", "元", "万元", "元", "元"];

async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/workspace$/);
}

async function signOut(page: Page) {
  await page.goto("/logout");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Every table heading of a disclosure document, in order: "表N 标题". */
async function expectNineTables(page: Page) {
  for (let i = 0; i < TITLES.length; i++) {
    const section = page.locator(`section#table-${i + 1}`);
    await expect(section.getByRole("heading", { level: 3 })).toHaveText(`表${i + 1} ${TITLES[i]}`);
    await expect(section).toContainText(`单位：${UNITS[i]}`);
  }
  await expect(page.locator("section#table-10")).toHaveCount(0);
}

test("a 2027 budget follows the 9-table template from preview to publication", async ({ page }) => {
  test.setTimeout(180_000);

  // Admin: 2027 open (an earlier spec may have opened it), its template set to the 9-table set.
  await signIn(page, "admin");
  await page.goto("/admin/years");
  const yearRow = page.getByRole("rowheader", { name: new RegExp(`^${YEAR}`) });
  await expect(page.getByRole("rowheader").first()).toBeVisible();
  if ((await yearRow.count()) === 0) {
    await page.getByRole("textbox", { name: "新年度", exact: true }).fill(String(YEAR));
    await page.getByRole("button", { name: "开设年度" }).click();
    await expect(yearRow).toBeVisible();
  }
  await page.goto("/admin/settings");
  await page.getByLabel("年度", { exact: true }).selectOption(String(YEAR));
  const card = page.getByRole("region", { name: new RegExp(`${YEAR} 年度$`) });
  await card.getByLabel("公开模板").selectOption({ label: `${TEMPLATE}（9 张表，内置）` });
  await card.getByRole("button", { name: "保存公开设置" }).click();
  await expect(card.getByText(`已保存 ${YEAR} 年度的公开设置。`)).toBeVisible();
  await page.reload();
  await page.getByLabel("年度", { exact: true }).selectOption(String(YEAR));
  await expect(page.getByRole("region", { name: new RegExp(`${YEAR} 年度$`) }).getByLabel("公开模板")).toHaveValue("province-9");
  await page.goto("/admin/templates");
  // The library previews it on the sample budget.
  await page.getByRole("button", { name: `预览 ${TEMPLATE}` }).click();
  const preview = page.getByRole("region", { name: `预览：${TEMPLATE}` });
  await expect(preview).toContainText("共 9 张表");
  await expect(preview.getByRole("heading", { name: "表9 国有资本经营预算支出表" })).toBeVisible();
  await signOut(page);

  // preparer2: 2027 copied from 2026, previewed under the template.
  await signIn(page, "preparer2");
  await page.getByLabel("年度", { exact: true }).selectOption(String(YEAR));
  await page.getByRole("button", { name: "新建预算" }).click();
  await expect(page).toHaveURL(/\/workspace\/budgets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: `${YEAR} 年度 ${UNIT}` })).toBeVisible();
  const budgetUrl = page.url();
  // The preview beside the editor, as the public page will show it.
  await page.getByText(/^公开预览（/).click();
  await expect(page.getByRole("region", { name: "公开预览" })).toBeVisible();
  await expectNineTables(page);

  // Submit with the warnings acknowledged.
  await page.goto(budgetUrl);
  const form = page.getByRole("form", { name: "提交" });
  await expect(form).toBeVisible();
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name: "提交", exact: true }).click();
  // Every verb asks first.
  await form.getByRole("alertdialog", { name: "确认提交" }).getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByText("已提交，等待主管部门审核。")).toBeVisible();
  await signOut(page);

  // reviewer2: approve and publish.
  await signIn(page, "reviewer2");
  await page.getByRole("link", { name: new RegExp(`打开 ${YEAR} 年度 ${UNIT} 第 1 版`) }).click();
  await page.getByRole("button", { name: "批复", exact: true }).click();
  await page.getByRole("button", { name: "确认批复" }).click();
  await expect(page.getByText("已批复", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "公开", exact: true }).click();
  await page.getByRole("button", { name: "确认公开" }).click();
  await expect(page.getByText("已公开", { exact: true })).toBeVisible();
  await signOut(page);

  // The public page, the xlsx and the JSON: 9 tables, their titles and units.
  await page.goto(`/budgets/${YEAR}/031901`);
  await expect(page.getByRole("link", { name: "下载 Excel（全部 9 张表）" })).toBeVisible();
  await expectNineTables(page);

  const xlsx = await page.request.get(`/api/open/v1/budgets/${YEAR}/031901.xlsx`);
  expect(xlsx.ok()).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("表"));
  expect(sheets).toEqual(TITLES.map((t, i) => `表${i + 1} ${t}`.slice(0, 31)));
  for (let i = 0; i < TITLES.length; i++) {
    const ws = wb.getWorksheet(sheets[i] as string);
    expect(ws?.getCell(1, 1).value).toBe(TITLES[i]);
    const unitCell = ws?.getRow(2).values as unknown[];
    expect(unitCell.map(String).join(" ")).toContain(`单位：${UNITS[i]}`);
  }

  const json = await page.request.get(`/api/open/v1/budgets/${YEAR}/031901`);
  expect(json.ok()).toBe(true);
  const body = (await json.json()) as { tables: { number: number; title: string; unit: string; columns: unknown[]; rows: unknown[] }[] };
  expect(body.tables.map((t) => `${t.number} ${t.title} ${t.unit}`)).toEqual(TITLES.map((t, i) => `${i + 1} ${t} ${UNITS[i]}`));
  for (const t of body.tables) {
    expect(Array.isArray(t.columns)).toBe(true);
    expect(Array.isArray(t.rows)).toBe(true);
  }
});
