// The members' view (/my): a party member's own meetings, the documents posted for them, their
// attendance this year with the year counters (excused streak, months with an unexcused absence)
// computed by the shared rules, and the tasks assigned to them. Everything hangs off the member
// the account is linked to (User.memberId): their own record, whatever roles the account has.
import type { Principal } from "@/lib/auth/permissions";
import { withTenantReads } from "@/lib/db/tenant";
import type { AttendanceStatus, DocumentKind, MeetingKind, MeetingState, TaskResult } from "@/lib/generated/prisma/enums";
import { attachedOnMeetingDay, canReadMeeting } from "@/lib/meetings/access";
import {
  MONTHLY_MEETING_KINDS,
  MEETING_KINDS,
  excusedStreak,
  unexcusedMonths,
  type ExcusedStreak,
  type MemberMeetingRecord,
  type UnexcusedMonths,
} from "@/lib/meetings/rules";
import { percentOf, type Ratio } from "@/lib/exact/ratio";
import { settingsFor } from "@/lib/settings/resolve";
import { DAY_MS, isoDay, vietnamDayOf } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";

/** States after which a meeting took place (its record exists). */
const UPCOMING_DAYS = 120;

export interface MemberMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  plannedStart: Date;
  place: string | null;
  branchName: string;
  /** The user may open the meeting page (and download its documents). */
  readable: boolean;
  hasMinutes: boolean;
  hasResolution: boolean;
  mark: AttendanceStatus | null;
  reason: string | null;
}

export interface MemberDocument {
  id: string;
  meetingId: string;
  meetingTitle: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  sizeBytes: number;
  postedAt: Date;
}

export interface MemberTask {
  id: string;
  content: string;
  deadline: Date;
  result: TaskResult | null;
  resultPercent: number | null;
  resultNote: string | null;
  meeting: { id: string; title: string; plannedStart: Date };
  reportMeeting: { id: string; title: string; plannedStart: Date } | null;
}

export interface MemberOverview {
  member: { id: string; fullName: string; branch: { id: string; name: string } };
  year: number;
  upcoming: MemberMeeting[];
  past: MemberMeeting[];
  documents: MemberDocument[];
  attendance: {
    counts: Record<AttendanceStatus, number>;
    /** Meetings the member had to attend (PRESENT + ABSENT_EXCUSED + ABSENT_UNEXCUSED). */
    due: number;
    present: number;
    rate: Ratio | null;
    streak: ExcusedStreak;
    maxExcusedStreak: number;
    unexcused: UnexcusedMonths;
  };
  tasks: MemberTask[];
}

