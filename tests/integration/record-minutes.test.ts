// Minutes (version-checked), speakers and their share, the resolution and its vote (SPEC §4.1 item 2,
// worked example E6), and the record summary the meeting hub shows.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { addSpeech, deleteSpeech, getMinutesSheet, reorderSpeeches, saveMinutes, STALE_MINUTES } from "@/lib/meetings/minutes";
import { getRecordSummary } from "@/lib/meetings/record-summary";
import { saveResolution } from "@/lib/meetings/resolution";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { addMember, addPeriod, at14, auditCount, writeMarks } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 5 });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const parts = { opening: "Đồng chí Bí thư khai mạc.", proceedings: "Chi bộ thảo luận.", closing: "Bế mạc." };

describe("minutes", () => {
  test("two secretaries saving the same minutes: the later, stale save is refused and overwrites nothing", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-03-05") });
    const first = await saveMinutes(t.recorder, { meetingId: meeting.id, version: 0, ...parts, opening: "  Khai mạc\r\n\r\n\r\nlúc 14 giờ  " });
    expect(first).toEqual({ version: 1 });
    expect((await getMinutesSheet(t.recorder, meeting.id)).minutes.opening).toBe("Khai mạc\n\nlúc 14 giờ");
    // Both opened version 1; the first to save wins.
    expect(await saveMinutes(t.recorder, { meetingId: meeting.id, version: 1, ...parts, proceedings: "Bản của thư ký A" })).toEqual({ version: 2 });
    await expect(saveMinutes(t.recorder, { meetingId: meeting.id, version: 1, ...parts, proceedings: "Bản của thư ký B" })).rejects.toMatchObject({
      status: 409,
      message: STALE_MINUTES,
    });
    // The same form sent twice (a double click) is not an error: its content is already stored.
    expect(await saveMinutes(t.recorder, { meetingId: meeting.id, version: 1, ...parts, proceedings: "Bản của thư ký A" })).toEqual({ version: 2 });
    // A second "first save" (version 0) is stale too.
    await expect(saveMinutes(t.recorder, { meetingId: meeting.id, version: 0, ...parts })).rejects.toMatchObject({ status: 409 });
    const sheet = await getMinutesSheet(t.recorder, meeting.id);
    expect(sheet.minutes).toMatchObject({ version: 2, proceedings: "Bản của thư ký A" });
    expect(await auditCount(t, meeting.id, "minutes.create")).toBe(1);
    expect(await auditCount(t, meeting.id, "minutes.update")).toBe(1);
  });

  test("the chair and the thư ký are members present; ideology minutes fit in the meeting", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-03-12"), actualEnd: "2025-03-12T08:30:00.000Z" });
    await writeMarks(t, meeting.id, { [t.members[0]!.id]: "PRESENT", [t.members[1]!.id]: "ABSENT_EXCUSED" });
    await expect(
      saveMinutes(t.recorder, { meetingId: meeting.id, version: 0, ...parts, chairMemberId: t.members[1]!.id }),
    ).rejects.toMatchObject({ fieldErrors: { chairMemberId: [expect.stringContaining("phải có mặt")] } });
    await expect(
      saveMinutes(t.recorder, { meetingId: meeting.id, version: 0, ...parts, clerkMemberId: t.membersOther[0]!.id }),
    ).rejects.toMatchObject({ fieldErrors: { clerkMemberId: [expect.stringContaining("đảng viên của chi bộ")] } });
    // 14:00–15:30 is 90 minutes.
    await expect(saveMinutes(t.recorder, { meetingId: meeting.id, version: 0, ...parts, ideologyMinutes: "95" })).rejects.toMatchObject({
      fieldErrors: { ideologyMinutes: [expect.stringContaining("vượt thời lượng")] },
    });
    await saveMinutes(t.recorder, {
      meetingId: meeting.id,
      version: 0,
      ...parts,
      chairMemberId: t.members[0]!.id,
      clerkMemberId: t.members[2]!.id,
      ideologyMinutes: "20",
    });
    const stored = await withTenant(t.tenantId, (tx) =>
      tx.meeting.findUnique({
        where: { tenantId_id: { tenantId: t.tenantId, id: meeting.id } },
        select: { chairMemberId: true, clerkMemberId: true, ideologyMinutes: true, version: true },
      }),
    );
    expect(stored).toEqual({ chairMemberId: t.members[0]!.id, clerkMemberId: t.members[2]!.id, ideologyMinutes: 20, version: 2 });
  });
});

