// The demo tenant's year-end classification (issue 16), under way as it is in December: most
// grassroots organisations have decided their members and branches, some wait for the superior's
// appraisal, some for their branches' review meetings, a few have barely started; in one, a member
// proposed "xuất sắc" is above the cap at the deciding level. The secretary's branch (bithu) has its
// review meeting held and its members' self-assessments in, but has not assessed the branch itself;
// the member account (dangvien) has not started. Marks are classified by the same engine the
// application uses, so every stored total and level is one the workflow would accept.
//
// Generated as plain rows from the demo dataset (no reads) and inserted in one transaction with one
// statement per table, so it adds a handful of round trips to the seed.
import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db/tenant";
import type { AttendanceStatus, ClassificationState, OrgUnitKind, Prisma } from "@/lib/generated/prisma/client";
import { decidingUnitOf } from "@/lib/classification/cases";
import { classify } from "@/lib/classification/engine";
import { frameColumns } from "@/lib/classification/frame-store";
import { QD366_COLLECTIVE, QD366_MEMBER, QD366_MEMBER_LEADER } from "@/lib/classification/frames";
import { COLLECTIVE_UNIT_KINDS, type ClassificationLevel, type ConditionFacts, type Frame } from "@/lib/classification/model";
import { yearPeriod } from "@/lib/classification/period";
import { DEMO_UNITS, type TenantDataset } from "@/lib/seed/demo-data";
import { bulkInsert } from "@/lib/seed/bulk";
import { createRandom, type Random } from "@/lib/seed/random";
import { DAY_MS, HOUR_MS, vietnamMidnight } from "@/lib/time/days";

const GRASSROOTS: readonly OrgUnitKind[] = ["GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH"];
const BRANCHES: readonly OrgUnitKind[] = ["GRASSROOTS_BRANCH", "BRANCH"];
const LEADERSHIP = new Set(["SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER"]);

/** How far an organisation's year-end review has come. */
type Profile = "decided" | "capOver" | "appraisal" | "review" | "started";
const PROFILES: readonly Profile[] = ["decided", "decided", "capOver", "appraisal", "decided", "review", "appraisal", "started", "decided", "review", "decided", "appraisal"];

const REMARKS = [
  "Chủ động đề xuất cách làm mới trong công việc chuyên môn, được cơ quan ghi nhận.",
  "Sẵn sàng nhận việc khó, hoàn thành đúng hạn các nhiệm vụ đột xuất.",
  "Tích cực tham gia phong trào thi đua của cơ quan; còn lúc chưa mạnh dạn đề xuất.",
  "Thẳng thắn tự phê bình và góp ý cho đồng chí, đồng nghiệp.",
];
const UNIT_REMARKS = [
  "Lãnh đạo cơ quan hoàn thành các chỉ tiêu chuyên môn của năm; một số việc còn chậm.",
  "Chỉ đạo công đoàn, đoàn thanh niên tổ chức tốt các phong trào thi đua.",
  "Đã khắc phục các hạn chế được cấp trên chỉ ra ở kỳ kiểm điểm trước.",
];
const STRENGTHS = [
  "Giữ vững lập trường tư tưởng chính trị, chấp hành nghiêm chủ trương của Đảng, pháp luật của Nhà nước; hoàn thành tốt nhiệm vụ chuyên môn được giao.",
  "Có ý thức tổ chức kỷ luật tốt, sinh hoạt đảng đầy đủ, đoàn kết với đồng nghiệp.",
];
const WEAKNESSES = ["Có lúc chưa mạnh dạn đề xuất, góp ý trong sinh hoạt chi bộ.", "Việc nghiên cứu, học tập nghị quyết còn chưa thường xuyên."];
const REMEDIES = ["Tăng cường tự học tập, tích cực phát biểu ý kiến trong sinh hoạt chi bộ.", "Bố trí thời gian hợp lý, hoàn thành nhiệm vụ đúng tiến độ."];
const COMMITMENTS = [
  "Hoàn thành xuất sắc nhiệm vụ chuyên môn; tham gia đầy đủ sinh hoạt chi bộ; gương mẫu thực hiện quy định nêu gương; học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
  "Hoàn thành tốt nhiệm vụ được giao; không vi phạm quy định về những điều đảng viên không được làm; tích cực tham gia hoạt động ở nơi cư trú.",
];

