// The year-end classification across four people: `bithu` (on a phone) self-assesses the branch
// against the record shown beside each criterion and records the branch's review meeting and vote,
// `capuy` appraises it, `bantochuc` decides it at the deciding level, and the share of decided
// branches moves on `lanhdao`'s dashboard.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };
// The demo classifies this year from November on, else the year before (lib/seed/demo-classification.ts).
const now = new Date();
const YEAR = now.getMonth() >= 10 ? now.getFullYear() : now.getFullYear() - 1;

/** "Đã quyết định 3/41" in the branches' card of the dashboard's classification section. */
async function decidedBranches(page: Page): Promise<number> {
  await page.goto(`/dashboard?year=${YEAR}`);
  const card = page.locator('[data-share-group="branches"]');
  await expect(card).toBeVisible();
  const text = await card.innerText();
  const match = /Đã quyết định (\d+)\/(\d+)/.exec(text);
  expect(match, text).toBeTruthy();
  return Number(match![1]);
}

async function switchUser(page: Page, username: string, viewport: { width: number; height: number }) {
  await page.context().clearCookies();
  await page.setViewportSize(viewport);
  await signIn(page, username);
}

test("bithu self-assesses the branch, capuy appraises, bantochuc decides and the leader's share moves", async ({ page }) => {
  test.setTimeout(240_000);

  await switchUser(page, "lanhdao", DESK);
  const before = await decidedBranches(page);

  // 1. The secretary, on a phone: the board says what to do; the branch's own card leads to the form.
  await switchUser(page, "bithu", PHONE);
  await page.goto(`/classification?period=${YEAR}`);
  await expect(page.getByRole("heading", { name: "Kiểm điểm, xếp loại", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Tự đánh giá: Chi bộ Phòng Ngân sách" }).click();
  await expect(page.getByRole("heading", { name: "Chi bộ Phòng Ngân sách", level: 1 })).toBeVisible();
  // The record is beside the criteria.
  await expect(page.getByText("Chế độ và chất lượng sinh hoạt").first()).toBeVisible();
  await expect(page.getByText(/Tỷ lệ đảng viên dự: \d/).first()).toBeVisible();

  const marks: Record<string, string> = { CT: "9", TC: "9", KT: "8,5", NV1: "36", NV2: "17", NV3: "8,5" }; // 88
  for (const [code, value] of Object.entries(marks)) await page.getByLabel(`Điểm ${code}`, { exact: true }).fill(value);
  await page.getByLabel("Nhận xét NV1 (bắt buộc)").fill("Phòng hoàn thành các chỉ tiêu dự toán ngân sách năm đúng hạn.");
  await expect(page.getByText("Tổng điểm: 88/100")).toBeVisible();
  await page.getByRole("group", { name: /^Tất cả chỉ tiêu, nhiệm vụ hoàn thành đúng tiến độ/ }).getByLabel("Có").check();
  await page.getByLabel("Tỷ lệ chỉ tiêu, nhiệm vụ hoàn thành vượt mức (%)").fill("10");
  await page.getByLabel("Tỷ lệ chỉ tiêu, nhiệm vụ chậm tiến độ hoặc chưa hoàn thành (%)").fill("0");
  await page.getByRole("group", { name: "Bị thi hành kỷ luật trong kỳ" }).getByLabel("Không").check();
  // Asking for "xuất sắc" with 88 points is refused, naming why; NV3 still lacks its remark.
  await page.getByLabel("Mức tự xếp loại").selectOption("EXCELLENT");
  await page.getByRole("button", { name: "Gửi bản tự đánh giá" }).click();
  await expect(page.getByText(/cần ghi nhận xét/).first()).toBeVisible();
  await page.getByLabel("Nhận xét NV3 (bắt buộc)").fill("Chỉ đạo công đoàn phòng tổ chức tốt phong trào thi đua.");
  await page.getByRole("button", { name: "Gửi bản tự đánh giá" }).click();
  await expect(page.getByText(/Chưa đủ điều kiện xếp loại "Hoàn thành xuất sắc nhiệm vụ": tổng điểm 88 chưa đạt 90 điểm/).first()).toBeVisible();
  await page.getByLabel("Mức tự xếp loại").selectOption("GOOD");
  await page.getByRole("button", { name: "Gửi bản tự đánh giá" }).click();
  await expect(page.getByText("Đã gửi bản tự đánh giá.")).toBeVisible();

  // The branch's review meeting (held, kind REVIEW) and its vote: the official members present.
  const meetingId = await page.getByLabel("Hội nghị kiểm điểm", { exact: true }).inputValue();
  const attendance = await (await page.request.get(`/api/v1/meetings/${meetingId}/attendance`)).json();
  const voters: number = attendance.figures.presentOfficial;
  await page.getByLabel("Ý kiến góp ý của chi bộ").fill("Chi bộ thống nhất với báo cáo kiểm điểm của chi ủy.");
  await page.getByLabel("Mức chi bộ đề nghị").selectOption("GOOD");
  await page.getByLabel("Số tán thành").fill(String(voters));
  await page.getByRole("button", { name: "Ghi kết quả hội nghị" }).click();
  await expect(page.getByText("Đã ghi kết quả hội nghị kiểm điểm của chi bộ.")).toBeVisible();
  const caseUrl = new URL(page.url());
  const branchPage = `${caseUrl.pathname}?period=${YEAR}`;

  // 2. The overseer appraises it, keeping the branch's marks.
  await switchUser(page, "capuy", PHONE);
  await page.goto(branchPage);
  await expect(page.getByRole("heading", { name: "Thẩm định của cấp trên" })).toBeVisible();
  await page.getByLabel("Mức cấp trên thẩm định").selectOption("GOOD");
  await page.getByRole("button", { name: "Gửi kết quả thẩm định" }).click();
  await expect(page.getByText("Đã gửi kết quả thẩm định.")).toBeVisible();

  // 3. Ban Tổ chức decides at the level of the Đảng bộ Sở Tài chính; the case locks.
  await switchUser(page, "bantochuc", DESK);
  await page.goto(branchPage);
  await expect(page.getByRole("heading", { name: /Quyết định xếp loại \(Đảng bộ Sở Tài chính\)/ })).toBeVisible();
  await page.getByRole("button", { name: "Quyết định xếp loại" }).click();
  await expect(page.getByText("Đã quyết định xếp loại; hồ sơ đã khóa.")).toBeVisible();
  await expect(page.getByText("Đã quyết định, khóa").first()).toBeVisible();

  // 4. The leader's dashboard counts one more decided branch.
  await switchUser(page, "lanhdao", DESK);
  expect(await decidedBranches(page)).toBe(before + 1);
});

test("the demo shows Ban Tổ chức a member above the cap, and refuses deciding it", async ({ page }) => {
  test.setTimeout(120_000);
  await switchUser(page, "bantochuc", DESK);
  const board = await (await page.request.get(`/api/v1/classification?period=${YEAR}`)).json();
  const over = (board.children as { unit: { id: string } }[]).map((c) => c.unit.id);
  // Find the grassroots organisation whose members' cap is exceeded.
  let capUnit: string | null = null;
  for (const id of over) {
    const b = await (await page.request.get(`/api/v1/classification?unit=${id}&period=${YEAR}`)).json();
    if (b.caps.members && b.caps.members.over > 0) {
      capUnit = id;
      break;
    }
  }
  expect(capUnit).toBeTruthy();
  await page.goto(`/classification?unit=${capUnit}&period=${YEAR}`);
  await expect(page.getByText(/Vượt trần "xuất sắc": thừa 1/).first()).toBeVisible();
  // The excellent one waiting in the queue is refused by the bulk decision, by name.
  await page.getByRole("button", { name: "Quyết định theo mức thẩm định" }).click();
  await expect(page.getByText(/Vượt trần "Hoàn thành xuất sắc nhiệm vụ" tại/).first()).toBeVisible();
});
