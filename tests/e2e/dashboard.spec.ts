// Issue 7 from the browser, on the demo tenant: the provincial leader (lanhdao) reads the dashboard,
// drills down from the tenant to a committee, to a branch and to one of its meetings, and downloads
// the figures as XLSX; the Ban Tổ chức reviewer (bantochuc) approves a clean scorecard and returns one
// with an anomaly flag, with a reason.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { confirmStep, openNavLink, signIn } from "./helpers";

test("lanhdao drills down from the tenant to a meeting and downloads the XLSX", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "lanhdao");

  await openNavLink(page, "Theo dõi, đánh giá", "Tình hình sinh hoạt");
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { level: 1, name: "Tình hình sinh hoạt chi bộ" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Chi bộ sinh hoạt thường kỳ (đủ kỳ)" })).toBeVisible();
  // Every chart comes with its table and its own XLSX.
  await expect(page.getByRole("img", { name: /tỷ lệ đảng viên dự sinh hoạt theo từng tháng/ })).toBeVisible();

  // Tenant → grassroots committee.
  await page.locator("section[aria-labelledby='dashboard-children']").getByRole("link", { name: "Đảng bộ Sở Tài chính" }).click();
  await expect(page).toHaveURL(/unit=/);
  await expect(page.getByRole("navigation", { name: "Đơn vị đang xem" })).toContainText("Đảng bộ Sở Tài chính");

  // Committee → branch.
  await page.locator("section[aria-labelledby='dashboard-children']").getByRole("link", { name: "Chi bộ Phòng Ngân sách" }).click();
  await expect(page.getByRole("navigation", { name: "Đơn vị đang xem" })).toContainText("Chi bộ Phòng Ngân sách");
  const meetings = page.locator("section[aria-labelledby='dashboard-meetings']");
  await expect(meetings.getByRole("heading", { name: /Các kỳ sinh hoạt của Chi bộ Phòng Ngân sách/ })).toBeVisible();

  // Branch → one of its meetings.
  const dashboardUrl = page.url();
  const firstMeeting = meetings.getByRole("row").nth(1).getByRole("link");
  const meetingTitle = (await firstMeeting.textContent())!.trim();
  await firstMeeting.click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: meetingTitle })).toBeVisible();

  // The figures as XLSX.
  await page.goto(dashboardUrl);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("a[data-export='all']").click()]);
  expect(download.suggestedFilename()).toMatch(/^bao-cao-tong-hop-\d{4}-\d{2}\.xlsx$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(bytes.length).toBeGreaterThan(2_000);
});

test("bantochuc approves a clean scorecard and returns a flagged one with a reason", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "bantochuc");

  // A clean one: no anomaly flag.
  await page.goto("/review?anomaly=none");
  await expect(page.getByRole("heading", { level: 1, name: "Thẩm định kết quả chấm điểm" })).toBeVisible();
  const clean = page.locator("[data-review-item]").first();
  await expect(clean.getByText("Không có cảnh báo.")).toBeVisible();
  await clean.getByRole("link", { name: "Xem và thẩm định" }).click();
  await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Không có cảnh báo bất thường.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Điểm danh" })).toBeVisible();
  await page.getByRole("button", { name: "Thẩm định, giữ nguyên điểm" }).click();
  await confirmStep(page, "Thẩm định và khóa");
  await expect(page).toHaveURL(/\/review\?done=approved/);
  await expect(page.getByText("Đã thẩm định phiếu chấm.")).toBeVisible();

  // A flagged one (the demo has meetings shorter than the minimum, and a branch that copies its
  // full marks every month): the flag is shown on the evidence page too.
  await page.goto("/review?anomaly=any");
  const flagged = page.locator("[data-review-item]").first();
  const flag = flagged.locator("[data-flag]").first();
  await expect(flag).toBeVisible();
  const message = (await flag.textContent())!.trim();
  await flagged.getByRole("link", { name: "Xem và thẩm định" }).click();
  await expect(page.getByTestId("review-flags")).toContainText(message);
  await page.getByLabel("Lý do trả lại").fill("Điểm tự chấm giống hệt các tháng trước; đề nghị chi bộ chấm lại theo diễn biến thực tế của kỳ họp.");
  await page.getByRole("button", { name: "Trả lại phiếu chấm" }).click();
  await expect(page).toHaveURL(/\/review\?done=returned/);
  await expect(page.getByText("Đã trả lại phiếu chấm cho chi bộ.")).toBeVisible();
});
