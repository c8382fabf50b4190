import { expect, type Cookie, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo@2026";

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** Signs in and waits for the app. Generous: hashing the password on a busy 2-core machine, right after the server starts, may take tens of seconds. */
export async function loginAndWait(page: Page, username: string, password = DEMO_PASSWORD) {
  await login(page, username, password);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 90_000 });
}

/** Each account's session cookies, from its first sign-in in this worker process (files share a worker). */
const sessions = new Map<string, Cookie[]>();

/**
 * Signs `page`'s browser context in as `username` and leaves it on the home page. The first time in
 * this worker it goes through the login form (loginAndWait); afterwards it reuses that session's
 * cookies, which spares the login page, the password check and the form on every test. A session a
 * test has ended since (logout, "sign out everywhere", a password change) is refused by the app,
 * lands on /login, and is replaced by signing in through the form again. Tests of the sign-in
 * itself call `login`/`loginAndWait` directly.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  const context = page.context();
  await context.clearCookies();
  const cookies = sessions.get(username);
  if (cookies) {
    await context.addCookies(cookies);
    await page.goto("/");
    if (!new URL(page.url()).pathname.startsWith("/login")) return;
    await context.clearCookies();
  }
  await loginAndWait(page, username);
  sessions.set(username, await context.cookies());
}

/** The page's own alert (Next.js adds an empty role="alert" route announcer of its own). */
export function alertIn(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

/** A step that asks first (components/ui/confirm-dialog.tsx): answer the dialog with its button. */
export async function confirmStep(page: Page, button: string | RegExp) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

/** A link of the main navigation, opening its group's menu first on wide screens. */
export async function openNavLink(page: Page, group: string, link: string) {
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" }).first();
  await nav.getByRole("button", { name: group }).click();
  await nav.getByRole("link", { name: link, exact: true }).click();
}

/** A one-page PDF with its cross-reference table and trailer: uploads are checked by structure, not by name. */
export const ONE_PAGE_PDF = (() => {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
})();
