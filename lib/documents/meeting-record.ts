// The read side of the official documents: everything the biên bản and nghị quyết print, read in
// one tenant transaction from the meeting's own tables (attendance, minutes, speeches, resolution,
// tasks), with the attendance figures computed by the shared rules. Read-only: nothing is written.
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import type { AttendanceStatus, MeetingKind, MeetingState, MemberStatus, TaskResult, VoteMethod } from "@/lib/generated/prisma/enums";
import { loadMeeting } from "@/lib/meetings/access";
import { hasCommitteeOn } from "@/lib/org/committee";
import { loadRoll, meetingDay, rollEntries } from "@/lib/meetings/record-common";
import { computeAttendance, type AttendanceSummary } from "@/lib/meetings/rules";
import { settingsFor } from "@/lib/settings/resolve";
import { vietnamDayOf } from "@/lib/time/days";

export interface AttendanceLine {
  memberId: string;
  fullName: string;
  status: AttendanceStatus;
  reason: string | null;
  /** Exempt member who attended anyway. */
  exempt: boolean;
  memberStatus: MemberStatus;
}

export interface MeetingRecordData {
  meeting: {
    id: string;
    kind: MeetingKind;
    state: MeetingState;
    title: string;
    topic: string | null;
    hasThematicPart: boolean;
    plannedStart: Date;
    plannedEnd: Date | null;
    actualStart: Date | null;
    actualEnd: Date | null;
    place: string | null;
    ideologyMinutes: number | null;
    content: string | null;
  };
  /** The calendar day of the meeting in Vietnam (UTC midnight). */
  day: Date;
  branch: { id: string; name: string; hasCommittee: boolean; superiorName: string | null };
  /** Locality for the "…, ngày … tháng … năm …" line (tenant setting documents.placeName). */
  placeName: string | null;
  chair: string | null;
  clerk: string | null;
  /** The branch secretary in office on the meeting day (signs the resolution). */
  secretary: string | null;
  /** Marks as recorded, in roll order. */
  attendance: AttendanceLine[];
  /** P, D_att and the counts; null when the marks do not yet cover the roll (the document says so). */
  summary: AttendanceSummary | null;
  /** Counts of the whole roll on the day (official / probationary, suspended members included). */
  roll: { total: number; official: number; probationary: number };
  guests: { name: string; title: string | null }[];
  minutes: { opening: string | null; proceedings: string | null; closing: string | null; adoptedAt: Date | null } | null;
  speeches: { memberId: string | null; speaker: string; summary: string; isDiscussion: boolean }[];
  resolution: {
    number: string | null;
    body: string;
    votesFor: number | null;
    votesAgainst: number | null;
    votesAbstain: number | null;
    voteDenominator: number | null;
    voteMethod: VoteMethod | null;
    voteValid: boolean | null;
    adoptedAt: Date | null;
  } | null;
  tasks: { memberName: string; content: string; deadline: Date; reportMeeting: { title: string; plannedStart: Date } | null }[];
  /** Tasks of earlier meetings reported at this one, with their results. */
  reportedTasks: { memberName: string; content: string; result: TaskResult | null; resultPercent: number | null; resultNote: string | null }[];
}

async function secretaryOn(tx: Tx, tenantId: string, branchId: string, day: Date): Promise<string | null> {
  const position = await tx.position.findFirst({
    where: { tenantId, orgUnitId: branchId, kind: "SECRETARY", termFrom: { lte: day }, OR: [{ termTo: null }, { termTo: { gte: day } }] },
    select: { member: { select: { fullName: true } } },
    orderBy: { termFrom: "desc" },
  });
  return position?.member.fullName ?? null;
}

