// A branch's annual rating (xếp loại chất lượng sinh hoạt năm): its meetings of the year with their
// scorecards, each meeting's effective result, the roll-up under the tenant's rule (setting
// scoring.annualRollup, Phú Thọ by default, SPEC §5.4) and the quarterly thematic quota (SPEC §2).
import { z } from "zod";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { MONTHLY_MEETING_KINDS, monthOf, yearOf, type IsoDate } from "@/lib/meetings/rules/types";
import { isBranchKind } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import { Points, type Tenths } from "@/lib/exact/ratio";
import { scoringMessages } from "./messages";
import { rollupYear, thematicQuota, type AnnualRollup, type RatedMeeting, type ThematicQuota } from "./rollup";
import { isoDay, todayInVietnam, vietnamMonthStart, vietnamDayOf } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import { LEVELS, type Level } from "@/lib/domain/levels";
import type { AnnualRollupSettings } from "@/lib/domain/annual-rollup";

const text = scoringMessages.annual;

export type ScoreSource = "final" | "overseer" | "self";

/**
 * Which scorecard columns count, by the meeting's state (it says where the scorecard is): a self-score
 * counts once proposed (SELF_SCORED), the overseer's once confirmed, the reviewer's once finalised.
 * A card sent back (MINUTES_ADOPTED again) or still a draft counts for nothing. Best first (SPEC §5.5).
 */
const COUNTED: Partial<Record<MeetingState, readonly ScoreSource[]>> = {
  SELF_SCORED: ["self"],
  CONFIRMED: ["overseer", "self"],
  FINALISED: ["final", "overseer", "self"],
};

/** The columns that count in this state, best first (empty: nothing counts yet). */
export function countedSources(state: MeetingState): readonly ScoreSource[] {
  return COUNTED[state] ?? [];
}

/** Held and recorded: such a meeting without a result is waiting to be scored, not missing. */

export interface ScoreColumn {
  level: Level | null;
  /** Points as a decimal (89.5), null when not scored. */
  total: number | null;
}

export interface AnnualMeetingRow {
  meetingId: string;
  title: string;
  /** Day of the meeting in Vietnam (held, else planned). */
  date: IsoDate;
  month: number;
  kind: MeetingKind;
  state: MeetingState;
  self: ScoreColumn;
  overseer: ScoreColumn;
  final: ScoreColumn;
  /** The result that counts in the roll-up; null while there is none. */
  effective: { level: Level; total: number | null; source: ScoreSource } | null;
}

export interface AnnualRating {
  year: number;
  branch: { id: string; name: string; parentName: string | null };
  /** The year is not over: the rating covers months 1..throughMonth. */
  provisional: boolean;
  /** Months rated: 12 for a past year; for this year the months done (0: nothing to rate yet). */
  throughMonth: number;
  rule: AnnualRollupSettings;
  /** Null while no month can be rated (a future year, or January before its meeting). */
  rollup: AnnualRollup | null;
  quota: ThematicQuota;
  meetings: AnnualMeetingRow[];
  /** Rated months counted as missing although a monthly meeting was held: it awaits its score. */
  unscoredMonths: number[];
}

const level = z.enum(LEVELS);
const scoreColumn = z.object({ level: level.nullable(), total: z.number().nullable() });

export const annualRatingSchema = z.object({
  year: z.number().int(),
  branch: z.object({ id: z.string(), name: z.string(), parentName: z.string().nullable() }),
  provisional: z.boolean(),
  throughMonth: z.number().int().min(0).max(12),
  rule: z.object({
    minGoodCount: z.number().int(),
    goodFloor: level,
    fairFloor: level,
    belowFairLevel: level,
    missingMonthLevel: level,
    goodNeedsFairCondition: z.boolean(),
    throughMonth: z.number().int(),
  }),
  rollup: z
    .object({
      year: z.number().int(),
      level,
      months: z.array(z.object({ month: z.number().int(), levels: z.array(level), missing: z.boolean() })),
      counts: z.record(level, z.number().int()),
      missingMonths: z.array(z.number().int()),
      allMonthlyAtLeastGoodFloor: z.boolean(),
      allAtLeastFairFloor: z.boolean(),
      explanation: z.string(),
    })
    .nullable(),
  quota: z.object({
    quarters: z.array(z.object({ quarter: z.number().int(), count: z.number().int(), met: z.boolean(), ended: z.boolean() })),
    allMet: z.boolean(),
    shortQuarters: z.array(z.number().int()),
  }),
  meetings: z.array(
    z.object({
      meetingId: z.string(),
      title: z.string(),
      date: z.string().describe("yyyy-mm-dd"),
      month: z.number().int(),
      kind: z.enum(MeetingKind),
      state: z.enum(MeetingState),
      self: scoreColumn,
      overseer: scoreColumn,
      final: scoreColumn,
      effective: z.object({ level, total: z.number().nullable(), source: z.enum(["final", "overseer", "self"]) }).nullable(),
    }),
  ),
  unscoredMonths: z.array(z.number().int()),
});
// Fails to compile when the answer schema and the service's type drift apart.
const _sameShape: [AnnualRating, z.output<typeof annualRatingSchema>] extends [z.output<typeof annualRatingSchema>, AnnualRating] ? true : never = true;

