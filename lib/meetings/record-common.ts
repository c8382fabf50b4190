// Shared pieces of the meeting record services (attendance, minutes, resolution, tasks): zod field
// helpers that accept form strings and JSON alike, the meeting's calendar day, the roll of the
// branch on that day with what the rules need (exempt, attached elsewhere, suspended), and the
// per-change audit entry. Services import from here; routes never do.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MemberStatus } from "@/lib/generated/prisma/enums";
import { parseLocalDateTime } from "@/lib/i18n/format";
import { branchRosterOn } from "@/lib/org/member-lifecycle";
import { ruleMessageFor, type RollEntry, type RuleError } from "@/lib/meetings/rules/types";
import { parseDay, vietnamDayOf } from "@/lib/time/days";
import messages from "@/lib/i18n/messages";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.recordCommon;
const shared = messages.meetingsServer.common;

// ─── zod field helpers ──────────────────────────────────────────────────────────────────────────

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function trimmed(value: unknown): unknown {
  return typeof value === "string" ? value.trim() : value;
}

function emptyToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  return value;
}

/** A one-line text a person typed: NFC (the database fold only strips precomposed accents), single spaces. */
export function normalizeLine(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Free text with paragraphs: NFC, trailing spaces and blank-line runs trimmed, line breaks kept. */
export function normalizeParagraphs(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const uuidField = (message: string) =>
  z.preprocess(trimmed, z.string({ error: message }).regex(UUID, message));

export const optionalUuidField = (message: string) =>
  z.preprocess(emptyToNull, z.string({ error: message }).regex(UUID, message).nullable());

export function optionalLine(max: number, tooLong: string) {
  return z.preprocess(
    (value) => {
      const empty = emptyToNull(value);
      return typeof empty === "string" ? normalizeLine(empty) : empty;
    },
    z.string({ error: shared.invalidValue }).max(max, tooLong).nullable(),
  );
}

export function optionalParagraphs(max: number, tooLong: string) {
  return z.preprocess(
    (value) => {
      if (value === undefined || value === null) return null;
      if (typeof value !== "string") return value;
      const text = normalizeParagraphs(value);
      return text === "" ? null : text;
    },
    z.string({ error: shared.invalidValue }).max(max, tooLong).nullable(),
  );
}

export function requiredParagraphs(max: number, messages: { required: string; tooLong: string }) {
  return z.preprocess(
    (value) => (typeof value === "string" ? normalizeParagraphs(value) : value),
    z.string({ error: messages.required }).min(1, messages.required).max(max, messages.tooLong),
  );
}

/** A whole number from a form ("" → null) or JSON. */
export function optionalInt(min: number, max: number, message: string) {
  return z.preprocess(
    (value) => {
      const empty = emptyToNull(value);
      if (typeof empty === "string") return Number(empty.trim());
      return empty;
    },
    z.number({ error: message }).int(message).min(min, message).max(max, message).nullable(),
  );
}

/** The version the client read; 0 means "there was none yet" (a first save creates the row). */
export const versionField = z.coerce
  .number({ error: wording.versionMissing })
  .int(wording.versionMissing)
  .min(0, wording.versionMissing);

/** Version of an existing record (≥ 1). */
export const existingVersionField = versionField.refine((v) => v >= 1, wording.versionMissing);

const INVALID_DATE_TIME = wording.dateTimeInvalid;

/** "2026-11-05T14:00" in Vietnam (datetime-local) or an ISO instant → Date; "" → null. */
export function optionalInstant(message = INVALID_DATE_TIME) {
  return z.preprocess(
    (value) => {
      const empty = emptyToNull(value);
      if (empty instanceof Date) return Number.isNaN(empty.getTime()) ? "invalid" : empty;
      if (typeof empty !== "string") return empty;
      const local = parseLocalDateTime(empty);
      if (local) return local;
      // Full ISO instants with an offset or Z (JSON clients).
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(empty.trim())) {
        const date = new Date(empty.trim());
        return Number.isNaN(date.getTime()) ? "invalid" : date;
      }
      return "invalid";
    },
    z.date({ error: message }).nullable(),
  );
}

/** A calendar day "yyyy-mm-dd" → Date at UTC midnight. */
export function requiredDayField(required: string, invalid = wording.dayInvalid) {
  return z.preprocess(
    (value) => {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? "invalid" : value;
      if (typeof value !== "string" || value.trim() === "") return undefined;
      return parseDay(value.trim()) ?? "invalid";
    },
    z.date({ error: (issue) => (issue.input === undefined ? required : invalid) }),
  );
}

/** Parses at the service boundary: a ValidationError with field errors, like the forms show. */
/** The record services' name for parseInput (lib/errors.ts). */

// ─── The meeting's day and roll ─────────────────────────────────────────────────────────────────

/** The calendar day in Vietnam the meeting took (or takes) place: actual start if known, else planned. */
export function meetingDay(meeting: { plannedStart: Date; actualStart: Date | null }): Date {
  return vietnamDayOf(meeting.actualStart ?? meeting.plannedStart);
}

export interface RollMember {
  memberId: string;
  fullName: string;
  /** The name told apart from namesakes on the roll ("Nguyễn Văn Lộc (1975)"): what people read. */
  label: string;
  status: MemberStatus;
  /** An exemption is in force on the day. */
  exempt: boolean;
  exemptReason: string | null;
  /** Temporarily attached to another branch on the day. */
  attachedElsewhere: boolean;
  elsewhereName: string | null;
  /** On this roll by a temporary attachment from their home branch (its name); null for the branch's own members. */
  attachedFrom: string | null;
  /** Suspended on the day: not summoned, not listed on the attendance screen. */
  suspended: boolean;
}

const coversDay = (day: Date) => ({ fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gte: day } }] });

