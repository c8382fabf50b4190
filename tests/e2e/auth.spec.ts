import { expect, test } from "@playwright/test";
import { alertIn, login, loginAndWait } from "./helpers";

test.describe("đăng nhập", () => {
  test("the login page is in Vietnamese and bithu reaches the app", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await loginAndWait(page, "bithu");
    await expect(page.getByRole("navigation").first()).toBeVisible();
    // The menus of the bar (their pages behind each one).
    await expect(page.getByRole("button", { name: "Tổ chức, đảng viên" })).toBeVisible();
  });

  test("a wrong password and an unknown user get the same message, and nothing is let in", async ({ page }) => {
    await login(page, "lanhdao", "sai-mat-khau-1");
    const message = alertIn(page);
    await expect(message).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
    await expect(page).toHaveURL(/\/login/);
    // The typed username is kept so the user can correct only the password.
    await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("lanhdao");

    await login(page, "khong-ton-tai", "sai-mat-khau-1");
    await expect(alertIn(page)).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
  });

  test("repeated failures lock the account and say when to retry, even with the right password", async ({ page }) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await login(page, "bithu_b", `sai-${attempt}`);
      await expect(alertIn(page)).toBeVisible();
    }
    await login(page, "bithu_b");
    await expect(alertIn(page)).toContainText("tạm khóa");
    await expect(alertIn(page)).toContainText(/\d{2}:\d{2}/);
    await expect(page).toHaveURL(/\/login/);
  });

  test("logout ends the session", async ({ page }) => {
    await loginAndWait(page, "dangvien");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
  });
});
