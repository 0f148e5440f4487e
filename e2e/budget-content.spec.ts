import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * Every part of a budget through the screens: the preparer starts a blank 2026 budget of 023002
 * and enters the profile, line items (one pasted with a thousands separator), a project with
 * current-year money and its 表17 targets, the unit-wide target with tasks linked to figures, a
 * procurement item, a purchased-service item and the prior year by source, kind and 类; changes a
 * basic-spending line and sees 表16 follow; submits with zero errors. The reviewer checks the
 * preview, approves and publishes; the public page shows every section with the entered figures.
 */

const PASSWORD = "demo-2024";
const UNIT = "沈阳市和平区人力资源和社会保障事务服务中心";
const PROJECT = "就业创业补贴服务项目";

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

async function saved(form: Locator) {
  await expect(form.getByRole("status")).toHaveText("已保存");
}

/** Lines pasted into the grid as Excel copies them (tab-separated, header row first), then saved. */
async function pasteLines(page: Page, rows: string[][]) {
  const grid = page.getByRole("grid", { name: "预算明细表格" });
  // Editable once the year's catalogue is loaded.
  await expect(page.getByRole("button", { name: "插入行" })).toBeVisible({ timeout: 60_000 });
  await grid.focus();
  const text = [["支出功能分类", "经济分类", "支出类型", "项目", "资金来源", "期间", "金额（元）"], ...rows].map((r) => r.join("\t")).join("\r\n");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByText(new RegExp(`已粘贴 ${rows.length} 行`))).toBeVisible();
  await page.getByRole("button", { name: "保存明细" }).click();
  await expect(page.getByText(`已保存 ${rows.length} 行修改`)).toBeVisible();
}

