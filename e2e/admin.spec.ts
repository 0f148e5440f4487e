import { expect, test, type Page } from "@playwright/test";

/**
 * Administration in a browser: the admin opens 2027 from 2026, adds 2100407 采供血机构 to
 * 2027's 功能分类, sets 2027's display unit to 元, creates a department, a 行政单位 under it and a
 * preparer for it; the preparer drafts a 2027 budget with the new code and its preview prints
 * 元; reviewer2 (department 031) does not see the new unit.
 */

const PASSWORD = "demo-2024";
const NEW_PASSWORD = "welcome-2027x";
const DEPARTMENT = "测试卫生健康局（虚构）";
const UNIT = "测试中心血站（虚构）";

async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/workspace$/);
}

async function signOut(page: Page) {
  await page.goto("/logout");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("admin opens 2027, adds a code, sets 元, creates a unit and its preparer, who drafts in 元", async ({ page, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "admin");

  // 1. Open 2027 from 2026.
  await page.goto("/admin/years");
  await page.getByLabel("新年度", { exact: true }).fill("2027");
  await page.getByLabel("复制来源年度", { exact: true }).selectOption("2026");
  await page.getByRole("button", { name: "开设年度" }).click();
  await expect(page.getByRole("status")).toContainText("已开设 2027 年度（复制自 2026 年度）");
  await expect(page.getByRole("row", { name: /2027 年度/ })).toContainText("2026");

  // 2. Add 21004 公共卫生 and 2100407 采供血机构 to 2027's 功能分类.
  await page.goto("/admin/catalogues");
  await page.getByLabel("年度", { exact: true }).selectOption("2027");
  await page.getByLabel("目录", { exact: true }).selectOption("function");
  for (const [code, name] of [
    ["21004", "公共卫生"],
    ["2100407", "采供血机构"],
  ] as const) {
    await page.getByLabel("科目编码", { exact: true }).fill(code);
    await page.getByLabel("科目名称", { exact: true }).fill(name);
    await page.getByRole("button", { name: "添加科目" }).click();
    await expect(page.getByRole("status")).toContainText(`已添加 ${code} ${name}`);
  }
  await page.getByLabel("搜索编码或名称", { exact: true }).fill("采供血");
  await expect(page.getByRole("row", { name: /2100407/ })).toContainText("在用");

  // 3. 2027 in 元.
  await page.goto("/admin/settings");
  await page.getByLabel("年度", { exact: true }).selectOption("2027");
  await page.getByLabel("金额单位", { exact: true }).selectOption("yuan");
  await page.getByRole("button", { name: "保存公开设置" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存 2027 年度的公开设置" })).toBeVisible();

  // 4. A department and a 行政单位 under it.
  await page.goto("/admin/organisations");
  await page.getByLabel("类别", { exact: true }).selectOption("department");
  await page.getByLabel("上级区划", { exact: true }).selectOption({ label: "210102000 沈阳市和平区" });
  await page.getByLabel("编码", { exact: true }).fill("888");
  await page.getByLabel("名称", { exact: true }).fill(DEPARTMENT);
  await page.getByRole("button", { name: "新建", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`已新建主管部门 888 ${DEPARTMENT}`);
  await page.getByLabel("类别", { exact: true }).selectOption("unit");
  await page.getByLabel("上级主管部门", { exact: true }).selectOption({ label: `888 ${DEPARTMENT}` });
  await page.getByLabel("单位类型", { exact: true }).selectOption("admin");
  await page.getByLabel("编码", { exact: true }).fill("888001");
  await page.getByLabel("名称", { exact: true }).fill(UNIT);
  await page.getByRole("button", { name: "新建", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`已新建预算单位 888001 ${UNIT}`);
  await expect(page.getByRole("region", { name: /机构树/ })).toContainText(UNIT);

  // 5. A preparer for it.
  await page.goto("/admin/users");
  await page.getByLabel("用户名", { exact: true }).fill("preparer888");
  await page.getByLabel("姓名", { exact: true }).fill("血站填报员");
  await page.getByLabel("角色", { exact: true }).selectOption("preparer");
  await page.getByLabel("机构", { exact: true }).selectOption({ label: `888001 ${UNIT}` });
  await page.getByLabel("初始密码", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("status")).toContainText("已创建用户 preparer888");
  await signOut(page);

  // 6. The preparer drafts 2027 with the new code, 12,345.60 元.
  await signIn(page, "preparer888", NEW_PASSWORD);
  await page.getByLabel("年度", { exact: true }).selectOption("2027");
  await page.getByLabel("空白预算", { exact: true }).check();
  await page.getByRole("button", { name: "新建预算" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `2027 年度 ${UNIT}` })).toBeVisible();
  // One line pasted into the grid as Excel copies it (header row included), amount in 元.
  const grid = page.getByRole("grid", { name: "预算明细表格" });
  await expect(page.getByRole("button", { name: "插入行" })).toBeVisible({ timeout: 60_000 });
  await grid.focus();
  const pasted = [
    ["支出功能分类", "经济分类", "支出类型", "项目", "资金来源", "期间", "金额（元）"],
    ["2100407", "30101", "人员经费", "", "一般公共预算", "本年", "12,345.60"],
  ]
    .map((r) => r.join("\t"))
    .join("\r\n");
  await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByText(/已粘贴 1 行/)).toBeVisible();
  await expect(grid.getByRole("gridcell", { name: /2100407/ })).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "保存明细" }).click();
  await expect(page.getByText("已保存 1 行修改")).toBeVisible();
  await expect(page.getByText("收支总预算 12,345.60 元")).toBeVisible();

  // 7. The preview prints 元.
  await page.getByText("公开预览（17 张表和情况说明，与公开页面一致）").click();
  const preview = page.getByRole("region", { name: "公开预览" });
  await expect(preview.getByText("单位：元").first()).toBeVisible();
  await expect(preview.getByText("12,345.60").first()).toBeVisible();
  await expect(preview.getByText(/收支总预算 12345\.60 元/).first()).toBeVisible();
  await expect(preview.getByText(/12345\.60 万元|1\.23 万元/)).toHaveCount(0);
  await signOut(page);

  // 8. reviewer2 (department 031) does not see the new unit.
  await signIn(page, "reviewer2");
  await expect(page.getByRole("heading", { name: "本部门所属单位的预算" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(UNIT);
});
