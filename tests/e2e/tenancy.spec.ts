// Kept forever as a regression guard: nothing of one tenant is reachable from another.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an org unit of the demo tenant is a 404 for the other tenant's admin, and unknown to a branch secretary outside it", async ({ browser }) => {
  const demo = await browser.newPage();
  await signIn(demo, "quantri");
  await demo.goto("/org");
  const firstUnitLink = demo.locator('a[href^="/org/"]').first();
  await expect(firstUnitLink).toBeVisible();
  const href = await firstUnitLink.getAttribute("href");
  expect(href).toMatch(/^\/org\/[0-9a-f-]{36}$/);
  const ok = await demo.goto(href!);
  expect(ok?.status()).toBe(200);
  await demo.close();

  const other = await browser.newPage();
  await signIn(other, "quantri_b");
  const response = await other.goto(href!);
  expect(response?.status()).toBe(404);
  await other.goto("/org");
  await expect(other.getByText("Đảng ủy Khối các cơ quan tỉnh")).toHaveCount(0);
  await other.close();

  // Inside the tenant, a branch secretary may read their own branch only: the root is a 404 too.
  const secretary = await browser.newPage();
  await signIn(secretary, "bithu");
  expect((await secretary.goto(href!))?.status()).toBe(404);
  await secretary.close();
});
