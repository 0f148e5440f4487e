import { readFile, writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";

/**
 * The grid and the workbook in a browser (023002, year 2022, reserved for this spec): the preparer
 * pastes ten rows copied from Excel, fixes the one the grid marks wrong by typing a code's name,
 * saves, downloads the workbook, changes an amount in it, imports it and sees the change.
 */

const PASSWORD = "demo-2024";
const UNIT = "沈阳市和平区人力资源和社会保障事务服务中心";

// Ten rows as Excel copies them: tab-separated, the header row included. Row 8 has a code that is
// not in the catalogue (2089999); its name is typed to fix it.
const PASTED = [
  ["支出功能分类", "经济分类", "支出类型", "项目", "资金来源", "期间", "金额（元）"],
  ["2080150", "30101", "人员经费", "", "一般公共预算", "本年", "1,969,100.00"],
  ["2080150", "30102", "人员经费", "", "一般公共预算", "本年", "94500"],
  ["2080150", "30107", "人员经费", "", "一般公共预算", "本年", "2707300.00"],
  ["2080150", "30111", "人员经费", "", "一般公共预算", "本年", "12600.00"],
  ["2080150", "30112", "人员经费", "", "一般公共预算", "本年", "35900.00"],
  ["2080502", "30302", "人员经费", "", "一般公共预算", "本年", "108600.00"],
  ["2080502", "30307", "人员经费", "", "一般公共预算", "本年", "20500.00"],
  ["2089999", "30108", "人员经费", "", "一般公共预算", "本年", "748200.00"],
  ["2080150", "30201", "公用经费", "", "一般公共预算", "本年", "58900.00"],
  ["2080150", "30207", "公用经费", "", "一般公共预算", "本年", "267200.00"],
]
  .map((r) => r.join("\t"))
  .join("\r\n");

async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/workspace$/);
}

test("preparer pastes, fixes, saves, downloads, edits and imports the workbook", async ({ page, context }, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "preparer");

  // A blank 2022 draft.
  await page.getByLabel("年度", { exact: true }).selectOption("2022");
  await page.getByLabel("空白预算").check();
  await page.getByRole("button", { name: "新建预算" }).click();
  await expect(page).toHaveURL(/\/workspace\/budgets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: `2022 年度 ${UNIT}` })).toBeVisible();

  // Paste the block copied from Excel into the empty grid.
  const grid = page.getByRole("grid", { name: "预算明细表格" });
  // Editable once the year's catalogue is loaded.
  await expect(page.getByRole("button", { name: "插入行" })).toBeVisible();
  await grid.focus();
  await page.evaluate((text) => navigator.clipboard.writeText(text), PASTED);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByText(/已粘贴 10 行/)).toBeVisible();
  await expect(grid.getByRole("row")).toHaveCount(11);

  // The grid marks the unknown code; typing the code's name and taking the suggestion fixes it.
  const wrong = grid.getByRole("gridcell", { name: /2089999/ });
  await expect(wrong).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("list", { name: "需要改正的单元格" })).toContainText("第 8 行 支出功能分类");
  await wrong.dblclick();
  const editor = grid.getByRole("combobox", { name: "编辑支出功能分类" });
  await editor.fill("机关事业单位基本养老保险");
  await expect(page.getByRole("option", { name: /2080505 机关事业单位基本养老保险缴费支出/ })).toBeVisible();
  await editor.press("Enter");
  await expect(grid.getByRole("gridcell", { name: /2080505/ })).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("list", { name: "需要改正的单元格" })).toHaveCount(0);
  // 10 lines: 6,022,800.00 元 in all.
  await expect(page.getByRole("region", { name: "小计" })).toContainText("6,022,800.00");

  await page.getByRole("button", { name: "保存明细" }).click();
  await expect(page.getByText("已保存 10 行修改")).toBeVisible();
  await expect(page.getByText("收支总预算 602.28 万元", { exact: true })).toBeVisible();
  await expect(page.getByText("有未保存的修改")).toHaveCount(0);

  // Download the workbook, change 基本工资 to 2,000,000.00 元 as a person would in Excel.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载工作簿" }).click();
  const download = await downloading;
  const path = testInfo.outputPath("budget-2022.xlsx");
  await download.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(await readFile(path)).buffer);
  const sheet = wb.getWorksheet("预算明细")!;
  let changed = 0;
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(3).value === "30101") {
      row.getCell(9).value = 2000000;
      changed++;
    }
  });
  expect(changed).toBe(1);
  await writeFile(path, Buffer.from(await wb.xlsx.writeBuffer()));

  await page.getByLabel("导入工作簿").setInputFiles(path);
  await expect(page.getByText(/导入成功/)).toBeVisible();
  // The draft now carries the changed amount: 6,022,800.00 − 1,969,100.00 + 2,000,000.00.
  await expect(page.getByText("收支总预算 605.37 万元", { exact: true })).toBeVisible();
  await expect(grid.getByRole("gridcell", { name: "2,000,000.00" })).toBeVisible();
  await expect(page.getByRole("region", { name: "小计" })).toContainText("6,053,700.00");
  // And in the preview of the public tables: 基本工资 200.00 万元, the total 605.37 万元.
  await page.getByText("公开预览（17 张表和情况说明").click();
  const preview = page.getByRole("region", { name: "公开预览" });
  await expect(preview).toContainText("605.37");
  await expect(preview.getByRole("row").filter({ hasText: "基本工资" }).first()).toContainText("200.00");
});
