// The branch's next step on a meeting, as the home page shows it, and the navigation's groups.
import { describe, expect, test } from "vitest";
import { navEntries, type NavItem } from "@/components/app-shell/main-nav";
import { branchStep, stepHref, stepNumber } from "@/lib/meetings/next-step";

const today = new Date("2026-12-07T00:00:00.000Z");
const tomorrow = new Date("2026-12-08T00:00:00.000Z");

describe("the secretary's next step", () => {
  test.each([
    [{ state: "PLANNED", day: tomorrow, prepared: false }, "prepare", "/meetings/m/prepare"],
    [{ state: "PLANNED", day: tomorrow, prepared: true }, "notify", "/meetings/m/prepare#notice"],
    [{ state: "NOTIFIED", day: tomorrow }, "waitDay", "/meetings/m/prepare"],
    [{ state: "NOTIFIED", day: today }, "attendance", "/meetings/m/attendance"],
    [{ state: "NOTIFIED", day: today, attendanceComplete: true, minutesReady: false }, "minutes", "/meetings/m/minutes"],
    [{ state: "NOTIFIED", day: today, attendanceComplete: true, minutesReady: true }, "adopt", "/meetings/m"],
    [{ state: "HELD", day: today, attendanceComplete: false }, "attendance", "/meetings/m/attendance"],
    [{ state: "HELD", day: today, attendanceComplete: true, minutesReady: false }, "minutes", "/meetings/m/minutes"],
    [{ state: "HELD", day: today, attendanceComplete: true, minutesReady: true }, "adopt", "/meetings/m"],
    [{ state: "MINUTES_ADOPTED", day: today }, "selfScore", "/meetings/m/score"],
    [{ state: "SELF_SCORED", day: today }, "awaitConfirm", "/meetings/m"],
  ] as const)("%j → %s", (facts, step, href) => {
    const got = branchStep({ today, ...facts });
    expect(got).toBe(step);
    expect(stepHref("m", got)).toBe(href);
  });

  test("the six steps are numbered in the order the month goes", () => {
    expect(["prepare", "notify", "attendance", "minutes", "adopt", "selfScore"].map((s) => stepNumber(s as never))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stepNumber("waitDay")).toBe(3);
    expect(stepNumber("done")).toBeNull();
  });
});

describe("the desktop menu", () => {
  const labels = { meetings: "Sinh hoạt", oversight: "Theo dõi, đánh giá", org: "Tổ chức, đảng viên", admin: "Quản trị" };

  test("groups sit where their first item is; a group of one is a plain link", () => {
    const items: NavItem[] = [
      { href: "/", label: "Trang chủ" },
      { href: "/meetings", label: "Sinh hoạt chi bộ", group: "meetings" },
      { href: "/org", label: "Tổ chức đảng", group: "org" },
      { href: "/calendar", label: "Lịch sinh hoạt", group: "meetings" },
      { href: "/audit", label: "Nhật ký thay đổi", group: "admin" },
    ];
    const entries = navEntries(items, labels);
    expect(entries.map((e) => (e.kind === "link" ? e.item.label : `${e.label}: ${e.items.map((i) => i.label).join(", ")}`))).toEqual([
      "Trang chủ",
      "Sinh hoạt: Sinh hoạt chi bộ, Lịch sinh hoạt",
      "Tổ chức đảng",
      "Nhật ký thay đổi",
    ]);
  });

  test("the administrator's twelve pages fit in five entries on the bar", () => {
    const hrefs = ["/meetings", "/calendar", "/plans", "/dashboard", "/dashboard/targets", "/oversight/coverage", "/org", "/members", "/members/import", "/admin/users", "/settings", "/settings/rubrics", "/audit"];
    const groups = ["meetings", "meetings", "meetings", "oversight", "oversight", "oversight", "org", "org", "org", "admin", "admin", "admin", "admin"] as const;
    const items: NavItem[] = [{ href: "/", label: "Trang chủ" }, ...hrefs.map((href, i) => ({ href, label: href, group: groups[i] }))];
    expect(navEntries(items, labels)).toHaveLength(5);
  });
});
