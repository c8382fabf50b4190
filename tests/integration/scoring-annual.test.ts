// A branch's annual rating: twelve months of scorecards rolled up under the Phú Thọ rule (SPEC §5.4,
// E9) or the tenant's setting, the quarterly thematic quota, which result of a scorecard counts
// (final > overseer > self, as far as the meeting's state has got), the year still under way, and
// 404 outside the user's subtree. Scorecards are written directly as the table owner.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as ratingRoute from "@/app/api/v1/branches/[id]/rating/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { annualRating, annualRatingSchema, type AnnualRating } from "@/lib/scoring/annual";
import { ensureBuiltInRubrics } from "@/lib/scoring/rubric-store";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import type { Level } from "@/lib/domain/levels";
import { PHU_THO_ROLLUP } from "@/lib/domain/annual-rollup";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

const LEVEL: Record<string, Level> = { T: "GOOD", K: "FAIR", TB: "AVERAGE", Kém: "POOR" };
const TOTAL: Record<Level, number> = { GOOD: 920, FAIR: 800, AVERAGE: 600, POOR: 400 };

interface Card {
  selfLevel?: Level;
  selfTotalTenths?: number;
  overseerLevel?: Level;
  overseerTotalTenths?: number;
  finalLevel?: Level;
  finalTotalTenths?: number;
}

let t: MeetingTenant;
let rubricId: string;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 3 });
  await withTenant(t.tenantId, (tx) => ensureBuiltInRubrics(tx, t.tenantId));
  rubricId = (await ownerDb().rubric.findFirstOrThrow({ where: { tenantId: t.tenantId, code: "HD42_2025" } })).id;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function meeting(branchId: string, day: string, state: MeetingState, card?: Card, kind: MeetingKind = "REGULAR"): Promise<string> {
  const m = await makeMeeting({ tenant: t, branchId, state, kind, plannedStart: `${day}T07:00:00.000Z` });
  if (card) {
    await ownerDb().scorecard.create({ data: { tenantId: t.tenantId, meetingId: m.id, rubricId, facts: {}, selfMarks: {}, ...card } });
  }
  return m.id;
}

/** A finalised card whose three columns agree. */
const decided = (level: Level): Card => ({
  selfLevel: level,
  selfTotalTenths: TOTAL[level],
  overseerLevel: level,
  overseerTotalTenths: TOTAL[level],
  finalLevel: level,
  finalTotalTenths: TOTAL[level],
});

const month = (m: number) => String(m).padStart(2, "0");