export interface DemoClassificationRows {
  frames: Prisma.ClassificationFrameCreateManyInput[];
  meetings: Prisma.MeetingCreateManyInput[];
  attendances: Prisma.AttendanceCreateManyInput[];
  minutes: Prisma.MinutesCreateManyInput[];
  classifications: Prisma.ClassificationCreateManyInput[];
  commitments: Prisma.MemberCommitmentCreateManyInput[];
  targets: Prisma.DashboardTargetCreateManyInput[];
}

const covers = (row: { fromDate: Date; toDate: Date | null }, day: Date) => row.fromDate <= day && (row.toDate === null || row.toDate >= day);

/** Marks adding up to about `total` (0,5 steps within each maximum). */
function marksFor(frame: Frame, total: number, random: Random): Record<string, number> {
  const criteria = frame.groups.flatMap((g) => g.criteria);
  const marks: Record<string, number> = {};
  let sum = 0;
  for (const c of criteria) {
    const jitter = (random.next() - 0.5) * 0.06;
    const value = Math.max(0, Math.min(c.maxPoints, Math.round(c.maxPoints * (total / 100 + jitter) * 2) / 2));
    marks[c.code] = value;
    sum += value;
  }
  // Move the difference onto the criteria with room, half a point at a time.
  let diff = Math.round((total - sum) * 2) / 2;
  for (let guard = 0; diff !== 0 && guard < 400; guard += 1) {
    const c = criteria[guard % criteria.length]!;
    if (diff > 0 && marks[c.code]! < c.maxPoints) {
      marks[c.code]! += 0.5;
      diff -= 0.5;
    } else if (diff < 0 && marks[c.code]! > 0) {
      marks[c.code]! -= 0.5;
      diff += 0.5;
    }
  }
  return marks;
}

function factsFor(level: ClassificationLevel, collective: boolean, random: Random): ConditionFacts {
  const base = collective ? { disciplined: false } : {};
  if (level === "EXCELLENT") return { ...base, allTasksOnTime: true, exceededPercent: random.int(30, 50), latePercent: 0 };
  if (level === "GOOD") return { ...base, allTasksOnTime: true, exceededPercent: random.int(0, 25), latePercent: 0 };
  if (level === "COMPLETED") return { ...base, allTasksOnTime: false, exceededPercent: 0, latePercent: random.int(5, 20) };
  return { ...base, allTasksOnTime: false, exceededPercent: 0, latePercent: random.int(30, 45) };
}

const TOTALS: Record<ClassificationLevel, [number, number]> = { EXCELLENT: [91, 97], GOOD: [75, 88], COMPLETED: [56, 68], NOT_COMPLETED: [40, 48] };

/** A column classified by the engine at `level` (marks, facts, remarks and the exact total). */
function column(frame: Frame, level: ClassificationLevel, collective: boolean, random: Random) {
  const [low, high] = TOTALS[level];
  const marks = marksFor(frame, random.int(low, high), random);
  const facts = factsFor(level, collective, random);
  const remarks = Object.fromEntries(frame.groups.flatMap((g) => g.criteria.filter((c) => !c.evidence?.length).map((c) => [c.code, random.pick(collective ? UNIT_REMARKS : REMARKS)])));
  const result = classify(frame, { marks, remarks, facts, proposedLevel: level }, { requireJudgedRemarks: true });
  if (result.errors.length > 0) throw new Error(`demo classification: ${frame.code} at ${level}: ${result.errors[0]!.message}`);
  return { marks, remarks, facts, totalTenths: result.totalTenths };
}

