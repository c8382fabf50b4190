// The branch secretary's whole workflow on a phone (390 px): plan a meeting, post a document, send
// the notice, take attendance, record two speakers, the resolution with its vote and two tasks,
// confirm the meeting was held, and download the biên bản as a Word file.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { ONE_PAGE_PDF as PDF, confirmStep, signIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const DAY_MS = 86_400_000;

/** "2026-11-20T14:00" for `daysFromToday` at hh:mm in Vietnam (the value of a datetime-local input). */
function vietnamLocal(daysFromToday: number, time: string): string {
  const local = new Date(Date.now() + 7 * 3_600_000 + daysFromToday * DAY_MS);
  return `${local.toISOString().slice(0, 10)}T${time}`;
}

/** "2026-11-30" in Vietnam (a date input). */
function vietnamDate(daysFromToday: number): string {
  return vietnamLocal(daysFromToday, "00:00").slice(0, 10);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("bithu plans, prepares, records and exports a meeting on a phone", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "bithu");

  // 1. Plan: an extraordinary meeting yesterday afternoon (the demo plan already holds the regular ones).
  const title = `Sinh hoạt chi bộ đột xuất – kiểm thử ${Date.now()}`;
  await page.goto("/meetings/new");
  await page.getByLabel("Loại kỳ sinh hoạt").selectOption({ label: "Đột xuất" });
  await page.getByLabel("Tên kỳ sinh hoạt").fill(title);
  await page.getByLabel("Bắt đầu (dự kiến)").fill(vietnamLocal(-1, "14:00"));
  await page.getByLabel("Kết thúc (dự kiến)").fill(vietnamLocal(-1, "16:00"));
  await page.getByLabel("Địa điểm").fill("Phòng họp tầng 2");
  await page.getByRole("button", { name: "Lên lịch" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}(\?.*)?$/);
  const meetingId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await noHorizontalScroll(page);

  // 2. Post a document.
  await page.goto(`/meetings/${meetingId}/prepare`);
  const upload = page.getByRole("region", { name: "Đăng tài liệu mới" });
  await upload.getByLabel("Loại tài liệu").selectOption({ label: "Dự thảo nghị quyết" });
  await upload.getByLabel("Tên tài liệu").fill("Dự thảo nghị quyết kỳ đột xuất");
  await upload.locator('input[type="file"]').setInputFiles({ name: "du-thao-nghi-quyet.pdf", mimeType: "application/pdf", buffer: PDF });
  await upload.getByRole("button", { name: "Đăng tài liệu" }).click();
  await expect(page.getByText("Dự thảo nghị quyết kỳ đột xuất").first()).toBeVisible();
  await noHorizontalScroll(page);

  // 3. Send the notice to the members and the overseer.
  await page.getByRole("button", { name: "Gửi thông báo" }).click();
  await confirmStep(page, "Gửi thông báo");
  await expect(page.getByText(/Đã gửi thông báo/).first()).toBeVisible();
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByText("Đã thông báo").first()).toBeVisible();

  // 4. Attendance: everyone present, then one excused absence; the actual times.
  await page.goto(`/meetings/${meetingId}/attendance`);
  await page.getByRole("button", { name: "Tất cả có mặt" }).click();
  await expect(page.getByRole("button", { name: "Tất cả có mặt" })).toBeDisabled();
  const roll = page.getByRole("list").filter({ has: page.getByRole("button", { name: /^Có mặt: / }) });
  // Someone marked present (exempt or temporarily transferred members are prefilled otherwise),
  // held by position so the locator keeps pointing at them once their mark changes.
  const items = roll.getByRole("listitem");
  const pressed = await items.evaluateAll((nodes) =>
    nodes.map((node) => node.querySelector('button[aria-pressed="true"][aria-label^="Có mặt: "]') !== null),
  );
  const index = pressed.indexOf(true, pressed.indexOf(true) + 1);
  expect(index).toBeGreaterThan(0);
  const absent = items.nth(index);
  const absentName = ((await absent.getByRole("button", { name: /^Có mặt: / }).getAttribute("aria-label")) ?? "").replace(/^Có mặt: /, "");
  await absent.getByRole("button").first().click();
  await absent.getByRole("button", { name: "Vắng có lý do", exact: true }).click();
  const reason = absent.getByRole("textbox");
  if (await reason.count()) {
    await reason.first().fill("Đi công tác");
    await absent.getByRole("button", { name: /Lưu/ }).first().click();
  }
  await expect(page.getByText(/Vắng có lý do: 1/)).toBeVisible();
  await page.getByLabel("Giờ bắt đầu").fill(vietnamLocal(-1, "14:00"));
  await page.getByLabel("Giờ kết thúc").fill(vietnamLocal(-1, "15:45"));
  await page.getByRole("button", { name: "Lưu giờ họp" }).click();
  await expect(page.getByText(/105 phút/).first()).toBeVisible();
  await noHorizontalScroll(page);

  // 5. Minutes: chair and clerk, the three parts, two speakers, the resolution with its vote, two tasks.
  await page.goto(`/meetings/${meetingId}/minutes`);
  const chair = page.getByLabel("Chủ trì");
  await chair.selectOption({ index: 1 });
  await page.getByLabel("Thư ký").selectOption({ index: 2 });
  await page.getByLabel("Thời gian sinh hoạt tư tưởng, phê bình (phút)").fill("20");
  await page.getByLabel("Phần mở đầu").fill("Đồng chí Bí thư nêu mục đích, yêu cầu; điểm danh; thông qua chương trình.");
  await page.getByLabel("Nội dung sinh hoạt", { exact: true }).fill("Triển khai nhiệm vụ đột xuất của Đảng ủy Sở.");
  await page.getByLabel("Phần kết thúc").fill("Chủ trì kết luận; chi bộ biểu quyết thông qua nghị quyết.");
  await page.getByRole("button", { name: "Lưu biên bản" }).click();
  await expect(page.getByText(/Đã lưu biên bản/).first()).toBeVisible();

  const speakers: string[] = [];
  for (const [index, summary] of ["Đề nghị phân công cụ thể người, việc, thời hạn.", "Thống nhất với dự thảo nghị quyết."].entries()) {
    const speaker = page.getByLabel("Đảng viên phát biểu");
    await speaker.selectOption({ index: index + 1 });
    speakers.push((await speaker.locator("option:checked").textContent())?.trim() ?? "");
    await page.getByLabel("Tóm tắt nội dung").fill(summary);
    await page.getByRole("button", { name: "Thêm ý kiến" }).click();
    await expect(page.getByText(summary).first()).toBeVisible();
  }

  await page.getByLabel("Nội dung nghị quyết").fill("1. Hoàn thành nhiệm vụ đột xuất trước ngày 30.\n2. Mỗi đảng viên báo cáo kết quả tại kỳ sau.");
  const votes = page.getByRole("group", { name: "Biểu quyết" });
  // Everyone who may vote votes for: the form says how many official members are present.
  const voters = Number((await votes.textContent())?.match(/chính thức có mặt[^:]*:\s*(\d+)/)?.[1] ?? "0");
  expect(voters).toBeGreaterThan(0);
  await votes.getByLabel("Tán thành", { exact: true }).fill(String(voters));
  await votes.getByLabel("Không tán thành").fill("0");
  await votes.getByLabel("Không biểu quyết").fill("0");
  await votes.getByLabel("Hình thức biểu quyết").selectOption({ label: "Giơ tay" });
  await expect(votes.getByText("Biểu quyết hợp lệ")).toBeVisible();
  await page.getByRole("button", { name: "Lưu nghị quyết" }).click();
  // Saved: the answer repeats how D_vote was formed, next to the live preview in the form.
  await expect(page.getByRole("status").filter({ hasText: "Số đảng viên được biểu quyết" })).toHaveCount(2);

  for (const [index, content] of ["Tổng hợp báo cáo nhiệm vụ đột xuất", "Rà soát hồ sơ liên quan"].entries()) {
    await page.getByLabel("Đảng viên được giao").selectOption({ index: index + 1 });
    await page.getByLabel("Nội dung nhiệm vụ").fill(content);
    await page.getByLabel("Hạn hoàn thành").fill(vietnamDate(10));
    await page.getByRole("button", { name: "Giao nhiệm vụ" }).click();
    await expect(page.getByText(content).first()).toBeVisible();
  }
  await noHorizontalScroll(page);

  // 6. Confirm the meeting was held, then download the biên bản.
  await page.goto(`/meetings/${meetingId}`);
  await page.getByRole("button", { name: "Xác nhận đã họp" }).click();
  await confirmStep(page, "Xác nhận đã họp");
  await expect(page.getByText("Đã họp").first()).toBeVisible();
  const link = page.getByRole("link", { name: /biên bản.*DOCX/i }).first();
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^bien-ban-chi-bo-phong-ngan-sach-\d{4}-\d{2}-\d{2}\.docx$/);
  const bytes = await readFile((await download.path())!);
  // A DOCX is a ZIP package: local file header "PK\x03\x04", with the Word parts inside.
  expect(bytes.subarray(0, 4).toString("binary")).toBe("PK\x03\x04");
  expect(bytes.includes(Buffer.from("word/document.xml"))).toBe(true);
  expect(bytes.length).toBeGreaterThan(4000);
  expect(absentName.length).toBeGreaterThan(0);
  expect(speakers.every((name) => name.length > 0)).toBe(true);
});