describe("the year rolled up (SPEC §11 E9)", () => {
  beforeAll(async () => {
    // Branch A of E9: T T K T T T K T K T K T; August is the combined meeting (Q3's thematic part).
    const levels = "T T K T T T K T K T K T".split(" ");
    for (const [i, code] of levels.entries()) {
      await meeting(t.branch.id, `2025-${month(i + 1)}-05`, "FINALISED", decided(LEVEL[code]!), i + 1 === 8 ? "COMBINED" : "REGULAR");
    }
    await meeting(t.branch.id, "2025-02-19", "HELD", undefined, "THEMATIC"); // Q1: held, not scored yet
    await meeting(t.branch.id, "2025-05-19", "FINALISED", decided("FAIR"), "THEMATIC"); // Q2
    await meeting(t.branch.id, "2025-11-19", "PLANNED", undefined, "THEMATIC"); // Q4: never held
  });

  test("8 Tốt and 4 Khá is a Tốt year; Q4 had no thematic meeting", async () => {
    const rating = await annualRating(t.reviewer, { branchId: t.branch.id, year: 2025 }, { now: new Date("2026-02-01T03:00:00Z") });
    expect(rating).toMatchObject({
      year: 2025,
      branch: { id: t.branch.id, name: t.branch.name, parentName: t.g.name },
      provisional: false,
      throughMonth: 12,
      rule: { ...PHU_THO_ROLLUP, throughMonth: 12 },
      unscoredMonths: [],
    });
    expect(rating.rollup).toMatchObject({
      level: "GOOD",
      counts: { GOOD: 8, FAIR: 4, AVERAGE: 0, POOR: 0 },
      missingMonths: [],
      explanation: "Năm 2025: 8 kỳ Tốt, 4 kỳ Khá; mọi kỳ thường kỳ từ Khá trở lên và có ít nhất 7 kỳ Tốt → Tốt.",
    });
    expect(rating.quota).toEqual({
      quarters: [
        { quarter: 1, count: 1, met: true, ended: true },
        { quarter: 2, count: 1, met: true, ended: true },
        { quarter: 3, count: 1, met: true, ended: true },
        { quarter: 4, count: 0, met: false, ended: true },
      ],
      allMet: false,
      shortQuarters: [4],
    });
    // One row per meeting, in date order, each with its month and effective result.
    expect(rating.meetings.map((m) => `${m.date} ${m.kind} ${m.effective?.level ?? "-"}`)).toEqual([
      "2025-01-05 REGULAR GOOD",
      "2025-02-05 REGULAR GOOD",
      "2025-02-19 THEMATIC -",
      "2025-03-05 REGULAR FAIR",
      "2025-04-05 REGULAR GOOD",
      "2025-05-05 REGULAR GOOD",
      "2025-05-19 THEMATIC FAIR",
      "2025-06-05 REGULAR GOOD",
      "2025-07-05 REGULAR FAIR",
      "2025-08-05 COMBINED GOOD",
      "2025-09-05 REGULAR FAIR",
      "2025-10-05 REGULAR GOOD",
      "2025-11-05 REGULAR FAIR",
      "2025-11-19 THEMATIC -",
      "2025-12-05 REGULAR GOOD",
    ]);
    expect(rating.meetings[0]).toMatchObject({ month: 1, state: "FINALISED", final: { level: "GOOD", total: 92 }, effective: { level: "GOOD", total: 92, source: "final" } });
  });

  test("the rule is the tenant's setting in force at the end of the year (scoring.annualRollup)", async () => {
    const { throughMonth: _months, ...phuTho } = PHU_THO_ROLLUP;
    const setting = (from: string, minGoodCount: number) =>
      withTenant(t.tenantId, (tx) =>
        tx.setting.create({
          data: {
            tenantId: t.tenantId,
            key: "scoring.annualRollup",
            value: { ...phuTho, minGoodCount },
            scopeUnitId: t.branch.id,
            effectiveFrom: fixtureDay(from),
          },
        }),
      );
    const rate = () => annualRating(t.reviewer, { branchId: t.branch.id, year: 2025 }, { now: new Date("2026-02-01T03:00:00Z") });
    await setting("2026-01-01", 12); // for next year: 2025 keeps its rule
    expect((await rate()).rollup?.level).toBe("GOOD");
    await setting("2025-06-01", 9);
    const rating = await rate();
    expect(rating.rule.minGoodCount).toBe(9);
    expect(rating.rollup).toMatchObject({ level: "FAIR", explanation: "Năm 2025: 8 kỳ Tốt, 4 kỳ Khá; chỉ có 8 kỳ Tốt, chưa đủ 9 → Khá." });
  });
});