/** Levels for `n` subjects: a few excellent within the cap, most good, some completed, rarely not. */
function levelsFor(n: number, random: Random, capOver: boolean): ClassificationLevel[] {
  const levels: ClassificationLevel[] = [];
  const notCompleted = n >= 25 && random.chance(0.5) ? 1 : 0;
  const completed = Math.round(n * 0.06);
  const rest = n - notCompleted - completed;
  const excellent = Math.floor((rest * 20) / 100);
  for (let i = 0; i < rest; i++) levels.push(i < excellent ? "EXCELLENT" : "GOOD");
  for (let i = 0; i < completed; i++) levels.push("COMPLETED");
  for (let i = 0; i < notCompleted; i++) levels.push("NOT_COMPLETED");
  const shuffled = random.shuffle(levels);
  // One more "xuất sắc" than the cap allows: the last good one is proposed excellent.
  if (capOver) {
    const good = shuffled.lastIndexOf("GOOD");
    if (good >= 0) shuffled[good] = "EXCELLENT";
  }
  return shuffled;
}

/** The demo period: this year from November on, else the year before. */
export function demoClassificationYear(asOf: Date): number {
  return asOf.getUTCMonth() >= 10 ? asOf.getUTCFullYear() : asOf.getUTCFullYear() - 1;
}

