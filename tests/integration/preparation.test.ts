// Meeting preparation services against the real database: the notice transaction (notice,
// notifications, outbox, state), double sends, content and pre-meeting with version checks, the
// documents' lead time for scoring, and the outbox delivered from the database.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { documentTiming, documentTimingFor, uploadMeetingDocument } from "@/lib/meetings/documents";
import { composeNotice, sendNotice } from "@/lib/meetings/notices";
import { getPreparation, getPreparationSummary, savePreMeeting, updateMeetingContent } from "@/lib/meetings/preparation";
import { listNotifications, markNotificationsRead } from "@/lib/notifications/notifications";
import { deliverOutbox, tenantOutboxStore } from "@/lib/notifications/outbox";
import { LocalBlobStore, setBlobStore } from "@/lib/storage";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant } from "@/tests/fixtures/meetings";
import { PDF_BYTES } from "@/tests/fixtures/preparation-files";

let tenant: MeetingTenant;
let storageDir: string;

const H = 3_600_000;
const START = new Date("2025-03-05T07:00:00.000Z"); // 14:00 in Vietnam, the fixture's default

async function* bytes(buffer: Buffer): AsyncGenerator<Uint8Array> {
  yield buffer;
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(os.tmpdir(), "sosh-prep-"));
  setBlobStore(new LocalBlobStore(storageDir));
  tenant = await makeMeetingTenant({ members: 5 });
  // members[0] has the MEMBER account; members[1] and [2] have e-mail; [3] and [4] neither.
  await withTenant(tenant.tenantId, async (tx) => {
    await tx.member.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: tenant.members[1]!.id } }, data: { email: "Hai@Example.vn" } });
    await tx.member.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: tenant.members[2]!.id } }, data: { email: "ba@example.vn" } });
  });
});

afterAll(async () => {
  setBlobStore(undefined);
  await rm(storageDir, { recursive: true, force: true });
  await db().$disconnect();
  await ownerDb().$disconnect();
});

function noticeInput(meeting: FixtureMeeting, overrides: Record<string, unknown> = {}) {
  return {
    meetingId: meeting.id,
    version: meeting.version,
    subject: "Thông báo sinh hoạt chi bộ tháng 3",
    body: "Kính gửi các đồng chí đảng viên. Chi bộ họp lúc 14 giờ 00 ngày 05/03/2025 tại phòng họp tầng 2.",
    ...overrides,
  };
}

async function counts(meetingId: string) {
  const owner = ownerDb();
  const [notices, notifications, outbox, meeting] = await Promise.all([
    owner.notice.count({ where: { tenantId: tenant.tenantId, meetingId } }),
    owner.notification.count({ where: { tenantId: tenant.tenantId, link: `/meetings/${meetingId}` } }),
    owner.emailOutbox.count({ where: { tenantId: tenant.tenantId, subject: { startsWith: "Thông báo sinh hoạt" } } }),
    owner.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tenant.tenantId, id: meetingId } },
      select: { state: true, version: true, noticeSentAt: true, noticeToOverseer: true },
    }),
  ]);
  return { notices, notifications, outbox, meeting };
}

