// The crawl: signs in as each demo role, opens every item of the menu (the wide-screen bar with
// its drop-downs, and the phone menu) and every link of the home page, and fails on a page that
// answers 404 or 500, shows the error or "not found" view, logs a console error (a missing favicon
// once did on every page), or shows English validation text ("Invalid", "Required", "expected
// string") instead of Vietnamese. The pages visited per role are written to
// tests/.tmp/crawl-<role>.txt and printed.
//
// Bounded by count (the menu and the home page's links, each address once), not by time; timeouts
// are generous because CI runs it on a busy 2-core machine. Each role signs in once (signIn: the
// session of its first sign-in in this worker); the phone pass carries the wide screen's session
// over. It runs without a trace (its own project in playwright.config.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** One account per role of the demo tenant (lib/seed/demo-data.ts, DEMO_ACCOUNTS). */
const ROLES = [
  { username: "quantri", role: "TENANT_ADMIN" },
  { username: "bantochuc", role: "REVIEWER" },
  { username: "lanhdao", role: "LEADER" },
  { username: "capuy", role: "OVERSEER" },
  { username: "bithu", role: "RECORDER" },
  { username: "dangvien", role: "MEMBER" },
] as const;

const NAV = "Điều hướng chính";
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };
/** Headings of app/not-found.tsx and the error views (lib/i18n/messages/vi/errors.json). */
const FAILURE_HEADINGS = /^(Không tìm thấy trang|Đã có lỗi xảy ra|Không kết nối được cơ sở dữ liệu)$/;
/** zod's and Next.js's English, which must never reach a Vietnamese user. */
const ENGLISH = /\b(Invalid|Required|[Ee]xpected (?:string|number|boolean|object|array|date)|Too (?:small|big)|must be|is required|Internal Server Error|This page could not be found|Application error)\b/;

interface Problem {
  where: string;
  what: string;
}

/** Console errors, uncaught exceptions and failed responses of this app, for the whole context. */
function watch(context: BrowserContext, problems: Problem[]) {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  context.on("page", (page) => {
    page.on("console", (message) => {
      if (message.type() === "error") problems.push({ where: page.url(), what: `console error: ${message.text()}` });
    });
    page.on("pageerror", (error) => problems.push({ where: page.url(), what: `uncaught: ${error.message}` }));
    page.on("response", (response) => {
      const url = response.url();
      if (!url.startsWith(origin)) return;
      const status = response.status();
      if (status === 404 || status >= 500) problems.push({ where: page.url(), what: `${status} ${url.slice(origin.length)}` });
    });
  });
}

/** Same-origin addresses of the links inside `scope`, without fragments, each once. */
async function linksOf(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page.locator(selector).evaluateAll((anchors) =>
    anchors.map((a) => {
      const link = a as HTMLAnchorElement;
      return link.origin === window.location.origin ? `${link.pathname}${link.search}` : null;
    }),
  );
  return [...new Set(hrefs.filter((href): href is string => href !== null))];
}

/** The icons and manifest a page's head links (Chromium fetches favicons outside the page's own requests). */
async function headAssets(page: Page): Promise<string[]> {
  return page
    .locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLLinkElement).href).pathname));
}

/** Fetches each icon (and /favicon.ico, and the manifest's icons): all must be there. */
async function checkAssets(page: Page, assets: Set<string>, problems: Problem[]) {
  for (const path of new Set([...assets, "/favicon.ico"])) {
    const response = await page.request.get(path);
    if (response.status() !== 200) {
      problems.push({ where: path, what: `icon or manifest answered ${response.status()}` });
      continue;
    }
    if (path.endsWith(".webmanifest")) {
      const manifest = (await response.json()) as { icons?: { src: string }[] };
      for (const icon of manifest.icons ?? []) {
        const iconResponse = await page.request.get(icon.src);
        if (iconResponse.status() !== 200) problems.push({ where: icon.src, what: `manifest icon answered ${iconResponse.status()}` });
      }
    }
  }
}

/** Opens `path` and checks what a user would see there. */
async function visit(page: Page, path: string, problems: Problem[], assets: Set<string>) {
  if (path.startsWith("/api/")) {
    // A file (XLSX, DOCX, ICS) linked from the page: it must answer, not be a page.
    const response = await page.request.get(path);
    if (response.status() === 404 || response.status() >= 500) problems.push({ where: path, what: `${response.status()} (file link)` });
    return;
  }
  const response = await page.goto(path, { waitUntil: "load" });
  const status = response?.status() ?? 0;
  if (status === 404 || status >= 500) problems.push({ where: path, what: `answered ${status}` });
  const heading = page.getByRole("heading", { level: 1 }).first();
  await expect(heading, `${path} has a heading`).toBeVisible();
  const title = (await heading.textContent())?.trim() ?? "";
  if (FAILURE_HEADINGS.test(title)) problems.push({ where: path, what: `shows "${title}"` });
  for (const asset of await headAssets(page)) assets.add(asset);
  const text = await page.locator("body").innerText();
  const english = text.match(ENGLISH);
  if (english) problems.push({ where: path, what: `English text "${english[0]}"` });
}

