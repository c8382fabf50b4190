import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, alertIn, login, loginAndWait, signIn } from "./helpers";

test.describe("khung ứng dụng trên điện thoại", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("bithu sees their branch in the org tree at 390 px without horizontal scrolling", async ({ page }) => {
    await signIn(page, "bithu");
    await page.goto("/org");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('a[href^="/org/"]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test("the admin's org tree shows the whole demo tenant with counts, and search narrows it", async ({ page }) => {
  await signIn(page, "quantri");
  await page.goto("/org");
  await expect(page.getByText("Đảng ủy Khối các cơ quan tỉnh").first()).toBeVisible();
  const allLinks = await page.locator('a[href^="/org/"]').count();
  expect(allLinks).toBeGreaterThan(40);
  await page.goto("/org?q=tai chinh");
  const filtered = await page.locator('a[href^="/org/"]').count();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(allLinks);
});

test("a user changes their password, must then use the new one, and can change it back", async ({ page }) => {
  async function changePassword(current: string, next: string, confirm = next) {
    await page.goto("/account");
    await page.getByLabel("Mật khẩu hiện tại").fill(current);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(next);
    await page.getByLabel(/Nhập lại mật khẩu mới/).fill(confirm);
    await page.getByRole("button", { name: /Đổi mật khẩu/ }).click();
  }
  await signIn(page, "quantri_b");
  await changePassword(DEMO_PASSWORD, "ngan");
  await expect(page.getByText("Mật khẩu mới phải có ít nhất 8 ký tự.")).toBeVisible();

  await changePassword(DEMO_PASSWORD, "MatKhauMoi2027");
  await expect(page.getByRole("status").filter({ hasText: /\S/ })).toBeVisible();

  await page.context().clearCookies();
  await login(page, "quantri_b", DEMO_PASSWORD);
  await expect(alertIn(page)).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
  await loginAndWait(page, "quantri_b", "MatKhauMoi2027");

  // Restore the demo password so other specs can sign in as this account.
  await changePassword("MatKhauMoi2027", DEMO_PASSWORD);
  await expect(page.getByRole("status").filter({ hasText: /\S/ })).toBeVisible();
});
