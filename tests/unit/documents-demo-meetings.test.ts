// The demo meetings are realistic and consistent with the rules: every branch meets monthly, the
// roster's exemptions, transfers and suspensions are honoured, votes follow the validity rule, and
// the year shows the variety dashboards need (missed thematic quarters, short meetings, no minutes).
import { describe, expect, test } from "vitest";
import { generateDemoTenant } from "@/lib/seed/demo-data";
import { generateDemoMeetings, tinyPdf } from "@/lib/seed/demo-meetings";

const asOf = new Date("2026-11-21T00:00:00.000Z");
let counter = 0;
const sequentialId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;

const tenant = generateDemoTenant({ asOf, newId: sequentialId });
const demo = generateDemoMeetings(tenant, { asOf, newId: sequentialId, placeName: "Lâm Đồng" });
const branches = tenant.orgUnits.filter((u) => u.kind === "BRANCH" || u.kind === "GRASSROOTS_BRANCH");
const day = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

describe("demo meetings", () => {
  test("deterministic for the same day and ids", () => {
    let a = 0;
    let b = 0;
    const first = generateDemoMeetings(tenant, { asOf, newId: () => `id-${++a}` });
    const second = generateDemoMeetings(tenant, { asOf, newId: () => `id-${++b}` });
    expect(second.meetings).toEqual(first.meetings);
    expect(second.attendances).toEqual(first.attendances);
  });

  test("every branch has a regular meeting each month of the last year, and the next month's is planned or notified", () => {
    for (const branch of branches) {
      const regular = demo.meetings.filter((m) => m.branchId === branch.id && (m.kind === "REGULAR" || m.kind === "COMBINED"));
      const months = new Set(regular.map((m) => day(m.plannedStart).slice(0, 7)));
      expect(months.size, branch.name).toBe(14);
      const next = regular.filter((m) => m.plannedStart.getTime() > Date.UTC(2026, 11, 1));
      expect(next.length, branch.name).toBe(1);
      expect(["PLANNED", "NOTIFIED"]).toContain(next[0]!.state);
    }
    const past = demo.meetings.filter((m) => m.plannedStart.getTime() < asOf.getTime());
    const adopted = past.filter((m) => m.state === "MINUTES_ADOPTED").length;
    expect(adopted / past.length).toBeGreaterThan(0.7);
    expect(demo.annualPlans.length).toBe(branches.length * 2);
    expect(demo.thematicTopics.length).toBe(demo.annualPlans.length * 4);
  });

  test("variety: some thematic quarters missed, some short meetings, some held meetings without minutes", () => {
    const quarters = new Map<string, boolean>();
    for (const m of demo.meetings) {
      const d = day(m.plannedStart);
      if (d >= "2026-01-01" && d < "2026-10-01") {
        const key = `${m.branchId}-${Math.floor((Number(d.slice(5, 7)) - 1) / 3)}`;
        quarters.set(key, (quarters.get(key) ?? false) || m.kind === "THEMATIC" || m.kind === "COMBINED");
      }
    }
    const missed = [...quarters.values()].filter((has) => !has).length;
    expect(missed).toBeGreaterThan(0);
    expect(missed).toBeLessThan(quarters.size / 3);
    const durations = demo.meetings.filter((m) => m.actualStart && m.actualEnd).map((m) => (m.actualEnd!.getTime() - m.actualStart!.getTime()) / 60_000);
    expect(durations.filter((d) => d < 90).length).toBeGreaterThan(10);
    expect(durations.every((d) => d > 0)).toBe(true);
    const withMinutes = new Set(demo.minutes.map((m) => m.meetingId));
    expect(demo.meetings.filter((m) => m.state === "HELD" && !withMinutes.has(m.id)).length).toBeGreaterThan(5);
    expect(demo.meetings.every((m) => m.state !== "MINUTES_ADOPTED" || withMinutes.has(m.id))).toBe(true);
  });

  test("attendance honours the roster: exempt, attached elsewhere, suspended, on the roll that day", () => {
    const meetings = new Map(demo.meetings.map((m) => [m.id, m]));
    const covers = (p: { fromDate: Date; toDate: Date | null }, d: string) => p.fromDate.toISOString().slice(0, 10) <= d && (!p.toDate || p.toDate.toISOString().slice(0, 10) >= d);
    for (const a of demo.attendances) {
      const meeting = meetings.get(a.meetingId)!;
      const d = day(meeting.actualStart ?? meeting.plannedStart);
      // Issue 14: a member temporarily attached to this branch is on its roll (SPEC §1.3), marked here.
      const attachedHere = tenant.temporaryTransfers.some((t) => t.memberId === a.memberId && t.hostBranchId === meeting.branchId && covers(t, d));
      const onRoll =
        attachedHere ||
        tenant.branchMemberships.some((m) => m.memberId === a.memberId && m.branchId === meeting.branchId && covers({ fromDate: m.validFrom, toDate: m.validTo }, d));
      expect(onRoll).toBe(true);
      expect(tenant.suspensions.some((s) => s.memberId === a.memberId && covers(s, d))).toBe(false);
      const exempt = tenant.exemptions.some((e) => e.memberId === a.memberId && covers(e, d));
      const away = tenant.temporaryTransfers.some((t) => t.memberId === a.memberId && t.hostBranchId !== meeting.branchId && covers(t, d));
      if (away) expect(a.status).toBe("ELSEWHERE");
      else if (exempt) expect(["EXEMPT", "PRESENT"]).toContain(a.status);
      else expect(["EXEMPT", "ELSEWHERE"]).not.toContain(a.status);
      if (a.status === "ABSENT_EXCUSED") expect(a.reason).toBeTruthy();
    }
    const statuses = new Set(demo.attendances.map((a) => a.status));
    for (const s of ["PRESENT", "ABSENT_EXCUSED", "ABSENT_UNEXCUSED", "EXEMPT", "ELSEWHERE"]) expect(statuses).toContain(s);
  });

  test("votes: only official members present vote, the count fits the denominator, validity by the rule", () => {
    expect(demo.resolutions.length).toBeGreaterThan(400);
    for (const r of demo.resolutions) {
      expect(r.votesFor + r.votesAgainst + r.votesAbstain).toBeLessThanOrEqual(r.voteDenominator);
      expect(r.voteValid).toBe(2 * r.votesFor > r.voteDenominator);
      expect(r.number).toMatch(/^\d{2}-NQ\/CB$/);
    }
  });

  test("tasks are reported at the next meeting and evaluated once it is held; documents are real PDFs", () => {
    const meetings = new Map(demo.meetings.map((m) => [m.id, m]));
    expect(demo.tasks.length).toBeGreaterThan(300);
    for (const task of demo.tasks) {
      const report = task.reportMeetingId ? meetings.get(task.reportMeetingId) : undefined;
      if (report) expect(report.plannedStart.getTime()).toBeGreaterThan(meetings.get(task.meetingId)!.plannedStart.getTime());
      if (task.result) expect(["HELD", "MINUTES_ADOPTED"]).toContain(report?.state);
      if (task.result === "PARTLY") expect(task.resultPercent).toBeGreaterThan(0);
    }
    expect(demo.tasks.some((t) => t.result === null)).toBe(true);
    expect(new TextDecoder().decode(tinyPdf("Dự thảo nghị quyết")).startsWith("%PDF-1.4")).toBe(true);
    expect(demo.documents.every((d) => demo.files.get(d.storageKey)?.length === d.sizeBytes)).toBe(true);
    expect(demo.documents.some((d) => d.postedAt.getTime() > meetings.get(d.meetingId)!.plannedStart.getTime() - 24 * 3_600_000)).toBe(true);
  });
});

