// The kind rule table and the calendar-day rules of the org tree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { CHILD_KINDS, canHoldChild, isActiveOn, kindChangeProblem, parseCalendarDate } from "@/lib/org/unit-rules";
import { addDays, todayInVietnam } from "@/lib/time/days";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const KINDS = Object.values(OrgUnitKind);

describe("which unit may sit under which", () => {
  it.each([
    ["a chi bộ trực thuộc under a đảng bộ cơ sở", "GRASSROOTS_COMMITTEE", "BRANCH", true],
    ["a chi bộ trực thuộc under a đảng bộ bộ phận", "SUB_COMMITTEE", "BRANCH", true],
    ["a đảng bộ bộ phận under a đảng bộ cơ sở", "GRASSROOTS_COMMITTEE", "SUB_COMMITTEE", true],
    ["a chi bộ cơ sở under the đảng ủy khối", "BLOC_COMMITTEE", "GRASSROOTS_BRANCH", true],
    ["a đảng bộ cơ sở under a đảng bộ cấp trên cơ sở", "UPPER_COMMITTEE", "GRASSROOTS_COMMITTEE", true],
    ["a tổ đảng under a chi bộ", "BRANCH", "PARTY_GROUP", true],
    ["a tổ đảng under a chi bộ cơ sở", "GRASSROOTS_BRANCH", "PARTY_GROUP", true],
    ["no chi bộ trực thuộc directly under the đảng ủy khối", "BLOC_COMMITTEE", "BRANCH", false],
    ["no chi bộ cơ sở inside a đảng bộ cơ sở", "GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH", false],
    ["no đảng bộ bộ phận under a chi bộ", "BRANCH", "SUB_COMMITTEE", false],
    ["no chi bộ under a chi bộ", "BRANCH", "BRANCH", false],
    ["nothing under a tổ đảng", "PARTY_GROUP", "PARTY_GROUP", false],
  ] as const)("%s", (_name, parent, child, expected) => {
    expect(canHoldChild(parent, child)).toBe(expected);
  });

  it("never lets a tổ đảng hold anything, and lets every other kind hold something", () => {
    for (const kind of KINDS) expect(CHILD_KINDS[kind].length > 0).toBe(kind !== "PARTY_GROUP");
  });

  it("keeps the tree finite: no kind can reach itself through a chain other than the bloc level", () => {
    // Only BLOC_COMMITTEE may nest in itself (a provincial đảng bộ holding a đảng ủy khối).
    for (const kind of KINDS) {
      if (kind === "BLOC_COMMITTEE") continue;
      const seen = new Set<OrgUnitKind>();
      const walk = (k: OrgUnitKind) => {
        for (const child of CHILD_KINDS[k]) {
          if (seen.has(child)) continue;
          seen.add(child);
          walk(child);
        }
      };
      walk(kind);
      expect(seen.has(kind)).toBe(false);
    }
  });
});

describe("changing a unit's kind", () => {
  it("must fit the parent", () => {
    expect(kindChangeProblem("SUB_COMMITTEE", { parentKind: "BLOC_COMMITTEE", childKinds: [], hasMembers: false })).toEqual({
      code: "parent",
      parentKind: "BLOC_COMMITTEE",
    });
  });
  it("must keep every child", () => {
    expect(kindChangeProblem("BRANCH", { parentKind: "GRASSROOTS_COMMITTEE", childKinds: ["BRANCH", "BRANCH"], hasMembers: false })).toEqual({
      code: "children",
      childKinds: ["BRANCH"],
    });
  });
  it("keeps a unit with members a branch, but lets it switch between the two branch kinds", () => {
    const context = { parentKind: null, childKinds: ["PARTY_GROUP" as const], hasMembers: true };
    expect(kindChangeProblem("GRASSROOTS_COMMITTEE", { ...context, childKinds: [] })).toEqual({ code: "members" });
    expect(kindChangeProblem("BRANCH", context)).toBeNull();
    expect(kindChangeProblem("GRASSROOTS_BRANCH", context)).toBeNull();
  });
  it("accepts the current kind of any unit built by the table", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS), (parent, kind) => {
        fc.pre(canHoldChild(parent, kind));
        expect(kindChangeProblem(kind, { parentKind: parent, childKinds: CHILD_KINDS[kind], hasMembers: false })).toBeNull();
      }),
    );
  });
});

describe("calendar days", () => {
  it("parses real dates only", () => {
    expect(parseCalendarDate("2026-02-28")).toEqual(day("2026-02-28"));
    expect(parseCalendarDate("2026-02-29")).toBeNull();
    expect(parseCalendarDate("28/02/2026")).toBeNull();
    expect(parseCalendarDate("")).toBeNull();
  });

  it("takes today in Vietnam, which starts 7 hours before UTC's day", () => {
    expect(todayInVietnam(new Date("2026-03-01T16:59:00Z"))).toEqual(day("2026-03-01"));
    expect(todayInVietnam(new Date("2026-03-01T17:00:00Z"))).toEqual(day("2026-03-02"));
  });

  it("counts both the first and the last day as active", () => {
    const unit = { activeFrom: day("2020-01-01"), activeTo: day("2026-06-30") };
    expect(isActiveOn(unit, day("2019-12-31"))).toBe(false);
    expect(isActiveOn(unit, day("2020-01-01"))).toBe(true);
    expect(isActiveOn(unit, day("2026-06-30"))).toBe(true);
    expect(isActiveOn(unit, addDays(day("2026-06-30"), 1))).toBe(false);
    expect(isActiveOn({ ...unit, activeTo: null }, day("2100-01-01"))).toBe(true);
  });
});
