// The leader's view of who attends which branch (/oversight/coverage and its JSON twin): reached
// from the menu, the same figures on the page as in the API, and closed to an ordinary member.
import { expect, test } from "@playwright/test";
import { openNavLink, signIn } from "./helpers";

interface CoverageJson {
  year: number;
  overseers: { user: { displayName: string }; counted: number; quota: number; status: string }[];
  branches: { branch: { name: string }; monthsWithoutVisit: number; neverVisited: boolean; overseers: { displayName: string }[] }[];
  alerts: { branches: unknown[]; overseersBehind: unknown[] };
}

test.describe("tình hình dự sinh hoạt (lãnh đạo)", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("lanhdao opens the coverage page from the menu and sees each overseer against the quota and each branch's last visit", async ({ page }) => {
    await signIn(page, "lanhdao");
    await page.goto("/");
    await openNavLink(page, "Theo dõi, đánh giá", "Tình hình dự sinh hoạt");
    await expect(page).toHaveURL(/\/oversight\/coverage$/);
    await expect(page.getByRole("heading", { level: 1, name: "Tình hình dự sinh hoạt của cấp ủy viên" })).toBeVisible();
    for (const section of ["Cảnh báo", "Theo cấp ủy viên", "Theo chi bộ"]) await expect(page.getByRole("heading", { name: section, level: 2 })).toBeVisible();

    // The JSON twin, with the leader's session: the page shows what it answers.
    const response = await page.request.get("/api/v1/oversight/coverage");
    expect(response.status()).toBe(200);
    const view = (await response.json()) as CoverageJson;
    expect(view.overseers.length).toBeGreaterThan(0);
    expect(view.branches.length).toBeGreaterThan(5);

    const overseers = page.locator("section", { has: page.locator("#coverage-overseers") });
    for (const overseer of view.overseers.slice(0, 3)) {
      const card = overseers.getByRole("listitem").filter({ has: page.getByRole("heading", { name: overseer.user.displayName, level: 3 }) });
      await expect(card).toContainText(`Đã dự ${overseer.counted}/${overseer.quota} buổi năm ${view.year}`);
      await expect(card).toContainText(/Đã đạt định mức|Đúng tiến độ|Chậm so với tiến độ/);
    }

    const branches = page.locator("section", { has: page.locator("#coverage-branches") });
    const watched = view.branches.find((branch) => branch.overseers.length > 0 && !branch.neverVisited);
    expect(watched, "a demo branch has an overseer and a visit").toBeDefined();
    const row = branches.getByRole("listitem").filter({ hasText: watched!.branch.name }).first();
    await expect(row).toContainText(`(${watched!.monthsWithoutVisit} tháng trước)`);
    await expect(row).toContainText(`Người theo dõi: ${watched!.overseers.map((o) => o.displayName).join(", ")}`);
  });

  test("an ordinary member gets no coverage page and no coverage data", async ({ page }) => {
    await signIn(page, "dangvien");
    const response = await page.goto("/oversight/coverage");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
    const api = await page.request.get("/api/v1/oversight/coverage");
    expect(api.status()).toBe(403);
  });
});
