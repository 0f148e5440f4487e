import { expect, test } from "@playwright/test";

test("the home page lists the published sample budget", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/部门预算公开平台/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "部门预算公开" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "沈阳市和平区人力资源和社会保障事务服务中心" }).filter({ hasText: "2024" });
  await expect(row).toContainText("5,114.04");
});

test("/api/health reports the embedded engine and the migration", async ({ page }) => {
  const response = await page.goto("/api/health");
  expect(response?.status()).toBe(200);
  const body = await response!.json();
  expect(body).toMatchObject({ ok: true, engine: "pglite" });
  expect(body.migration).toMatch(/^\d{4}_/);
});
