// Vocabulary shared by the pure meeting rules and the scoring engine (GLOSSARY.md, "Meetings").
// Kept free of Prisma so the rules run anywhere; the string values match the schema's enums.
import { fill } from "@/lib/i18n/fill";

export const MEETING_KINDS = ["REGULAR", "THEMATIC", "COMBINED", "EXTRAORDINARY", "REVIEW"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Kinds that are "the monthly meeting" (SPEC §2: a combined meeting counts as both). */
export const MONTHLY_MEETING_KINDS: readonly MeetingKind[] = ["REGULAR", "COMBINED"];
/** Kinds that satisfy the quarterly thematic quota. */
export const THEMATIC_MEETING_KINDS: readonly MeetingKind[] = ["THEMATIC", "COMBINED"];

export const MEMBER_STATUSES = ["OFFICIAL", "PROBATIONARY"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const ATTENDANCE_MARKS = [
  "PRESENT",
  "ABSENT_EXCUSED",
  "ABSENT_UNEXCUSED",
  "EXEMPT",
  "ELSEWHERE",
  "SPECIAL_DUTY",
] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

/** A calendar day in Vietnam, "YYYY-MM-DD". Rules work on days, so no time zone enters them. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** 1–12. */
export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

/** 1–4. */
export function quarterOf(date: IsoDate): number {
  return Math.floor((monthOf(date) - 1) / 3) + 1;
}

/** One member on the roll valid on the meeting date, with what the rules need to know. */
export interface RollEntry {
  memberId: string;
  status: MemberStatus;
  /** An exemption (miễn công tác và sinh hoạt đảng) is in force on the meeting date. */
  exempt: boolean;
  /** Suspended (đình chỉ), prosecuted or detained: not summoned. */
  suspended: boolean;
  /** Temporarily attached to another branch (sinh hoạt tạm thời nơi khác) on the meeting date. */
  attachedElsewhere: boolean;
}

export interface AttendanceEntry {
  memberId: string;
  mark: AttendanceMark;
  /**
   * For ABSENT_EXCUSED: whether the convening committee approved the reason (QĐ 24 point 9.3).
   * Defaults to true: a reason recorded as excused is an approved one unless said otherwise.
   */
  reasonApproved?: boolean;
}

/** A rule error a person can act on (Vietnamese message), optionally about one member. */
export interface RuleError {
  code: string;
  message: string;
  memberId?: string;
  /** The catalog sentence and its values but the member ("{member}"), for ruleMessageFor. */
  template?: string;
  params?: Readonly<Record<string, string>>;
}

/** The error's sentence naming the member as `member` (their name) instead of their id. */
export function ruleMessageFor(error: RuleError, member: string): string {
  return error.template ? fill(error.template, { ...error.params, member }) : error.message;
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; errors: RuleError[] };