/** A temporary attachment to another host than `branchId` (or to a host outside the tenant). */
const hostedElsewhere = (branchId: string) => ({ OR: [{ hostBranchId: null }, { hostBranchId: { not: branchId } }] });

/**
 * The branch roll valid on the day (branchRosterOn: its own members and those attached to it) with
 * the periods in force that day. A member attached to another branch is ELSEWHERE here.
 */
export async function loadRoll(tx: Tx, tenantId: string, branchId: string, day: Date): Promise<RollMember[]> {
  const roster = await branchRosterOn(tx, tenantId, branchId, day);
  if (roster.length === 0) return [];
  const ids = roster.map((entry) => entry.memberId);
  const [exemptions, transfers, suspensions] = [
    await tx.exemption.findMany({ where: { tenantId, memberId: { in: ids }, ...coversDay(day) }, select: { memberId: true, reason: true } }),
    await tx.temporaryTransfer.findMany({
      where: { tenantId, memberId: { in: ids }, AND: [coversDay(day), hostedElsewhere(branchId)] },
      select: { memberId: true, hostName: true, hostBranch: { select: { name: true } } },
    }),
    await tx.suspension.findMany({ where: { tenantId, memberId: { in: ids }, ...coversDay(day) }, select: { memberId: true } }),
  ];
  const exempt = new Map(exemptions.map((row) => [row.memberId, row.reason]));
  const elsewhere = new Map(transfers.map((row) => [row.memberId, row.hostBranch?.name ?? row.hostName ?? null]));
  const suspended = new Set(suspensions.map((row) => row.memberId));
  return roster.map((entry) => ({
    memberId: entry.memberId,
    fullName: entry.fullName,
    label: entry.label,
    status: entry.statusOn,
    exempt: exempt.has(entry.memberId),
    exemptReason: exempt.get(entry.memberId) ?? null,
    attachedElsewhere: elsewhere.has(entry.memberId),
    elsewhereName: elsewhere.get(entry.memberId) ?? null,
    attachedFrom: entry.attachedFrom,
    suspended: suspended.has(entry.memberId),
  }));
}

