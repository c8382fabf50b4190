// JSON shapes of the calendar and the members' view in /api/v1 (calendar days as yyyy-mm-dd,
// instants as ISO 8601), with their zod schemas for the OpenAPI document.
import { z } from "zod";
import { AttendanceStatus, DocumentKind, MeetingKind, MeetingState, TaskResult } from "@/lib/generated/prisma/enums";
import { formatRatio } from "@/lib/exact/ratio";
import type { CalendarItem } from "./upcoming";
import type { MemberOverview } from "./member-view";
import messages from "@/lib/i18n/messages";

const wording = messages.outputs.apiFields;

const instant = z.string().describe(wording.instant);
const day = z.string().describe(wording.day);

export const calendarQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(400).optional().describe(wording.days),
});

export const calendarItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(MeetingKind),
  state: z.enum(MeetingState),
  stateReason: z.string().nullable(),
  topic: z.string().nullable(),
  plannedStart: instant,
  plannedEnd: instant,
  place: z.string().nullable(),
  branch: z.object({ id: z.string(), name: z.string() }),
  version: z.number().int(),
  relation: z.string().describe(wording.role),
});
export const calendarResponseSchema = z.object({ items: z.array(calendarItemSchema) });

export function calendarJson(items: CalendarItem[]): z.infer<typeof calendarResponseSchema> {
  return {
    items: items.map((item) => ({
      id: item.id,
      title: item.title,
      kind: item.kind,
      state: item.state,
      stateReason: item.stateReason,
      topic: item.topic,
      plannedStart: item.plannedStart.toISOString(),
      plannedEnd: item.plannedEnd.toISOString(),
      place: item.place,
      branch: item.branch,
      version: item.version,
      relation: item.relation,
    })),
  };
}

const memberMeetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(MeetingKind),
  state: z.enum(MeetingState),
  plannedStart: instant,
  place: z.string().nullable(),
  branchName: z.string(),
  readable: z.boolean(),
  hasMinutes: z.boolean(),
  hasResolution: z.boolean(),
  mark: z.enum(AttendanceStatus).nullable(),
  reason: z.string().nullable(),
});

export const memberOverviewSchema = z.object({
  linked: z.boolean().describe(wording.linked),
  member: z.object({ id: z.string(), fullName: z.string(), branch: z.object({ id: z.string(), name: z.string() }) }).optional(),
  year: z.number().int().optional(),
  upcoming: z.array(memberMeetingSchema).optional(),
  past: z.array(memberMeetingSchema).optional(),
  documents: z
    .array(
      z.object({
        id: z.string(),
        meetingId: z.string(),
        meetingTitle: z.string(),
        kind: z.enum(DocumentKind),
        title: z.string(),
        fileName: z.string(),
        sizeBytes: z.number().int(),
        postedAt: instant,
      }),
    )
    .optional(),
  attendance: z
    .object({
      counts: z.record(z.enum(AttendanceStatus), z.number().int()),
      due: z.number().int(),
      present: z.number().int(),
      ratePercent: z.string().nullable().describe(wording.attendanceRate),
      excusedStreak: z.number().int(),
      maxExcusedStreak: z.number().int(),
      unexcusedMonths: z.array(z.number().int()),
      unexcusedStatus: z.enum(["OK", "WARN", "FLAG"]),
    })
    .optional(),
  tasks: z
    .array(
      z.object({
        id: z.string(),
        content: z.string(),
        deadline: day,
        result: z.enum(TaskResult).nullable(),
        resultPercent: z.number().int().nullable(),
        resultNote: z.string().nullable(),
        meeting: z.object({ id: z.string(), title: z.string(), plannedStart: instant }),
        reportMeeting: z.object({ id: z.string(), title: z.string(), plannedStart: instant }).nullable(),
      }),
    )
    .optional(),
});

const ref = (m: { id: string; title: string; plannedStart: Date }) => ({ id: m.id, title: m.title, plannedStart: m.plannedStart.toISOString() });

export function memberOverviewJson(view: MemberOverview | null): z.infer<typeof memberOverviewSchema> {
  if (!view) return { linked: false };
  const meeting = (m: MemberOverview["upcoming"][number]) => ({ ...m, plannedStart: m.plannedStart.toISOString() });
  return {
    linked: true,
    member: view.member,
    year: view.year,
    upcoming: view.upcoming.map(meeting),
    past: view.past.map(meeting),
    documents: view.documents.map((d) => ({ ...d, postedAt: d.postedAt.toISOString() })),
    attendance: {
      counts: view.attendance.counts,
      due: view.attendance.due,
      present: view.attendance.present,
      ratePercent: view.attendance.rate ? formatRatio(view.attendance.rate, 1, "json") : null,
      excusedStreak: view.attendance.streak.current,
      maxExcusedStreak: view.attendance.maxExcusedStreak,
      unexcusedMonths: view.attendance.unexcused.months,
      unexcusedStatus: view.attendance.unexcused.status,
    },
    tasks: view.tasks.map((t) => ({
      id: t.id,
      content: t.content,
      deadline: t.deadline.toISOString().slice(0, 10),
      result: t.result,
      resultPercent: t.resultPercent,
      resultNote: t.resultNote,
      meeting: ref(t.meeting),
      reportMeeting: t.reportMeeting ? ref(t.reportMeeting) : null,
    })),
  };
}
