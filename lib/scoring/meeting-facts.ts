// MeetingFacts from the record of one meeting (SPEC §11's fact rows): the meetings module already
// computes each figure for its own pages; this gathers them, inside the caller's transaction, in the
// shape the pure engine reads. Nothing here decides points.
import type { Tx } from "@/lib/db/tenant";
import type { MeetingRef } from "@/lib/meetings/access";
import { loadMarks, loadYearHistory } from "@/lib/meetings/attendance";
import { documentTimingFor } from "@/lib/meetings/documents";
import { plannedMinutes } from "@/lib/meetings/meetings";
import { loadRoll, meetingDay, rollEntries } from "@/lib/meetings/record-common";
import { attendanceFigures, counterThresholds, memberCounters, speakersShare, targetsMet } from "@/lib/meetings/record-rules";
import { dueTasks } from "@/lib/meetings/tasks";
import { isoDay } from "@/lib/org/unit-rules";
import { settingsFor, type SettingsSnapshot } from "@/lib/settings/resolve";
import { scoringReadings, type MeetingFacts } from "./facts";

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
    select: {
      hasThematicPart: true,
      ideologyMinutes: true,
      draftResolution: true,
      noticeSentAt: true,
      noticeToOverseer: true,
      preparedByMemberId: true,
      preMeeting: { select: { minuted: true } },
      minutes: { select: { opening: true, proceedings: true, closing: true } },
      documents: { where: { kind: "DRAFT_RESOLUTION" }, select: { id: true }, take: 1 },
    },
  });

  const roll = await loadRoll(tx, tenantId, meeting.branchId, day);
  const marks = await loadMarks(tx, tenantId, meeting.id);
  const figures = attendanceFigures(
    rollEntries(roll),
    marks.map((m) => ({ memberId: m.memberId, mark: m.status })),
  );
  const unmarked = figures.unmarked.length;
  const present = figures.summary.present;

  const summoned = roll.filter((m) => !m.suspended);
  const history = await loadYearHistory(tx, tenantId, meeting, summoned.map((m) => m.memberId));
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

  const speeches = await tx.speech.findMany({ where: { tenantId, meetingId: meeting.id }, select: { memberId: true, isDiscussion: true } });
  const presentIds = new Set(marks.filter((m) => m.status === "PRESENT").map((m) => m.memberId));
  const speakers = speakersShare(speeches, presentIds);

  const timing = await documentTimingFor(tx, tenantId, meeting.id);
  const targets = targetsMet(await dueTasks(tx, tenantId, meeting));
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

  const actualMinutes =
    meeting.actualStart && meeting.actualEnd ? Math.max(0, Math.floor((meeting.actualEnd.getTime() - meeting.actualStart.getTime()) / 60_000)) : 0;
  const denominator = figures.denominator;
  const minutes = details.minutes;

  const facts: MeetingFacts = {
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
    hasCommittee: meeting.branch.hasCommittee,
    preMeetingHeld: details.preMeeting !== null,
    preMeetingMinuted: details.preMeeting?.minuted ?? false,
    noticeToAllMembers: details.noticeSentAt !== null,
    noticeToOverseer: details.noticeToOverseer,
    // A PARTLY task at 60 % counts 0.6 of a target.
    previousTargets: targets.due > 0 ? { met: targets.metHundredths / 100, total: targets.due } : null,
    draftResolutionExists: Boolean(details.draftResolution?.trim()) || details.documents.length > 0,
    preparedBySecretaryOrDeputy: preparer > 0,
    minutesComplete: Boolean(minutes?.opening?.trim() && minutes.proceedings?.trim() && minutes.closing?.trim()),
    // One source per threshold: the rubric's P5, K3 and A2 edges and the T1 reading are the settings
    // the preparation, attendance and dashboard pages read for this branch on the meeting day.
    readings: scoringReadings(settings),
  };
  return { facts, settings };
}
