import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo@2026";

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

export async function loginAndWait(page: Page, username: string, password = DEMO_PASSWORD) {
  await login(page, username, password);
  await expect(page).not.toHaveURL(/\/login/);
}

/** The page's own alert (Next.js adds an empty role="alert" route announcer of its own). */
export function alertIn(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}