export function generateDemoClassification(data: TenantDataset, options: { asOf: Date; newId: () => string; seed?: number }): DemoClassificationRows {
  const random = createRandom(options.seed ?? 20_261_207);
  const { newId } = options;
  const tenantId = data.tenant.id;
  const year = demoClassificationYear(options.asOf);
  const period = yearPeriod(year);
  const reviewDay = new Date(Math.max(Date.UTC(year, 10, 1), Math.min(options.asOf.getTime() - 3 * DAY_MS, Date.UTC(year, 11, 28))));
  const stamp = (daysBefore: number) => new Date(Math.min(options.asOf.getTime(), reviewDay.getTime() + 8 * DAY_MS) - daysBefore * DAY_MS + 9 * HOUR_MS);
  const out: DemoClassificationRows = { frames: [], meetings: [], attendances: [], minutes: [], classifications: [], commitments: [], targets: [] };

  const frameIds = new Map<string, string>();
  for (const frame of [QD366_COLLECTIVE, QD366_MEMBER_LEADER, QD366_MEMBER]) {
    const id = newId();
    frameIds.set(frame.code, id);
    out.frames.push({ tenantId, id, builtIn: true, ...frameColumns(frame) });
  }

  const units = new Map(data.orgUnits.map((u) => [u.id, u]));
  const chainOf = (unitId: string) =>
    units
      .get(unitId)!
      .path.split("/")
      .filter(Boolean)
      .map((id) => units.get(id)!)
      .map((u) => ({ id: u.id, name: u.name, path: u.path, kind: u.kind }));
  const byCode = new Map(data.orgUnits.map((u) => [u.code, u]));
  const userOf = (username: string) => data.users.find((u) => u.username === username)?.id ?? null;
  const bithu = userOf("bithu");
  const capuy = userOf("capuy");
  const bantochuc = userOf("bantochuc");
  const accountMember = new Map(data.users.filter((u) => u.memberId).map((u) => [u.memberId!, u.username]));
  const budget = byCode.get(DEMO_UNITS.budgetBranch.code)!;
  const finance = byCode.get(DEMO_UNITS.finance.code)!;

  // The grassroots organisation each unit belongs to (itself for a grassroots one), and its profile.
  // By code, not by path: ids (and so paths) differ from one seed to the next, codes do not.
  const grassroots = data.orgUnits.filter((u) => GRASSROOTS.includes(u.kind) && u.id !== finance.id).sort((a, b) => a.code.localeCompare(b.code));
  const profileOf = new Map<string, Profile>([[finance.id, "appraisal"], ...grassroots.map((g, i): [string, Profile] => [g.id, PROFILES[i % PROFILES.length]!])]);
  const grassrootsOf = (unitId: string) => chainOf(unitId).reverse().find((u) => GRASSROOTS.includes(u.kind))?.id ?? null;

  const memberById = new Map(data.members.map((m) => [m.id, m]));
  const onRoll = (branchId: string, day: Date) =>
    data.branchMemberships
      .filter((m) => m.branchId === branchId && m.validFrom <= day && (m.validTo === null || m.validTo >= day))
      .map((m) => memberById.get(m.memberId)!)
      .filter((m) => (m.endedOn === null || m.endedOn > day) && !data.suspensions.some((s) => s.memberId === m.id && covers(s, day)));

  // Review meetings: every branch whose review has begun (and the secretary's branch).
  const reviewMeetingOf = new Map<string, string>();
  for (const branch of data.orgUnits.filter((u) => BRANCHES.includes(u.kind))) {
    const profile = profileOf.get(grassrootsOf(branch.id) ?? "") ?? "started";
    if (profile === "review" || profile === "started") {
      if (branch.id !== budget.id) continue;
    }
    const id = newId();
    const start = new Date(vietnamMidnight(reviewDay).getTime() + 14 * HOUR_MS);
    const end = new Date(start.getTime() + 150 * 60_000);
    const secretary = data.positions.find((p) => p.orgUnitId === branch.id && p.kind === "SECRETARY")?.memberId ?? null;
    out.meetings.push({
      tenantId,
      id,
      branchId: branch.id,
      kind: "REVIEW",
      title: `Hội nghị kiểm điểm, đánh giá, xếp loại năm ${year}`,
      topic: `Kiểm điểm tập thể chi bộ và đảng viên năm ${year} theo Quy định 366-QĐ/TW`,
      plannedStart: start,
      plannedEnd: end,
      place: "Phòng họp cơ quan",
      state: "MINUTES_ADOPTED",
      actualStart: start,
      actualEnd: end,
      chairMemberId: secretary,
      noticeSentAt: new Date(start.getTime() - 3 * DAY_MS),
      content: "Kiểm điểm tập thể chi ủy, chi bộ và từng đảng viên; góp ý; biểu quyết mức xếp loại đề nghị.",
    });
    const roll = onRoll(branch.id, reviewDay);
    for (const member of roll) {
      const status: AttendanceStatus = data.exemptions.some((e) => e.memberId === member.id && covers(e, reviewDay))
        ? "EXEMPT"
        : data.temporaryTransfers.some((t) => t.memberId === member.id && covers(t, reviewDay))
          ? "ELSEWHERE"
          : "PRESENT";
      out.attendances.push({ tenantId, id: newId(), meetingId: id, memberId: member.id, status });
    }
    out.minutes.push({
      tenantId,
      id: newId(),
      meetingId: id,
      opening: "Đồng chí bí thư nêu mục đích, yêu cầu của hội nghị kiểm điểm; chi bộ cử thư ký.",
      proceedings: "Chi ủy trình bày báo cáo kiểm điểm tập thể; từng đồng chí đảng viên đọc bản kiểm điểm cá nhân; chi bộ góp ý và biểu quyết mức xếp loại đề nghị.",
      closing: "Đồng chí chủ trì kết luận; hội nghị thông qua biên bản.",
      adoptedAt: end,
    });
    reviewMeetingOf.set(branch.id, id);
  }

  type Stage = "none" | ClassificationState;
  const stageFor = (profile: Profile, collective: boolean, i: number, n: number): Stage => {
    if (profile === "decided" || profile === "capOver") return "DECIDED";
    if (profile === "appraisal") return i % 4 === 3 ? "APPRAISED" : "BRANCH_REVIEWED";
    if (profile === "review") return i % 5 === 4 ? "DRAFT" : "SELF_ASSESSED";
    return collective ? "none" : i < n / 3 ? "SELF_ASSESSED" : i < (2 * n) / 3 ? "DRAFT" : "none";
  };

  const push = (subject: { collective: boolean; unitId: string; memberId: string | null; frame: Frame; leader: boolean }, level: ClassificationLevel, stage: Stage, who: { self: string | null; appraiser: string | null }) => {
    if (stage === "none") return;
    const collective = subject.collective;
    const self = column(subject.frame, level, collective, random);
    const chain = chainOf(subject.unitId);
    const deciding = decidingUnitOf(chain, collective);
    const reviewed = stage === "BRANCH_REVIEWED" || stage === "APPRAISED" || stage === "DECIDED";
    const needsReview = !collective || BRANCHES.includes(units.get(subject.unitId)!.kind);
    const reviewMeetingId = needsReview && reviewed ? (reviewMeetingOf.get(subject.unitId) ?? null) : null;
    // Only official members present vote (SPEC §4.2).
    const eligible = reviewMeetingId ? out.attendances.filter((a) => a.meetingId === reviewMeetingId && a.status === "PRESENT" && memberById.get(a.memberId)?.status === "OFFICIAL").length : 0;
    const appraised = stage === "APPRAISED" || stage === "DECIDED";
    const submitted = stage !== "DRAFT";
    out.classifications.push({
      tenantId,
      id: newId(),
      subject: collective ? "COLLECTIVE" : subject.leader ? "MEMBER_LEADER" : "MEMBER",
      subjectId: subject.memberId ?? subject.unitId,
      unitId: subject.unitId,
      memberId: subject.memberId,
      periodKind: "YEAR",
      periodStart: period.start,
      periodEnd: period.end,
      frameId: frameIds.get(subject.frame.code)!,
      decidingUnitId: deciding.id,
      state: stage,
      selfMarks: { marks: submitted ? self.marks : Object.fromEntries(Object.entries(self.marks).slice(0, 3)), remarks: submitted ? self.remarks : {} },
      selfFacts: submitted ? (self.facts as Prisma.InputJsonValue) : undefined,
      selfNotes: submitted ? { strengths: random.pick(STRENGTHS), weaknesses: random.pick(WEAKNESSES), remedies: random.pick(REMEDIES) } : undefined,
      selfTotalTenths: submitted ? self.totalTenths : null,
      selfLevel: submitted ? level : null,
      selfById: submitted ? who.self : null,
      selfAt: submitted ? stamp(12) : null,
      reviewMeetingId,
      reviewComments: reviewMeetingId ? "Chi bộ thống nhất với bản tự kiểm điểm; đề nghị phát huy ưu điểm, khắc phục hạn chế đã nêu." : null,
      reviewLevel: reviewMeetingId ? level : null,
      voteFor: reviewMeetingId ? eligible : null,
      voteAgainst: reviewMeetingId ? 0 : null,
      voteAbstain: reviewMeetingId ? 0 : null,
      voteEligible: reviewMeetingId ? eligible : null,
      reviewById: reviewMeetingId ? who.self : null,
      reviewAt: reviewMeetingId ? stamp(3) : null,
      appraisalTotalTenths: appraised ? self.totalTenths : null,
      appraisalLevel: appraised ? level : null,
      appraisalById: appraised ? who.appraiser : null,
      appraisalAt: appraised ? stamp(2) : null,
      decisionLevel: stage === "DECIDED" ? level : null,
      decisionTotalTenths: stage === "DECIDED" ? self.totalTenths : null,
      decidedById: stage === "DECIDED" ? bantochuc : null,
      decidedAt: stage === "DECIDED" ? stamp(1) : null,
    });
  };

  // Organisations: every grassroots organisation, sub-committee and branch.
  const collectives = data.orgUnits.filter((u) => COLLECTIVE_UNIT_KINDS.includes(u.kind)).sort((a, b) => a.code.localeCompare(b.code));
  const collectiveGroups = new Map<string, typeof collectives>();
  for (const unit of collectives) {
    const deciding = decidingUnitOf(chainOf(unit.id), true).id;
    collectiveGroups.set(deciding, [...(collectiveGroups.get(deciding) ?? []), unit]);
  }
  /** Levels for the cases that count at the deciding unit (submitted ones), within the cap unless `capOver`. */
  const levelsOfCounted = (stages: Stage[], capOver: boolean): ClassificationLevel[] => {
    const counted = stages.map((stage, i) => (stage === "none" || stage === "DRAFT" ? -1 : i)).filter((i) => i >= 0);
    const levels: ClassificationLevel[] = stages.map(() => "GOOD");
    levelsFor(counted.length, random, capOver).forEach((level, k) => (levels[counted[k]!] = level));
    return levels;
  };

  for (const [, all] of collectiveGroups) {
    // bithu assesses the branch in the walkthrough; the others' levels keep within the cap without it.
    const group = all.filter((unit) => unit.id !== budget.id);
    const stages = group.map((unit, i): Stage => {
      const profile = profileOf.get(grassrootsOf(unit.id) ?? "") ?? "started";
      // A grassroots organisation is decided above it: decided ones are those whose own review is done.
      if (GRASSROOTS.includes(unit.kind)) return profile === "decided" || profile === "capOver" ? "DECIDED" : profile === "appraisal" ? "SELF_ASSESSED" : "none";
      return stageFor(profile, true, i, group.length);
    });
    const levels = levelsOfCounted(stages, false);
    group.forEach((unit, i) => {
      push({ collective: true, unitId: unit.id, memberId: null, frame: QD366_COLLECTIVE, leader: false }, levels[i]!, stages[i]!, { self: null, appraiser: unit.path.startsWith(finance.path) ? capuy : null });
    });
  }

  // Members, grouped by their deciding unit (their grassroots organisation) for the cap.
  const day = period.end < options.asOf ? period.end : options.asOf;
  const memberGroups = new Map<string, { member: (typeof data.members)[number]; branchId: string }[]>();
  for (const branch of data.orgUnits.filter((u) => BRANCHES.includes(u.kind))) {
    for (const member of onRoll(branch.id, day)) {
      const deciding = decidingUnitOf(chainOf(branch.id), false).id;
      memberGroups.set(deciding, [...(memberGroups.get(deciding) ?? []), { member, branchId: branch.id }]);
    }
  }
  for (const [decidingId, group] of memberGroups) {
    const profile = profileOf.get(decidingId) ?? "started";
    const stages = group.map(({ member, branchId }, i): Stage => {
      if (branchId !== budget.id) return stageFor(profile, false, i, group.length);
      const account = accountMember.get(member.id);
      return account === "dangvien" ? "none" : account === "bithu" ? "DRAFT" : i % 3 === 2 ? "DRAFT" : "SELF_ASSESSED";
    });
    const levels = levelsOfCounted(stages, profile === "capOver");
    // The one above the cap (the last excellent) waits for Ban Tổ chức's decision.
    if (profile === "capOver") stages[levels.lastIndexOf("EXCELLENT")] = "APPRAISED";
    group.forEach(({ member, branchId }, i) => {
      const leader = data.positions.some((p) => p.memberId === member.id && LEADERSHIP.has(p.kind) && p.termFrom <= period.end && (p.termTo === null || p.termTo >= period.start));
      push({ collective: false, unitId: branchId, memberId: member.id, frame: leader ? QD366_MEMBER_LEADER : QD366_MEMBER, leader }, levels[i]!, stages[i]!, {
        self: branchId === budget.id ? bithu : null,
        appraiser: units.get(branchId)!.path.startsWith(finance.path) ? capuy : null,
      });
      if (random.chance(0.7) || branchId === budget.id) {
        out.commitments.push({ tenantId, id: newId(), memberId: member.id, year, content: random.pick(COMMITMENTS), registeredOn: new Date(Date.UTC(year, 0, random.int(10, 28))) });
      }
    });
  }

  const targets: [string, number][] = [
    ["classGrassrootsGood", 95],
    ["classBranchGood", 50],
    ["classBranchExcellent", 20],
    ["classMemberGood", 90],
  ];
  for (const [indicator, target] of targets) out.targets.push({ tenantId, id: newId(), year, indicator, target });
  return out;
}

