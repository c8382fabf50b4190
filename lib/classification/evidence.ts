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
import { formatCalendarDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { DEFAULT_STREAK_SETTINGS, DEFAULT_UNEXCUSED_MONTH_SETTINGS, excusedStreak, unexcusedMonths, type MemberMeetingRecord } from "@/lib/meetings/rules/counters";
import { targetsMet, formatTargets } from "@/lib/meetings/record-rules";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import type { ConditionFacts, EvidenceKey } from "./model";
import { instantRange, type Period } from "./period";
import { isoDay, vietnamDayOf } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const words = messages.classificationServer.evidence;

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
  const whose = isBranch ? words.branch : fill(words.branches, { count: formatNumber(branches) });
  const ratingHref = isBranch ? `/plans/${unit.id}/rating?year=${period.year}` : `/dashboard?unit=${unit.id}&year=${period.year}`;
  const source = fill(words.recordSource, { held: formatNumber(s.meetingsHeld), day: formatCalendarDate(upTo) });

  const items: EvidenceSet = {};
  items.meetings = {
    key: "meetings",
    title: words.meetingsTitle,
    lines: [
      fill(words.regular, { whose, held: formatNumber(s.regularBranches), due: formatNumber(monthsDue), unit: isBranch ? words.month : words.branchMonth, percent: percent(s.regularBranches, monthsDue) }),
      fill(words.quality, { scored: formatNumber(scored), good: formatNumber(s.levelGood), fair: formatNumber(s.levelFair), average: formatNumber(s.levelAverage), poor: formatNumber(s.levelPoor), awaiting: s.awaitingScore ? fill(words.awaiting, { count: formatNumber(s.awaitingScore) }) : "" }),
    ],
    source,
    href: ratingHref,
  };
  items.thematic = {
    key: "thematic",
    title: words.thematicTitle,
    lines: [fill(words.thematic, { met: formatNumber(Math.min(s.thematicBranches, quartersDue)), due: formatNumber(quartersDue), unit: isBranch ? words.quarter : words.branchQuarter })],
    source,
    href: ratingHref,
  };
  items.unitAttendance = {
    key: "unitAttendance",
    title: words.unitAttendanceTitle,
    lines: [
      fill(words.unitAttendance, { present: formatNumber(s.present), due: formatNumber(s.attendanceDenominator), percent: percent(s.present, s.attendanceDenominator) }),
      s.absentUnexcused > 0 ? fill(words.unexcused, { count: formatNumber(s.absentUnexcused) }) : words.noUnexcused,
    ],
    source: fill(words.attendanceSource, { day: formatCalendarDate(upTo) }),
    href: `/dashboard?unit=${unit.id}&year=${period.year}`,
  };

  const tasks = await tx.taskAssignment.findMany({
    where: { tenantId, deadline: { gte: period.start, lte: upTo }, meeting: { branch: { path: subtree } } },
    select: { result: true, resultPercent: true },
  });
  const met = targetsMet(tasks);
  items.resolutions = {
    key: "resolutions",
    title: words.resolutionsTitle,
    lines: [
      met.due === 0
        ? words.noTasksDue
        : fill(words.unitTasks, { due: formatNumber(met.due), done: formatNumber(met.done), partly: formatNumber(met.partly), notDone: formatNumber(met.notDone), pending: formatNumber(met.pending), met: formatTargets(met.metHundredths), percent: percent(met.metHundredths, met.due * 100) }),
      fill(words.resolutionsOnTime, { onTime: formatNumber(s.resolutionsOnTime), due: formatNumber(s.recordsDue), percent: percent(s.resolutionsOnTime, s.recordsDue) }),
    ],
    source: words.tasksSource,
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
    title: words.oversightTitle,
    lines: [
      fill(words.visits, { visits: formatNumber(visits.length), remarks: formatNumber(remarks) }),
      followUps.length === 0 ? words.noFollowUps : fill(words.followUps, { closed: formatNumber(closed), count: formatNumber(followUps.length) }),
    ],
    source: words.oversightSource,
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
    title: words.memberAttendanceTitle,
    lines: [
      fill(words.memberAttendance, { present: formatNumber(present), due: formatNumber(due), percent: percent(present, due), excused: formatNumber(excused), unexcused: formatNumber(unexcused) }),
      ...(count("EXEMPT") + count("ELSEWHERE") + count("SPECIAL_DUTY") > 0
        ? [fill(words.notDue, { count: formatNumber(count("EXEMPT") + count("ELSEWHERE") + count("SPECIAL_DUTY")) })]
        : []),
      fill(words.streak, { longest: formatNumber(streak.longest), over: streak.longestViolates ? fill(words.streakOver, { max: settings["attendance.maxExcusedStreak"] }) : "" }),
      months.explanation,
    ],
    source: fill(words.memberAttendanceSource, { count: formatNumber(marks.length) }),
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
    title: words.memberTasksTitle,
    lines:
      tasks.length === 0
        ? [words.noMemberTasks]
        : [
            fill(words.memberTasks, { due: formatNumber(met.due), done: formatNumber(met.done), partly: formatNumber(met.partly), notDone: formatNumber(met.notDone), pending: formatNumber(met.pending) }),
            ...(tasks.length > dueTasks.length ? [fill(words.notYetDue, { count: formatNumber(tasks.length - dueTasks.length) })] : []),
            ...tasks.slice(0, 5).map((t) => fill(words.task, { day: formatCalendarDate(t.deadline), content: t.content, result: t.result === "DONE" ? words.taskDone : t.result === "PARTLY" ? fill(words.taskPartly, { percent: t.resultPercent ?? 0 }) : t.result === "NOT_DONE" ? words.taskNotDone : "" })),
          ],
    source: words.tasksSource,
    href: null,
  };

  const speeches = await tx.speech.findMany({
    where: { tenantId, memberId: member.id, isDiscussion: true, meeting: { state: { in: [...HELD_STATES] }, ...inPeriod } },
    select: { meetingId: true },
  });
  const spokeAt = new Set(speeches.map((x) => x.meetingId)).size;
  items.speeches = {
    key: "speeches",
    title: words.speechesTitle,
    lines: [speeches.length === 0 ? words.noSpeeches : fill(words.speeches, { count: formatNumber(speeches.length), meetings: formatNumber(spokeAt), present: formatNumber(present) })],
    source: words.speechesSource,
    href: null,
  };

  const links = await tx.residenceLink.findMany({
    where: { tenantId, memberId: member.id, fromDate: { lte: period.end }, OR: [{ toDate: null }, { toDate: { gte: period.start } }] },
    select: { residenceBranchName: true, address: true, exempt: true, exemptReason: true, residenceBranch: { select: { name: true } }, comments: { where: { year: period.year }, select: { comment: true, commentedBy: true, receivedOn: true } } },
  });
  const residence: string[] = [];
  for (const link of links) {
    const where = link.residenceBranch?.name ?? link.residenceBranchName ?? link.address ?? words.residencePlace;
    if (link.exempt) residence.push(fill(words.residenceExempt, { where, reason: link.exemptReason ? `: ${link.exemptReason}` : "" }));
    else if (link.comments.length === 0) residence.push(fill(words.residenceNoComment, { where, year: period.year }));
    for (const c of link.comments) residence.push(fill(words.residenceComment, { by: c.commentedBy ?? where, day: formatCalendarDate(c.receivedOn), comment: c.comment }));
  }
  items.residence = {
    key: "residence",
    title: words.residenceTitle,
    lines: residence.length > 0 ? residence : [words.noResidence],
    source: words.residenceSource,
    href: `/members/${member.id}`,
  };

  const exemptions = await tx.exemption.findMany({
    where: { tenantId, memberId: member.id, fromDate: { lte: period.end }, OR: [{ toDate: null }, { toDate: { gte: period.start } }] },
    select: { fromDate: true, toDate: true, reason: true },
  });
  items.exemptions = {
    key: "exemptions",
    title: words.exemptionsTitle,
    lines:
      exemptions.length === 0
        ? [words.noExemptions]
        : exemptions.map((e) => fill(words.exemption, { from: formatCalendarDate(e.fromDate), to: e.toDate ? fill(words.exemptionTo, { day: formatCalendarDate(e.toDate) }) : "", reason: e.reason })),
    source: words.memberFile,
    href: `/members/${member.id}`,
  };

  const commitment = await tx.memberCommitment.findUnique({
    where: { tenantId_memberId_year: { tenantId, memberId: member.id, year: period.year } },
    select: { content: true, registeredOn: true },
  });
  items.commitments = {
    key: "commitments",
    title: fill(words.commitmentsTitle, { year: period.year }),
    lines: commitment ? [fill(words.commitment, { day: formatCalendarDate(commitment.registeredOn), content: commitment.content })] : [fill(words.noCommitment, { year: period.year })],
    source: words.commitmentsSource,
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
