// Planning and the meeting lifecycle (issue 4, engineer A): meetings, transitions, annual plans and
// the branches' default meeting day. Request bodies are the services' own zod schemas without the
// ids the path carries; times are Vietnam local times ("2026-03-05T14:00") or ISO instants.
import { z } from "zod";
import { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import {
  generatePlanBodySchema,
  meetingDefaultsSchema,
  meetingFields,
  meetingListQuerySchema,
  planQuerySchema,
  transitionSchema,
  versionField,
} from "@/lib/meetings/schemas";
import { TRANSITIONS, type MeetingTransition } from "@/lib/meetings/states";
import type { OpenApiRoute } from "./types";

const instant = z.string().describe("Thời điểm ISO 8601 (UTC)");
const transitionName = z.enum(Object.keys(TRANSITIONS) as [MeetingTransition, ...MeetingTransition[]]);

const meetingListItem = z.object({
  id: z.string(),
  kind: z.enum(MeetingKind),
  hasThematicPart: z.boolean(),
  title: z.string(),
  topic: z.string().nullable(),
  plannedStart: instant,
  plannedEnd: instant.nullable(),
  place: z.string().nullable(),
  state: z.enum(MeetingState),
  version: z.number().int(),
  branch: z.object({ id: z.string(), name: z.string() }),
});

export const meetingListResponse = z.object({
  filters: z.object({
    month: z.string().nullable(),
    state: z.enum(MeetingState).nullable(),
    kind: z.enum(MeetingKind).nullable(),
    branchId: z.string().nullable(),
  }),
  upcoming: z.array(meetingListItem).describe("Từ hôm nay (giờ Việt Nam), sớm nhất trước; tối đa 50"),
  upcomingTotal: z.number().int(),
  past: z.array(meetingListItem).describe("Trước hôm nay, mới nhất trước; 50 kỳ mỗi trang"),
  pastTotal: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const meetingDetailResponse = z.object({
  id: z.string(),
  kind: z.enum(MeetingKind),
  hasThematicPart: z.boolean(),
  title: z.string(),
  topic: z.string().nullable(),
  plannedStart: instant,
  plannedEnd: instant.nullable(),
  place: z.string().nullable(),
  state: z.enum(MeetingState),
  stateReason: z.string().nullable(),
  actualStart: instant.nullable(),
  actualEnd: instant.nullable(),
  noticeSentAt: instant.nullable(),
  noticeToOverseer: z.boolean(),
  lockedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  version: z.number().int(),
  branch: z.object({ id: z.string(), name: z.string(), parentName: z.string().nullable(), hasCommittee: z.boolean() }),
  plan: z.object({ id: z.string(), year: z.number().int() }).nullable(),
  can: z.object({
    read: z.boolean(),
    edit: z.boolean(),
    record: z.boolean(),
    transitions: z.array(transitionName).describe("Các bước người gọi được thực hiện ở trạng thái hiện tại"),
  }),
});

const transitionResponse = z.object({
  id: z.string(),
  transition: transitionName,
  from: z.enum(MeetingState),
  to: z.enum(MeetingState),
  version: z.number().int(),
  meeting: meetingDetailResponse,
});

const planMeeting = z.object({
  id: z.string(),
  kind: z.enum(MeetingKind),
  title: z.string(),
  topic: z.string().nullable(),
  state: z.enum(MeetingState),
  plannedStart: instant,
  plannedEnd: instant.nullable(),
  inPlan: z.boolean(),
  weekend: z.number().int().nullable().describe("0 = Chủ nhật, 6 = Thứ Bảy; null ngày thường"),
});

export const planResponse = z.object({
  year: z.number().int(),
  branch: z.object({
    id: z.string(),
    name: z.string(),
    parentName: z.string().nullable(),
    version: z.number().int(),
    meetingDay: z.number().int().nullable(),
    meetingTime: z.string().nullable(),
    meetingPlace: z.string().nullable(),
    openInYear: z.boolean(),
  }),
  plan: z
    .object({
      id: z.string(),
      version: z.number().int(),
      note: z.string().nullable(),
      topics: z.array(z.object({ quarter: z.number().int(), title: z.string(), description: z.string().nullable() })),
    })
    .nullable(),
  meetings: z.array(planMeeting),
  quartersWithoutThematic: z.array(z.number().int()),
  quartersWithoutTopic: z.array(z.number().int()),
  can: z.object({ generate: z.boolean(), editDefaults: z.boolean() }),
});

const generateResponse = z.object({
  planId: z.string(),
  version: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  kept: z.number().int(),
  weekendDates: z.array(z.string()).describe("Ngày (yyyy-mm-dd) của các kỳ mới tạo rơi vào cuối tuần"),
  skippedPast: z.number().int().describe("Số kỳ đã qua ngày nên không được tạo"),
});

const planStatusResponse = z.object({
  year: z.number().int(),
  total: z.number().int(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parentName: z.string().nullable(),
      active: z.boolean(),
      planId: z.string().nullable(),
      meetingCount: z.number().int(),
    }),
  ),
});

const createMeetingBody = z.object({ branchId: z.string(), ...meetingFields });
const updateMeetingBody = z.object({ version: versionField, ...meetingFields });

export const meetingRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/meetings",
    summary: "Các kỳ sinh hoạt trong phạm vi của người gọi (sắp tới và đã qua)",
    tag: "meetings",
    query: meetingListQuerySchema,
    response: meetingListResponse,
  },
  {
    method: "POST",
    path: "/api/v1/meetings",
    summary: "Lên lịch một kỳ sinh hoạt",
    description: "Cần quyền ghi sinh hoạt (RECORDER) của chi bộ; chi bộ phải hoạt động vào ngày họp. Không có giờ kết thúc thì tính theo thời lượng tối thiểu.",
    tag: "meetings",
    request: createMeetingBody,
    response: meetingDetailResponse,
    status: 201,
  },
  { method: "GET", path: "/api/v1/meetings/{id}", summary: "Một kỳ sinh hoạt và các bước người gọi được làm", tag: "meetings", response: meetingDetailResponse },
  {
    method: "PATCH",
    path: "/api/v1/meetings/{id}",
    summary: "Sửa kỳ sinh hoạt chưa diễn ra",
    description: "Gửi kèm `version` đã đọc; phiên bản cũ bị từ chối (409).",
    tag: "meetings",
    request: updateMeetingBody,
    response: meetingDetailResponse,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/transitions",
    summary: "Chuyển trạng thái kỳ sinh hoạt (họp, thông qua biên bản, hoãn, hủy, mở lại …)",
    description:
      "Mỗi bước kiểm tra trạng thái hiện tại, quyền, lý do (hoãn, hủy, mở lại) và điều kiện trên hồ sơ: đã gửi thông báo, có giờ họp thực tế, điểm danh đủ, có biên bản và nghị quyết có biểu quyết.",
    tag: "meetings",
    request: transitionSchema.omit({ id: true }),
    response: transitionResponse,
  },
];