/** The member's overview, or null when the account is not linked to a member. */
export async function memberOverview(user: Principal, now = new Date()): Promise<MemberOverview | null> {
  const today = vietnamDayOf(now);
  const year = today.getUTCFullYear();
  const yearStart = new Date(Date.UTC(year, 0, 1));
  return withTenantReads(user.tenantId, async (tx) => {
    const tenantId = user.tenantId;
    const account = await tx.user.findUnique({ where: { tenantId_id: { tenantId, id: user.id } }, select: { memberId: true } });
    const memberId = account?.memberId;
    if (!memberId) return null;
    const member = await tx.member.findUnique({
      where: { tenantId_id: { tenantId, id: memberId } },
      select: {
        id: true,
        fullName: true,
        branch: { select: { id: true, name: true, path: true } },
        branchMemberships: { select: { branchId: true, validFrom: true, validTo: true } },
        temporaryTransfers: { where: { hostBranchId: { not: null } }, select: { hostBranchId: true, fromDate: true, toDate: true } },
      },
    });
    if (!member) return null;

    // Meetings of the branches the member belonged to, while they belonged (ends inclusive), and of
    // the branches they were temporarily attached to, during the attachment (on the host's roll).
    const attachments = member.temporaryTransfers.map((t) => ({ branchId: t.hostBranchId!, validFrom: t.fromDate, validTo: t.toDate }));
    const periods = [...member.branchMemberships, ...attachments].filter((m) => !m.validTo || m.validTo.getTime() >= yearStart.getTime());
    const until = new Date(now.getTime() + UPCOMING_DAYS * DAY_MS);
    const meetings =
      periods.length === 0
        ? []
        : await tx.meeting.findMany({
            where: {
              tenantId,
              plannedStart: { gte: yearStart, lt: until },
              OR: periods.map((p) => ({
                branchId: p.branchId,
                plannedStart: { gte: p.validFrom, ...(p.validTo ? { lt: new Date(p.validTo.getTime() + DAY_MS) } : {}) },
              })),
            },
            select: {
              id: true,
              branchId: true,
              title: true,
              kind: true,
              state: true,
              plannedStart: true,
              actualStart: true,
              place: true,
              branch: { select: { name: true, path: true } },
              minutes: { select: { id: true } },
              resolution: { select: { id: true } },
              attendances: { where: { memberId }, select: { status: true, reason: true } },
            },
            orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
          });
    // Readable by the grants, or — a host's meeting — by the attachment rule loadMeeting applies.
    const readableIds = new Set(
      meetings.filter((m) => canReadMeeting(user, m.branch) || attachedOnMeetingDay(member.temporaryTransfers, m)).map((m) => m.id),
    );
    const [documents, tasks, settings] = [
      readableIds.size === 0
        ? []
        : await tx.meetingDocument.findMany({
            where: { tenantId, meetingId: { in: [...readableIds] } },
            select: { id: true, meetingId: true, kind: true, title: true, fileName: true, sizeBytes: true, postedAt: true, meeting: { select: { title: true } } },
            orderBy: [{ postedAt: "desc" }, { id: "desc" }],
            // The latest papers; older ones stay on each meeting's page.
            take: 12,
          }),
      await tx.taskAssignment.findMany({
        where: { tenantId, memberId, OR: [{ result: null }, { deadline: { gte: yearStart } }] },
        select: {
          id: true,
          content: true,
          deadline: true,
          result: true,
          resultPercent: true,
          resultNote: true,
          meeting: { select: { id: true, title: true, plannedStart: true } },
          reportMeeting: { select: { id: true, title: true, plannedStart: true } },
        },
        orderBy: [{ deadline: "asc" }, { id: "asc" }],
        take: 100,
      }),
      await settingsFor(tx, tenantId, member.branch.path, today),
    ];

    const view = (m: (typeof meetings)[number]): MemberMeeting => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      state: m.state,
      plannedStart: m.plannedStart,
      place: m.place,
      branchName: m.branch.name,
      readable: readableIds.has(m.id),
      hasMinutes: m.minutes !== null,
      hasResolution: m.resolution !== null,
      mark: m.attendances[0]?.status ?? null,
      reason: m.attendances[0]?.reason ?? null,
    });
    const upcoming = meetings
      .filter((m) => m.plannedStart.getTime() >= now.getTime() - DAY_MS / 4 && !HELD_STATES.includes(m.state) && m.state !== "CANCELLED")
      .map(view);
    const past = meetings
      .filter((m) => HELD_STATES.includes(m.state))
      .map(view)
      .reverse();

    const counts = { PRESENT: 0, ABSENT_EXCUSED: 0, ABSENT_UNEXCUSED: 0, EXEMPT: 0, ELSEWHERE: 0, SPECIAL_DUTY: 0 } satisfies Record<AttendanceStatus, number>;
    const records: MemberMeetingRecord[] = [];
    for (const m of meetings) {
      const mark = m.attendances[0]?.status;
      if (!mark || !HELD_STATES.includes(m.state)) continue;
      counts[mark] += 1;
      records.push({ date: isoDay(vietnamDayOf(m.actualStart ?? m.plannedStart)), kind: m.kind, mark, meetingId: m.id, branchName: m.branch.name });
    }
    const due = counts.PRESENT + counts.ABSENT_EXCUSED + counts.ABSENT_UNEXCUSED;
    const maxExcusedStreak = settings["attendance.maxExcusedStreak"];
    return {
      member: { id: member.id, fullName: member.fullName, branch: { id: member.branch.id, name: member.branch.name } },
      year,
      upcoming,
      past,
      documents: documents.map((d) => ({
        id: d.id,
        meetingId: d.meetingId,
        meetingTitle: d.meeting.title,
        kind: d.kind,
        title: d.title,
        fileName: d.fileName,
        sizeBytes: d.sizeBytes,
        postedAt: d.postedAt,
      })),
      attendance: {
        counts,
        due,
        present: counts.PRESENT,
        rate: due > 0 ? percentOf(counts.PRESENT, due) : null,
        streak: excusedStreak(records, year, isoDay(today), {
          maxConsecutiveExcused: maxExcusedStreak,
          kinds: MONTHLY_MEETING_KINDS,
          notDue: settings["attendance.streakNotDue"],
        }),
        maxExcusedStreak,
        unexcused: unexcusedMonths(records, year, isoDay(today), {
          warnAt: settings["attendance.unexcusedMonthsWarn"],
          flagAt: settings["attendance.unexcusedMonthsFlag"],
          kinds: MEETING_KINDS,
        }),
      },
      tasks,
    };
  });
}
