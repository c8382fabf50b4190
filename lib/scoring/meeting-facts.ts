// MeetingFacts from the record of one meeting (SPEC §11's fact rows): the meetings module already
// computes each figure for its own pages; this gathers them, inside the caller's transaction, in the
// shape the pure engine reads. Nothing here decides points.
import type { Tx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AttendanceStatus, DocumentKind, MeetingState, TaskResult } from "@/lib/generated/prisma/enums";
import type { MeetingRef } from "@/lib/meetings/access";
import { loadMarks, loadYearHistory, yearStart } from "@/lib/meetings/attendance";
import { documentTiming, documentTimingFor, type DocumentTiming } from "@/lib/meetings/documents";
import { plannedMinutes } from "@/lib/meetings/meetings";
import { loadRoll, meetingDay, rollEntries } from "@/lib/meetings/record-common";
import { attendanceFigures, counterThresholds, memberCounters, speakersShare, targetsMet, type TaskOutcome } from "@/lib/meetings/record-rules";
import type { MemberMeetingRecord } from "@/lib/meetings/rules/counters";
import type { AttendanceMark, RollEntry } from "@/lib/meetings/rules/types";
import { dueTasks } from "@/lib/meetings/tasks";
import { committeeKey, hasCommitteeOn, hasCommitteeOnMany } from "@/lib/org/committee";
import { resolveSettings, settingInForce, settingRowSelect, settingsFor, type SettingsSnapshot } from "@/lib/settings/resolve";
import { scoringReadings, type MeetingFacts } from "./facts";
import { isoDay } from "@/lib/time/days";

export interface DerivedFacts {
  facts: MeetingFacts;
  settings: SettingsSnapshot;
}

/**
 * The facts of a held meeting as its record stands now. `meeting` comes from loadMeeting (already
 * authorised by the caller). Members not marked yet count in D_att as absent without reason, the
 * way the attendance page shows them, so a half-marked sheet never scores better than a full one.
 */
export async function deriveMeetingFacts(tx: Tx, meeting: MeetingRef): Promise<DerivedFacts> {
  const tenantId = meeting.tenantId;
  const day = meetingDay(meeting);
  const settings = await settingsFor(tx, tenantId, meeting.branch.path, day);
  const details = await tx.meeting.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: meeting.id } },
    select: detailsSelect,
  });

  const roll = rollEntries(await loadRoll(tx, tenantId, meeting.branchId, day));
  const marks = await loadMarks(tx, tenantId, meeting.id);
  const summoned = roll.filter((m) => !m.suspended);
  const history = await loadYearHistory(tx, tenantId, meeting, summoned.map((m) => m.memberId));
  const speeches = await tx.speech.findMany({ where: { tenantId, meetingId: meeting.id }, select: { memberId: true, isDiscussion: true } });
  const timing = await documentTimingFor(tx, tenantId, meeting.id);
  const tasks = await dueTasks(tx, tenantId, meeting);
  const preparer = details.preparedByMemberId
    ? await tx.position.count({
        where: {
          tenantId,
          memberId: details.preparedByMemberId,
          orgUnitId: meeting.branchId,
          kind: { in: ["SECRETARY", "DEPUTY_SECRETARY"] },
          termFrom: { lte: day },
          OR: [{ termTo: null }, { termTo: { gte: day } }],
        },
      })
    : 0;
  const committee = await hasCommitteeOn(tx, tenantId, meeting.branchId, day);
  const facts = meetingFactsFrom({
    meeting,
    hasCommittee: committee.hasCommittee,
    settings,
    details: {
      ...details,
      preMeeting: details.preMeeting,
      minutes: details.minutes,
      hasDraftResolutionDocument: details.documents.length > 0,
    },
    roll,
    marks,
    history,
    speeches,
    timing,
    dueTasks: tasks,
    preparedBySecretaryOrDeputy: preparer > 0,
  });
  return { facts, settings };
}

