// Evidence from the year's record, shown beside the criteria of a classification with its source
// (issue 16 §2). For a party organisation: the meeting-quality roll-up (months held, thematic quota,
// levels), attendance, resolutions and tasks met, overseer remarks and follow-ups closed — read from
// the dashboard's monthly aggregates (UnitMonthStats, kept by triggers) and the task and visit
// rows. For a member: attendance across every branch they sat in (transfers included), streaks and
// unexcused months (lib/meetings/rules/counters), tasks and results, speeches, the residence comment
// (QĐ 213), exemptions and the year's commitments. Everything is read inside the caller's tenant
// transaction; nothing is written. The record also suggests the condition facts it can tell
// (tasks on time, share late); the assessor confirms or corrects them.
import type { Tx } from "@/lib/db/tenant";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, formatNumber, formatPercent, vietnamDayOf } from "@/lib/i18n/format";
import { DEFAULT_STREAK_SETTINGS, DEFAULT_UNEXCUSED_MONTH_SETTINGS, excusedStreak, unexcusedMonths, type MemberMeetingRecord } from "@/lib/meetings/rules/counters";
import { targetsMet, formatTargets } from "@/lib/meetings/record-rules";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import type { ConditionFacts, EvidenceKey } from "./model";
import { instantRange, type Period } from "./period";
import { isoDay } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";

export interface EvidenceItem {
  key: EvidenceKey;
  title: string;
  /** What the record shows, one fact per sentence. */
  lines: string[];
  /** Where it comes from, said for a person ("Sổ điểm danh 12 kỳ sinh hoạt năm 2026"). */
  source: string;
  /** The page that shows the same figures, when there is one. */
  href: string | null;
}

export type EvidenceSet = Partial<Record<EvidenceKey, EvidenceItem>>;

export interface EvidenceBundle {
  items: EvidenceSet;
  /** What the record can tell about the condition facts (the assessor confirms or corrects). */
  suggestedFacts: ConditionFacts;
  /** The day the record was read up to (the period's end, or today while it runs). */
  asOf: string;
}

const percent = (num: number, den: number) => (den > 0 ? formatPercent(num / den) : "—");

function monthsBetween(start: Date, end: Date): Date[] {
  const months: Date[] = [];
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)); d <= end; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) months.push(d);
  return months;
}

/** The last day the record can speak for: the period's end, or today while the period runs. */
function readUpTo(period: Period, today: Date): Date {
  return today < period.end ? today : period.end;
}

// ─── A party organisation ───────────────────────────────────────────────────────────────────────

export interface CollectiveTarget {
  id: string;
  name: string;
  path: string;
  kind: OrgUnitKind;
}

