// Oversight for the demo tenant (issue 6), written as rows the way the application writes them:
// `capuy` (Phó Bí thư Đảng ủy Sở Tài chính, grassroots level) follows the Sở's branches other than
// his own, with a year of visits where the demo meetings list him as a guest (remarks, guidance,
// follow-ups: the latest of each branch still open), one visit recorded late and waiting for the
// reviewer, one approved, one held meeting he registered for and has not recorded yet, and one
// upcoming meeting he registered for. A second overseer, `capuy2` (Ủy viên Ban Chấp hành Đảng bộ
// Khối, upper-grassroots level), follows the Sở Giáo dục's branches and is behind his quota: one
// visit this year, most of his branches never visited, one branch handed back (history) and now
// without anyone following it. Meetings left without a visit (some waiting for the overseer's score
// confirmation) are what a walkthrough records. One summary audit entry.
import { recordAudit } from "@/lib/audit/record";
import { withTenant, type Tx } from "@/lib/db/tenant";
import type { MeetingState } from "@/lib/generated/prisma/enums";
import { meetingDayOf } from "@/lib/oversight/common";
import { DEMO_UNITS, type TenantDataset } from "@/lib/seed/demo-data";
import { createRandom, type Random } from "@/lib/seed/random";
import { addDays, DAY_MS, HOUR_MS, vietnamMidnight, vietnamDayOf } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import { uuidv7 } from "@/lib/meetings/record-common";
import { insertRows } from "@/lib/seed/bulk";

const SEED_TIMEOUT_MS = 120_000;

export const DEMO_OVERSEER2_USERNAME = "capuy2";

/** Self-scored meetings of this year left on capuy's desk without his visit (e2e specs take some). */
const DESK_WORK_LEFT = 3;

const REMARKS = [
  "Chi bộ chuẩn bị nội dung chu đáo, tài liệu gửi trước; đảng viên dự đầy đủ, nhiều ý kiến sát với nhiệm vụ chuyên môn của phòng.",
  "Buổi sinh hoạt đúng trình tự, đủ thời lượng; phần sinh hoạt tư tưởng còn ngắn, tự phê bình và phê bình chưa sâu.",
  "Chủ trì điều hành tốt, kết luận rõ người, rõ việc; một số đảng viên trẻ chưa mạnh dạn phát biểu.",
  "Nội dung chuyên đề được chuẩn bị công phu, liên hệ thực tiễn của đơn vị; không khí sinh hoạt cởi mở, dân chủ.",
  "Tỷ lệ đảng viên dự họp cao; việc đánh giá thực hiện nghị quyết tháng trước còn chung chung, chưa có số liệu cụ thể.",
];
const GUIDANCE = [
  "Đề nghị chi bộ bám sát nhiệm vụ chính trị của Sở, đưa chỉ tiêu cụ thể vào nghị quyết tháng.",
  "Tăng thời lượng sinh hoạt tư tưởng; phát huy vai trò nêu gương của cấp ủy viên và đảng viên giữ chức vụ lãnh đạo.",
  "Phân công đảng viên theo dõi từng nhiệm vụ, báo cáo kết quả tại kỳ sinh hoạt sau.",
  "Quan tâm bồi dưỡng đảng viên trẻ, phân công đảng viên chính thức giúp đỡ đảng viên dự bị.",
];
const FOLLOW_UPS = [
  "Bổ sung biên bản họp chi ủy chuẩn bị nội dung sinh hoạt.",
  "Cụ thể hóa chỉ tiêu của nghị quyết tháng bằng số liệu và thời hạn.",
  "Báo cáo kết quả thu, nộp đảng phí của chi bộ trong quý.",
  "Đăng tài liệu sinh hoạt lên Sổ tay trước kỳ họp ít nhất 24 giờ.",
  "Rà soát việc thực hiện nhiệm vụ đã phân công ở kỳ trước, nêu rõ việc chưa hoàn thành.",
];
const CLOSING = [
  "Chi bộ đã khắc phục và báo cáo tại kỳ sinh hoạt tiếp theo.",
  "Chi ủy đã bổ sung, lưu hồ sơ chi bộ.",
  "Đã thực hiện; đưa vào nghị quyết tháng của chi bộ.",
];

