// The resolution (nghị quyết / kết luận) of a meeting with its vote. Validity is decided by the pure
// vote rules (lib/meetings/rules/vote.ts: only official members present vote; valid when votes in
// favour exceed half of D_vote); the service stores the counts, D_vote and the verdict.
// Version-checked: a first save sends version 0 and creates the row.
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, parseInput } from "@/lib/errors";
import { VoteMethod } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/i18n/format";
import { MEETING_NOT_FOUND, assertRecordEditable, loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import { loadMarks } from "@/lib/meetings/attendance";
import { auditRecord, loadRoll, meetingDay, optionalInstant, optionalInt, optionalLine, requiredParagraphs, rollEntries, uuidField, versionField, withNames, type RollMember } from "@/lib/meetings/record-common";
import { attendanceFigures, suggestResolutionNumber } from "@/lib/meetings/record-rules";
import { voteValidity, type VoteValidity } from "@/lib/meetings/rules/vote";
import type { AttendanceEntry, RollEntry } from "@/lib/meetings/rules/types";
import { parseLocalDateTime } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.resolution;

export const STALE_RESOLUTION =
  wording.stale;

const VOTE_COUNT = wording.voteCount;

export const saveResolutionSchema = z
  .object({
    meetingId: uuidField(MEETING_NOT_FOUND),
    version: versionField,
    number: optionalLine(50, wording.numberTooLong),
    body: requiredParagraphs(50_000, {
      required: wording.bodyRequired,
      tooLong: wording.bodyTooLong,
    }),
    votesFor: optionalInt(0, 10_000, VOTE_COUNT),
    votesAgainst: optionalInt(0, 10_000, VOTE_COUNT),
    votesAbstain: optionalInt(0, 10_000, VOTE_COUNT),
    voteMethod: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(VoteMethod, { error: wording.voteMethodInvalid }).nullable()),
    adoptedAt: optionalInstant(wording.adoptedAtInvalid),
    postedAt: optionalInstant(wording.postedAtInvalid),
  })
  .superRefine((value, ctx) => {
    const counts = [value.votesFor, value.votesAgainst, value.votesAbstain];
    const given = counts.filter((c) => c !== null).length;
    if (given > 0 || value.voteMethod) {
      const fields = ["votesFor", "votesAgainst", "votesAbstain"] as const;
      fields.forEach((field, i) => {
        if (counts[i] === null) ctx.addIssue({ code: "custom", path: [field], message: wording.tallyIncomplete });
      });
      if (!value.voteMethod) ctx.addIssue({ code: "custom", path: ["voteMethod"], message: wording.voteMethodRequired });
    }
    if (value.adoptedAt && value.postedAt && value.postedAt.getTime() < value.adoptedAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["postedAt"], message: wording.postedBeforeAdopted });
    }
  });

export interface ResolutionView {
  exists: boolean;
  /** 0 when there is no resolution yet. */
  version: number;
  number: string | null;
  body: string;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  voteMethod: VoteMethod | null;
  voteDenominator: number | null;
  voteValid: boolean | null;
  adoptedAt: string | null;
  postedAt: string | null;
  /** "<n>-NQ/CB" after the highest number the branch used this year. */
  suggestedNumber: string;
  /** The roll and marks the vote rules read (so the page can show validity while typing). */
  voteRoll: RollEntry[];
  voteMarks: AttendanceEntry[];
}

const resolutionSelect = {
  id: true,
  number: true,
  body: true,
  votesFor: true,
  votesAgainst: true,
  votesAbstain: true,
  voteDenominator: true,
  voteMethod: true,
  voteValid: true,
  adoptedAt: true,
  postedAt: true,
  version: true,
} as const;

/** 00:00 on 1 January (and of the next year) in Vietnam. */
function yearBounds(year: number): { gte: Date; lt: Date } {
  return { gte: parseLocalDateTime(`${year}-01-01T00:00`)!, lt: parseLocalDateTime(`${year + 1}-01-01T00:00`)! };
}

/** Numbers the branch's other resolutions of the meeting's year already use. */
async function numbersUsed(tx: Tx, tenantId: string, meeting: MeetingRef): Promise<{ number: string | null; plannedStart: Date }[]> {
  const rows = await tx.resolution.findMany({
    where: {
      tenantId,
      meetingId: { not: meeting.id },
      number: { not: null },
      meeting: { branchId: meeting.branchId, plannedStart: yearBounds(meetingDay(meeting).getUTCFullYear()) },
    },
    select: { number: true, meeting: { select: { plannedStart: true } } },
  });
  return rows.map((r) => ({ number: r.number, plannedStart: r.meeting.plannedStart }));
}

