import { chromium } from "@playwright/test";
const base = process.argv[2];
const meeting = process.argv[3];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const problems = [];
for (const [user, paths] of [
  ["bithu", ["/", "/meetings", `/meetings/${meeting}`, `/meetings/${meeting}/score`, `/meetings/${meeting}/attendance`, `/meetings/${meeting}/minutes`, `/meetings/${meeting}/prepare`, "/my", "/calendar", "/notifications", "/account", "/plans", "/classification"]],
  ["capuy", ["/", "/oversight", `/meetings/${meeting}/score`, "/dashboard", "/review", "/oversight/coverage"]],
  ["quantri", ["/", "/org", "/members", "/admin/users", "/settings", "/settings/rubrics", "/audit", "/oversight/assignments", "/members/import", "/classification/frames"]],
]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on("console", (m) => { const t = m.text(); if (/MISSING_MESSAGE|IntlError|error/i.test(t)) problems.push(`${user} ${page.url()} console ${m.type()}: ${t.slice(0, 300)}`); });
  page.on("pageerror", (e) => problems.push(`${user} ${page.url()} pageerror: ${e.message.slice(0, 300)}`));
  await page.goto(`${base}/login`);
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', "Demo@2026");
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 60000 }), page.click('button[type="submit"]')]);
  for (const p of paths) {
    await page.goto(`${base}${p}`, { timeout: 90000 });
    await page.waitForLoadState("networkidle", { timeout: 60000 }).catch(() => {});
    const body = await page.content();
    const raw = body.match(/\b(?:meetings|record|scorecard|oversight|preparation|common|errors|picker|users)\.[a-z][A-Za-z.]+/g);
    console.log(user, p, (await page.title()).slice(0, 60), raw ? `raw keys? ${[...new Set(raw)].slice(0, 5)}` : "");
  }
  // Client-side navigation between segments: follow the nav links.
  await page.goto(`${base}/`);
  for (const href of ["/meetings", "/my", "/"]) {
    const link = page.locator(`a[href="${href}"]`).first();
    if (await link.count()) { await link.click().catch(() => {}); await page.waitForLoadState("networkidle").catch(() => {}); }
  }
  await context.close();
}
await browser.close();
console.log(problems.length ? problems.join("\n") : "no console problems");
