// The record of a meeting (issue 4, engineer C): attendance, guests, actual times, minutes,
// speeches, resolution and vote, tasks and their results. Request bodies are the services' own zod
// schemas without the ids the path carries.
import { z } from "zod";
import { AttendanceStatus, MeetingKind, MeetingState, TaskResult, VoteMethod } from "@/lib/generated/prisma/enums";
import { addGuestSchema, markAttendanceSchema, meetingTimesSchema } from "@/lib/meetings/attendance";
import { addSpeechSchema, reorderSpeechesSchema, saveMinutesSchema } from "@/lib/meetings/minutes";
import { saveResolutionSchema } from "@/lib/meetings/resolution";
import { assignTaskSchema, taskResultSchema } from "@/lib/meetings/tasks";
import type { OpenApiRoute } from "./types";

const day = z.string().describe("Ngày theo lịch Việt Nam, yyyy-mm-dd");
const instant = z.string().describe("Thời điểm ISO 8601 (UTC)");

const meeting = z.object({
  id: z.string(),
  title: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  kind: z.enum(MeetingKind),
  state: z.enum(MeetingState),
  day,
  plannedStart: instant,
  actualStart: instant.nullable(),
  actualEnd: instant.nullable(),
  version: z.number().int(),
});

const markResult = z.object({
  memberId: z.string(),
  status: z.enum(AttendanceStatus),
  reason: z.string().nullable(),
  exempt: z.boolean(),
  changed: z.boolean(),
});

const attendanceSheet = z.looseObject({
  meeting,
  canEdit: z.boolean(),
  roll: z.array(
    z.object({
      memberId: z.string(),
      fullName: z.string(),
      status: z.enum(["OFFICIAL", "PROBATIONARY"]),
      exempt: z.boolean(),
      attachedElsewhere: z.boolean(),
      attachedFrom: z.string().nullable().describe("Sinh hoạt tạm thời tại chi bộ này, từ chi bộ (tên); null: đảng viên của chi bộ"),
      mark: z.enum(AttendanceStatus).nullable(),
      reason: z.string().nullable(),
    }),
  ),
  suspended: z.number().int(),
  figures: z.looseObject({
    complete: z.boolean(),
    unmarked: z.number().int(),
    present: z.number().int().describe("P"),
    denominator: z.number().int().describe("D_att = danh sách − miễn vắng − sinh hoạt nơi khác − nhiệm vụ đặc biệt − đình chỉ"),
    ratePercent: z.number().nullable(),
    absentExcused: z.number().int(),
    absentUnexcused: z.number().int(),
  }),
  watch: z.array(
    z.looseObject({
      memberId: z.string(),
      fullName: z.string(),
      longestExcusedStreak: z.number().int(),
      unexcusedMonths: z.array(z.number().int()),
      unexcusedStatus: z.enum(["OK", "WARN", "FLAG"]),
      duesUnpaidMonths: z.array(z.number().int()).describe("Tháng trong năm (trước tháng họp) chưa nộp đảng phí không có lý do chính đáng"),
      duesStatus: z.enum(["OK", "WARN", "FLAG"]),
      duesExplanation: z.string().nullable(),
    }),
  ),
  guests: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), userId: z.string().nullable() })),
});

const guest = z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), userId: z.string().nullable() });
const versionAnswer = z.object({ version: z.number().int() });
const idAnswer = z.object({ id: z.string() });

const speech = z.object({
  id: z.string(),
  memberId: z.string().nullable(),
  speakerName: z.string().nullable(),
  displayName: z.string(),
  summary: z.string(),
  position: z.number().int(),
  isDiscussion: z.boolean(),
});

const minutesAnswer = z.looseObject({
  meeting,
  canEdit: z.boolean(),
  minutes: z.object({
    exists: z.boolean(),
    version: z.number().int().describe("0 khi chưa có biên bản"),
    opening: z.string(),
    proceedings: z.string(),
    closing: z.string(),
    adoptedAt: instant.nullable(),
  }),
  chairMemberId: z.string().nullable(),
  clerkMemberId: z.string().nullable(),
  ideologyMinutes: z.number().int().nullable(),
  speeches: z.array(speech),
  speakers: z.object({ speakers: z.number().int(), present: z.number().int(), sharePercent: z.number().nullable() }),
});

const resolutionAnswer = z.looseObject({
  meeting,
  canEdit: z.boolean(),
  attendanceComplete: z.boolean(),
  resolution: z.looseObject({
    exists: z.boolean(),
    version: z.number().int(),
    number: z.string().nullable(),
    body: z.string(),
    votesFor: z.number().int().nullable(),
    votesAgainst: z.number().int().nullable(),
    votesAbstain: z.number().int().nullable(),
    voteMethod: z.enum(VoteMethod).nullable(),
    voteDenominator: z.number().int().nullable().describe("D_vote"),
    voteValid: z.boolean().nullable(),
    adoptedAt: instant.nullable(),
    postedAt: instant.nullable(),
    suggestedNumber: z.string(),
  }),
});