/** An OverseerVisit as the seed writes it (insertRows: every row names the same columns). */
interface VisitRow {
  tenantId: string;
  id: string;
  meetingId: string;
  branchId: string;
  userId: string;
  assignmentId: string;
  status: "PLANNED" | "ATTENDED";
  registeredAt: Date | null;
  recordedAt: Date | null;
  remarks: string | null;
  guidance: string | null;
  approval: "NOT_NEEDED" | "PENDING" | "APPROVED";
  reviewedById: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  createdAt: Date;
}

interface FollowUpRow {
  tenantId: string;
  id: string;
  visitId: string;
  branchId: string;
  text: string;
  dueDate: Date;
  createdById: string;
  createdAt: Date;
  closedAt: Date | null;
  closedById: string | null;
  closingNote: string | null;
}

interface MeetingRow {
  id: string;
  branchId: string;
  state: MeetingState;
  plannedStart: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
}

/** The meeting's day at hh:00 in Vietnam, plus `days`. */
const vietnamHour = (day: Date, days: number, hour: number) => new Date(vietnamMidnight(day).getTime() + days * DAY_MS + hour * HOUR_MS);

async function meetingsOf(tx: Tx, tenantId: string, branchIds: readonly string[]): Promise<MeetingRow[]> {
  return tx.meeting.findMany({
    where: { tenantId, branchId: { in: [...branchIds] } },
    select: { id: true, branchId: true, state: true, plannedStart: true, actualStart: true, actualEnd: true },
    // Ties broken by the branch's code, not the meeting's id (random each run): the PRNG's draws
    // follow this order, so the same asOf gives the same demo.
    orderBy: [{ plannedStart: "asc" }, { branch: { code: "asc" } }, { kind: "asc" }],
  });
}