export async function collectiveEvidence(tx: Tx, tenantId: string, unit: CollectiveTarget, period: Period, today: Date): Promise<EvidenceBundle> {
  const upTo = readUpTo(period, today);
  const months = monthsBetween(period.start, upTo);
  const isBranch = BRANCH_UNIT_KINDS.includes(unit.kind);
  const range = instantRange({ start: period.start, end: upTo });
  const subtree = { startsWith: unit.path };

  const rows = await tx.unitMonthStats.findMany({
    where: { tenantId, unitId: unit.id, month: { gte: period.start, lte: upTo } },
    select: {
      month: true,
      meetingsHeld: true,
      regularBranches: true,
      thematicBranches: true,
      present: true,
      attendanceDenominator: true,
      absentUnexcused: true,
      levelGood: true,
      levelFair: true,
      levelAverage: true,
      levelPoor: true,
      awaitingScore: true,
      recordsDue: true,
      resolutionsOnTime: true,
    },
  });
  type Row = (typeof rows)[number];
  const sum = (key: Exclude<keyof Row, "month">) => rows.reduce((n, r) => n + r[key], 0);
  const s = {
    meetingsHeld: sum("meetingsHeld"),
    regularBranches: sum("regularBranches"),
    thematicBranches: sum("thematicBranches"),
    present: sum("present"),
    attendanceDenominator: sum("attendanceDenominator"),
    absentUnexcused: sum("absentUnexcused"),
    levelGood: sum("levelGood"),
    levelFair: sum("levelFair"),
    levelAverage: sum("levelAverage"),
    levelPoor: sum("levelPoor"),
    awaitingScore: sum("awaitingScore"),
    recordsDue: sum("recordsDue"),
    resolutionsOnTime: sum("resolutionsOnTime"),
  };
  const branches = isBranch
    ? 1
    : await tx.orgUnit.count({
        where: { tenantId, path: subtree, kind: { in: [...BRANCH_UNIT_KINDS] }, activeFrom: { lte: upTo }, OR: [{ activeTo: null }, { activeTo: { gte: period.start } }] },
      });
  // A month (or quarter) still running is only counted once its meeting was held: it is under way, not missed.
  const monthKey = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  const current = upTo < period.end ? monthKey(upTo) : null;
  const monthOf = (key: number) => rows.find((r) => monthKey(r.month) === key);
  const monthsDue = months.filter((m) => monthKey(m) !== current).length * branches + (current !== null ? (monthOf(current)?.regularBranches ?? 0) : 0);
  const quarters = [...new Set(months.map((m) => Math.floor(m.getUTCMonth() / 3)))];
  const currentQuarter = current !== null ? Math.floor(upTo.getUTCMonth() / 3) : null;
  const quarterMet = (q: number) => rows.filter((r) => Math.floor(r.month.getUTCMonth() / 3) === q).reduce((n, r) => n + r.thematicBranches, 0);
  const quartersDue = quarters.filter((q) => q !== currentQuarter).length * branches + (currentQuarter !== null ? quarterMet(currentQuarter) : 0);
  const scored = s.levelGood + s.levelFair + s.levelAverage + s.levelPoor;
  const whose = isBranch ? "Chi bộ" : `${formatNumber(branches)} chi bộ trực thuộc`;
  const ratingHref = isBranch ? `/plans/${unit.id}/rating?year=${period.year}` : `/dashboard?unit=${unit.id}&year=${period.year}`;
  const source = `Sổ sinh hoạt chi bộ: ${formatNumber(s.meetingsHeld)} kỳ đã họp và phiếu chấm điểm, đến ${formatCalendarDate(upTo)}`;

  const items: EvidenceSet = {};
  items.meetings = {
    key: "meetings",
    title: "Chế độ và chất lượng sinh hoạt",
    lines: [
      `${whose} sinh hoạt thường kỳ đủ ${formatNumber(s.regularBranches)}/${formatNumber(monthsDue)} ${isBranch ? "tháng" : "lượt chi bộ – tháng"} (${percent(s.regularBranches, monthsDue)}).`,
      `Chất lượng các kỳ đã chấm (${formatNumber(scored)} kỳ): ${formatNumber(s.levelGood)} Tốt, ${formatNumber(s.levelFair)} Khá, ${formatNumber(s.levelAverage)} Trung bình, ${formatNumber(s.levelPoor)} Kém${s.awaitingScore ? `; ${formatNumber(s.awaitingScore)} kỳ chưa có kết quả` : ""}.`,
    ],
    source,
    href: ratingHref,
  };
  items.thematic = {
    key: "thematic",
    title: "Sinh hoạt chuyên đề",
    lines: [`Sinh hoạt chuyên đề đạt chỉ tiêu (ít nhất một kỳ mỗi quý) ${formatNumber(Math.min(s.thematicBranches, quartersDue))}/${formatNumber(quartersDue)} ${isBranch ? "quý" : "lượt chi bộ – quý"}.`],
    source,
    href: ratingHref,
  };
  items.unitAttendance = {
    key: "unitAttendance",
    title: "Đảng viên dự sinh hoạt",
    lines: [
      `Tỷ lệ đảng viên dự: ${formatNumber(s.present)}/${formatNumber(s.attendanceDenominator)} lượt (${percent(s.present, s.attendanceDenominator)}).`,
      s.absentUnexcused > 0 ? `${formatNumber(s.absentUnexcused)} lượt vắng không lý do.` : "Không có lượt vắng không lý do.",
    ],
    source: `Điểm danh các kỳ sinh hoạt đã họp, đến ${formatCalendarDate(upTo)}`,
    href: `/dashboard?unit=${unit.id}&year=${period.year}`,
  };

  const tasks = await tx.taskAssignment.findMany({
    where: { tenantId, deadline: { gte: period.start, lte: upTo }, meeting: { branch: { path: subtree } } },
    select: { result: true, resultPercent: true },
  });
  const met = targetsMet(tasks);
  items.resolutions = {
    key: "resolutions",
    title: "Thực hiện nghị quyết, nhiệm vụ",
    lines: [
      met.due === 0
        ? "Không có nhiệm vụ nào đến hạn trong kỳ."
        : `${formatNumber(met.due)} nhiệm vụ đến hạn: ${formatNumber(met.done)} hoàn thành, ${formatNumber(met.partly)} hoàn thành một phần, ${formatNumber(met.notDone)} chưa hoàn thành, ${formatNumber(met.pending)} chưa đánh giá; đạt ${formatTargets(met.metHundredths)}/${formatNumber(met.due)} chỉ tiêu (${percent(met.metHundredths, met.due * 100)}).`,
      `Nghị quyết đăng đúng hạn: ${formatNumber(s.resolutionsOnTime)}/${formatNumber(s.recordsDue)} kỳ (${percent(s.resolutionsOnTime, s.recordsDue)}).`,
    ],
    source: "Nhiệm vụ phân công trong nghị quyết các kỳ sinh hoạt và kết quả báo cáo",
    href: null,
  };

  const visits = await tx.overseerVisit.findMany({
    where: { tenantId, status: "ATTENDED", approval: { in: ["NOT_NEEDED", "APPROVED"] }, branch: { path: subtree }, meeting: { OR: [{ actualStart: range }, { actualStart: null, plannedStart: range }] } },
    select: { remarks: true },
  });
  const followUps = await tx.oversightFollowUp.findMany({
    where: { tenantId, branch: { path: subtree }, createdAt: range },
    select: { closedAt: true },
  });
  const remarks = visits.filter((v) => (v.remarks ?? "").trim()).length;
  const closed = followUps.filter((f) => f.closedAt).length;
  items.oversight = {
    key: "oversight",
    title: "Cấp ủy cấp trên dự sinh hoạt, giám sát",
    lines: [
      `${formatNumber(visits.length)} lượt cấp ủy viên cấp trên dự sinh hoạt; ${formatNumber(remarks)} lượt có ý kiến nhận xét.`,
      followUps.length === 0 ? "Không có việc cần theo dõi sau dự sinh hoạt." : `Việc cần theo dõi đã xử lý xong: ${formatNumber(closed)}/${formatNumber(followUps.length)}.`,
    ],
    source: "Sổ theo dõi dự sinh hoạt của cấp ủy viên cấp trên",
    href: `/oversight/coverage`,
  };

  return {
    items,
    // An organisation's targets are its political tasks of the year, which the meeting record does
    // not hold: the assessor declares them (the tasks of the resolutions above are a hint).
    suggestedFacts: { allTasksOnTime: null, latePercent: null, exceededPercent: null, disciplined: null },
    asOf: isoDay(upTo),
  };
}