/** JSON columns go through unnest as text and are cast by the column type. */
const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Inserts the rows in one tenant transaction, one statement per table (INSERT … SELECT FROM unnest for the large ones). */
export async function insertDemoClassification(tenantId: string, rows: DemoClassificationRows): Promise<void> {
  const stamp = new Date();
  await withTenant(
    tenantId,
    async (tx) => {
      await tx.classificationFrame.createMany({ data: rows.frames, skipDuplicates: true });
      await tx.meeting.createMany({ data: rows.meetings });
      await bulkInsert(
        tx,
        "Attendance",
        [["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["memberId", "uuid"], ["status", '"AttendanceStatus"'], ["updatedAt", "timestamptz"]],
        rows.attendances.map((a) => ({ ...a, updatedAt: stamp })),
      );
      await tx.minutes.createMany({ data: rows.minutes });
      await bulkInsert(
        tx,
        "Classification",
        [
          ["tenantId", "uuid"], ["id", "uuid"], ["subject", '"ClassificationSubject"'], ["subjectId", "uuid"], ["unitId", "uuid"], ["memberId", "uuid"],
          ["periodKind", '"ClassificationPeriodKind"'], ["periodStart", "date"], ["periodEnd", "date"], ["frameId", "uuid"], ["decidingUnitId", "uuid"],
          ["state", '"ClassificationState"'], ["selfMarks", "jsonb"], ["selfFacts", "jsonb"], ["selfNotes", "jsonb"], ["selfTotalTenths", "int"],
          ["selfLevel", '"ClassificationLevel"'], ["selfById", "uuid"], ["selfAt", "timestamptz"], ["reviewMeetingId", "uuid"], ["reviewComments", "text"],
          ["reviewLevel", '"ClassificationLevel"'], ["voteFor", "int"], ["voteAgainst", "int"], ["voteAbstain", "int"], ["voteEligible", "int"],
          ["reviewById", "uuid"], ["reviewAt", "timestamptz"], ["appraisalTotalTenths", "int"], ["appraisalLevel", '"ClassificationLevel"'],
          ["appraisalById", "uuid"], ["appraisalAt", "timestamptz"], ["decisionLevel", '"ClassificationLevel"'], ["decisionTotalTenths", "int"],
          ["decidedById", "uuid"], ["decidedAt", "timestamptz"], ["updatedAt", "timestamptz"],
        ],
        rows.classifications.map((c) => ({ ...c, selfMarks: json(c.selfMarks), selfFacts: json(c.selfFacts), selfNotes: json(c.selfNotes), updatedAt: c.decidedAt ?? c.appraisalAt ?? c.reviewAt ?? c.selfAt ?? stamp })),
      );
      await bulkInsert(
        tx,
        "MemberCommitment",
        [["tenantId", "uuid"], ["id", "uuid"], ["memberId", "uuid"], ["year", "int"], ["content", "text"], ["registeredOn", "date"], ["updatedAt", "timestamptz"]],
        rows.commitments.map((c) => ({ ...c, updatedAt: stamp })),
      );
      await tx.dashboardTarget.createMany({ data: rows.targets, skipDuplicates: true });
    },
    { timeout: 120_000 },
  );
}

/** Generates and inserts the demo classification; returns a line for the seed's log. */
export async function seedDemoClassification(data: TenantDataset, asOf: Date): Promise<string> {
  const rows = generateDemoClassification(data, { asOf, newId: randomUUID });
  await insertDemoClassification(data.tenant.id, rows);
  const by = (state: string) => rows.classifications.filter((c) => c.state === state).length;
  return `Xếp loại năm ${demoClassificationYear(asOf)}: ${rows.classifications.length} hồ sơ (${by("DECIDED")} đã quyết định, ${by("APPRAISED")} chờ quyết định, ${by("BRANCH_REVIEWED")} chờ thẩm định, ${by("SELF_ASSESSED")} đã tự đánh giá, ${by("DRAFT")} đang làm), ${rows.meetings.length} hội nghị kiểm điểm.`;
}