describe("speakers", () => {
  test("present members only; the chair's report and guests do not count; reorder and delete", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-04-05") });
    const [m0, m1, m2, m3] = t.members.map((m) => m.id) as [string, string, string, string];
    await writeMarks(t, meeting.id, { [m0]: "PRESENT", [m1]: "PRESENT", [m2]: "PRESENT", [m3]: "ABSENT_EXCUSED", [t.members[4]!.id]: "PRESENT" });
    await expect(addSpeech(t.recorder, { meetingId: meeting.id, memberId: m3, summary: "Ý kiến" })).rejects.toMatchObject({
      fieldErrors: { memberId: [expect.stringContaining("có mặt")] },
    });
    const report = await addSpeech(t.recorder, { meetingId: meeting.id, memberId: m0, summary: "Báo cáo tình hình tháng", isDiscussion: "false" });
    const s1 = await addSpeech(t.recorder, { meetingId: meeting.id, memberId: m1, summary: "Đề nghị bổ sung chỉ tiêu" });
    const s2 = await addSpeech(t.recorder, { meetingId: meeting.id, memberId: m1, summary: "Ý kiến thứ hai" });
    const guest = await addSpeech(t.recorder, { meetingId: meeting.id, speakerName: "Đồng chí Đảng ủy viên", summary: "Biểu dương chi bộ" });
    // A double-submitted speech is refused rather than recorded twice.
    await expect(addSpeech(t.recorder, { meetingId: meeting.id, memberId: m1, summary: "Ý kiến thứ hai" })).rejects.toMatchObject({ status: 422 });
    expect(report).toMatchObject({ isDiscussion: false, position: 1, displayName: t.members[0]!.fullName });

    let sheet = await getMinutesSheet(t.recorder, meeting.id);
    // One distinct present speaker with a discussion entry out of P = 4.
    expect(sheet.speakers).toEqual({ speakers: 1, present: 4, share: { num: 100, den: 4 } });
    const summary = await withTenant(t.tenantId, (tx) => getRecordSummary(tx, t.recorder, meeting.id));
    expect(summary.speakers).toMatchObject({ speakers: 1, present: 4, shareText: "25,0 %" });

    await reorderSpeeches(t.recorder, { meetingId: meeting.id, speechIds: [guest.id, s2.id, report.id, s1.id].join(",") });
    sheet = await getMinutesSheet(t.recorder, meeting.id);
    expect(sheet.speeches.map((s) => s.id)).toEqual([guest.id, s2.id, report.id, s1.id]);
    // A list that misses one (someone added a speech meanwhile) is refused.
    await expect(reorderSpeeches(t.recorder, { meetingId: meeting.id, speechIds: [s1.id, s2.id] })).rejects.toMatchObject({ status: 409 });
    await deleteSpeech(t.recorder, { meetingId: meeting.id, speechId: s2.id });
    await deleteSpeech(t.recorder, { meetingId: meeting.id, speechId: s1.id });
    expect((await getMinutesSheet(t.recorder, meeting.id)).speakers.speakers).toBe(0);
    expect(await auditCount(t, meeting.id, "speech.add")).toBe(4);
  });
});

