import { expect, test, type Page } from "@playwright/test";

/**
 * The whole path in a browser: the preparer drafts 2025 from 2024 and submits, the reviewer
 * returns it, the preparer fixes and resubmits, the reviewer approves and publishes, and the
 * public page of 2025 shows the change against 2024 (5,114.04 万元).
 */

const PASSWORD = "demo-2024";
const UNIT = "沈阳市和平区人力资源和社会保障事务服务中心";

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

async function openBudget2025(page: Page) {
  await page.getByRole("link", { name: new RegExp(`打开 2025 年度 ${UNIT} 第 1 版`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `2025 年度 ${UNIT}` })).toBeVisible();
}

/** The 网络租赁费 line (2080108 / 30207), 16.00 万元 in 2024: its amount typed in the grid, in 万元. */
async function setNetworkLineAmount(page: Page, wan: string) {
  const grid = page.getByRole("grid", { name: "预算明细表格" });
  // Editable once the year's catalogue is loaded.
  await expect(page.getByRole("button", { name: "插入行" })).toBeVisible({ timeout: 60_000 });
  const row = () => grid.getByRole("row").filter({ hasText: "网络租赁费" }).filter({ hasText: "30207" });
  await row().getByRole("gridcell").last().dblclick();
  const editor = grid.getByRole("textbox", { name: "编辑金额（元）" });
  await editor.fill(`${wan}万元`);
  await editor.press("Enter");
  await page.getByRole("button", { name: "保存明细" }).click();
  await expect(page.getByText("已保存 1 行修改")).toBeVisible();
  await expect(row()).toContainText(`${wan}0,000.00`);
}

async function submit(page: Page, name: "提交" | "重新提交") {
  const form = page.getByRole("form", { name });
  await expect(form).toBeVisible();
  // Every warning has to be acknowledged, one box per rule.
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name, exact: true }).click();
  // Every verb asks first.
  await form.getByRole("alertdialog", { name: `确认${name}` }).getByRole("button", { name: `确认${name}` }).click();
  await expect(page.getByText("已提交，等待主管部门审核。")).toBeVisible();
}

test("preparer drafts and submits, reviewer returns, preparer resubmits, reviewer approves and publishes", async ({ page }) => {
  // Three sign-ins and a publication: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  // The public search, served from the page cache from now on, knows only 2024 of this unit.
  await page.goto("/search?q=023002");
  const results = page.getByRole("main");
  await expect(results).toContainText("2024");
  await expect(results.getByRole("row", { name: /^2025 年 023002/ })).toHaveCount(0);

  // Preparer: 2025 from 2024, one amount changed, submitted.
  await signIn(page, "preparer");
  await expect(page.getByRole("heading", { name: "本单位预算" })).toBeVisible();
  await page.getByLabel("年度", { exact: true }).selectOption("2025");
  await expect(page.getByLabel("复制上年预算")).toBeChecked();
  await page.getByRole("button", { name: "新建预算" }).click();
  await expect(page).toHaveURL(/\/workspace\/budgets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: `2025 年度 ${UNIT}` })).toBeVisible();
  await expect(page.getByText("草稿", { exact: true })).toBeVisible();
  await expect(page.getByText("收支总预算 5,114.04 万元", { exact: true })).toBeVisible();

  await setNetworkLineAmount(page, "26");
  await expect(page.getByText("收支总预算 5,124.04 万元", { exact: true })).toBeVisible();
  await submit(page, "提交");
  await expect(page.getByText("已提交", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "保存明细" })).toHaveCount(0);
  await signOut(page);

  // Reviewer: returns it with a comment.
  await signIn(page, "reviewer");
  await expect(page.getByRole("heading", { name: "本部门所属单位的预算" })).toBeVisible();
  await openBudget2025(page);
  await page.getByRole("textbox", { name: "审核意见" }).fill("网络租赁费增幅过大，请核减后重新提交。");
  await page.getByRole("button", { name: "退回", exact: true }).click();
  await page.getByRole("button", { name: "确认退回" }).click();
  await expect(page.getByText("已退回", { exact: true })).toBeVisible();
  await signOut(page);

  // Preparer: reads the comment, fixes, resubmits.
  await signIn(page, "preparer");
  await openBudget2025(page);
  await expect(page.getByRole("region", { name: "审核意见" })).toContainText("网络租赁费增幅过大，请核减后重新提交。");
  await setNetworkLineAmount(page, "20");
  await expect(page.getByText("收支总预算 5,118.04 万元", { exact: true })).toBeVisible();
  await submit(page, "重新提交");
  await signOut(page);

  // Reviewer: approves, sees the timeline, publishes.
  await signIn(page, "reviewer");
  await openBudget2025(page);
  await page.getByRole("button", { name: "批复", exact: true }).click();
  await page.getByRole("button", { name: "确认批复" }).click();
  await expect(page.getByText("已批复", { exact: true })).toBeVisible();
  const timeline = page.getByRole("region", { name: "操作记录" });
  await expect(timeline).toContainText("退回");
  await expect(timeline).toContainText("批量修改内容");
  await page.getByRole("button", { name: "公开", exact: true }).click();
  await page.getByRole("button", { name: "确认公开" }).click();
  await expect(page.getByText("已公开", { exact: true })).toBeVisible();

  await page.goto("/workspace/deadlines");
  await expect(page.getByRole("row").filter({ hasText: UNIT }).filter({ hasText: "2025" })).toContainText("按期公开");

  // The public page of 2025 shows the change against 2024, no login needed.
  await signOut(page);
  await page.goto("/budgets/2025/023002");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2025 年部门预算");
  await expect(page.getByText("5,118.04").first()).toBeVisible();
  await expect(page.getByText("增加 4.00 万元").first()).toBeVisible();
  // Publishing cleared the cached public pages: the search now finds 2025 as well.
  await page.goto("/search?q=023002");
  await expect(page.getByRole("main").getByRole("row", { name: /^2025 年 023002/ })).toBeVisible();
});

test("sign-in refuses a wrong password and an unknown user with the same message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("preparer");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  const message = page.locator("form").getByRole("alert");
  await expect(message).toHaveText("用户名或密码错误");
  await page.getByLabel("用户名").fill("no-such-user");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(message).toHaveText("用户名或密码错误");
  await page.goto("/workspace");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fworkspace/);
});
