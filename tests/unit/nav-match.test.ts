import { describe, expect, it } from "vitest";
import { currentNavHref } from "@/components/app-shell/nav-match";

// The admin's navigation, in the order app/(app)/layout.tsx builds it.
const ADMIN_NAV = ["/", "/org", "/members", "/members/import", "/admin/users", "/audit", "/account"];

describe("currentNavHref", () => {
  it.each([
    ["/members/import", "/members/import"],
    ["/members/import/0190a1b2-0000-7000-8000-000000000001", "/members/import"],
    ["/members", "/members"],
    ["/members/0190a1b2-0000-7000-8000-000000000001/edit", "/members"],
    ["/members/new", "/members"],
    ["/", "/"],
    ["/org/0190a1b2-0000-7000-8000-000000000002", "/org"],
    ["/admin/users/0190a1b2-0000-7000-8000-000000000003", "/admin/users"],
  ])("on %s only %s is current", (pathname, expected) => {
    expect(currentNavHref(pathname, ADMIN_NAV)).toBe(expected);
  });

  it("does not depend on the order of the items", () => {
    expect(currentNavHref("/members/import", [...ADMIN_NAV].reverse())).toBe("/members/import");
  });

  it("matches whole path segments only, and the home item only on the home page", () => {
    // "/members-archive" is not below "/members"; "/" must not light up on every page.
    expect(currentNavHref("/members-archive", ADMIN_NAV)).toBeNull();
    expect(currentNavHref("/login", ADMIN_NAV)).toBeNull();
  });

  it("falls back to the parent when the deeper item is not offered (a reader without member.manage)", () => {
    const readerNav = ["/", "/org", "/members", "/account"];
    expect(currentNavHref("/members/import", readerNav)).toBe("/members");
  });
});