describe("a year with a missing month, a card sent back, and the JSON twin", () => {
  beforeAll(async () => {
    // E9's branch B for January–October, scored at different stages.
    const levels = "T T T K T T TB T T K".split(" ");
    for (const [i, code] of levels.entries()) {
      const level = LEVEL[code]!;
      await meeting(
        t.branch2.id,
        `2025-${month(i + 1)}-05`,
        i % 2 === 0 ? "CONFIRMED" : "SELF_SCORED",
        i % 2 === 0 ? { selfLevel: "GOOD", selfTotalTenths: 950, overseerLevel: level, overseerTotalTenths: TOTAL[level] } : { selfLevel: level, selfTotalTenths: TOTAL[level] },
      );
    }
    // November: the self-score was sent back for scoring again, so it does not count; December: no meeting.
    await meeting(t.branch2.id, "2025-11-05", "MINUTES_ADOPTED", { selfLevel: "GOOD", selfTotalTenths: 990 });
  });

  test("GET /api/v1/branches/{id}/rating: missing months count as Kém, so the year is Trung bình", async () => {
    signIn(t.overseer);
    const response = await ratingRoute.GET(apiRequest("GET", `/api/v1/branches/${t.branch2.id}/rating?year=2025`), routeContext({ id: t.branch2.id }));
    expect(response.status).toBe(200);
    const rating = annualRatingSchema.parse(await response.json()) as AnnualRating;
    expect(rating.rollup).toMatchObject({
      level: "AVERAGE",
      counts: { GOOD: 7, FAIR: 2, AVERAGE: 1, POOR: 2 },
      missingMonths: [11, 12],
      explanation: "Năm 2025: 7 kỳ Tốt, 2 kỳ Khá, 1 kỳ Trung bình, 2 kỳ Kém; tháng 11, 12 không sinh hoạt, tính là Kém; có kỳ dưới Trung bình → Trung bình.",
    });
    // November was held: the page says it awaits its score rather than that the branch did not meet.
    expect(rating.unscoredMonths).toEqual([11]);
    expect(rating.meetings.find((m) => m.month === 11)).toMatchObject({ state: "MINUTES_ADOPTED", self: { level: "GOOD", total: 99 }, effective: null });
    expect(rating.quota.shortQuarters).toEqual([1, 2, 3, 4]);
  });

  test("this year is rated on the months done: a month whose meeting awaits its score is still under way", async () => {
    const rating = await annualRating(t.overseer, { branchId: t.branch2.id, year: 2025 }, { now: new Date("2025-11-20T03:00:00Z") });
    expect(rating).toMatchObject({ provisional: true, throughMonth: 10, unscoredMonths: [] });
    expect(rating.rollup).toMatchObject({ level: "FAIR", counts: { GOOD: 7, FAIR: 2, AVERAGE: 1, POOR: 0 }, missingMonths: [] });
    // Q4 has not ended: no shortfall yet.
    expect(rating.quota.shortQuarters).toEqual([1, 2, 3]);

    const october = await annualRating(t.overseer, { branchId: t.branch2.id, year: 2025 }, { now: new Date("2025-10-20T03:00:00Z") });
    expect(october.throughMonth).toBe(10); // October's meeting already has its result

    const next = await annualRating(t.overseer, { branchId: t.branch2.id, year: 2026 }, { now: new Date("2025-11-20T03:00:00Z") });
    expect(next).toMatchObject({ provisional: true, throughMonth: 0, rollup: null, meetings: [] });
  });
});