/**
 * One member of the roll on the day, or null when they are not on it: the same predicate as
 * branchRosterOn (membership covering the day, both ends inclusive, or a temporary attachment to
 * this branch covering it), for the tap, which must not read the whole roll 60 times over.
 */
export async function rollMemberOn(tx: Tx, tenantId: string, branchId: string, day: Date, memberId: string): Promise<RollMember | null> {
  if (!UUID.test(memberId)) return null;
  const covering = { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] };
  const m = await tx.member.findFirst({
    where: {
      tenantId,
      id: memberId,
      OR: [{ branchMemberships: { some: { branchId, ...covering } } }, { temporaryTransfers: { some: { hostBranchId: branchId, ...coversDay(day) } } }],
    },
    select: {
      id: true,
      fullName: true,
      officialOn: true,
      branchMemberships: { where: covering, select: { branchId: true, branch: { select: { name: true } } }, take: 1 },
      exemptions: { where: coversDay(day), select: { reason: true }, take: 1 },
      temporaryTransfers: { where: coversDay(day), select: { hostBranchId: true, hostName: true, hostBranch: { select: { name: true } } }, take: 1 },
      suspensions: { where: coversDay(day), select: { id: true }, take: 1 },
    },
  });
  if (!m) return null;
  const transfer = m.temporaryTransfers[0];
  const home = m.branchMemberships[0];
  const attachedHere = transfer !== undefined && transfer.hostBranchId === branchId && home?.branchId !== branchId;
  const elsewhere = transfer !== undefined && transfer.hostBranchId !== branchId;
  return {
    memberId: m.id,
    fullName: m.fullName,
    // One member read alone (the attendance tap): namesakes are told apart where the roll is listed.
    label: m.fullName,
    status: m.officialOn && m.officialOn.getTime() <= day.getTime() ? "OFFICIAL" : "PROBATIONARY",
    exempt: m.exemptions.length > 0,
    exemptReason: m.exemptions[0]?.reason ?? null,
    attachedElsewhere: elsewhere,
    elsewhereName: elsewhere ? (transfer.hostBranch?.name ?? transfer.hostName ?? null) : null,
    attachedFrom: attachedHere ? (home?.branch.name ?? "") : null,
    suspended: m.suspensions.length > 0,
  };
}

/** The roll as the pure rules read it. */
export function rollEntries(roll: readonly RollMember[]): RollEntry[] {
  return roll.map((m) => ({
    memberId: m.memberId,
    status: m.status,
    exempt: m.exempt,
    suspended: m.suspended,
    attachedElsewhere: m.attachedElsewhere,
  }));
}

/** A rule error's sentence naming its member (told apart from namesakes) instead of their id. */
export function withNames(error: RuleError, roll: readonly { memberId: string; fullName: string; label?: string }[]): string {
  const member = error.memberId === undefined ? undefined : roll.find((entry) => entry.memberId === error.memberId);
  return member ? ruleMessageFor(error, member.label ?? member.fullName) : error.message;
}

// ─── Audit ──────────────────────────────────────────────────────────────────────────────────────

/** Every record change is audited on the meeting (entityType "Meeting"), in the same transaction. */
export function auditRecord(
  tx: Tx,
  user: Principal,
  meetingId: string,
  entry: { action: string; before?: Prisma.InputJsonValue | null; after?: Prisma.InputJsonValue | null },
  context: ServiceContext,
): Promise<void> {
  return recordAudit(tx, {
    tenantId: user.tenantId,
    actorUserId: user.id,
    entityType: "Meeting",
    entityId: meetingId,
    requestId: context.requestId,
    ...entry,
  });
}

/**
 * A version 7 UUID (RFC 9562: 48-bit millisecond time, then random bits), as Prisma's uuid(7)
 * default makes them, for rows written with raw SQL: time-ordered ids keep the indexes compact.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  const time = BigInt(now);
  for (let i = 0; i < 6; i += 1) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