export const planRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/plans",
    summary: "Các chi bộ trong phạm vi và việc đã có kế hoạch năm hay chưa",
    tag: "plans",
    query: planQuerySchema,
    response: planStatusResponse,
  },
  {
    method: "POST",
    path: "/api/v1/plans",
    summary: "Lập hoặc cập nhật kế hoạch sinh hoạt năm của chi bộ",
    description:
      "Tạo 12 kỳ thường kỳ và một kỳ chuyên đề mỗi quý (hoặc kết hợp vào kỳ thường kỳ tháng giữa quý). Chạy lại không nhân đôi, không xóa kỳ nào; cập nhật kế hoạch đã có cần `version`.",
    tag: "plans",
    request: generatePlanBodySchema,
    response: generateResponse,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/plans/missing",
    summary: "Chi bộ chưa có kế hoạch năm (lãnh đạo)",
    tag: "plans",
    query: planQuerySchema,
    response: planStatusResponse,
  },
  {
    method: "GET",
    path: "/api/v1/plans/{branchId}",
    summary: "Kế hoạch năm của một chi bộ, các kỳ sinh hoạt và cảnh báo",
    tag: "plans",
    query: planQuerySchema,
    response: planResponse,
  },
  {
    method: "PUT",
    path: "/api/v1/plans/{branchId}/defaults",
    summary: "Ngày, giờ và địa điểm sinh hoạt thường kỳ mặc định của chi bộ",
    tag: "plans",
    request: meetingDefaultsSchema.omit({ branchId: true }),
    response: z.object({ version: z.number().int() }),
  },
];