describe("which result of a scorecard counts", () => {
  test("final > overseer > self, each only once the meeting's state has reached it", async () => {
    const ids = {
      jan: await meeting(t.branch.id, "2024-01-10", "FINALISED", {
        selfLevel: "GOOD",
        selfTotalTenths: 950,
        overseerLevel: "FAIR",
        overseerTotalTenths: 855,
        finalLevel: "AVERAGE",
        finalTotalTenths: 650,
      }),
      feb: await meeting(t.branch.id, "2024-02-10", "FINALISED", { selfLevel: "GOOD", selfTotalTenths: 920, overseerLevel: "FAIR", overseerTotalTenths: 800 }),
      mar: await meeting(t.branch.id, "2024-03-10", "CONFIRMED", { selfLevel: "GOOD", selfTotalTenths: 910, overseerLevel: "FAIR", overseerTotalTenths: 840 }),
      // The overseer has a draft in the card, but has not confirmed: the branch's own score counts.
      apr: await meeting(t.branch.id, "2024-04-10", "SELF_SCORED", { selfLevel: "GOOD", selfTotalTenths: 930, overseerLevel: "POOR", overseerTotalTenths: 400 }),
      may: await meeting(t.branch.id, "2024-05-10", "MINUTES_ADOPTED", { selfLevel: "GOOD", selfTotalTenths: 900 }),
      jun: await meeting(t.branch.id, "2024-06-10", "HELD"),
      jul: await meeting(t.branch.id, "2024-07-10", "CANCELLED"),
    };
    const rating = await annualRating(t.recorder, { branchId: t.branch.id, year: 2024 }, { now: new Date("2025-03-01T03:00:00Z") });
    const row = (id: string) => rating.meetings.find((m) => m.meetingId === id);
    expect(row(ids.jan)).toMatchObject({
      self: { level: "GOOD", total: 95 },
      overseer: { level: "FAIR", total: 85.5 },
      final: { level: "AVERAGE", total: 65 },
      effective: { level: "AVERAGE", total: 65, source: "final" },
    });
    expect(row(ids.feb)?.effective).toEqual({ level: "FAIR", total: 80, source: "overseer" });
    expect(row(ids.mar)?.effective).toEqual({ level: "FAIR", total: 84, source: "overseer" });
    expect(row(ids.apr)?.effective).toEqual({ level: "GOOD", total: 93, source: "self" });
    expect(row(ids.may)?.effective).toBeNull();
    expect(row(ids.jun)).toMatchObject({ self: { level: null, total: null }, effective: null });
    expect(row(ids.jul)?.effective).toBeNull();
    expect(rating.rollup?.months.slice(0, 7)).toEqual([
      { month: 1, levels: ["AVERAGE"], missing: false },
      { month: 2, levels: ["FAIR"], missing: false },
      { month: 3, levels: ["FAIR"], missing: false },
      { month: 4, levels: ["GOOD"], missing: false },
      { month: 5, levels: ["POOR"], missing: true },
      { month: 6, levels: ["POOR"], missing: true },
      { month: 7, levels: ["POOR"], missing: true },
    ]);
    expect(rating.unscoredMonths).toEqual([5, 6]);
  });
});

describe("who may see it", () => {
  test("a branch outside the user's subtree, a committee, a member account or a bad id: 404", async () => {
    const year = { year: 2025 };
    await expect(annualRating(t.recorderOther, { branchId: t.branch.id, ...year })).rejects.toBeInstanceOf(NotFoundError);
    await expect(annualRating(t.recorder2, { branchId: t.branch.id, ...year })).rejects.toBeInstanceOf(NotFoundError);
    await expect(annualRating(t.member, { branchId: t.branch.id, ...year })).rejects.toBeInstanceOf(NotFoundError);
    await expect(annualRating(t.reviewer, { branchId: t.g.id, ...year })).rejects.toBeInstanceOf(NotFoundError);
    await expect(annualRating(t.reviewer, { branchId: "not-a-uuid", ...year })).rejects.toBeInstanceOf(NotFoundError);
    await expect(annualRating(t.reviewer, { branchId: t.branch.id, year: 1999 })).rejects.toBeInstanceOf(ValidationError);

    signIn(t.recorderOther);
    const response = await ratingRoute.GET(apiRequest("GET", `/api/v1/branches/${t.branch.id}/rating?year=2025`), routeContext({ id: t.branch.id }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "Không tìm thấy chi bộ này trong phạm vi của bạn." });

    // The branch's own recorder and the overseer of its committee may.
    signIn(t.recorder);
    expect((await ratingRoute.GET(apiRequest("GET", `/api/v1/branches/${t.branch.id}/rating?year=2025`), routeContext({ id: t.branch.id }))).status).toBe(200);
    await expect(annualRating(t.overseer, { branchId: t.branch.id, ...year })).resolves.toMatchObject({ year: 2025 });
  });
});