/** Reads one meeting's record for the documents; 404 for a meeting the user may not read. */
export async function loadMeetingRecord(user: Principal, meetingId: string): Promise<MeetingRecordData> {
  return withTenant(user.tenantId, async (tx) => {
    const ref = await loadMeeting(tx, user, meetingId);
    // A member of the branch (meeting.attendOwn only) gets the member version of the documents: the
    // same text without anyone's absence reason, which the attendance JSON does not show them either.
    const memberVersion = !authorize(user, "meeting.read", ref.branch);
    const tenantId = user.tenantId;
    const meeting = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: ref.id } },
      select: {
        id: true,
        kind: true,
        state: true,
        title: true,
        topic: true,
        hasThematicPart: true,
        plannedStart: true,
        plannedEnd: true,
        actualStart: true,
        actualEnd: true,
        place: true,
        ideologyMinutes: true,
        content: true,
        chairMemberId: true,
        clerkMemberId: true,
        chair: { select: { fullName: true } },
        clerk: { select: { fullName: true } },
        branch: { select: { id: true, name: true, path: true, parent: { select: { name: true } } } },
      },
    });
    const day = meetingDay(meeting);
    const [roll, marks, guests, minutes, speeches, resolution, tasks, reportedTasks, secretary, settings] = [
      await loadRoll(tx, tenantId, meeting.branch.id, day),
      await tx.attendance.findMany({
        where: { tenantId, meetingId: meeting.id },
        select: { memberId: true, status: true, reason: true, exempt: true, member: { select: { fullName: true, officialOn: true } } },
      }),
      await tx.meetingGuest.findMany({ where: { tenantId, meetingId: meeting.id }, select: { name: true, title: true }, orderBy: { id: "asc" } }),
      await tx.minutes.findUnique({
        where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } },
        select: { opening: true, proceedings: true, closing: true, adoptedAt: true },
      }),
      await tx.speech.findMany({
        where: { tenantId, meetingId: meeting.id },
        select: { memberId: true, speakerName: true, summary: true, isDiscussion: true, member: { select: { fullName: true } } },
        orderBy: [{ position: "asc" }, { id: "asc" }],
      }),
      await tx.resolution.findUnique({
        where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } },
        select: {
          number: true,
          body: true,
          votesFor: true,
          votesAgainst: true,
          votesAbstain: true,
          voteDenominator: true,
          voteMethod: true,
          voteValid: true,
          adoptedAt: true,
        },
      }),
      await tx.taskAssignment.findMany({
        where: { tenantId, meetingId: meeting.id },
        select: {
          memberId: true,
          content: true,
          deadline: true,
          member: { select: { fullName: true } },
          reportMeeting: { select: { title: true, plannedStart: true } },
        },
        orderBy: [{ deadline: "asc" }, { id: "asc" }],
      }),
      await tx.taskAssignment.findMany({
        where: { tenantId, reportMeetingId: meeting.id },
        select: { memberId: true, content: true, result: true, resultPercent: true, resultNote: true, member: { select: { fullName: true } } },
        orderBy: [{ deadline: "asc" }, { id: "asc" }],
      }),
      await secretaryOn(tx, tenantId, meeting.branch.id, day),
      await settingsFor(tx, tenantId, meeting.branch.path, day),
    ];

    // Namesakes of the roll are told apart (birth year, then card number) on paper too.
    const labels = new Map(roll.map((member) => [member.memberId, member.label]));
    const nameOf = (memberId: string | null, fallback: string | null | undefined) => (memberId ? labels.get(memberId) : undefined) ?? fallback ?? "";
    // Roll order first (the order people are read out), then anyone marked but no longer on it.
    const order = new Map(roll.map((member, index) => [member.memberId, index]));
    const attendance: AttendanceLine[] = marks
      .map((mark) => ({
        memberId: mark.memberId,
        fullName: nameOf(mark.memberId, mark.member.fullName),
        status: mark.status,
        reason: memberVersion ? null : mark.reason,
        exempt: mark.exempt,
        memberStatus: (mark.member.officialOn && mark.member.officialOn.getTime() <= day.getTime() ? "OFFICIAL" : "PROBATIONARY") as MemberStatus,
      }))
      .sort((a, b) => (order.get(a.memberId) ?? 1e9) - (order.get(b.memberId) ?? 1e9) || a.fullName.localeCompare(b.fullName, "vi"));
    const computed = computeAttendance(
      rollEntries(roll),
      marks.map((mark) => ({ memberId: mark.memberId, mark: mark.status })),
    );
    const placeName = settings["documents.placeName"].trim() || null;

    return {
      meeting: {
        id: meeting.id,
        kind: meeting.kind,
        state: meeting.state,
        title: meeting.title,
        topic: meeting.topic,
        hasThematicPart: meeting.hasThematicPart,
        plannedStart: meeting.plannedStart,
        plannedEnd: meeting.plannedEnd,
        actualStart: meeting.actualStart,
        actualEnd: meeting.actualEnd,
        place: meeting.place,
        ideologyMinutes: meeting.ideologyMinutes,
        content: meeting.content,
      },
      day,
      branch: {
        id: meeting.branch.id,
        name: meeting.branch.name,
        hasCommittee: (await hasCommitteeOn(tx, tenantId, meeting.branch.id, day)).hasCommittee,
        superiorName: meeting.branch.parent?.name ?? null,
      },
      placeName,
      chair: meeting.chair ? nameOf(meeting.chairMemberId, meeting.chair.fullName) : null,
      clerk: meeting.clerk ? nameOf(meeting.clerkMemberId, meeting.clerk.fullName) : null,
      secretary,
      attendance,
      summary: computed.ok && marks.length > 0 ? computed.value : null,
      // Everyone on the roll that day; the denominator line then says who is not counted and why.
      roll: {
        total: roll.length,
        official: roll.filter((m) => m.status === "OFFICIAL").length,
        probationary: roll.filter((m) => m.status === "PROBATIONARY").length,
      },
      guests,
      minutes,
      speeches: speeches.map((s) => ({
        memberId: s.memberId,
        speaker: s.member ? nameOf(s.memberId, s.member.fullName) : (s.speakerName ?? ""),
        summary: s.summary,
        isDiscussion: s.isDiscussion,
      })),
      resolution,
      tasks: tasks.map((t) => ({ memberName: nameOf(t.memberId, t.member.fullName), content: t.content, deadline: t.deadline, reportMeeting: t.reportMeeting })),
      reportedTasks: reportedTasks.map((t) => ({
        memberName: nameOf(t.memberId, t.member.fullName),
        content: t.content,
        result: t.result,
        resultPercent: t.resultPercent,
        resultNote: t.resultNote,
      })),
    };
  });
}

/** The day a document is dated: the resolution's adoption, else the meeting day. */
export function documentDay(data: MeetingRecordData, kind: "minutes" | "resolution"): Date {
  if (kind === "resolution" && data.resolution?.adoptedAt) return vietnamDayOf(data.resolution.adoptedAt);
  return data.day;
}
