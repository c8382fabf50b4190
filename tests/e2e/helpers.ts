import { expect, type Page } from "@playwright/test";

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
