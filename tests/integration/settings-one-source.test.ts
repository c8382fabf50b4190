// Issue 14 item 4: one source per threshold. With meeting.docsLeadHours = 48 and the documents posted
// 30 h ahead, the preparation page says "late" and the score's P5 says the same (before, the rubric's
// constant 24 h gave P5 = 2). The attendance page's streak limit and the score's A2 agree too.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { getAttendanceSheet, membersToWatch } from "@/lib/meetings/attendance";
import { uploadMeetingDocument } from "@/lib/meetings/documents";
import { createMeeting } from "@/lib/meetings/meetings";
import { getPreparationSummary } from "@/lib/meetings/preparation";
import { score } from "@/lib/scoring/engine";
import { getScorecard } from "@/lib/scoring/workflow";
import { LocalBlobStore, setBlobStore } from "@/lib/storage";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { PDF_BYTES } from "@/tests/fixtures/preparation-files";
import { at14, writeMarks } from "@/tests/fixtures/record";

let tenant: MeetingTenant;
let storageDir: string;
const H = 3_600_000;

async function* bytes(buffer: Buffer): AsyncGenerator<Uint8Array> {
  yield buffer;
}

async function setting(key: string, value: unknown): Promise<void> {
  await withTenant(tenant.tenantId, (tx) =>
    tx.setting.create({ data: { tenantId: tenant.tenantId, key, value: value as never, effectiveFrom: new Date("2025-01-01") } }),
  );
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(os.tmpdir(), "sosh-i14-"));
  setBlobStore(new LocalBlobStore(storageDir));
  tenant = await makeMeetingTenant({ members: 3 });
  await setting("meeting.docsLeadHours", 48);
  await setting("attendance.maxExcusedStreak", 1);
});

afterAll(async () => {
  setBlobStore(undefined);
  await rm(storageDir, { recursive: true, force: true });
  await db().$disconnect();
  await ownerDb().$disconnect();
});

/** The AUTO criterion as the scorecard page prefills it: the engine on the page's rubric and facts. */
const autoCriterion = async (meetingId: string, code: string, user = tenant.recorder) => {
  const view = await getScorecard(user, meetingId);
  return score(view.definition!, view.facts!, {}).perCriterion.find((c) => c.code === code);
};

describe("the preparation page and the score read the same threshold", () => {
  test("docsLeadHours = 48, documents posted 30 h ahead: the page says late and P5 = 0; 50 h ahead: on time and P5 = 2", async () => {
    for (const [hoursAhead, onTime, points] of [
      [30, false, 0],
      [50, true, 2],
    ] as const) {
      const meeting = await makeMeeting({ tenant, state: "NOTIFIED", plannedStart: at14("2025-11-05") });
      await uploadMeetingDocument(tenant.recorder, meeting.id, { kind: "CONTENT", fileName: "nd.pdf" }, bytes(PDF_BYTES), {
        now: new Date(meeting.plannedStart.getTime() - hoursAhead * H),
      });
      // Then the meeting is held and its minutes adopted (the record's other parts do not matter here).
      await ownerDb().meeting.update({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: meeting.id } },
        data: { state: "MINUTES_ADOPTED", actualStart: meeting.plannedStart, actualEnd: new Date(meeting.plannedStart.getTime() + 2 * H) },
      });
      const summary = await withTenant(tenant.tenantId, (tx) => getPreparationSummary(tx, tenant.recorder, meeting.id));
      expect(summary.documents).toMatchObject({ requiredLeadHours: 48, leadMinutes: hoursAhead * 60, leadOk: onTime });
      const view = await getScorecard(tenant.recorder, meeting.id);
      expect(view.facts?.readings).toMatchObject({ docsLeadHours: 48 });
      expect(await autoCriterion(meeting.id, "P5")).toMatchObject({ points });
    }
  });

  test("maxExcusedStreak = 1: the attendance page warns about two excused absences in a row and the score takes A2 away", async () => {
    const [a] = tenant.members;
    const october = await makeMeeting({ tenant, state: "MINUTES_ADOPTED", attendance: {}, minutes: false, resolution: false, plannedStart: at14("2025-10-05") });
    await writeMarks(tenant, october.id, { [a!.id]: "ABSENT_EXCUSED" });
    const december = await makeMeeting({ tenant, state: "MINUTES_ADOPTED", attendance: {}, plannedStart: at14("2025-12-05") });
    const others = Object.fromEntries(tenant.members.slice(1).map((m) => [m.id, "PRESENT" as const]));
    await writeMarks(tenant, december.id, { [a!.id]: "ABSENT_EXCUSED", ...others });

    const watch = membersToWatch(await getAttendanceSheet(tenant.recorder, december.id)).find((w) => w.memberId === a!.id);
    expect(watch, JSON.stringify(watch)).toMatchObject({ longestExcusedStreak: 2, streakViolates: true });
    expect(await autoCriterion(december.id, "A2")).toMatchObject({ points: 0 });
  });

  test("a committee's minimum duration (meeting.committeeMinMinutes = 45 for branch 2) plans the end and is T1's required time: held 20 min → T1 = 3", async () => {
    await withTenant(tenant.tenantId, (tx) =>
      tx.setting.create({
        data: { tenantId: tenant.tenantId, key: "meeting.committeeMinMinutes", value: 45, scopeUnitId: tenant.branch2.id, effectiveFrom: new Date("2025-01-01") },
      }),
    );
    const { id } = await createMeeting(tenant.recorder2, {
      branchId: tenant.branch2.id,
      kind: "REGULAR",
      title: "Sinh hoạt chi bộ thường kỳ tháng 12/2026",
      plannedStart: "2026-12-05T14:00",
      plannedEnd: "",
      place: "Nhà văn hóa",
    });
    const planned = await ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.tenantId, id } }, select: { plannedStart: true, plannedEnd: true } });
    expect((planned.plannedEnd!.getTime() - planned.plannedStart.getTime()) / 60_000).toBe(45);

    const held = await makeMeeting({
      tenant,
      branchId: tenant.branch2.id,
      state: "MINUTES_ADOPTED",
      plannedStart: at14("2025-11-05"),
      actualStart: at14("2025-11-05"),
      actualEnd: "2025-11-05T07:20:00.000Z",
    });
    const view = await getScorecard(tenant.recorder2, held.id);
    expect(view.facts).toMatchObject({ requiredMinutes: 45, actualMinutes: 20 });
    expect(await autoCriterion(held.id, "T1", tenant.recorder2)).toMatchObject({ points: 3 });
  });
});
