// The roster path of a tenant admin, end to end: import a CSV (dry run, report, apply), find one of
// the new members by typing their name without accents, transfer them to another branch, and read
// the change in the audit trail. Uses only `quantri` (other specs lock or change other accounts).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { signIn } from "./helpers";

const SAMPLE = fileURLToPath(new URL("../fixtures/roster-import-sample.csv", import.meta.url));
// Row 13 of the sample: a name with several diacritics, unique in the demo tenant.
const MEMBER = "Trịnh Thị Bích Ngọc";
const MEMBER_UNACCENTED = "trinh thi bich ngoc";
const FROM_BRANCH = "Chi bộ Khoa Nội tổng hợp";
const TO_BRANCH = "Chi bộ Khoa Tim mạch";

/** The value (dd) of a labelled fact, statistic or audited field (dt) inside `scope`. */
function definition(scope: Page | Locator, term: string): Locator {
  return scope.locator(`xpath=.//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
}

/** A card of the page, found by its heading. */
function section(page: Page, heading: string): Locator {
  return page.locator("section").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });
}

test("the admin imports a roster, finds a new member without accents, transfers them and sees it in the history", async ({ page }) => {
  await signIn(page, "quantri");

  // 1. Upload → dry run → report: 30 rows to create, no errors, waiting for confirmation.
  await page.goto("/members/import");
  await expect(page.getByRole("heading", { level: 1, name: "Nhập danh sách đảng viên" })).toBeVisible();
  // Only the more specific nav item is the current page (not also "Đảng viên").
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav.locator('[aria-current="page"]')).toHaveText("Nhập, xuất danh sách");
  await page.getByLabel("Tệp danh sách").setInputFiles(SAMPLE);
  const check = page.getByRole("button", { name: "Kiểm tra tệp" });
  await expect(check).toBeEnabled(); // enabled once hydrated
  await check.click();

  await expect(page.getByRole("heading", { level: 1, name: "Báo cáo kiểm tra tệp" })).toBeVisible();
  await expect(page).toHaveURL(/\/members\/import\/[^/?]+$/);
  // exact: Next.js's route announcer also says the page title, which names the file.
  await expect(page.getByText("roster-import-sample.csv", { exact: true })).toBeVisible();
  await expect(definition(page, "Số dòng")).toHaveText("30");
  await expect(definition(page, "Thêm mới")).toHaveText("30");
  await expect(definition(page, "Cập nhật")).toHaveText("0");
  await expect(definition(page, "Dòng lỗi")).toHaveText("0");
  await expect(page.getByText("Đã kiểm tra, chờ xác nhận", { exact: true })).toBeVisible();

  // 2. Confirm → apply → the final counts, and the report now says it was applied.
  await page.getByRole("button", { name: "Cập nhật vào danh sách" }).click();
  await expect(page.getByRole("status").filter({ hasText: /thêm 30 đảng viên, cập nhật 0/i }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText("Đã cập nhật", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /thêm 30 đảng viên, cập nhật 0/i })).toBeVisible();
  await expect(definition(page, "Thêm mới")).toHaveText("30");
  await expect(page.getByRole("button", { name: "Cập nhật vào danh sách" })).toHaveCount(0);

  // 3. The member list finds the new member from a name typed without accents.
  await page.goto("/members");
  await page.getByLabel("Tìm theo họ tên").fill(MEMBER_UNACCENTED);
  await page.getByRole("button", { name: "Tìm và lọc" }).click();
  await expect(page).toHaveURL(/[?&]q=trinh/);
  const result = page.getByRole("link", { name: new RegExp(MEMBER) });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText(FROM_BRANCH);
  await result.click();

  await expect(page.getByRole("heading", { level: 1, name: MEMBER })).toBeVisible();
  await expect(definition(page, "Chi bộ")).toHaveText(FROM_BRANCH);

  // 4. Transfer to another demo branch from a given day.
  const memberships = section(page, "Quá trình sinh hoạt");
  await expect(memberships.getByRole("listitem")).toHaveCount(1);
  await memberships.getByText("Chuyển sinh hoạt sang chi bộ khác").click();
  const target = memberships.getByLabel("Chi bộ chuyển đến");
  // Option labels name the parent committee too; pick the branch by its name, not by an id.
  const option = target.locator("option").filter({ hasText: TO_BRANCH });
  await expect(option).toHaveCount(1);
  await target.selectOption((await option.getAttribute("value"))!);
  await memberships.getByLabel("Sinh hoạt ở chi bộ mới từ ngày").fill("2025-03-01");
  await memberships.getByRole("button", { name: "Chuyển sinh hoạt", exact: true }).click();
  await expect(memberships.getByRole("status").filter({ hasText: "Đã lưu." })).toBeVisible();

  // The record shows the new branch and a history of two memberships (the old one closed the day before).
  await expect(definition(page, "Chi bộ")).toHaveText(TO_BRANCH);
  const rows = memberships.getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(TO_BRANCH);
  await expect(rows.nth(0)).toContainText("Hiện tại");
  await expect(rows.nth(0)).toContainText("Từ 01/03/2025 đến nay");
  await expect(rows.nth(1)).toContainText(FROM_BRANCH);
  await expect(rows.nth(1)).toContainText("Từ 03/02/2016 đến 28/02/2025");
  // The first membership is the one the import created.
  await expect(rows.nth(1)).toContainText("Nhập từ tệp danh sách");

  // 5. The member's history shows the transfer, from which branch to which.
  await page.getByRole("link", { name: "Lịch sử thay đổi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Lịch sử thay đổi: ${MEMBER}` })).toBeVisible();
  const transfer = page.getByRole("listitem").filter({ hasText: "Chuyển sinh hoạt đảng" });
  await expect(transfer).toHaveCount(1);
  await expect(definition(transfer, "Chi bộ")).toContainText(FROM_BRANCH);
  await expect(definition(transfer, "Chi bộ")).toContainText(TO_BRANCH);

  // Creations by import are audited once per file (not per member): the tenant's log has it.
  await page.goto("/audit");
  await page.getByLabel("Thao tác", { exact: true }).selectOption({ label: "Nhập danh sách đảng viên" });
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/action=memberImport\.apply/);
  const applied = page.getByRole("listitem").filter({ hasText: "Nhập danh sách đảng viên" });
  await expect(applied).toHaveCount(1);
  await expect(applied).toContainText("roster-import-sample.csv");
});
