import { expect, test, type Page } from "@playwright/test";

/**
 * Review in a browser (023002, year 2023, created blank here): the preparer enters a few lines and
 * submits; the reviewer finds it among what waits on them, opens the differences against the prior
 * year, comments on one line item and returns it; the preparer sees the comment on that row, fixes
 * the line, replies and resubmits; the reviewer sees only the changed row against the previous
 * submission, resolves the comment, approves after the preview and publishes.
 */

const PASSWORD = "demo-2024";
const UNIT = "沈阳市和平区人力资源和社会保障事务服务中心";
const COMMENT = "办公费安排偏高，请按定额标准核减。";

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

/** The budget page's id, from its URL. */
function budgetIdOf(page: Page): number {
  const m = /\/workspace\/budgets\/(\d+)/.exec(page.url());
  if (!m) throw new Error(`not on a budget page: ${page.url()}`);
  return Number(m[1]);
}

/** A tRPC mutation from the signed-in page, as the grid sends it (superjson, batched). */
async function mutate(page: Page, path: string, input: unknown): Promise<{ version: number }> {
  return page.evaluate(
    async ({ path, input }) => {
      const res = await fetch(`/api/trpc/${path}?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: input } }),
      });
      const body = (await res.json()) as { result?: { data: { json: { version: number } } }; error?: unknown }[];
      const first = body[0];
      if (!res.ok || !first?.result) throw new Error(`${path}: ${JSON.stringify(first?.error ?? body)}`);
      return first.result.data.json;
    },
    { path, input },
  );
}

async function currentVersion(page: Page, budgetId: number): Promise<number> {
  return page.evaluate(async (budgetId) => {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { budgetId } } }));
    const res = await fetch(`/api/trpc/budgets.get?batch=1&input=${input}`);
    const body = (await res.json()) as { result: { data: { json: { budget: { version: number } } } } }[];
    return body[0]!.result.data.json.budget.version;
  }, budgetId);
}

const line = (economicCode: string, kind: "personnel" | "public", yuan: string) => ({
  functionCode: "2080109",
  economicCode,
  kind,
  projectId: null,
  source: "gpb",
  period: "current",
  amount: yuan,
});

async function submit(page: Page, name: "提交" | "重新提交") {
  const form = page.getByRole("form", { name, exact: true });
  await expect(form).toBeVisible();
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name, exact: true }).click();
  await form.getByRole("alertdialog", { name: `确认${name}` }).getByRole("button", { name: `确认${name}` }).click();
  await expect(page.getByText("已提交，等待主管部门审核。")).toBeVisible();
}

async function openReview(page: Page) {
  // The row of the 2023 budget (other rows may mention 2023 in a date).
  const row = page.getByRole("table", { name: "预算列表" }).getByRole("row", { name: /^2023 023002/ });
  await expect(row).toContainText("待我办理");
  await row.getByRole("link", { name: `审核 2023 年度 ${UNIT} 第 1 版` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `审核：2023 年度 ${UNIT}` })).toBeVisible();
}

test("submit, review with differences and a line comment, return, fix, reply, resubmit, resolve, approve, publish", async ({ page }) => {
  // Preparer: a blank 2023 budget with three lines, submitted.
  await signIn(page, "preparer");
  await page.getByLabel("年度", { exact: true }).selectOption("2023");
  await page.getByLabel("空白预算").check();
  await page.getByRole("button", { name: "新建预算" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `2023 年度 ${UNIT}` })).toBeVisible();
  const budgetId = budgetIdOf(page);
  let version = await currentVersion(page, budgetId);
  for (const l of [line("30101", "personnel", "1200000.00"), line("30201", "public", "80000.00"), line("30211", "public", "30000.00")]) {
    version = (await mutate(page, "editing.addLineItem", { budgetId, version, item: l })).version;
  }
  await page.reload();
  await expect(page.getByText("收支总预算 131.00 万元")).toBeVisible();
  await submit(page, "提交");
  await signOut(page);

  // Reviewer: it waits on them in the queue, ahead of everything that does not.
  await signIn(page, "reviewer");
  const rows = page.getByRole("table", { name: "预算列表" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("待我办理");
  const texts = await rows.allInnerTexts();
  const ours = texts.findIndex((t) => t.includes(UNIT) && t.startsWith("2023"));
  const firstNotMine = texts.findIndex((t, i) => i > 0 && !t.includes("待我办理"));
  expect(ours).toBeGreaterThan(0);
  if (firstNotMine > 0) expect(ours).toBeLessThan(firstNotMine);
  await openReview(page);

  // Differences against the prior year (2022 is not on the platform: every row is new), in 万元.
  const priorYear = page.getByRole("table", { name: "与上年相比的差异" });
  await expect(priorYear.getByRole("row").filter({ hasText: "30201 办公费" })).toContainText("新增");
  await expect(priorYear.getByRole("row").filter({ hasText: "30201 办公费" })).toContainText("8.00");
  // A comment on that line item, chosen on screen.
  await priorYear.getByRole("button", { name: /对明细 2080109 社会保险经办机构 30201 办公费 提意见/ }).click();
  const commentForm = page.getByRole("form", { name: "对明细提意见" });
  await commentForm.getByLabel("意见内容").fill(COMMENT);
  await commentForm.getByRole("button", { name: "提交意见" }).click();
  await expect(page.getByRole("region", { name: "审核意见" }).getByRole("article", { name: `审核意见：${COMMENT}` })).toContainText("30201 办公费");
  // Return it, after confirming.
  await page.getByRole("textbox", { name: "审核意见" }).fill("请按逐项意见修改后重新提交。");
  await page.getByRole("button", { name: "退回", exact: true }).click();
  await page.getByRole("button", { name: "确认退回" }).click();
  await expect(page.getByText("已退回", { exact: true }).first()).toBeVisible();
  await signOut(page);

  // Preparer: the comment is on that row; fix the line, reply, resubmit.
  await signIn(page, "preparer");
  await page.getByRole("link", { name: `打开 2023 年度 ${UNIT} 第 1 版` }).click();
  // The comment names its row (function, economic code, source, amount in 万元).
  const onRow = page.getByRole("region", { name: "对明细的审核意见" }).getByRole("article", { name: `审核意见：${COMMENT}` });
  await expect(onRow).toContainText("30201 办公费");
  await expect(onRow).toContainText("一般公共预算");
  await expect(onRow).toContainText("8.00 万元");
  const commented = await page.evaluate(async (budgetId) => {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { budgetId } } }));
    const res = await fetch(`/api/trpc/budgets.get?batch=1&input=${input}`);
    const body = (await res.json()) as { result: { data: { json: { lineItems: { id: number; economicCode: string }[] } } } }[];
    return body[0]!.result.data.json.lineItems.find((l) => l.economicCode === "30201")!.id;
  }, budgetId);
  await mutate(page, "editing.updateLineItem", {
    budgetId,
    version: await currentVersion(page, budgetId),
    lineItemId: commented,
    item: line("30201", "public", "60000.00"),
  });
  await page.reload();
  await expect(page.getByText("收支总预算 129.00 万元")).toBeVisible();
  await onRow.getByRole("textbox", { name: "回复" }).fill("已按定额标准核减为 6 万元。");
  await onRow.getByRole("button", { name: "发送回复" }).click();
  await expect(onRow).toContainText("已按定额标准核减为 6 万元。");
  await submit(page, "重新提交");
  await signOut(page);

  // Reviewer: only the changed row against the previous submission.
  await signIn(page, "reviewer");
  await openReview(page);
  const since = page.getByRole("region", { name: "与上次提交相比" });
  await expect(since).toContainText("第 2 次提交与第 1 次提交相比");
  await expect(since).toContainText("新增 0 行，删除 0 行，修改 1 行");
  const changed = since.getByRole("table", { name: "与上次提交相比的差异" }).getByRole("row").filter({ hasText: "修改" });
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("30201 办公费");
  await expect(changed).toContainText("8.00");
  await expect(changed).toContainText("6.00");
  await expect(since.getByRole("row").filter({ hasText: "30101" })).toHaveCount(0);

  // Resolve the comment; it is no longer highlighted.
  const thread = page.getByRole("region", { name: "审核意见" }).getByRole("article", { name: `审核意见：${COMMENT}` });
  await expect(thread).toContainText("已按定额标准核减为 6 万元。");
  await thread.getByRole("button", { name: "标记为已解决" }).click();
  await expect(thread).toContainText("已解决");

  // The preview, then 批复 and 公开, each confirmed.
  await page.getByText("预览公开文本（表1–表17、情况说明）").click();
  const preview = page.getByRole("region", { name: "预览" });
  await expect(preview.getByText("收支预算总表").first()).toBeVisible();
  await expect(preview).toContainText("129.00");
  await page.getByRole("button", { name: "批复", exact: true }).click();
  await page.getByRole("button", { name: "确认批复" }).click();
  await expect(page.getByText("已批复。请在批复后 20 日内公开。")).toBeVisible();
  await page.getByRole("button", { name: "公开", exact: true }).click();
  await page.getByRole("button", { name: "确认公开" }).click();
  await expect(page.getByText("已公开，公众现在可以查阅。")).toBeVisible();

  // The timeline says it in words.
  await page.getByRole("link", { name: "← 返回预算" }).click();
  const timeline = page.getByRole("region", { name: "操作记录" });
  await expect(timeline).toContainText("修改明细");
  await expect(timeline).toContainText("金额：8.00 万元 → 6.00 万元");
  await expect(timeline).toContainText("一般公共预算");
  await expect(timeline).not.toContainText("gpb");
});
