// Attendance arithmetic of one meeting (SPEC §4.1, denominator 1 and 4).
//   P     = members marked PRESENT (an exempt member who attends is PRESENT and counts in both P and D_att)
//   D_att = roll (official + probationary) − EXEMPT absent − ELSEWHERE − SPECIAL_DUTY − suspended/detained
// Guests are not on the roll, so they never count; a mark for anyone off the roll is an error.
import type { Ratio } from "@/lib/exact/ratio";
import type { AttendanceEntry, AttendanceMark, MemberStatus, RollEntry, RuleError, RuleResult } from "./types";
import { fill } from "@/lib/i18n/fill";
import catalog from "@/lib/i18n/messages/vi/meetings-rules.json";

/** How one roll member ends up counted at this meeting. SUSPENDED is not a mark: they are not summoned. */
export type ResolvedMark = AttendanceMark | "SUSPENDED";

export interface ResolvedMember {
  memberId: string;
  status: MemberStatus;
  exempt: boolean;
  mark: ResolvedMark;
  reasonApproved: boolean;
  inDenominator: boolean;
}

export interface AttendanceSummary {
  rollSize: number;
  /** P */
  present: number;
  presentOfficial: number;
  presentProbationary: number;
  /** Exempt members who attended anyway (already inside `present`). */
  exemptPresent: number;
  exemptAbsent: number;
  elsewhere: number;
  specialDuty: number;
  suspended: number;
  absentExcused: number;
  absentUnexcused: number;
  /** D_att */
  denominator: number;
  /** P / D_att, exact; null when nobody was due to attend. */
  rate: Ratio | null;
  /** The size that decides the 120-minute rule (SPEC §4.1 item 4): D_att. */
  sizeForDurationRule: number;
  members: ResolvedMember[];
}

const MARK_LABEL: Record<AttendanceMark, string> = catalog.marks;
const words = catalog.attendance;

/** A rule error about one member: the catalog sentence names them by id in `message`; callers that
 * know the member's name word it again with ruleMessageFor (the id is the "{member}" parameter). */
function error(code: string, memberId: string, template: string, params: Readonly<Record<string, string>> = {}): RuleError {
  return { code, memberId, template, params, message: fill(template, { ...params, member: memberId }) };
}

/** What "all present" writes for a member without a mark: the mark the member's record implies. */
export function defaultMark(member: { exempt: boolean; attachedElsewhere: boolean }): AttendanceMark {
  return member.attachedElsewhere ? "ELSEWHERE" : member.exempt ? "EXEMPT" : "PRESENT";
}

/** The marks the attendance screen offers a member, each one resolveAttendance accepts for them. */
export function marksFor(member: { exempt: boolean; attachedElsewhere: boolean }): AttendanceMark[] {
  if (member.attachedElsewhere) return ["ELSEWHERE"];
  if (member.exempt) return ["PRESENT", "EXEMPT"];
  return ["PRESENT", "ABSENT_EXCUSED", "ABSENT_UNEXCUSED", "SPECIAL_DUTY"];
}

/**
 * Resolves every roll member's mark and checks the marks against the roll: each summoned member
 * needs exactly one mark; exempt, temporarily attached and suspended members may be left unmarked.
 */