export async function loadResolutionView(
  tx: Tx,
  tenantId: string,
  meeting: MeetingRef,
  roll: readonly RollMember[],
  marks: readonly { memberId: string; status: AttendanceEntry["mark"] }[],
): Promise<ResolutionView> {
  const [row, used, draft] = [
    await tx.resolution.findUnique({ where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } }, select: resolutionSelect }),
    await numbersUsed(tx, tenantId, meeting),
    await tx.meeting.findUnique({ where: { tenantId_id: { tenantId, id: meeting.id } }, select: { draftResolution: true } }),
  ];
  return {
    exists: Boolean(row),
    version: row?.version ?? 0,
    number: row?.number ?? null,
    // A first resolution starts from the draft prepared before the meeting.
    body: row?.body ?? draft?.draftResolution ?? "",
    votesFor: row?.votesFor ?? null,
    votesAgainst: row?.votesAgainst ?? null,
    votesAbstain: row?.votesAbstain ?? null,
    voteMethod: row?.voteMethod ?? null,
    voteDenominator: row?.voteDenominator ?? null,
    voteValid: row?.voteValid ?? null,
    adoptedAt: row?.adoptedAt?.toISOString() ?? null,
    postedAt: row?.postedAt?.toISOString() ?? null,
    suggestedNumber: suggestResolutionNumber(used.map((u) => u.number)),
    voteRoll: rollEntries(roll),
    voteMarks: marks.map((m) => ({ memberId: m.memberId, mark: m.status })),
  };
}

export interface SavedResolution {
  id: string;
  version: number;
  voteValid: boolean | null;
  voteDenominator: number | null;
  /** The vote rule's sentence: how D_vote was formed and why the vote is (in)valid. */
  explanation: string | null;
}

/**
 * Saves the resolution and its vote. With a vote, attendance must be complete (D_vote depends on
 * every mark), and for + against + abstain may not exceed the official members present.
 */
export async function saveResolution(user: Principal, input: unknown, context: ServiceContext = {}): Promise<SavedResolution> {
  const data = parseInput(saveResolutionSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const existing = await tx.resolution.findUnique({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      select: resolutionSelect,
    });
    if ((existing?.version ?? 0) !== data.version) throw new ConflictError(STALE_RESOLUTION);

    if (data.number) {
      const clash = (await numbersUsed(tx, user.tenantId, meeting)).find(
        (u) => u.number?.toLocaleLowerCase("vi") === data.number!.toLocaleLowerCase("vi"),
      );
      if (clash) {
        throw fieldError("number", fill(wording.numberUsed, { number: data.number, day: formatCalendarDate(meetingDay({ plannedStart: clash.plannedStart, actualStart: null })) }));
      }
    }

    let vote: VoteValidity | null = null;
    if (data.votesFor !== null && data.votesAgainst !== null && data.votesAbstain !== null) {
      const roll = await loadRoll(tx, user.tenantId, meeting.branchId, meetingDay(meeting));
      const marks = (await loadMarks(tx, user.tenantId, meeting.id)).map((m) => ({ memberId: m.memberId, mark: m.status }));
      const figures = attendanceFigures(rollEntries(roll), marks);
      if (!figures.complete || figures.errors.length > 0) {
        const missing = roll.filter((m) => figures.unmarked.includes(m.memberId)).map((m) => m.label);
        const message =
          missing.length > 0
            ? fill(wording.unmarked, { count: missing.length, names: missing.slice(0, 5).join(", "), more: missing.length > 5 ? "…" : "" })
            : withNames(figures.errors[0]!, roll);
        throw fieldError("votesFor", message);
      }
      const tally = { for: data.votesFor, against: data.votesAgainst, abstain: data.votesAbstain };
      const cast = tally.for + tally.against + tally.abstain;
      const votersPresent = figures.summary.presentOfficial;
      if (cast > votersPresent) {
        throw fieldError(
          "votesFor",
          fill(wording.tallyTooHigh, { for: tally.for, against: tally.against, abstain: tally.abstain, cast, present: votersPresent }),
        );
      }
      const result = voteValidity(rollEntries(roll), marks, tally);
      if (!result.ok) throw fieldError("votesFor", withNames(result.errors[0]!, roll));
      vote = result.value;
    }

    const fields = {
      number: data.number,
      body: data.body,
      votesFor: data.votesFor,
      votesAgainst: data.votesAgainst,
      votesAbstain: data.votesAbstain,
      voteMethod: vote ? data.voteMethod : null,
      voteDenominator: vote ? vote.denominator.value : null,
      voteValid: vote ? vote.valid : null,
      adoptedAt: data.adoptedAt,
      postedAt: data.postedAt,
    };
    let saved: { id: string; version: number };
    if (existing) {
      const { count } = await tx.resolution.updateMany({
        where: { tenantId: user.tenantId, id: existing.id, version: existing.version },
        data: { ...fields, version: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError(STALE_RESOLUTION);
      saved = { id: existing.id, version: existing.version + 1 };
    } else {
      saved = await tx.resolution.create({
        data: { tenantId: user.tenantId, meetingId: meeting.id, ...fields },
        select: { id: true, version: true },
      });
    }
    const json = (value: typeof fields) => ({
      ...value,
      adoptedAt: value.adoptedAt?.toISOString() ?? null,
      postedAt: value.postedAt?.toISOString() ?? null,
    });
    await auditRecord(
      tx,
      user,
      meeting.id,
      {
        action: existing ? "resolution.update" : "resolution.create",
        before: existing ? json({ ...existing }) : null,
        after: { ...json(fields), voteExplanation: vote?.explanation ?? null },
      },
      context,
    );
    return { ...saved, voteValid: fields.voteValid, voteDenominator: fields.voteDenominator, explanation: vote?.explanation ?? null };
  });
}