const detailsSelect = {
  hasThematicPart: true,
  ideologyMinutes: true,
  draftResolution: true,
  noticeSentAt: true,
  noticeToOverseer: true,
  preparedByMemberId: true,
  preMeeting: { select: { minuted: true } },
  minutes: { select: { opening: true, proceedings: true, closing: true } },
  documents: { where: { kind: "DRAFT_RESOLUTION" as const }, select: { id: true }, take: 1 },
} as const;

/** Everything the facts are computed from, as read from one meeting's record. */
export interface MeetingRecordInput {
  meeting: Pick<MeetingRef, "kind" | "plannedStart" | "actualStart" | "actualEnd">;
  /** The branch has a chi ủy on the meeting day (lib/org/committee.ts). */
  hasCommittee: boolean;
  settings: SettingsSnapshot;
  details: {
    hasThematicPart: boolean;
    ideologyMinutes: number | null;
    draftResolution: string | null;
    noticeSentAt: Date | null;
    noticeToOverseer: boolean;
    preMeeting: { minuted: boolean } | null;
    minutes: { opening: string | null; proceedings: string | null; closing: string | null } | null;
    hasDraftResolutionDocument: boolean;
  };
  /** The roll on the meeting day (suspended members included, flagged). */
  roll: readonly RollEntry[];
  marks: readonly { memberId: string; status: AttendanceMark }[];
  /** Marks of the summoned members at the branch's earlier live meetings of the year. */
  history: Readonly<Record<string, MemberMeetingRecord[]>>;
  speeches: readonly { memberId: string | null; isDiscussion: boolean }[];
  timing: DocumentTiming;
  dueTasks: readonly TaskOutcome[];
  preparedBySecretaryOrDeputy: boolean;
}

/** The facts from a meeting's record (pure: deriveMeetingFacts and deriveManyMeetingFacts share it). */
export function meetingFactsFrom(input: MeetingRecordInput): MeetingFacts {
  const { meeting, settings, details, roll, marks, history } = input;
  const day = meetingDay(meeting);
  const figures = attendanceFigures(
    roll,
    marks.map((m) => ({ memberId: m.memberId, mark: m.status })),
  );
  const unmarked = figures.unmarked.length;
  const present = figures.summary.present;

  const summoned = roll.filter((m) => !m.suspended);
  const markOf = new Map(marks.map((m) => [m.memberId, m.status]));
  const thresholds = counterThresholds(settings);
  let longestExcusedStreak = 0;
  for (const member of summoned) {
    const counters = memberCounters(
      history[member.memberId] ?? [],
      { date: isoDay(day), kind: meeting.kind, mark: markOf.get(member.memberId) ?? null },
      thresholds,
    );
    longestExcusedStreak = Math.max(longestExcusedStreak, counters.streak.longest);
  }

  const presentIds = new Set(marks.filter((m) => m.status === "PRESENT").map((m) => m.memberId));
  const speakers = speakersShare(input.speeches, presentIds);
  const timing = input.timing;
  const targets = targetsMet(input.dueTasks);

  const actualMinutes =
    meeting.actualStart && meeting.actualEnd ? Math.max(0, Math.floor((meeting.actualEnd.getTime() - meeting.actualStart.getTime()) / 60_000)) : 0;
  const denominator = figures.denominator;
  const minutes = details.minutes;

  return {
    kind: meeting.kind,
    hasThematicPart: meeting.kind === "COMBINED" || meeting.kind === "THEMATIC" || details.hasThematicPart,
    requiredMinutes: plannedMinutes(settings, meeting.kind, denominator),
    actualMinutes,
    present,
    // The engine needs D_att ≥ 1; a meeting nobody was due at cannot be scored anyway.
    attendanceDenominator: Math.max(1, denominator),
    absentExcused: figures.summary.absentExcused,
    absentUnexcused: figures.summary.absentUnexcused + unmarked + (denominator === 0 ? 1 : 0),
    longestExcusedStreak,
    speakers: speakers.speakers,
    ideologyMinutes: Math.min(details.ideologyMinutes ?? 0, actualMinutes),
    documentsLeadMinutes: timing.documentsLeadMinutes,
    finalDocumentsDelayMinutes: timing.finalDocumentsDelayMinutes,
    hasCommittee: input.hasCommittee,
    preMeetingHeld: details.preMeeting !== null,
    preMeetingMinuted: details.preMeeting?.minuted ?? false,
    noticeToAllMembers: details.noticeSentAt !== null,
    noticeToOverseer: details.noticeToOverseer,
    // A PARTLY task at 60 % counts 0.6 of a target.
    previousTargets: targets.due > 0 ? { met: targets.metHundredths / 100, total: targets.due } : null,
    draftResolutionExists: Boolean(details.draftResolution?.trim()) || details.hasDraftResolutionDocument,
    preparedBySecretaryOrDeputy: input.preparedBySecretaryOrDeputy,
    minutesComplete: Boolean(minutes?.opening?.trim() && minutes.proceedings?.trim() && minutes.closing?.trim()),
    // One source per threshold: the rubric's P5, K3 and A2 edges and the T1 reading are the settings
    // the preparation, attendance and dashboard pages read for this branch on the meeting day.
    readings: scoringReadings(settings),
  };
}