// ─── A member ───────────────────────────────────────────────────────────────────────────────────

export interface MemberTarget {
  id: string;
  fullName: string;
  branchPath: string;
}

export async function memberEvidence(tx: Tx, tenantId: string, member: MemberTarget, period: Period, today: Date): Promise<EvidenceBundle> {
  const upTo = readUpTo(period, today);
  const range = instantRange({ start: period.start, end: upTo });
  const inPeriod = { OR: [{ actualStart: range }, { actualStart: null, plannedStart: range }] };
  const settings = await settingsFor(tx, tenantId, member.branchPath, upTo);
  const items: EvidenceSet = {};

  const marks = await tx.attendance.findMany({
    where: { tenantId, memberId: member.id, meeting: { state: { in: [...HELD_STATES] }, ...inPeriod } },
    select: { status: true, meeting: { select: { kind: true, plannedStart: true, actualStart: true } } },
  });
  const count = (status: string) => marks.filter((m) => m.status === status).length;
  const records: MemberMeetingRecord[] = marks.map((m) => ({ date: isoDay(vietnamDayOf(m.meeting.actualStart ?? m.meeting.plannedStart)), kind: m.meeting.kind, mark: m.status }));
  const present = count("PRESENT");
  const excused = count("ABSENT_EXCUSED");
  const unexcused = count("ABSENT_UNEXCUSED");
  const due = present + excused + unexcused;
  const streak = excusedStreak(records, period.year, isoDay(upTo), {
    ...DEFAULT_STREAK_SETTINGS,
    maxConsecutiveExcused: settings["attendance.maxExcusedStreak"],
    notDue: settings["attendance.streakNotDue"],
  });
  const months = unexcusedMonths(records, period.year, isoDay(upTo), {
    ...DEFAULT_UNEXCUSED_MONTH_SETTINGS,
    warnAt: settings["attendance.unexcusedMonthsWarn"],
    flagAt: settings["attendance.unexcusedMonthsFlag"],
  });
  items.memberAttendance = {
    key: "memberAttendance",
    title: "Dự sinh hoạt chi bộ",
    lines: [
      `Có mặt ${formatNumber(present)}/${formatNumber(due)} kỳ phải dự (${percent(present, due)}); vắng có lý do ${formatNumber(excused)}, vắng không lý do ${formatNumber(unexcused)}.`,
      ...(count("EXEMPT") + count("ELSEWHERE") + count("SPECIAL_DUTY") > 0
        ? [`Không phải dự ${formatNumber(count("EXEMPT") + count("ELSEWHERE") + count("SPECIAL_DUTY"))} kỳ (miễn sinh hoạt, sinh hoạt tạm thời nơi khác hoặc làm nhiệm vụ đặc biệt).`]
        : []),
      `Vắng có lý do liên tiếp dài nhất: ${formatNumber(streak.longest)} kỳ${streak.longestViolates ? ` (vượt quá ${settings["attendance.maxExcusedStreak"]} kỳ)` : ""}.`,
      months.explanation,
    ],
    source: `Điểm danh ${formatNumber(marks.length)} kỳ sinh hoạt đã họp trong kỳ, kể cả ở chi bộ cũ nếu chuyển sinh hoạt`,
    href: null,
  };

  const tasks = await tx.taskAssignment.findMany({
    where: { tenantId, memberId: member.id, deadline: { gte: period.start, lte: period.end } },
    select: { content: true, deadline: true, result: true, resultPercent: true },
    orderBy: { deadline: "asc" },
  });
  const dueTasks = tasks.filter((t) => t.deadline <= upTo);
  const met = targetsMet(dueTasks);
  // Not evaluated yet is not late: the report meeting has not weighed it.
  const late = met.notDone + met.partly;
  items.tasks = {
    key: "tasks",
    title: "Nhiệm vụ chi bộ phân công",
    lines:
      tasks.length === 0
        ? ["Không có nhiệm vụ nào được phân công có thời hạn trong kỳ."]
        : [
            `${formatNumber(met.due)} nhiệm vụ đến hạn: ${formatNumber(met.done)} hoàn thành, ${formatNumber(met.partly)} hoàn thành một phần, ${formatNumber(met.notDone)} chưa hoàn thành, ${formatNumber(met.pending)} chưa đánh giá.`,
            ...(tasks.length > dueTasks.length ? [`${formatNumber(tasks.length - dueTasks.length)} nhiệm vụ chưa đến hạn.`] : []),
            ...tasks.slice(0, 5).map((t) => `${formatCalendarDate(t.deadline)}: ${t.content}${t.result === "DONE" ? " — hoàn thành" : t.result === "PARTLY" ? ` — hoàn thành ${t.resultPercent ?? 0} %` : t.result === "NOT_DONE" ? " — chưa hoàn thành" : ""}.`),
          ],
    source: "Nhiệm vụ phân công trong nghị quyết các kỳ sinh hoạt và kết quả báo cáo",
    href: null,
  };

  const speeches = await tx.speech.findMany({
    where: { tenantId, memberId: member.id, isDiscussion: true, meeting: { state: { in: [...HELD_STATES] }, ...inPeriod } },
    select: { meetingId: true },
  });
  const spokeAt = new Set(speeches.map((x) => x.meetingId)).size;
  items.speeches = {
    key: "speeches",
    title: "Tham gia ý kiến trong sinh hoạt",
    lines: [speeches.length === 0 ? "Không có ý kiến phát biểu nào được ghi trong biên bản." : `Phát biểu ${formatNumber(speeches.length)} lần ở ${formatNumber(spokeAt)}/${formatNumber(present)} kỳ có mặt.`],
    source: "Biên bản các kỳ sinh hoạt (ý kiến phát biểu)",
    href: null,
  };

  const links = await tx.residenceLink.findMany({
    where: { tenantId, memberId: member.id, fromDate: { lte: period.end }, OR: [{ toDate: null }, { toDate: { gte: period.start } }] },
    select: { residenceBranchName: true, address: true, exempt: true, exemptReason: true, residenceBranch: { select: { name: true } }, comments: { where: { year: period.year }, select: { comment: true, commentedBy: true, receivedOn: true } } },
  });
  const residence: string[] = [];
  for (const link of links) {
    const where = link.residenceBranch?.name ?? link.residenceBranchName ?? link.address ?? "nơi cư trú";
    if (link.exempt) residence.push(`Giữ mối liên hệ với ${where}; được miễn nhận xét (HD 33)${link.exemptReason ? `: ${link.exemptReason}` : ""}.`);
    else if (link.comments.length === 0) residence.push(`Giữ mối liên hệ với ${where}; chưa nhận được nhận xét năm ${period.year}.`);
    for (const c of link.comments) residence.push(`Nhận xét của ${c.commentedBy ?? where} (nhận ngày ${formatCalendarDate(c.receivedOn)}): ${c.comment}`);
  }
  items.residence = {
    key: "residence",
    title: "Nhận xét nơi cư trú (QĐ 213)",
    lines: residence.length > 0 ? residence : ["Không có đăng ký giữ mối liên hệ với nơi cư trú trong kỳ."],
    source: "Hồ sơ đảng viên: giữ mối liên hệ nơi cư trú và nhận xét hằng năm",
    href: `/members/${member.id}`,
  };

  const exemptions = await tx.exemption.findMany({
    where: { tenantId, memberId: member.id, fromDate: { lte: period.end }, OR: [{ toDate: null }, { toDate: { gte: period.start } }] },
    select: { fromDate: true, toDate: true, reason: true },
  });
  items.exemptions = {
    key: "exemptions",
    title: "Miễn công tác và sinh hoạt đảng",
    lines:
      exemptions.length === 0
        ? ["Không được miễn công tác và sinh hoạt đảng trong kỳ."]
        : exemptions.map((e) => `Miễn từ ${formatCalendarDate(e.fromDate)}${e.toDate ? ` đến ${formatCalendarDate(e.toDate)}` : ""}: ${e.reason}.`),
    source: "Hồ sơ đảng viên",
    href: `/members/${member.id}`,
  };

  const commitment = await tx.memberCommitment.findUnique({
    where: { tenantId_memberId_year: { tenantId, memberId: member.id, year: period.year } },
    select: { content: true, registeredOn: true },
  });
  items.commitments = {
    key: "commitments",
    title: `Cam kết tu dưỡng, rèn luyện, phấn đấu năm ${period.year}`,
    lines: commitment ? [`Đăng ký ngày ${formatCalendarDate(commitment.registeredOn)}: ${commitment.content}`] : [`Chưa đăng ký cam kết năm ${period.year}.`],
    source: "Sổ đăng ký cam kết của chi bộ",
    href: null,
  };

  return {
    items,
    suggestedFacts: {
      allTasksOnTime: late === 0,
      latePercent: met.evaluated > 0 ? Math.round((late * 1000) / met.evaluated) / 10 : 0,
      exceededPercent: null,
      disciplined: null,
    },
    asOf: isoDay(upTo),
  };
}
