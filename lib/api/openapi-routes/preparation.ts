// Meeting preparation (issue 4): documents, content, pre-meeting, notice, and the caller's
// notifications, registered for the OpenAPI document. Request schemas are the services' own.
import { z } from "zod";
import { DocumentKind, MeetingState, PositionKind } from "@/lib/generated/prisma/enums";
import { documentUploadSchema } from "@/lib/meetings/documents";
import { sendNoticeSchema } from "@/lib/meetings/notices";
import { meetingContentSchema, preMeetingSchema } from "@/lib/meetings/preparation";
import { markReadSchema, notificationListQuerySchema } from "@/lib/notifications/notifications";
import type { OpenApiRoute } from "./types";

const instant = z.string().describe("Thời điểm ISO 8601 (UTC); hiển thị theo giờ Asia/Ho_Chi_Minh");
const TAG = "preparation";

const documentItem = z.object({
  id: z.string(),
  kind: z.enum(DocumentKind),
  title: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  postedAt: instant,
  postedBy: z.object({ id: z.string(), displayName: z.string() }),
  downloadUrl: z.string(),
});

const reach = z.object({
  rosterSize: z.number().int(),
  withAccount: z.number().int(),
  withEmail: z.number().int(),
  unreachable: z.array(z.string()),
  overseers: z.number().int(),
  recipients: z.number().int(),
});

const noticeItem = z.object({
  id: z.string(),
  sentAt: instant,
  sentBy: z.string(),
  subject: z.string(),
  body: z.string(),
  recipientCount: z.number().int(),
  includesOverseer: z.boolean(),
});

const summary = z.object({
  documents: z.object({
    count: z.number().int(),
    preparationCount: z.number().int(),
    leadMinutes: z.number().int().nullable(),
    requiredLeadHours: z.number().int(),
    leadOk: z.boolean().nullable(),
  }),
  preMeeting: z.object({ applicable: z.boolean(), held: z.boolean(), heldAt: instant.nullable(), minuted: z.boolean() }),
  notice: z.object({
    sentAt: instant.nullable(),
    lastSentAt: instant.nullable(),
    count: z.number().int(),
    toOverseer: z.boolean(),
    recipientCount: z.number().int().nullable(),
  }),
  content: z.object({ hasContent: z.boolean(), hasDraftResolution: z.boolean(), preparedBy: z.string().nullable() }),
});

export const preparationRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/documents",
    summary: "Tài liệu sinh hoạt của kỳ họp",
    tag: TAG,
    response: z.object({ documents: z.array(documentItem) }),
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/documents",
    summary: "Đăng tài liệu (thân yêu cầu là chính tệp, Content-Type: application/octet-stream)",
    description:
      "Tối đa UPLOAD_MAX_MB (mặc định 20 MB; 413 khi vượt). Chỉ nhận PDF, Word (.docx, .doc), Excel (.xlsx), OpenDocument (.odt), JPEG, PNG, nhận biết theo nội dung tệp (415 khi khác, ví dụ tệp chương trình đổi tên thành .pdf). Tài liệu chuẩn bị đăng trước kỳ họp; nghị quyết chính thức và biên bản đăng sau kỳ họp.",
    tag: TAG,
    query: documentUploadSchema,
    response: documentItem,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/documents/{documentId}",
    summary: "Tải tệp tài liệu",
    tag: TAG,
    produces: "application/octet-stream",
  },
  {
    method: "DELETE",
    path: "/api/v1/meetings/{id}/documents/{documentId}",
    summary: "Xóa tài liệu đã đăng",
    description: "Tài liệu chuẩn bị xóa được đến trước kỳ họp; nghị quyết chính thức, biên bản xóa được khi biên bản chưa thông qua.",
    tag: TAG,
    response: z.object({ id: z.string() }),
  },
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/preparation",
    summary: "Tóm tắt chuẩn bị kỳ họp, nội dung và dự thảo nghị quyết",
    tag: TAG,
    response: z.object({
      id: z.string(),
      state: z.enum(MeetingState),
      version: z.number().int(),
      content: z.string().nullable(),
      draftResolution: z.string().nullable(),
      preparedByMemberId: z.string().nullable(),
      summary,
    }),
  },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/preparation",
    summary: "Lưu người chuẩn bị, nội dung và dự thảo nghị quyết",
    tag: TAG,
    request: meetingContentSchema.omit({ meetingId: true }),
    response: z.object({ id: z.string(), version: z.number().int() }),
  },
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/pre-meeting",
    summary: "Cuộc họp chi ủy chuẩn bị",
    tag: TAG,
    response: z.object({
      hasCommittee: z.boolean(),
      version: z.number().int(),
      committee: z.array(z.object({ memberId: z.string(), fullName: z.string(), position: z.enum(PositionKind) })),
      preMeeting: z
        .object({
          heldAt: instant,
          attendees: z.string().nullable(),
          notes: z.string().nullable(),
          minuted: z.boolean(),
          attendeeMemberIds: z.array(z.string()),
          otherAttendees: z.string().nullable(),
        })
        .nullable(),
    }),
  },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/pre-meeting",
    summary: "Ghi nhận cuộc họp chi ủy chuẩn bị (chỉ chi bộ có chi ủy)",
    tag: TAG,
    request: preMeetingSchema.omit({ meetingId: true }),
    response: z.object({ id: z.string(), version: z.number().int() }),
  },
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/notice",
    summary: "Thông báo đã gửi, nội dung mặc định và người sẽ nhận",
    tag: TAG,
    response: z.object({
      state: z.enum(MeetingState),
      version: z.number().int(),
      noticeSentAt: instant.nullable(),
      noticeToOverseer: z.boolean(),
      canSend: z.boolean(),
      draft: z.object({ subject: z.string(), body: z.string() }),
      reach,
      emailConfigured: z.boolean(),
      notices: z.array(noticeItem),
    }),
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/notice",
    summary: "Gửi thông báo sinh hoạt (thông báo trong ứng dụng, e-mail, chuyển sang Đã thông báo)",
    description: "409 khi vừa gửi trong một phút, hoặc kỳ họp đã được thông báo mà không chọn resend.",
    tag: TAG,
    request: sendNoticeSchema.omit({ meetingId: true }),
    response: z.object({
      noticeId: z.string(),
      sentAt: instant,
      recipientCount: z.number().int(),
      notifications: z.number().int(),
      emails: z.number().int(),
      includesOverseer: z.boolean(),
      unreachable: z.array(z.string()),
      recipients: z.array(z.object({ name: z.string(), channels: z.array(z.enum(["app", "email"])), overseer: z.boolean() })),
      state: z.enum(MeetingState),
      version: z.number().int(),
    }),
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/notifications",
    summary: "Thông báo của người dùng (mới nhất trước)",
    tag: "notifications",
    query: notificationListQuerySchema,
    response: z.object({
      items: z.array(
        z.object({ id: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: instant, readAt: instant.nullable() }),
      ),
      unreadCount: z.number().int(),
      page: z.number().int(),
      hasMore: z.boolean(),
    }),
  },
  {
    method: "POST",
    path: "/api/v1/notifications/read",
    summary: "Đánh dấu đã đọc (một số thông báo, hoặc tất cả)",
    tag: "notifications",
    request: markReadSchema,
    response: z.object({ updated: z.number().int() }),
  },
];