export function resolveAttendance(roll: readonly RollEntry[], entries: readonly AttendanceEntry[]): RuleResult<ResolvedMember[]> {
  const errors: RuleError[] = [];
  const rollIds = new Set<string>();
  for (const member of roll) {
    if (rollIds.has(member.memberId)) {
      errors.push(error("DUPLICATE_ROLL", member.memberId, words.duplicateRoll));
    }
    rollIds.add(member.memberId);
  }

  const marks = new Map<string, AttendanceEntry>();
  for (const entry of entries) {
    if (!rollIds.has(entry.memberId)) {
      errors.push(
        error(
          "NOT_ON_ROLL",
          entry.memberId,
          words.notOnRoll,
        ),
      );
      continue;
    }
    if (marks.has(entry.memberId)) {
      errors.push(error("DUPLICATE_MARK", entry.memberId, words.duplicateMark));
      continue;
    }
    marks.set(entry.memberId, entry);
  }

  const resolved: ResolvedMember[] = [];
  for (const member of roll) {
    const entry = marks.get(member.memberId);
    const mark = entry?.mark;
    const base = {
      memberId: member.memberId,
      status: member.status,
      exempt: member.exempt,
      reasonApproved: entry?.reasonApproved ?? true,
    };
    const label = mark ? MARK_LABEL[mark] : "";

    if (member.suspended) {
      if (mark) {
        errors.push(
          error("SUSPENDED_MARKED", member.memberId, words.suspendedMarked, { mark: label }),
        );
        continue;
      }
      resolved.push({ ...base, mark: "SUSPENDED", inDenominator: false });
      continue;
    }
    if (member.attachedElsewhere) {
      if (mark && mark !== "ELSEWHERE") {
        errors.push(
          error("ATTACHED_ELSEWHERE", member.memberId, words.attachedElsewhere, { elsewhere: MARK_LABEL.ELSEWHERE, mark: label }),
        );
        continue;
      }
      resolved.push({ ...base, mark: "ELSEWHERE", inDenominator: false });
      continue;
    }
    if (mark === "ELSEWHERE") {
      errors.push(error("NOT_ATTACHED", member.memberId, words.notAttached));
      continue;
    }
    if (member.exempt) {
      if (mark === "ABSENT_EXCUSED" || mark === "ABSENT_UNEXCUSED") {
        errors.push(
          error("EXEMPT_ABSENCE", member.memberId, words.exemptAbsence, { present: MARK_LABEL.PRESENT, exempt: MARK_LABEL.EXEMPT, mark: label }),
        );
        continue;
      }
      const effective = mark ?? "EXEMPT";
      // An exempt member who attends counts in P and D_att (SPEC §4.1, our modelling choice).
      resolved.push({ ...base, mark: effective, inDenominator: effective === "PRESENT" });
      continue;
    }
    if (mark === "EXEMPT") {
      errors.push(error("NOT_EXEMPT", member.memberId, words.notExempt));
      continue;
    }
    if (!mark) {
      errors.push(error("MISSING_MARK", member.memberId, words.missingMark));
      continue;
    }
    resolved.push({ ...base, mark, inDenominator: mark !== "SPECIAL_DUTY" });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: resolved };
}

export function summarizeAttendance(members: readonly ResolvedMember[]): AttendanceSummary {
  const count = (predicate: (member: ResolvedMember) => boolean) => members.filter(predicate).length;
  const present = count((m) => m.mark === "PRESENT");
  const denominator = count((m) => m.inDenominator);
  return {
    rollSize: members.length,
    present,
    presentOfficial: count((m) => m.mark === "PRESENT" && m.status === "OFFICIAL"),
    presentProbationary: count((m) => m.mark === "PRESENT" && m.status === "PROBATIONARY"),
    exemptPresent: count((m) => m.mark === "PRESENT" && m.exempt),
    exemptAbsent: count((m) => m.mark === "EXEMPT"),
    elsewhere: count((m) => m.mark === "ELSEWHERE"),
    specialDuty: count((m) => m.mark === "SPECIAL_DUTY"),
    suspended: count((m) => m.mark === "SUSPENDED"),
    absentExcused: count((m) => m.mark === "ABSENT_EXCUSED"),
    absentUnexcused: count((m) => m.mark === "ABSENT_UNEXCUSED"),
    denominator,
    rate: denominator > 0 ? { num: present, den: denominator } : null,
    sizeForDurationRule: denominator,
    members: [...members],
  };
}

/** P, D_att and the counts of one meeting, or the list of marking errors. */
export function computeAttendance(roll: readonly RollEntry[], entries: readonly AttendanceEntry[]): RuleResult<AttendanceSummary> {
  const resolved = resolveAttendance(roll, entries);
  return resolved.ok ? { ok: true, value: summarizeAttendance(resolved.value) } : resolved;
}
