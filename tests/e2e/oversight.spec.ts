// The overseer's loop on a phone (issue 6): `capuy` sees an upcoming meeting of a branch he follows
// and says he will attend (the branch's preparation page then lists him), records his attendance and
// remarks at a held meeting of the year that waits for his score confirmation and has no visit yet,
// adjusts the score with a reason on the scorecard, and his figure for the year goes up by one.
// A visit recorded later than the tenant's window counts only once a reviewer approves it: when the
// demo meeting was held longer ago than that, the figure must stay put until `bantochuc` approves.
import { expect, test, type Page } from "@playwright/test";
import { confirmStep, signIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const FIGURE = /^Đã dự (\d+)\/(\d+) buổi năm (\d{4})$/;
const MARK_LABEL = /^Điểm [A-Z][A-Z0-9_]*$/;

interface DeskMeeting {
  id: string;
  title: string;
  day: string;
  branch: { name: string };
  visit: { status: string } | null;
  wouldNeedApproval: boolean;
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The number of visits counted this year, as the desk shows it ("Đã dự 7/6 buổi năm 2026"). */
async function counted(page: Page): Promise<number> {
  await page.goto("/oversight");
  const text = (await page.getByText(FIGURE).first().innerText()).trim();
  return Number(FIGURE.exec(text)?.[1]);
}

test("capuy registers, records a visit with remarks, adjusts the score, and the year's figure goes up by one", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "capuy");
  const before = await counted(page);
  await noHorizontalScroll(page);

  // 1. An upcoming meeting of a followed branch: "Tôi sẽ dự".
  const upcoming = page.getByRole("region", { name: "Kỳ sinh hoạt sắp tới" });
  const register = upcoming.getByRole("button", { name: /^Tôi sẽ dự: / }).first();
  await expect(register).toBeVisible();
  const meeting = ((await register.getAttribute("aria-label")) ?? "").replace(/^Tôi sẽ dự: /, "");
  expect(meeting).not.toBe("");
  await register.click();
  const withdraw = upcoming.getByRole("button", { name: `Hủy đăng ký dự: ${meeting}`, exact: true });
  await expect(withdraw).toBeVisible();
  // `has` is matched inside each item, so it names the button from the page, not from the region.
  const item = upcoming.getByRole("listitem").filter({ has: page.getByRole("button", { name: `Hủy đăng ký dự: ${meeting}`, exact: true }) });
  const upcomingId = ((await item.getByRole("link").first().getAttribute("href")) ?? "").split("/").pop()!;
  // The branch's preparation page lists the overseer among those who will attend.
  await page.goto(`/meetings/${upcomingId}/prepare`);
  await expect(page.getByRole("region", { name: "Đăng ký dự" }).getByText(/đã đăng ký dự\.$/)).toHaveCount(1);

  // 2. A held meeting of this year waiting for his score confirmation, with no visit recorded yet.
  const desk = (await (await page.request.get("/api/v1/oversight/desk")).json()) as { year: number; awaitingScore: DeskMeeting[] };
  const target = desk.awaitingScore.find((m) => m.visit === null && new Date(m.day).getUTCFullYear() === desk.year);
  expect(target, "the demo has a self-scored meeting of this year without capuy's visit").toBeTruthy();
  const held = target!;

  // 3. Attended, with remarks and guidance.
  await page.goto(`/oversight/visits/${held.id}`);
  await page.getByLabel("Có dự", { exact: true }).check();
  await page.getByLabel("Nhận xét", { exact: true }).fill("Chi bộ chuẩn bị chu đáo; đảng viên phát biểu sát nhiệm vụ của phòng, phần phê bình còn ngắn.");
  await page.getByLabel("Ý kiến chỉ đạo", { exact: true }).fill("Tăng thời lượng sinh hoạt tư tưởng; đưa chỉ tiêu cụ thể vào nghị quyết tháng.");
  await page.getByRole("button", { name: "Lưu ghi nhận" }).click();
  await expect(page.getByText("Đã ghi nhận việc dự sinh hoạt.")).toBeVisible();
  await expect(
    page.getByText(held.wouldNeedApproval ? /đang chờ Ban Tổ chức duyệt, chưa được tính/ : "Lượt dự được tính vào định mức dự sinh hoạt.").first(),
  ).toBeVisible();
  await noHorizontalScroll(page);

  // 4. The score: lower one mark, with its note and the reason for the adjustment.
  await page.getByRole("link", { name: "Xác nhận hoặc điều chỉnh điểm" }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${held.id}/score$`));
  await page.getByRole("button", { name: "Mở tất cả nhóm" }).click();
  const mark = page.getByLabel(MARK_LABEL).first();
  await expect(mark).toBeVisible();
  const code = (await mark.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")).replace("Điểm", "").trim();
  const value = Number((await mark.inputValue()).replace(",", "."));
  await mark.fill(String(value >= 1 ? value - 1 : value + 1).replace(".", ","));
  await page.getByLabel(`Ghi chú ${code}`, { exact: true }).fill("Qua dự sinh hoạt, ít đảng viên phát biểu về nội dung này");
  await page.getByLabel("Lý do", { exact: true }).fill("Điều chỉnh sau khi trực tiếp dự sinh hoạt của chi bộ");
  await page.getByRole("button", { name: "Điều chỉnh", exact: true }).click();
  await confirmStep(page, "Điều chỉnh");
  await expect(page.getByText("Cấp trên đã xác nhận").first()).toBeVisible();

  // 5. A late record counts only once the reviewer approves it.
  if (held.wouldNeedApproval) {
    expect(await counted(page)).toBe(before);
    await page.context().clearCookies();
    await signIn(page, "bantochuc");
    await page.goto("/oversight/approvals");
    const form = page.getByRole("form", { name: `${held.title} – ${held.branch.name}` });
    await form.getByRole("button", { name: "Duyệt", exact: true }).click();
    await expect(form).toHaveCount(0);
    await page.context().clearCookies();
    await signIn(page, "capuy");
  }
  expect(await counted(page)).toBe(before + 1);
});