const points = (tenths: Tenths | null) => (tenths === null ? null : Points.toNumber(tenths));

interface CardColumns {
  selfLevel: Level | null;
  selfTotalTenths: number | null;
  overseerLevel: Level | null;
  overseerTotalTenths: number | null;
  finalLevel: Level | null;
  finalTotalTenths: number | null;
}

function columns(card: CardColumns | null): Record<ScoreSource, ScoreColumn> {
  return {
    self: { level: card?.selfLevel ?? null, total: points(card?.selfTotalTenths ?? null) },
    overseer: { level: card?.overseerLevel ?? null, total: points(card?.overseerTotalTenths ?? null) },
    final: { level: card?.finalLevel ?? null, total: points(card?.finalTotalTenths ?? null) },
  };
}

/** Final, else overseer, else self, among the columns the meeting's state lets count. */
export function effectiveResult(state: MeetingState, card: CardColumns | null): AnnualMeetingRow["effective"] {
  const cols = columns(card);
  for (const source of COUNTED[state] ?? []) {
    const col = cols[source];
    if (col.level !== null) return { level: col.level, total: col.total, source };
  }
  return null;
}

/**
 * The annual rating of a branch for `year`. 404 for a branch the user may not read meetings of
 * (meeting.read on it), as for one that does not exist. `now` fixes "today" for tests.
 */
export async function annualRating(user: Principal, input: { branchId: string; year: number }, options: { now?: Date } = {}): Promise<AnnualRating> {
  const { branchId, year } = input;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError(text.invalidYear, { year: [text.invalidYear] });
  const today = todayInVietnam(options.now ?? new Date());
  const currentYear = today.getUTCFullYear();

  return withTenant(user.tenantId, async (tx) => {
    const branch = isUuid(branchId)
      ? await tx.orgUnit.findUnique({
          where: { tenantId_id: { tenantId: user.tenantId, id: branchId } },
          select: { id: true, name: true, path: true, kind: true, parent: { select: { name: true } } },
        })
      : null;
    if (!branch || !isBranchKind(branch.kind) || !authorize(user, "meeting.read", branch)) throw new NotFoundError(text.notFound);

    // The rule in force at the end of the rated year: a change made for next year leaves this one alone.
    const settings = await settingsFor(tx, user.tenantId, branch.path, new Date(Date.UTC(year, 11, 31)));
    // Vietnam is UTC+7 all year: its 1 January starts at 17:00 UTC the day before.
    const range = { gte: vietnamMonthStart(year, 1), lt: vietnamMonthStart(year + 1, 1) };
    const meetings = await tx.meeting.findMany({
      where: { tenantId: user.tenantId, branchId: branch.id, OR: [{ plannedStart: range }, { actualStart: range }] },
      select: {
        id: true,
        title: true,
        kind: true,
        state: true,
        plannedStart: true,
        actualStart: true,
        scorecard: {
          select: {
            selfLevel: true,
            selfTotalTenths: true,
            overseerLevel: true,
            overseerTotalTenths: true,
            finalLevel: true,
            finalTotalTenths: true,
          },
        },
      },
      orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
    });

    const rows: AnnualMeetingRow[] = meetings
      .map((m) => {
        const date = isoDay(vietnamDayOf(m.actualStart ?? m.plannedStart));
        const cols = columns(m.scorecard);
        return {
          meetingId: m.id,
          title: m.title,
          date,
          month: monthOf(date),
          kind: m.kind,
          state: m.state,
          ...cols,
          effective: effectiveResult(m.state, m.scorecard),
        };
      })
      // A meeting planned in December and held in January belongs to the year it was held.
      .filter((r) => yearOf(r.date) === year)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

    const rated: RatedMeeting[] = rows.flatMap((r) => (r.effective ? [{ date: r.date, kind: r.kind, level: r.effective.level }] : []));
    const isMonthly = (r: AnnualMeetingRow) => MONTHLY_MEETING_KINDS.includes(r.kind);

    // A past year is rated on all twelve months. This year, on the months done: the current month
    // only once its monthly meeting has a result (until then it is still under way, not missing).
    let throughMonth = 12;
    if (year > currentYear) throughMonth = 0;
    else if (year === currentYear) {
      const month = today.getUTCMonth() + 1;
      throughMonth = rows.some((r) => r.month === month && isMonthly(r) && r.effective) ? month : month - 1;
    }
    const rule: AnnualRollupSettings = { ...settings["scoring.annualRollup"], throughMonth };
    const rollup = throughMonth > 0 ? rollupYear(rated, year, rule) : null;

    const held = rows.filter((r) => HELD_STATES.includes(r.state));
    const quota = thematicQuota(held, year, year >= currentYear ? { asOf: isoDay(today) } : {});
    const unscoredMonths = (rollup?.missingMonths ?? []).filter((month) => held.some((r) => r.month === month && isMonthly(r)));

    return {
      year,
      branch: { id: branch.id, name: branch.name, parentName: branch.parent?.name ?? null },
      provisional: year >= currentYear,
      throughMonth,
      rule,
      rollup,
      quota,
      meetings: rows,
      unscoredMonths,
    };
  });
}