const savedResolution = z.object({
  id: z.string(),
  version: z.number().int(),
  voteValid: z.boolean().nullable(),
  voteDenominator: z.number().int().nullable(),
  explanation: z.string().nullable(),
});

const meetingLite = z.object({ id: z.string(), title: z.string(), day });
const task = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  content: z.string(),
  deadline: day,
  meeting: meetingLite,
  reportMeeting: meetingLite.nullable(),
  reportIsNext: z.boolean(),
  result: z.enum(TaskResult).nullable(),
  resultPercent: z.number().int().nullable(),
  resultNote: z.string().nullable(),
  evaluatedAt: instant.nullable(),
});

const tasksAnswer = z.looseObject({
  meeting,
  canEdit: z.boolean(),
  assigned: z.array(task),
  due: z.array(task),
  laterMeetings: z.array(meetingLite),
  nextMeeting: meetingLite.nullable(),
  targets: z.looseObject({
    due: z.number().int(),
    evaluated: z.number().int(),
    met: z.number().describe("Hoàn thành = 1, hoàn thành một phần = tỷ lệ %, không hoàn thành hoặc chưa đánh giá = 0"),
    sharePercent: z.number().nullable(),
  }),
});

/**
 * The request body a route reads: the service schema's fields minus those the path carries. A field
 * the schema accepts when absent (empty → null) is documented as optional.
 */
const body = <S extends z.ZodObject>(schema: S, omit: readonly string[]) =>
  z.object(
    Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>)
        .filter(([key]) => !omit.includes(key))
        .map(([key, field]) => [key, field.safeParse(undefined).success ? field.optional() : field]),
    ),
  );

export const RECORD_ROUTES: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/attendance",
    summary: "Điểm danh: danh sách ngày họp, trạng thái, đại biểu, P và D_att",
    response: attendanceSheet,
  },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/attendance/{memberId}",
    summary: "Điểm danh một đảng viên (một lần chạm)",
    request: body(markAttendanceSchema, ["meetingId", "memberId"]),
    response: markResult,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/attendance/all-present",
    summary: "Tất cả có mặt (những người chưa điểm danh)",
    response: z.object({ present: z.number().int(), exempt: z.number().int(), elsewhere: z.number().int(), kept: z.number().int() }),
  },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/attendance/times",
    summary: "Giờ bắt đầu, giờ kết thúc thực tế",
    request: body(meetingTimesSchema, ["meetingId"]),
    response: versionAnswer,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/attendance/guests",
    summary: "Thêm đại biểu dự",
    request: body(addGuestSchema, ["meetingId"]),
    response: guest,
    status: 201,
  },
  { method: "DELETE", path: "/api/v1/meetings/{id}/attendance/guests/{guestId}", summary: "Bỏ đại biểu dự", response: idAnswer },
  { method: "GET", path: "/api/v1/meetings/{id}/minutes", summary: "Biên bản, ý kiến phát biểu, tỷ lệ phát biểu", response: minutesAnswer },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/minutes",
    summary: "Lưu biên bản (kiểm tra phiên bản: lưu trên bản cũ bị từ chối)",
    request: body(saveMinutesSchema, ["meetingId"]),
    response: versionAnswer,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/speeches",
    summary: "Thêm ý kiến phát biểu",
    request: body(addSpeechSchema, ["meetingId"]),
    response: speech,
    status: 201,
  },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/speeches/order",
    summary: "Sắp xếp lại ý kiến phát biểu",
    request: body(reorderSpeechesSchema, ["meetingId"]),
    response: z.object({ ids: z.array(z.string()) }),
  },
  { method: "DELETE", path: "/api/v1/meetings/{id}/speeches/{speechId}", summary: "Xóa ý kiến phát biểu", response: idAnswer },
  { method: "GET", path: "/api/v1/meetings/{id}/resolution", summary: "Nghị quyết và biểu quyết", response: resolutionAnswer },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/resolution",
    summary: "Lưu nghị quyết và kết quả biểu quyết (tính hợp lệ theo D_vote)",
    request: body(saveResolutionSchema, ["meetingId"]),
    response: savedResolution,
  },
  { method: "GET", path: "/api/v1/meetings/{id}/tasks", summary: "Nhiệm vụ phân công, nhiệm vụ kỳ trước đến hạn, tỷ lệ chỉ tiêu đạt", response: tasksAnswer },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/tasks",
    summary: "Phân công nhiệm vụ",
    request: body(assignTaskSchema, ["meetingId"]),
    response: idAnswer,
    status: 201,
  },
  { method: "DELETE", path: "/api/v1/meetings/{id}/tasks/{taskId}", summary: "Xóa nhiệm vụ chưa đánh giá", response: idAnswer },
  {
    method: "PUT",
    path: "/api/v1/tasks/{id}/result",
    summary: "Đánh giá kết quả nhiệm vụ tại kỳ báo cáo",
    request: body(taskResultSchema, ["taskId"]),
    response: z.object({ id: z.string(), reportMeetingId: z.string(), result: z.enum(TaskResult), resultPercent: z.number().int() }),
  },
];