test("a blank budget entered through the screens is submitted, approved, published and shown in full", async ({ page, context }) => {
  test.setTimeout(600_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "preparer");
  // The new-budget form offers only years without a budget: 2024 is taken.
  const years = page.getByLabel("年度", { exact: true });
  await expect(years.locator("option", { hasText: "2024" })).toHaveCount(0);
  await years.selectOption("2026");
  await page.getByLabel("空白预算").check();
  await page.getByRole("button", { name: "新建预算" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `2026 年度 ${UNIT}` })).toBeVisible();

  // 单位概况.
  const profile = page.getByRole("form", { name: "单位概况" });
  await profile.getByLabel("主要职责（每行一条，按顺序编号）").fill("负责全区就业创业服务工作\n负责社会保险经办服务工作");
  await profile.getByRole("button", { name: "增加内设机构" }).click();
  await profile.getByLabel("内设机构 1 名称").fill("综合办公室");
  await profile.getByLabel("人员编制").fill("6");
  await profile.getByRole("button", { name: "保存单位概况" }).click();
  await saved(profile);

  // A project with current-year money.
  const newProject = page.getByRole("form", { name: "新增项目" });
  await newProject.getByLabel("项目名称").fill(PROJECT);
  await newProject.getByLabel("项目内容").fill("发放就业创业补贴");
  await newProject.getByRole("button", { name: "保存项目" }).click();
  await expect(page.getByRole("form", { name: `项目绩效目标：${PROJECT}` })).toBeVisible();

  // Line items pasted from a spreadsheet: one with a thousands separator, one with its unit 万元 typed in.
  await pasteLines(page, [
    ["2080109", "30101", "人员经费", "", "一般公共预算", "本年", "1,234,567.89"],
    ["2080109", "30201", "公用经费", "", "一般公共预算", "本年", "20万元"],
    ["2080109", "30299", "项目支出", PROJECT, "一般公共预算", "本年", "500,000.00"],
  ]);
  await expect(page.getByText("收支总预算 193.46 万元", { exact: true })).toBeVisible();

  // 表17: the project's targets.
  const t17 = page.getByRole("form", { name: `项目绩效目标：${PROJECT}` });
  await t17.getByLabel(`${PROJECT} 总体目标`).fill("按时足额发放就业创业补贴，促进稳定就业");
  await t17.getByRole("button", { name: `增加 ${PROJECT} 绩效指标` }).click();
  await t17.getByLabel("一级指标").fill("产出指标");
  await t17.getByLabel("二级指标").fill("数量指标");
  await t17.getByLabel("三级指标").fill("补贴发放人次");
  await t17.getByLabel("运算符号").selectOption(">=");
  await t17.getByLabel("指标值").fill("1000");
  await t17.getByLabel("度量单位").fill("人次");
  await t17.getByRole("button", { name: `保存 ${PROJECT} 绩效目标` }).click();
  await saved(t17);

  // 表16: the unit-wide target, tasks linked to 人员经费 and 公用经费.
  const t16 = page.getByRole("form", { name: "整体绩效目标（表16）" });
  await t16.getByLabel("年度绩效目标").fill("全面履行就业和社会保险经办职能");
  await t16.getByRole("button", { name: "增加任务" }).click();
  await t16.getByLabel("任务 1 名称").fill("基本支出人员经费（保工资）");
  await t16.getByLabel("任务 1 金额来源").selectOption({ label: "基本支出人员经费" });
  await t16.getByRole("button", { name: "增加任务" }).click();
  await t16.getByLabel("任务 2 名称").fill("基本支出公用经费（保运转）");
  await t16.getByLabel("任务 2 金额来源").selectOption({ label: "基本支出公用经费" });
  await t16.getByRole("button", { name: "增加整体绩效指标" }).click();
  await t16.getByLabel("一级指标").fill("履职效能");
  await t16.getByLabel("二级指标").fill("整体工作完成情况");
  await t16.getByLabel("三级指标").fill("总体工作完成率");
  await t16.getByLabel("运算符号").selectOption("=");
  await t16.getByLabel("指标值").fill("100");
  await t16.getByLabel("度量单位").fill("%");
  await t16.getByRole("button", { name: "保存整体绩效目标" }).click();
  await saved(t16);
  await expect(t16.getByText("按预算自动计算：123.46 万元")).toBeVisible();

  // 表14 and 表15.
  const procurement = page.getByRole("form", { name: "新增政府采购" });
  await procurement.getByLabel("采购品目").fill("办公设备");
  await procurement.getByLabel("采购金额（万元）").fill("5");
  await procurement.getByLabel("面向中小企业预留（万元）").fill("2");
  await procurement.getByRole("button", { name: "添加政府采购" }).click();
  await expect(page.getByRole("button", { name: "删除“办公设备”" })).toBeVisible();
  const services = page.getByRole("form", { name: "新增政府购买服务" });
  await services.getByLabel("支出功能分类（类）").selectOption("208");
  await services.getByLabel("购买服务项目名称").fill("就业见习服务");
  await services.getByLabel("购买服务金额（万元）").fill("10");
  await services.getByRole("button", { name: "添加政府购买服务" }).click();
  await expect(page.getByRole("button", { name: "删除“就业见习服务”" })).toBeVisible();

  // The prior year, not on the platform: by source, by kind, by 类.
  const baseline = page.getByRole("form", { name: "上年预算基数" });
  await baseline.getByLabel("上年收支总预算（万元）").fill("200");
  await baseline.getByLabel("上年一般公共预算（万元）").fill("200");
  await baseline.getByLabel("上年基本支出（万元）").fill("150");
  await baseline.getByLabel("上年项目支出（万元）").fill("50");
  await baseline.getByRole("button", { name: "增加功能分类" }).click();
  await baseline.getByLabel("功能分类（类）1").selectOption("208");
  await baseline.getByLabel("上年金额 1（万元）").fill("200");
  await baseline.getByRole("button", { name: "保存上年预算基数" }).click();
  await saved(baseline);

  const narrative = page.getByRole("form", { name: "情况说明" });
  await narrative.getByLabel("收支总预算增减原因").fill("人员调整");
  await narrative.getByRole("button", { name: "保存说明" }).click();
  await expect(narrative.getByText("说明已保存。")).toBeVisible();

  // A basic-spending line changes in the grid: the linked task follows.
  const grid = page.getByRole("grid", { name: "预算明细表格" });
  const personnel = grid.getByRole("row").filter({ hasText: "30101" });
  await personnel.getByRole("gridcell").last().dblclick();
  const editor = grid.getByRole("textbox", { name: "编辑金额（元）" });
  await editor.fill("130万元");
  await editor.press("Enter");
  await page.getByRole("button", { name: "保存明细" }).click();
  await expect(page.getByText("已保存 1 行修改")).toBeVisible();
  await expect(t16.getByText("按预算自动计算：130.00 万元")).toBeVisible();

  // Zero errors; warnings acknowledged; submitted.
  await expect(page.getByText(/错误 0 项/)).toBeVisible();
  const submit = page.getByRole("form", { name: "提交" });
  for (const box of await submit.getByRole("checkbox").all()) await box.check();
  await submit.getByRole("button", { name: "提交", exact: true }).click();
  // Every verb asks first.
  await submit.getByRole("alertdialog", { name: "确认提交" }).getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByText("已提交，等待主管部门审核。")).toBeVisible();
  await signOut(page);

  // The reviewer sees the preview, approves and publishes.
  await signIn(page, "reviewer");
  await page.getByRole("link", { name: new RegExp(`打开 2026 年度 ${UNIT} 第 1 版`) }).click();
  const preview = page.getByRole("region", { name: "公开预览" });
  await expect(preview).toContainText(PROJECT);
  await expect(preview).toContainText("全面履行就业和社会保险经办职能");
  await page.getByRole("button", { name: "批复", exact: true }).click();
  await page.getByRole("button", { name: "确认批复" }).click();
  await expect(page.getByText("已批复", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "公开", exact: true }).click();
  await page.getByRole("button", { name: "确认公开" }).click();
  await expect(page.getByText("已公开", { exact: true })).toBeVisible();
  await signOut(page);

  // The public page shows every section with the entered figures.
  await page.goto("/budgets/2026/023002");
  const main = page.getByRole("main");
  await expect(main).toContainText("负责全区就业创业服务工作");
  await expect(main).toContainText("综合办公室");
  await expect(main).toContainText("200.00"); // 130 + 20 + 50 万元
  await expect(main).toContainText(PROJECT);
  await expect(main).toContainText("补贴发放人次");
  await expect(main).toContainText("基本支出人员经费（保工资）");
  await expect(main).toContainText("办公设备");
  await expect(main).toContainText("就业见习服务");
  await expect(main).toContainText("全面履行就业和社会保险经办职能");
  await expect(main).toContainText("按支出类型分");
});