// ─── Many meetings at once ──────────────────────────────────────────────────────────────────────

const LIVE_EXCLUDED: readonly MeetingState[] = ["CANCELLED", "POSTPONED"];

/** A meeting of the loaded branches, with the columns its facts read (MeetingRef's and the details'). */
type BranchMeetingRow = Pick<MeetingRef, "id" | "branchId" | "kind" | "state" | "plannedStart" | "actualStart" | "actualEnd"> &
  Pick<MeetingRecordInput["details"], "hasThematicPart" | "ideologyMinutes" | "draftResolution" | "noticeSentAt" | "noticeToOverseer"> & {
    preparedByMemberId: string | null;
  };

interface MemberPeriodRow {
  memberId: string;
  fromDate: Date;
  toDate: Date | null;
}

const covering = (period: { from: Date; to: Date | null }, day: Date) =>
  period.from.getTime() <= day.getTime() && (period.to === null || period.to.getTime() >= day.getTime());

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The facts with the roll and marks they were derived from (a vote is checked against them). */
export interface RecordFacts extends DerivedFacts {
  roll: RollEntry[];
  marks: { memberId: string; status: AttendanceMark }[];
}

/**
 * deriveMeetingFacts for many meetings of one tenant (the demo seed scores a year of them): the
 * records of their branches are read once, table by table, and each meeting's facts are computed by
 * meetingFactsFrom, with the same predicates as the single-meeting loaders (loadRoll,
 * loadYearHistory, documentTimingFor, dueTasks, settingsFor). A dozen queries instead of about
 * twenty per meeting. tests/integration/demo-seed.test.ts holds the two ways equal on the demo.
 */
