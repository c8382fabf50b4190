import { expect, test } from "@playwright/test";
import { loginAndWait } from "./helpers";

test.describe("khung ứng dụng trên điện thoại", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("bithu sees their branch in the org tree at 390 px without horizontal scrolling", async ({ page }) => {
    await loginAndWait(page, "bithu");
    await page.goto("/org");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('a[href^="/org/"]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test("the admin's org tree shows the whole demo tenant with counts, and search narrows it", async ({ page }) => {
  await loginAndWait(page, "quantri");
  await page.goto("/org");
  await expect(page.getByText("Đảng ủy Khối các cơ quan tỉnh").first()).toBeVisible();
  const allLinks = await page.locator('a[href^="/org/"]').count();
  expect(allLinks).toBeGreaterThan(40);
  await page.goto("/org?q=tai chinh");
  const filtered = await page.locator('a[href^="/org/"]').count();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(allLinks);
});

test("a user changes their password and must use the new one", async ({ page }) => {
  await loginAndWait(page, "quantri_b");
  await page.goto("/account");
  await page.getByLabel("Mật khẩu hiện tại").fill("Demo@2026");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("ngan");
  await page.getByLabel(/Nhập lại mật khẩu mới/).fill("ngan");
  await page.getByRole("button", { name: /Đổi mật khẩu/ }).click();
  await expect(page.getByText("Mật khẩu mới phải có ít nhất 8 ký tự.")).toBeVisible();

  await page.getByLabel("Mật khẩu hiện tại").fill("Demo@2026");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("MatKhauMoi2027");
  await page.getByLabel(/Nhập lại mật khẩu mới/).fill("MatKhauMoi2027");
  await page.getByRole("button", { name: /Đổi mật khẩu/ }).click();
  await expect(page.getByRole("status")).toContainText(/đã đổi/i);
});