describe("resolution and vote", () => {
  test("E6: D_vote = 15 − 1 exempt absent − 1 excused = 13; 12 for, 1 abstaining → valid; the probationary member does not vote", async () => {
    const tenant = await makeMeetingTenant({ members: 12 });
    const exemptAbsent = await addMember(tenant, tenant.branch.id, { fullName: "Miễn Vắng" });
    const exemptPresent = await addMember(tenant, tenant.branch.id, { fullName: "Miễn Dự" });
    const excused = await addMember(tenant, tenant.branch.id, { fullName: "Vắng Có Lý Do" });
    const probationary = await addMember(tenant, tenant.branch.id, { fullName: "Dự Bị", probationary: true });
    await addPeriod(tenant, "exemption", exemptAbsent.id, "2024-01-01");
    await addPeriod(tenant, "exemption", exemptPresent.id, "2024-01-01");
    const meeting = await makeMeeting({ tenant, state: "HELD", plannedStart: at14("2025-05-05") });
    const marks: Record<string, "PRESENT" | "EXEMPT" | "ABSENT_EXCUSED"> = Object.fromEntries(tenant.members.map((m) => [m.id, "PRESENT"]));
    await writeMarks(tenant, meeting.id, { ...marks, [exemptAbsent.id]: "EXEMPT", [exemptPresent.id]: "PRESENT", [excused.id]: "ABSENT_EXCUSED", [probationary.id]: "PRESENT" });

    const summary = await withTenant(tenant.tenantId, (tx) => getRecordSummary(tx, tenant.recorder, meeting.id));
    expect(summary.attendance).toMatchObject({ summoned: 16, complete: true, present: 14, denominator: 15, rateText: "93,3 %" });

    // 14 would exceed the 13 official members present.
    await expect(
      saveResolution(tenant.recorder, { meetingId: meeting.id, version: 0, body: "Nghị quyết", votesFor: 13, votesAgainst: 0, votesAbstain: 1, voteMethod: "SHOW_OF_HANDS" }),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { votesFor: [expect.stringContaining("Tổng số phiếu vượt quá số đảng viên chính thức có mặt")] } });
    expect(await withTenant(tenant.tenantId, (tx) => tx.resolution.count({ where: { tenantId: tenant.tenantId } }))).toBe(0);

    const saved = await saveResolution(tenant.recorder, {
      meetingId: meeting.id,
      version: 0,
      number: "05-NQ/CB",
      body: "Chi bộ thống nhất nghị quyết tháng 5.",
      votesFor: "12",
      votesAgainst: "0",
      votesAbstain: "1",
      voteMethod: "SHOW_OF_HANDS",
      adoptedAt: "2025-05-05T16:00",
    });
    expect(saved).toMatchObject({ version: 1, voteValid: true, voteDenominator: 13 });
    expect(saved.explanation).toContain("= 13");
    expect(saved.explanation).toContain("hợp lệ");
    const after = await withTenant(tenant.tenantId, (tx) => getRecordSummary(tx, tenant.recorder, meeting.id));
    expect(after.resolution).toMatchObject({ exists: true, number: "05-NQ/CB", valid: true, votesFor: 12, voteDenominator: 13 });
  });

  test("a vote needs complete attendance; 6 of 13 is not more than half; stale and duplicate numbers are refused", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-06-05") });
    const vote = { body: "Kết luận", votesAgainst: 0, votesAbstain: 0, voteMethod: "BALLOT" };
    await writeMarks(t, meeting.id, { [t.members[0]!.id]: "PRESENT" });
    await expect(saveResolution(t.recorder, { meetingId: meeting.id, version: 0, ...vote, votesFor: 1 })).rejects.toMatchObject({
      fieldErrors: { votesFor: [expect.stringContaining("Chưa điểm danh xong")] },
    });
    // Without a vote the text can be saved already.
    const draft = await saveResolution(t.recorder, { meetingId: meeting.id, version: 0, body: "Dự thảo kết luận", votesFor: "", votesAgainst: "", votesAbstain: "" });
    expect(draft).toMatchObject({ version: 1, voteValid: null });
    await writeMarks(t, meeting.id, {
      [t.members[1]!.id]: "PRESENT",
      [t.members[2]!.id]: "ABSENT_UNEXCUSED",
      [t.members[3]!.id]: "ABSENT_UNEXCUSED",
      [t.members[4]!.id]: "ABSENT_UNEXCUSED",
    });
    // D_vote = 5 (unexcused absentees stay in it); 2 for is not > 2.5.
    const invalid = await saveResolution(t.recorder, { meetingId: meeting.id, version: 1, ...vote, votesFor: 2 });
    expect(invalid).toMatchObject({ voteValid: false, voteDenominator: 5 });
    expect(invalid.explanation).toContain("không hợp lệ");
    await expect(saveResolution(t.recorder, { meetingId: meeting.id, version: 1, ...vote, votesFor: 2 })).rejects.toMatchObject({ status: 409 });

    // Numbering: the suggestion follows the branch's highest number this year; a used number is refused.
    const other = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-07-05") });
    await saveResolution(t.recorder, { meetingId: meeting.id, version: 2, body: "Kết luận", number: "07-NQ/CB" });
    expect((await getMinutesSheet(t.recorder, other.id)).resolution.suggestedNumber).toBe("08-NQ/CB");
    await expect(saveResolution(t.recorder, { meetingId: other.id, version: 0, body: "Kết luận", number: "07-nq/cb" })).rejects.toMatchObject({
      fieldErrors: { number: [expect.stringContaining("đã dùng")] },
    });
  });

  test("the first resolution starts from the draft prepared before the meeting", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-08-05") });
    await withTenant(t.tenantId, (tx) =>
      tx.meeting.update({ where: { tenantId_id: { tenantId: t.tenantId, id: meeting.id } }, data: { draftResolution: "Dự thảo: tập trung thu ngân sách." } }),
    );
    expect((await getMinutesSheet(t.recorder, meeting.id)).resolution).toMatchObject({ exists: false, version: 0, body: "Dự thảo: tập trung thu ngân sách." });
  });
});