export async function deriveManyMeetingFacts(tx: Tx, tenantId: string, meetings: readonly MeetingRef[]): Promise<Map<string, RecordFacts>> {
  const out = new Map<string, RecordFacts>();
  if (meetings.length === 0) return out;
  const branchIds = [...new Set(meetings.map((m) => m.branchId))];
  const settingRows = await tx.setting.findMany({ where: { tenantId }, select: settingRowSelect });
  // Raw reads with `= ANY($1::uuid[])`: Prisma's `in` list of ~700 meeting ids costs two to three
  // times as much for the same rows (it binds every id on its own). Same rows, same columns; the
  // row-level security of the caller's transaction applies to these as to any read in it.
  const tenant = Prisma.sql`${tenantId}::uuid`;
  const branchMeetings = await tx.$queryRaw<BranchMeetingRow[]>(Prisma.sql`
    SELECT "id", "branchId", "kind", "state", "plannedStart", "actualStart", "actualEnd", "hasThematicPart", "ideologyMinutes",
           "draftResolution", "noticeSentAt", "noticeToOverseer", "preparedByMemberId"
      FROM "Meeting" WHERE "tenantId" = ${tenant} AND "branchId" = ANY(${branchIds}::uuid[])`);
  const ids = branchMeetings.map((m) => m.id);
  const ofMeetings = (columns: string, table: string) =>
    Prisma.sql`SELECT ${Prisma.raw(columns)} FROM ${Prisma.raw(`"${table}"`)} WHERE "tenantId" = ${tenant} AND "meetingId" = ANY(${ids}::uuid[])`;
  const preMeetings = await tx.$queryRaw<{ meetingId: string; minuted: boolean }[]>(ofMeetings(`"meetingId", "minuted"`, "PreMeeting"));
  const minutes = await tx.$queryRaw<{ meetingId: string; opening: string | null; proceedings: string | null; closing: string | null }[]>(
    ofMeetings(`"meetingId", "opening", "proceedings", "closing"`, "Minutes"),
  );
  const documents = await tx.$queryRaw<{ meetingId: string; kind: DocumentKind; postedAt: Date }[]>(ofMeetings(`"meetingId", "kind", "postedAt"`, "MeetingDocument"));
  const resolutions = await tx.$queryRaw<{ meetingId: string; postedAt: Date | null }[]>(ofMeetings(`"meetingId", "postedAt"`, "Resolution"));
  const attendances = await tx.$queryRaw<{ meetingId: string; memberId: string; status: AttendanceStatus }[]>(ofMeetings(`"meetingId", "memberId", "status"`, "Attendance"));
  const speeches = await tx.$queryRaw<{ meetingId: string; memberId: string | null; isDiscussion: boolean }[]>(ofMeetings(`"meetingId", "memberId", "isDiscussion"`, "Speech"));
  const tasks = await tx.$queryRaw<{ meetingId: string; reportMeetingId: string | null; result: TaskResult | null; resultPercent: number | null }[]>(Prisma.sql`
    SELECT "meetingId", "reportMeetingId", "result", "resultPercent" FROM "TaskAssignment"
     WHERE "tenantId" = ${tenant} AND ("meetingId" = ANY(${ids}::uuid[]) OR "reportMeetingId" = ANY(${ids}::uuid[]))`);
  const memberships = (
    await tx.$queryRaw<{ branchId: string; validFrom: Date; validTo: Date | null; id: string; endedOn: Date | null; officialOn: Date | null }[]>(Prisma.sql`
      SELECT bm."branchId", bm."validFrom", bm."validTo", m."id", m."endedOn", m."officialOn"
        FROM "BranchMembership" bm JOIN "Member" m ON m."tenantId" = bm."tenantId" AND m."id" = bm."memberId"
       WHERE bm."tenantId" = ${tenant} AND bm."branchId" = ANY(${branchIds}::uuid[])`)
  ).map(({ branchId, validFrom, validTo, ...member }) => ({ branchId, validFrom, validTo, member }));
  const exemptions = await tx.$queryRaw<MemberPeriodRow[]>(Prisma.sql`SELECT "memberId", "fromDate", "toDate" FROM "Exemption" WHERE "tenantId" = ${tenant}`);
  const transfers = (
    await tx.$queryRaw<(MemberPeriodRow & { hostBranchId: string | null; endedOn: Date | null; officialOn: Date | null })[]>(Prisma.sql`
      SELECT t."memberId", t."hostBranchId", t."fromDate", t."toDate", m."endedOn", m."officialOn"
        FROM "TemporaryTransfer" t JOIN "Member" m ON m."tenantId" = t."tenantId" AND m."id" = t."memberId"
       WHERE t."tenantId" = ${tenant}`)
  ).map(({ endedOn, officialOn, ...row }) => ({ ...row, member: { endedOn, officialOn } }));
  const suspensions = await tx.$queryRaw<MemberPeriodRow[]>(Prisma.sql`SELECT "memberId", "fromDate", "toDate" FROM "Suspension" WHERE "tenantId" = ${tenant}`);
  const positions = await tx.$queryRaw<{ memberId: string; orgUnitId: string; termFrom: Date; termTo: Date | null }[]>(Prisma.sql`
    SELECT "memberId", "orgUnitId", "termFrom", "termTo" FROM "Position"
     WHERE "tenantId" = ${tenant} AND "orgUnitId" = ANY(${branchIds}::uuid[]) AND "kind" IN ('SECRETARY', 'DEPUTY_SECRETARY')`);
  const preMeetingOf = new Map(preMeetings.map((row) => [row.meetingId, row]));
  const minutesOf = new Map(minutes.map((row) => [row.meetingId, row]));
  const documentsOf = groupBy(documents, (row) => row.meetingId);
  const resolutionOf = new Map(resolutions.map((row) => [row.meetingId, row]));
  const marksOf = groupBy(attendances, (row) => row.meetingId);
  const speechesOf = groupBy(speeches, (row) => row.meetingId);
  const reportedAt = groupBy(
    tasks.filter((t) => t.reportMeetingId !== null),
    (t) => t.reportMeetingId,
  );
  const nextOf = groupBy(
    tasks.filter((t) => t.reportMeetingId === null),
    (t) => t.meetingId,
  );
  const membershipsOf = groupBy(memberships, (row) => row.branchId);
  const periods = (rows: readonly { memberId: string; fromDate: Date; toDate: Date | null }[]) =>
    groupBy(
      rows.map((r) => ({ memberId: r.memberId, from: r.fromDate, to: r.toDate })),
      (r) => r.memberId,
    );
  const exemptionsOf = periods(exemptions);
  // A member attached to a host: ELSEWHERE at every other branch, on the host's roll (branchRosterOn).
  const transfersOf = groupBy(
    transfers.map((r) => ({ memberId: r.memberId, host: r.hostBranchId, from: r.fromDate, to: r.toDate })),
    (r) => r.memberId,
  );
  const hostedBy = groupBy(
    transfers.filter((r) => r.hostBranchId !== null),
    (r) => r.hostBranchId!,
  );
  const suspensionsOf = periods(suspensions);
  const positionsOf = groupBy(positions, (row) => `${row.orgUnitId}/${row.memberId}`);
  // Live meetings of each branch, in the orders the single-meeting loaders read them.
  const liveOf = groupBy(
    branchMeetings.filter((m) => !LIVE_EXCLUDED.includes(m.state)),
    (m) => m.branchId,
  );
  const detailsOf = new Map(branchMeetings.map((m) => [m.id, m]));
  const committees = await hasCommitteeOnMany(tx, tenantId, meetings.map((m) => ({ branchId: m.branchId, day: meetingDay(m) })));

  // loadYearHistory follows the member across branches: every mark of theirs at a live meeting of
  // the loaded branches, oldest first (the same order as the single-meeting loader).
  const liveById = new Map(branchMeetings.filter((m) => !LIVE_EXCLUDED.includes(m.state)).map((m) => [m.id, m]));
  const marksOfMember = groupBy(
    attendances
      .filter((row) => liveById.has(row.meetingId))
      .map((row) => ({ ...row, meeting: liveById.get(row.meetingId)! }))
      .sort((a, b) => a.meeting.plannedStart.getTime() - b.meeting.plannedStart.getTime() || (a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0)),
    (row) => row.memberId,
  );
  // Each live meeting's day in Vietnam, computed once: the history of every member of every meeting
  // reads it, and the time-zone conversion is the costliest step of that loop.
  const isoDayOf = new Map([...liveById.values()].map((m) => [m.id, isoDay(meetingDay(m))]));
  for (const meeting of meetings) {
    const details = detailsOf.get(meeting.id);
    if (!details) throw new Error(`deriveManyMeetingFacts: meeting ${meeting.id} not found`);
    const day = meetingDay(meeting);
    const settings = resolveSettings(
      settingRows.filter((row) => settingInForce(row, day)),
      meeting.branch.path,
    );
    // loadRoll: the memberships covering the day of members not ended before it, with their periods.
    const onDay = (map: Map<string, { from: Date; to: Date | null }[]>, memberId: string) => (map.get(memberId) ?? []).some((p) => covering(p, day));
    const notEnded = (member: { endedOn: Date | null }) => member.endedOn === null || member.endedOn.getTime() >= day.getTime();
    const own = (membershipsOf.get(meeting.branchId) ?? [])
      .filter((row) => covering({ from: row.validFrom, to: row.validTo }, day) && notEnded(row.member))
      .map((row) => ({ id: row.member.id, officialOn: row.member.officialOn }));
    const ownIds = new Set(own.map((m) => m.id));
    const attachedHere = (hostedBy.get(meeting.branchId) ?? [])
      .filter((row) => covering({ from: row.fromDate, to: row.toDate }, day) && notEnded(row.member) && !ownIds.has(row.memberId))
      .map((row) => ({ id: row.memberId, officialOn: row.member.officialOn }));
    const roll: RollEntry[] = [...own, ...attachedHere].map((member) => ({
      memberId: member.id,
      status: member.officialOn && member.officialOn.getTime() <= day.getTime() ? "OFFICIAL" : "PROBATIONARY",
      exempt: onDay(exemptionsOf, member.id),
      suspended: onDay(suspensionsOf, member.id),
      attachedElsewhere: (transfersOf.get(member.id) ?? []).some((p) => p.host !== meeting.branchId && covering(p, day)),
    }));
    const marks = (marksOf.get(meeting.id) ?? []).map((row) => ({ memberId: row.memberId, status: row.status }));
    // loadYearHistory: the member's marks at earlier live meetings of the calendar year, at any branch.
    const from = yearStart(day).getTime();
    const history: Record<string, MemberMeetingRecord[]> = {};
    for (const member of roll.filter((m) => !m.suspended)) {
      history[member.memberId] = (marksOfMember.get(member.memberId) ?? [])
        .filter((a) => a.meetingId !== meeting.id && a.meeting.plannedStart.getTime() >= from && a.meeting.plannedStart.getTime() < meeting.plannedStart.getTime())
        .map((a) => ({ date: isoDayOf.get(a.meetingId)!, kind: a.meeting.kind, mark: a.status, meetingId: a.meetingId }));
    }
    const live = liveOf.get(meeting.branchId) ?? [];
    // dueTasks: reported here by choice, and the "kỳ sau" tasks of the previous live meeting.
    const previous = live
      .filter((m) => m.id !== meeting.id && m.plannedStart.getTime() < meeting.plannedStart.getTime())
      .sort((a, b) => b.plannedStart.getTime() - a.plannedStart.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))[0];
    const due = [...(reportedAt.get(meeting.id) ?? []), ...(previous ? (nextOf.get(previous.id) ?? []) : [])];
    const preparer = details.preparedByMemberId
      ? (positionsOf.get(`${meeting.branchId}/${details.preparedByMemberId}`) ?? []).some((p) => covering({ from: p.termFrom, to: p.termTo }, day))
      : false;
    const docs = documentsOf.get(meeting.id) ?? [];
    const facts = meetingFactsFrom({
      meeting,
      hasCommittee: committees.get(committeeKey(meeting.branchId, day))?.hasCommittee ?? false,
      settings,
      details: {
        ...details,
        preMeeting: preMeetingOf.get(meeting.id) ?? null,
        minutes: minutesOf.get(meeting.id) ?? null,
        hasDraftResolutionDocument: docs.some((d) => d.kind === "DRAFT_RESOLUTION"),
      },
      roll,
      marks,
      history,
      speeches: speechesOf.get(meeting.id) ?? [],
      timing: documentTiming({
        documents: docs,
        plannedStart: details.plannedStart,
        actualStart: details.actualStart,
        actualEnd: details.actualEnd,
        resolutionPostedAt: resolutionOf.get(meeting.id)?.postedAt ?? null,
      }),
      dueTasks: due,
      preparedBySecretaryOrDeputy: preparer,
    });
    out.set(meeting.id, { facts, settings, roll, marks });
  }
  return out;
}