describe("sending the notice", () => {
  beforeEach(async () => {
    await ownerDb().emailOutbox.deleteMany({ where: { tenantId: tenant.tenantId } });
  });

  test("one transaction: notice, in-app notifications, outbox e-mails, overseer flag, NOTIFIED", async () => {
    const meeting = await makeMeeting({ tenant });
    const now = new Date();
    const result = await sendNotice(tenant.recorder, noticeInput(meeting), { now });
    expect(result).toMatchObject({
      recipientCount: 4, // members 0 (account), 1 and 2 (e-mail), and the overseer
      notifications: 2, // the member's account and the overseer
      emails: 2,
      includesOverseer: true,
      state: "NOTIFIED",
      version: 2,
    });
    expect([...result.unreachable].sort()).toEqual([tenant.members[3]!.fullName, tenant.members[4]!.fullName].sort());
    // Who got it and how: the count, the notifications and the e-mails describe the same people.
    expect(result.recipients).toHaveLength(result.recipientCount);
    expect(result.recipients.filter((r) => r.channels.includes("app"))).toHaveLength(result.notifications);
    expect(result.recipients.find((r) => r.overseer)).toMatchObject({ channels: ["app"] });

    const owner = ownerDb();
    const notice = await owner.notice.findFirstOrThrow({ where: { tenantId: tenant.tenantId, meetingId: meeting.id } });
    expect(notice).toMatchObject({ recipientCount: 4, includesOverseer: true, sentById: tenant.recorder.id, subject: "Thông báo sinh hoạt chi bộ tháng 3" });
    const notified = await owner.notification.findMany({ where: { tenantId: tenant.tenantId, link: `/meetings/${meeting.id}` }, select: { userId: true, readAt: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([tenant.member.id, tenant.overseer.id].sort());
    const mails = await owner.emailOutbox.findMany({ where: { tenantId: tenant.tenantId }, select: { toAddress: true, status: true, body: true } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["ba@example.vn", "hai@example.vn"]);
    expect(mails.every((m) => m.status === "PENDING" && m.body.startsWith("Kính gửi"))).toBe(true);
    const { meeting: row } = await counts(meeting.id);
    expect(row).toMatchObject({ state: "NOTIFIED", version: 2, noticeToOverseer: true });
    expect(row.noticeSentAt?.getTime()).toBe(now.getTime());
    const audit = await owner.auditEntry.findMany({ where: { tenantId: tenant.tenantId, entityId: meeting.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["meeting.notice.send", "meeting.transition"]);
  });

  test("a double-submitted send (two clicks at once) sends once; the second gets a clear refusal", async () => {
    const meeting = await makeMeeting({ tenant });
    const results = await Promise.allSettled([sendNotice(tenant.recorder, noticeInput(meeting)), sendNotice(tenant.recorder, noticeInput(meeting))]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    expect((rejected[0]!.reason as Error).message).toMatch(/vừa được gửi lúc/);
    const after = await counts(meeting.id);
    expect(after).toMatchObject({ notices: 1, notifications: 2, outbox: 2 });
  });

  test("once NOTIFIED: refused without “gửi lại”; with it (after a minute) a second notice goes out, the state stays", async () => {
    const meeting = await makeMeeting({ tenant });
    const t0 = new Date();
    await sendNotice(tenant.recorder, noticeInput(meeting), { now: t0 });
    const later = new Date(t0.getTime() + 2 * 60_000);
    await expect(sendNotice(tenant.recorder, noticeInput(meeting, { version: 2 }), { now: later })).rejects.toThrow(/đã được gửi.*Gửi lại/);
    // Resend within the minute is refused too (a double click on “Gửi lại”).
    await expect(
      sendNotice(tenant.recorder, noticeInput(meeting, { version: 2, resend: "on" }), { now: new Date(t0.getTime() + 30_000) }),
    ).rejects.toBeInstanceOf(ConflictError);
    const again = await sendNotice(tenant.recorder, noticeInput(meeting, { version: 2, resend: "on", subject: "Thông báo đổi địa điểm họp" }), { now: later });
    expect(again).toMatchObject({ state: "NOTIFIED", version: 3 });
    const after = await counts(meeting.id);
    expect(after.notices).toBe(2);
    expect(after.notifications).toBe(4);
    // The first notice's time is kept (lead time of the notice), the flag stays.
    expect(after.meeting.noticeSentAt?.getTime()).toBe(t0.getTime());
  });

  test("a stale version or nobody to reach: refused, and nothing is written", async () => {
    const meeting = await makeMeeting({ tenant });
    await expect(sendNotice(tenant.recorder, noticeInput(meeting, { version: 7 }))).rejects.toBeInstanceOf(ConflictError);
    expect(await counts(meeting.id)).toMatchObject({ notices: 0, notifications: 0, outbox: 0, meeting: { state: "PLANNED", version: 1 } });

    // The "other" branch: one member, no account, no e-mail, no overseer above it.
    const lonely = await makeMeeting({ tenant, branchId: tenant.other.id });
    const refusal = sendNotice(tenant.recorderOther, noticeInput(lonely));
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toThrow(/không đảng viên nào.*tài khoản hoặc địa chỉ e-mail/);
    expect(await counts(lonely.id)).toMatchObject({ notices: 0, meeting: { state: "PLANNED" } });
  });

  test("who may send: the recorder of another branch gets a 404, a member a 403; held meetings are past notice", async () => {
    const meeting = await makeMeeting({ tenant });
    await expect(sendNotice(tenant.recorderOther, noticeInput(meeting))).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendNotice(tenant.member, noticeInput(meeting))).rejects.toBeInstanceOf(ForbiddenError);
    const held = await makeMeeting({ tenant, state: "HELD" });
    await expect(sendNotice(tenant.recorder, noticeInput(held))).rejects.toThrow(/đã diễn ra/);
    const postponed = await makeMeeting({ tenant, state: "POSTPONED" });
    await expect(sendNotice(tenant.recorder, noticeInput(postponed))).rejects.toThrow(/tạm hoãn/);
    expect((await counts(meeting.id)).notices).toBe(0);
  });

  test("the member sees the notice among their notifications and marks it read; other users' ids are ignored", async () => {
    const meeting = await makeMeeting({ tenant });
    await sendNotice(tenant.recorder, noticeInput(meeting));
    const page = await listNotifications(tenant.member, { unread: "1" });
    const mine = page.items.find((item) => item.link === `/meetings/${meeting.id}`);
    expect(mine).toMatchObject({ title: "Thông báo sinh hoạt chi bộ tháng 3", readAt: null });
    // The overseer cannot mark the member's notification.
    expect((await markNotificationsRead(tenant.overseer, { ids: [mine!.id] })).updated).toBe(0);
    const opened = await markNotificationsRead(tenant.member, { ids: [mine!.id] });
    expect(opened).toEqual({ updated: 1, link: `/meetings/${meeting.id}` });
    const all = await markNotificationsRead(tenant.member, { all: true });
    expect((await listNotifications(tenant.member)).unreadCount).toBe(0);
    expect(all.updated).toBeGreaterThanOrEqual(0);
  });
});

describe("default notice text", () => {
  test("names the time (Vietnam), weekday, place, content and the overseer", () => {
    const text = composeNotice({
      title: "Sinh hoạt chi bộ thường kỳ tháng 3/2025",
      kind: "REGULAR",
      topic: null,
      plannedStart: START,
      plannedEnd: new Date(START.getTime() + 2 * H),
      place: "Phòng họp tầng 2",
      content: "1. Đánh giá kết quả tháng 2.\n2. Nhiệm vụ tháng 3.",
      branchName: "Chi bộ Phòng Ngân sách",
      toOverseer: true,
    });
    expect(text.subject).toBe("Thông báo sinh hoạt chi bộ thường kỳ ngày 05/03/2025 – Chi bộ Phòng Ngân sách");
    expect(text.body).toContain("- Thời gian: 14 giờ 00, thứ Tư, ngày 05/03/2025 (dự kiến kết thúc lúc 16 giờ 00).");
    expect(text.body).toContain("- Địa điểm: Phòng họp tầng 2.");
    expect(text.body).toContain("2. Nhiệm vụ tháng 3.");
    expect(text.body).toContain("và đồng chí cấp ủy viên cấp trên theo dõi chi bộ");
  });
});

describe("content and pre-meeting", () => {
  test("content is saved with the version and audited; a stale save is refused and changes nothing", async () => {
    const meeting = await makeMeeting({ tenant });
    const saved = await updateMeetingContent(tenant.recorder, {
      meetingId: meeting.id,
      version: 1,
      content: "  Đánh giá tháng 2  \r\n\r\n\r\nNhiệm vụ tháng 3 ",
      draftResolution: "Chi bộ thống nhất ...",
      preparedByMemberId: tenant.members[1]!.id,
    });
    expect(saved.version).toBe(2);
    const stale = updateMeetingContent(tenant.recorder, { meetingId: meeting.id, version: 1, content: "ghi đè" });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const row = await ownerDb().meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tenant.tenantId, id: meeting.id } },
      select: { content: true, draftResolution: true, preparedByMemberId: true, version: true },
    });
    expect(row).toEqual({
      content: "Đánh giá tháng 2\n\nNhiệm vụ tháng 3",
      draftResolution: "Chi bộ thống nhất ...",
      preparedByMemberId: tenant.members[1]!.id,
      version: 2,
    });
    await expect(
      updateMeetingContent(tenant.recorder, { meetingId: meeting.id, version: 2, preparedByMemberId: tenant.members2[0]!.id }),
    ).rejects.toMatchObject({ fieldErrors: { preparedByMemberId: [expect.stringMatching(/đảng viên của chi bộ/)] } });
  });

  test("pre-meeting: recorded for a branch with a committee; refused (P3 full marks) without one", async () => {
    const meeting = await makeMeeting({ tenant });
    const input = {
      meetingId: meeting.id,
      version: 1,
      heldAt: "2025-03-03T08:00",
      attendeeMemberIds: [tenant.members[0]!.id, tenant.members[1]!.id],
      otherAttendees: "Đồng chí Phó Bí thư Đảng ủy",
      notes: "Thống nhất nội dung sinh hoạt.",
      minuted: "on",
    };
    await expect(savePreMeeting(tenant.recorder, { ...input, heldAt: "2025-03-05T15:00" })).rejects.toMatchObject({
      fieldErrors: { heldAt: [expect.stringMatching(/trước giờ sinh hoạt/)] },
    });
    await expect(savePreMeeting(tenant.recorder, { ...input, attendeeMemberIds: [tenant.members2[0]!.id] })).rejects.toMatchObject({
      fieldErrors: { attendeeMemberIds: [expect.any(String)] },
    });
    expect(await savePreMeeting(tenant.recorder, input)).toMatchObject({ version: 2 });
    const stored = await ownerDb().preMeeting.findFirstOrThrow({ where: { tenantId: tenant.tenantId, meetingId: meeting.id } });
    expect(stored).toMatchObject({
      heldAt: new Date("2025-03-03T01:00:00.000Z"),
      attendees: `${tenant.members[0]!.fullName}, ${tenant.members[1]!.fullName}; Đồng chí Phó Bí thư Đảng ủy`,
      minuted: true,
    });
    const summary = await withTenant(tenant.tenantId, (tx) => getPreparationSummary(tx, tenant.recorder, meeting.id));
    expect(summary.preMeeting).toEqual({ applicable: true, held: true, heldAt: stored.heldAt, minuted: true });
    const view = await getPreparation(tenant.recorder, meeting.id);
    expect(view.preMeeting?.attendeeMemberIds.sort()).toEqual([tenant.members[0]!.id, tenant.members[1]!.id].sort());
    expect(view.preMeeting?.otherAttendees).toBe("Đồng chí Phó Bí thư Đảng ủy");

    const noCommittee = await makeMeeting({ tenant, branchId: tenant.branch2.id });
    await expect(savePreMeeting(tenant.recorder2, { ...input, meetingId: noCommittee.id })).rejects.toThrow(/không có chi ủy.*P3 được tính đủ điểm/);
    const summary2 = await withTenant(tenant.tenantId, (tx) => getPreparationSummary(tx, tenant.recorder2, noCommittee.id));
    expect(summary2.preMeeting.applicable).toBe(false);
  });
});

describe("documents' lead time (P5, K3)", () => {
  test("documentTiming: earliest preparation document against the actual (else planned) start, rounded against the branch", () => {
    const doc = (kind: "CONTENT" | "THEMATIC_MATERIAL" | "OTHER" | "FINAL_RESOLUTION", at: number) => ({ kind, postedAt: new Date(START.getTime() + at) });
    expect(documentTiming({ documents: [], plannedStart: START, actualStart: null, actualEnd: null })).toMatchObject({
      documentsLeadMinutes: null,
      finalDocumentsDelayMinutes: null,
    });
    // 24 h minus one second is 1439 minutes, not 1440.
    expect(documentTiming({ documents: [doc("CONTENT", -(24 * H - 1000))], plannedStart: START, actualStart: null, actualEnd: null }).documentsLeadMinutes).toBe(1439);
    // OTHER papers do not count; the earliest of the rest does; the actual start wins over the planned one.
    const timing = documentTiming({
      documents: [doc("OTHER", -72 * H), doc("THEMATIC_MATERIAL", -2 * H), doc("CONTENT", -30 * H)],
      plannedStart: START,
      actualStart: new Date(START.getTime() + H),
      actualEnd: null,
    });
    expect(timing).toMatchObject({ documentsLeadMinutes: 31 * 60, leadMeasuredFrom: "actual" });
    // Posted after the start: negative.
    expect(documentTiming({ documents: [doc("CONTENT", 90_000)], plannedStart: START, actualStart: null, actualEnd: null }).documentsLeadMinutes).toBe(-2);
    // K3: 48 h and a few seconds after the end is 2881 minutes; the resolution's own postedAt counts when earlier.
    const end = new Date(START.getTime() + 2 * H);
    expect(
      documentTiming({ documents: [doc("FINAL_RESOLUTION", 50 * H + 5000)], plannedStart: START, actualStart: START, actualEnd: end }).finalDocumentsDelayMinutes,
    ).toBe(2881);
    expect(
      documentTiming({
        documents: [doc("FINAL_RESOLUTION", 50 * H)],
        plannedStart: START,
        actualStart: START,
        actualEnd: end,
        resolutionPostedAt: new Date(end.getTime() + 3 * H),
      }).finalDocumentsDelayMinutes,
    ).toBe(180);
  });

  test("posted documents feed the summary and the scoring facts", async () => {
    const meeting = await makeMeeting({ tenant });
    const post = (kind: string, hoursBefore: number) =>
      uploadMeetingDocument(tenant.recorder, meeting.id, { kind, fileName: `${kind}.pdf` }, bytes(PDF_BYTES), {
        now: new Date(START.getTime() - hoursBefore * H),
      });
    await post("OTHER", 80);
    await post("CONTENT", 30);
    await post("DRAFT_RESOLUTION", 3);
    const summary = await withTenant(tenant.tenantId, (tx) => getPreparationSummary(tx, tenant.member, meeting.id));
    expect(summary.documents).toEqual({ count: 3, preparationCount: 2, leadMinutes: 30 * 60, requiredLeadHours: 24, leadOk: true });
    const facts = await withTenant(tenant.tenantId, (tx) => documentTimingFor(tx, tenant.tenantId, meeting.id));
    expect(facts.documentsLeadMinutes).toBe(1800);

    const late = await makeMeeting({ tenant });
    await uploadMeetingDocument(tenant.recorder, late.id, { kind: "CONTENT", fileName: "nd.pdf" }, bytes(PDF_BYTES), {
      now: new Date(START.getTime() - 5 * H),
    });
    const lateSummary = await withTenant(tenant.tenantId, (tx) => getPreparationSummary(tx, tenant.recorder, late.id));
    expect(lateSummary.documents).toMatchObject({ leadMinutes: 300, leadOk: false });

    // After the meeting: the final resolution's delay against the actual end.
    const held = await makeMeeting({ tenant, state: "HELD" });
    const end = new Date(START.getTime() + 2 * H);
    await uploadMeetingDocument(tenant.recorder, held.id, { kind: "FINAL_RESOLUTION", fileName: "nq.pdf" }, bytes(PDF_BYTES), {
      now: new Date(end.getTime() + 20 * H),
    });
    const heldFacts = await withTenant(tenant.tenantId, (tx) => documentTimingFor(tx, tenant.tenantId, held.id));
    expect(heldFacts.finalDocumentsDelayMinutes).toBe(20 * 60);
  });

  test("which kinds may be posted when", async () => {
    const planned = await makeMeeting({ tenant });
    await expect(
      uploadMeetingDocument(tenant.recorder, planned.id, { kind: "FINAL_RESOLUTION", fileName: "nq.pdf" }, bytes(PDF_BYTES)),
    ).rejects.toThrow(/chỉ đăng sau khi kỳ sinh hoạt đã diễn ra/);
    const held = await makeMeeting({ tenant, state: "HELD" });
    await expect(uploadMeetingDocument(tenant.recorder, held.id, { kind: "CONTENT", fileName: "nd.pdf" }, bytes(PDF_BYTES))).rejects.toThrow(
      /đã diễn ra/,
    );
    const locked = await makeMeeting({ tenant, state: "FINALISED" });
    await expect(
      uploadMeetingDocument(tenant.recorder, locked.id, { kind: "FINAL_RESOLUTION", fileName: "nq.pdf" }, bytes(PDF_BYTES)),
    ).rejects.toThrow(/đã khóa/);
  });
});

describe("outbox delivery from the database", () => {
  test("delivers the tenant's pending mails once, skipping sent ones", async () => {
    await ownerDb().emailOutbox.deleteMany({ where: { tenantId: tenant.tenantId } });
    const meeting = await makeMeeting({ tenant });
    await sendNotice(tenant.recorder, noticeInput(meeting));
    const sent: string[] = [];
    const report = await deliverOutbox(tenantOutboxStore(tenant.tenantId), { send: async (mail) => void sent.push(mail.to) });
    expect(report).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sent.sort()).toEqual(["ba@example.vn", "hai@example.vn"]);
    const rows = await ownerDb().emailOutbox.findMany({ where: { tenantId: tenant.tenantId }, select: { status: true, attempts: true, sentAt: true } });
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 1 && row.sentAt !== null)).toBe(true);
    expect((await deliverOutbox(tenantOutboxStore(tenant.tenantId), { send: async () => undefined })).sent).toBe(0);
  });
});
