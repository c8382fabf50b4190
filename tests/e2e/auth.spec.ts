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

  test("repeated failures make the next attempt wait, say how long, and lock nothing", async ({ page }) => {
    // Three failures are free; then each one makes the next attempt from here wait 1 s, 2 s, 4 s…
    // An attempt that comes before its time is refused unread. Bounded by attempts, not by time.
    let waited = false;
    for (let attempt = 0; attempt < 14 && !waited; attempt++) {
      await login(page, "bithu_b", `sai-${attempt}`);
      await expect(alertIn(page)).toBeVisible();
      waited = /chờ/.test(await alertIn(page).innerText());
    }
    expect(waited).toBe(true);
    await expect(alertIn(page)).toContainText(/chờ thêm \d+ giây|chờ đến \d{2}:\d{2}/);
    await expect(page).toHaveURL(/\/login/);
  });

  test("logout ends the session: the old cookie no longer opens anything", async ({ page, browser }) => {
    await loginAndWait(page, "dangvien");
    const cookies = await page.context().cookies();
    expect((await page.request.get("/api/v1/my")).status()).toBe(200);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
    // Someone who copied the cookie before the logout gets nothing with it.
    const thief = await browser.newContext();
    await thief.addCookies(cookies.filter((cookie) => cookie.name.includes("session-token")));
    expect((await thief.request.get("/api/v1/my")).status()).toBe(401);
    await thief.close();
  });

  test("“Đăng xuất trên mọi thiết bị” signs the account out of every browser", async ({ page, browser }) => {
    const other = await browser.newContext();
    const phone = await other.newPage();
    await loginAndWait(phone, "lanhdao");
    await loginAndWait(page, "lanhdao");
    await page.goto("/account");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Đăng xuất trên mọi thiết bị" }).click();
    await expect(page).toHaveURL(/\/login/);
    await phone.goto("/account");
    await expect(phone).toHaveURL(/\/login/);
    await other.close();
  });
});