/** Seeds the demo tenant's oversight; returns how many rows of each kind were written. */
export async function seedDemoOversight(tenantId: string, asOf: Date, data: TenantDataset, seed = 20_261_122): Promise<Record<string, number>> {
  const random: Random = createRandom(seed);
  const now = new Date(asOf.getTime() + 10 * HOUR_MS); // the seed runs "during the day" of asOf
  const today = vietnamDayOf(now);
  const windowStart = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 12, 1));
  const unitByCode = new Map(data.orgUnits.map((unit) => [unit.code, unit]));
  const userByName = new Map(data.users.map((user) => [user.username, user]));
  const finance = unitByCode.get(DEMO_UNITS.finance.code);
  const education = unitByCode.get("SGD");
  const root = unitByCode.get(DEMO_UNITS.root.code);
  const capuy = userByName.get("capuy");
  const admin = data.users.find((user) => user.id === data.adminUserId);
  const reviewer = userByName.get("bantochuc");
  if (!finance || !education || !root || !capuy || !admin || !reviewer) throw new Error("demo oversight: missing units or accounts");
  const isBranch = (kind: string) => kind === "BRANCH" || kind === "GRASSROOTS_BRANCH";
  const childrenOf = (parentId: string) =>
    data.orgUnits.filter((unit) => unit.parentId === parentId && isBranch(unit.kind)).sort((a, b) => (a.code ?? "").localeCompare(b.code ?? ""));
  const capuyBranch = data.members.find((member) => member.id === capuy.memberId)?.branchId ?? null;
  const recorderOf = new Map(data.roleGrants.filter((grant) => grant.role === "RECORDER").map((grant) => [grant.orgUnitId, grant.userId]));

  return withTenant(
    tenantId,
    async (tx) => {
      const counts: Record<string, number> = { assignments: 0, visits: 0, pending: 0, registered: 0, followUps: 0, openFollowUps: 0 };

      // ── capuy: the Sở Tài chính's branches other than his own ──
      const followed = childrenOf(finance.id).filter((unit) => unit.id !== capuyBranch);
      const assignmentOf = new Map<string, string>();
      const assignments = followed.map((branch) => ({
        tenantId,
        id: uuidv7(),
        userId: capuy.id,
        branchId: branch.id,
        committeeLevel: "GRASSROOTS",
        validFrom: branch.activeFrom.getTime() > windowStart.getTime() ? branch.activeFrom : windowStart,
        note: "Phân công theo Quyết định của Ban Thường vụ Đảng ủy Sở",
        createdById: admin.id,
        createdAt: windowStart,
      }));
      await insertRows(tx, "OverseerAssignment", assignments);
      for (const row of assignments) assignmentOf.set(row.branchId, row.id);
      counts.assignments! += assignments.length;
      const meetings = await meetingsOf(tx, tenantId, followed.map((unit) => unit.id));
      const guests = await tx.meetingGuest.findMany({
        where: { tenantId, userId: capuy.id, meetingId: { in: meetings.map((m) => m.id) } },
        select: { meetingId: true },
      });
      const guestAt = new Set(guests.map((guest) => guest.meetingId));
      const attended = meetings.filter((m) => guestAt.has(m.id) && HELD_STATES.includes(m.state) && meetingDayOf(m).getTime() >= windowStart.getTime());
      // Late records: the two most recent attended meetings held at least nine days ago.
      const lateCandidates = attended.filter((m) => addDays(meetingDayOf(m), 9).getTime() <= today.getTime() && m.state !== "FINALISED");
      const pendingId = lateCandidates.at(-1)?.id ?? null;
      const approvedId = lateCandidates.at(-2)?.id ?? null;
      // A meeting he registered for, held in the last ten days, not recorded yet.
      const unrecorded = attended.filter((m) => m.state !== "FINALISED" && addDays(meetingDayOf(m), 10).getTime() >= today.getTime()).at(-1)?.id ?? null;

      // Work left on his desk: of this year's self-scored meetings waiting for his confirmation, at
      // least DESK_WORK_LEFT stay without a visit (attended but not recorded yet), so the demo always shows
      // "record the visit, then confirm the score", however the draws above fell.
      const thisYear = today.getUTCFullYear();
      const awaitingScore = meetings.filter((m) => m.state === "SELF_SCORED" && meetingDayOf(m).getUTCFullYear() === thisYear);
      const attendedIds = new Set(attended.map((m) => m.id));
      const withoutVisit = awaitingScore.filter((m) => !attendedIds.has(m.id)).length;
      const keptForDesk = new Set(
        awaitingScore
          .filter((m) => attendedIds.has(m.id) && m.id !== pendingId && m.id !== approvedId && m.id !== unrecorded)
          .slice(-Math.max(0, DESK_WORK_LEFT - withoutVisit))
          .map((m) => m.id),
      );

      // Collected, then written with one statement per table (below): each statement runs the
      // dashboard's visit trigger once, and Prisma compiles no plan per row.
      const visitRows: VisitRow[] = [];
      const followUpRows: FollowUpRow[] = [];
      const visitsByBranch = new Map<string, { visitId: string; day: Date }[]>();
      for (const meeting of attended) {
        if (keptForDesk.has(meeting.id)) continue;
        const day = meetingDayOf(meeting);
        const end = meeting.actualEnd ?? new Date((meeting.actualStart ?? meeting.plannedStart).getTime() + 2 * HOUR_MS);
        const registeredAt = new Date(meeting.plannedStart.getTime() - 3 * 24 * HOUR_MS);
        const basis = { tenantId, meetingId: meeting.id, branchId: meeting.branchId, userId: capuy.id, assignmentId: assignmentOf.get(meeting.branchId)! };
        if (meeting.id === unrecorded) {
          visitRows.push({
            ...basis,
            id: uuidv7(),
            status: "PLANNED",
            registeredAt,
            recordedAt: null,
            remarks: null,
            guidance: null,
            approval: "NOT_NEEDED",
            reviewedById: null,
            reviewedAt: null,
            reviewNote: null,
            createdAt: registeredAt,
          });
          counts.registered! += 1;
          continue;
        }
        const late = meeting.id === pendingId || meeting.id === approvedId;
        const recordedAt = late ? vietnamHour(day, 9, 9) : new Date(end.getTime() + 2 * HOUR_MS);
        const visit: VisitRow = {
          ...basis,
          id: uuidv7(),
          status: "ATTENDED",
          registeredAt: random.chance(0.7) ? registeredAt : null,
          recordedAt,
          remarks: random.pick(REMARKS),
          guidance: random.chance(0.8) ? random.pick(GUIDANCE) : null,
          approval: meeting.id === pendingId ? "PENDING" : meeting.id === approvedId ? "APPROVED" : "NOT_NEEDED",
          reviewedById: meeting.id === approvedId ? reviewer.id : null,
          reviewedAt: meeting.id === approvedId ? new Date(recordedAt.getTime() + 20 * HOUR_MS) : null,
          reviewNote: meeting.id === approvedId ? "Đã đối chiếu danh sách đại biểu trong biên bản." : null,
          createdAt: recordedAt,
        };
        visitRows.push(visit);
        counts.visits! += 1;
        if (meeting.id === pendingId) counts.pending! += 1;
        if (random.chance(0.4)) visitsByBranch.set(meeting.branchId, [...(visitsByBranch.get(meeting.branchId) ?? []), { visitId: visit.id, day }]);
      }
      // Follow-ups: the latest of each branch stays open; earlier ones were closed by the branch.
      for (const [branchId, list] of visitsByBranch) {
        for (const [index, item] of list.entries()) {
          const open = index === list.length - 1;
          const closedAt = vietnamHour(item.day, 25, 16);
          const closed = !open && closedAt.getTime() <= now.getTime();
          followUpRows.push({
            tenantId,
            id: uuidv7(),
            visitId: item.visitId,
            branchId,
            text: random.pick(FOLLOW_UPS),
            dueDate: addDays(item.day, 28),
            createdById: capuy.id,
            createdAt: vietnamHour(item.day, 0, 18),
            closedAt: closed ? closedAt : null,
            closedById: closed ? (recorderOf.get(branchId) ?? capuy.id) : null,
            closingNote: closed ? random.pick(CLOSING) : null,
          });
          counts.followUps! += 1;
          if (!closed) counts.openFollowUps! += 1;
        }
      }
      await insertRows(tx, "OverseerVisit", visitRows, { updatedAt: new Date() });
      await insertRows(tx, "OversightFollowUp", followUpRows);
      // He said he will attend the last upcoming meeting of his first branch (the others are open).
      const upcoming = meetings.filter((m) => (m.state === "PLANNED" || m.state === "NOTIFIED") && m.plannedStart.getTime() > now.getTime());
      const registeredFor = upcoming.filter((m) => m.branchId === followed[0]?.id).at(-1);
      if (registeredFor) {
        await tx.overseerVisit.create({
          data: {
            tenantId,
            meetingId: registeredFor.id,
            branchId: registeredFor.branchId,
            userId: capuy.id,
            assignmentId: assignmentOf.get(registeredFor.branchId)!,
            status: "PLANNED",
            registeredAt: new Date(now.getTime() - 24 * HOUR_MS),
            // The demo's clock (asOf), not the machine's: two seeds for the same day are equal.
            createdAt: new Date(now.getTime() - 24 * HOUR_MS),
          },
          select: { id: true },
        });
        await tx.meetingGuest.create({
          data: { tenantId, meetingId: registeredFor.id, name: capuy.displayName, title: "Cấp ủy viên cấp trên theo dõi chi bộ", userId: capuy.id },
          select: { id: true },
        });
        counts.registered! += 1;
      }

      // ── capuy2: a member of the bloc committee, behind his quota ──
      const committee = await tx.position.findMany({
        where: { tenantId, orgUnitId: root.id, kind: { in: ["COMMITTEE_MEMBER", "DEPUTY_SECRETARY"] } },
        select: { kind: true, member: { select: { id: true, fullName: true, sortKey: true } } },
      });
      const linked = new Set(data.users.map((user) => user.memberId).filter((id): id is string => id !== null));
      const person = committee
        .filter((row) => !linked.has(row.member.id))
        .sort((a, b) => Number(a.kind !== "COMMITTEE_MEMBER") - Number(b.kind !== "COMMITTEE_MEMBER") || a.member.sortKey.localeCompare(b.member.sortKey))[0]?.member;
      // The demo's one password hash, as every demo account shares it.
      const hash = await tx.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: capuy.id } }, select: { passwordHash: true } });
      const second = await tx.user.create({
        data: {
          tenantId,
          username: DEMO_OVERSEER2_USERNAME,
          passwordHash: hash.passwordHash,
          displayName: person?.fullName ?? "Cấp ủy viên Đảng ủy Khối (mẫu)",
          memberId: person?.id ?? null,
        },
        select: { id: true, displayName: true },
      });
      await tx.roleGrant.create({ data: { tenantId, userId: second.id, role: "OVERSEER", orgUnitId: education.id }, select: { id: true } });
      const schools = childrenOf(education.id);
      const handedBack = schools.at(-1);
      const changeDay = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 4, 1));
      const secondAssignment = new Map<string, string>();
      for (const branch of schools) {
        const ended = branch.id === handedBack?.id;
        const row = await tx.overseerAssignment.create({
          data: {
            tenantId,
            userId: second.id,
            branchId: branch.id,
            committeeLevel: "DISTRICT",
            validFrom: windowStart,
            validTo: ended ? addDays(changeDay, -1) : null,
            createdById: admin.id,
            createdAt: windowStart,
            endedAt: ended ? changeDay : null,
            endedById: ended ? admin.id : null,
            endReason: ended ? "Điều chỉnh phân công sau kiện toàn Ban Chấp hành Đảng bộ Khối; chờ phân công người theo dõi mới." : null,
            version: ended ? 2 : 1,
          },
          select: { id: true },
        });
        secondAssignment.set(branch.id, row.id);
        counts.assignments! += 1;
      }
      // One visit last year and one this year, both at the first of his branches.
      const office = schools[0];
      if (office) {
        const officeMeetings = (await meetingsOf(tx, tenantId, [office.id])).filter((m) => HELD_STATES.includes(m.state));
        const year = today.getUTCFullYear();
        const picks = [
          officeMeetings.filter((m) => meetingDayOf(m).getUTCFullYear() < year && meetingDayOf(m).getTime() >= windowStart.getTime()).at(-1),
          officeMeetings.find((m) => meetingDayOf(m).getUTCFullYear() === year),
        ].filter((m): m is MeetingRow => m !== undefined);
        for (const meeting of picks) {
          const end = meeting.actualEnd ?? new Date(meeting.plannedStart.getTime() + 2 * HOUR_MS);
          await tx.overseerVisit.create({
            data: {
              tenantId,
              meetingId: meeting.id,
              branchId: office.id,
              userId: second.id,
              assignmentId: secondAssignment.get(office.id)!,
              status: "ATTENDED",
              recordedAt: new Date(end.getTime() + 3 * HOUR_MS),
              remarks: random.pick(REMARKS),
              guidance: random.pick(GUIDANCE),
              createdAt: new Date(end.getTime() + 3 * HOUR_MS),
            },
            select: { id: true },
          });
          await tx.meetingGuest.create({
            data: { tenantId, meetingId: meeting.id, name: second.displayName, title: "Ủy viên Ban Chấp hành Đảng bộ Khối, theo dõi chi bộ", userId: second.id },
            select: { id: true },
          });
          counts.visits! += 1;
        }
      }

      await recordAudit(tx, { tenantId, actorUserId: null, action: "tenant.seedDemoOversight", entityType: "Tenant", entityId: tenantId, after: counts });
      return counts;
    },
    { timeout: SEED_TIMEOUT_MS },
  );
}