function record(role: string, visited: string[]) {
  const dir = join(process.cwd(), "tests", ".tmp");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `crawl-${role}.txt`), `${visited.join("\n")}\n`);
  console.log(`crawl ${role}: ${visited.length} pages\n  ${visited.join("\n  ")}`);
}

test.describe("crawl of every menu item and home page link", () => {
  // No step may wait forever; each may wait long (a busy 2-core machine).
  test.use({ actionTimeout: 60_000, navigationTimeout: 90_000 });

  for (const { username, role } of ROLES) {
    test(`${username} (${role}): no 404, 500, console error or English text`, async ({ browser }) => {
      // Each address is opened once; on this machine a page may take several seconds.
      test.setTimeout(15 * 60_000);
      const problems: Problem[] = [];
      const visited: string[] = [];
      const assets = new Set<string>();

      // Wide screen: every drop-down of the bar opens and shows its links; the home page's links.
      const desk = await browser.newContext({ viewport: DESK });
      watch(desk, problems);
      const page = await desk.newPage();
      await signIn(page, username);
      visited.push("/");
      await visit(page, "/", problems, assets);
      const bar = page.getByRole("navigation", { name: NAV }).first();
      for (const group of await bar.locator("button[aria-expanded]").all()) {
        await group.click();
        await expect(group).toHaveAttribute("aria-expanded", "true");
        const panel = page.locator(`#${await group.getAttribute("aria-controls")}`);
        await expect(panel.getByRole("link").first()).toBeVisible();
        await group.click();
      }
      const menu = await linksOf(page, `nav[aria-label="${NAV}"] a[href]`);
      const home = await linksOf(page, "main a[href]");
      expect(menu.length, "the menu has links").toBeGreaterThan(1);
      for (const path of [...new Set([...menu, ...home])]) {
        if (visited.includes(path)) continue;
        visited.push(path);
        await visit(page, path, problems, assets);
      }
      // The header's own link (the account page) is part of every role's menu as well.
      if (!visited.includes("/account")) {
        visited.push("/account");
        await visit(page, "/account", problems, assets);
      }
      await checkAssets(page, assets, problems);
      expect(assets.size, "pages link their icons and manifest").toBeGreaterThan(2);
      const session = await desk.storageState();
      await desk.close();

      // Phone: the menu button opens the same links; each is followed by tapping it.
      const phoneContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, storageState: session });
      watch(phoneContext, problems);
      const phone = await phoneContext.newPage();
      await phone.goto("/");
      const openMenu = () => phone.getByRole("button", { name: "Mở menu điều hướng" }).click();
      await openMenu();
      const phoneNav = phone.getByRole("navigation", { name: NAV }).last();
      const count = await phoneNav.getByRole("link").count();
      expect(await linksOf(phone, `nav[aria-label="${NAV}"] a[href]`)).toEqual(expect.arrayContaining(menu));
      for (let index = 0; index < count; index++) {
        if (!(await phoneNav.getByRole("link").first().isVisible())) await openMenu();
        const link = phoneNav.getByRole("link").nth(index);
        const href = (await link.getAttribute("href")) ?? `link ${index}`;
        const before = new URL(phone.url()).pathname;
        await link.click();
        // Some items redirect (/oversight → the desk or the coverage page): wait for leaving, not for `href`.
        if (new URL(href, phone.url()).pathname !== before) await phone.waitForURL((url) => url.pathname !== before);
        await phone.waitForLoadState("load");
        await expect(phone.getByRole("heading", { level: 1 }).first(), `${href} at 390 px`).toBeVisible();
        const title = (await phone.getByRole("heading", { level: 1 }).first().textContent())?.trim() ?? "";
        if (FAILURE_HEADINGS.test(title)) problems.push({ where: `${href} (phone)`, what: `shows "${title}"` });
        visited.push(`${href} (phone menu)`);
      }
      await phoneContext.close();

      record(username, visited);
      expect(problems.map((problem) => `${problem.where}: ${problem.what}`)).toEqual([]);
    });
  }
});
