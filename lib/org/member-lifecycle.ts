// A member's life on the roll: transfer between branches, exemption, temporary transfer,
// suspension, becoming official, leaving the roll, and party positions. Each change is one tenant
// transaction that locks the member, re-checks member.manage on the member's branch and on any
// target unit, refuses dates that contradict the history (all end dates are inclusive last days),
// and writes an audit entry on the member (entityType "Member") with before and after.
import { distinctNames, namedMemberSelect } from "@/lib/org/member-names";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, NotFoundError, parseInput } from "@/lib/errors";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MemberStatus, PositionKind } from "@/lib/generated/prisma/enums";
import { assertOnRoll, formatDay, loadManagedBranch, lockMemberForWrite, violates, type LockedMember } from "@/lib/org/member-access";
import { overlaps } from "@/lib/org/member-dates";
import {
  addExemptionSchema,
  addSuspensionSchema,
  addTemporaryTransferSchema,
  assignPositionSchema,
  endMembershipSchema,
  endPeriodSchema,
  endPositionSchema,
  makeOfficialSchema,
  probationEnds,
  transferMemberSchema,
  type AddExemptionInput,
  type AddSuspensionInput,
  type AddTemporaryTransferInput,
  type AssignPositionInput,
  type EndMembershipInput,
  type EndPeriodInput,
  type EndPositionInput,
  type MakeOfficialInput,
  type TransferMemberInput,
} from "@/lib/org/member-schemas";
import { CARD_TAKEN, STALE_MEMBER } from "@/lib/org/members";
import { pathIds } from "@/lib/domain/org-path";
import { addDays, isoDay, isoDayOrNull, todayInVietnam, vietnamDayOf } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.orgServer.lifecycle;

/** A refusal tied to one form field. */

function assertVersion(member: LockedMember, version: number): void {
  if (member.version !== version) throw new ConflictError(STALE_MEMBER);
}

function assertNotFuture(day: Date, field: string, what: string): void {
  if (day.getTime() > todayInVietnam().getTime()) throw fieldError(field, fill(wording.notFuture, { what }));
}

function assertNotBeforeAdmission(member: LockedMember, day: Date, field: string): void {
  if (day.getTime() < member.admittedOn.getTime()) {
    throw fieldError(field, fill(wording.beforeAdmitted, { day: formatDay(member.admittedOn) }));
  }
}

function periodText(from: Date, to: Date | null): string {
  return to ? fill(wording.period, { from: formatDay(from), to: formatDay(to) }) : fill(wording.periodOpen, { from: formatDay(from) });
}

async function bumpVersion(
  tx: Tx,
  user: Principal,
  member: LockedMember,
  data: Prisma.MemberUpdateManyMutationInput & { branchId?: string },
): Promise<number> {
  const { count } = await tx.member.updateMany({
    where: { tenantId: user.tenantId, id: member.id, version: member.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_MEMBER);
  return member.version + 1;
}

interface AuditOnMember {
  action: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

function audit(tx: Tx, user: Principal, memberId: string, entry: AuditOnMember, context: ServiceContext): Promise<void> {
  return recordAudit(tx, {
    tenantId: user.tenantId,
    actorUserId: user.id,
    entityType: "Member",
    entityId: memberId,
    requestId: context.requestId,
    ...entry,
  });
}

/**
 * Positions the member holds on `lastDay` in units that will no longer contain their branch are
 * ended on that day (a secretary who moves away stops being the secretary).
 */
async function closePositionsOutside(
  tx: Tx,
  user: Principal,
  memberId: string,
  lastDay: Date,
  keepUnder: string | null,
): Promise<{ id: string; kind: PositionKind; orgUnitId: string; termTo: string }[]> {
  const open = await tx.position.findMany({
    where: {
      tenantId: user.tenantId,
      memberId,
      termFrom: { lte: lastDay },
      OR: [{ termTo: null }, { termTo: { gt: lastDay } }],
    },
    select: { id: true, kind: true, orgUnitId: true, orgUnit: { select: { path: true } } },
  });
  const closing = open.filter((position) => keepUnder === null || !keepUnder.startsWith(position.orgUnit.path));
  if (closing.length > 0) {
    await tx.position.updateMany({
      where: { tenantId: user.tenantId, id: { in: closing.map((position) => position.id) } },
      data: { termTo: lastDay },
    });
  }
  return closing.map((position) => ({
    id: position.id,
    kind: position.kind,
    orgUnitId: position.orgUnitId,
    termTo: isoDay(lastDay),
  }));
}

// ─── Transfer ───────────────────────────────────────────────────────────────────────────────────

export interface TransferResult {
  id: string;
  version: number;
  membershipId: string;
}

/**
 * Moves a member to another branch from `effectiveOn`: the open BranchMembership ends the day
 * before, a new one starts that day, Member.branchId follows, and positions in units the member
 * leaves end too. Refused for a date not after the current membership's start, a future date,
 * a target that is not a branch, closed on that day, or outside the user's member.manage subtrees.
 */
export async function transferMember(
  user: Principal,
  input: TransferMemberInput,
  context: ServiceContext = {},
): Promise<TransferResult> {
  const data = parseInput(transferMemberSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      const member = await lockMemberForWrite(tx, user, data.memberId);
      assertOnRoll(member);
      assertVersion(member, data.version);
      assertNotFuture(data.effectiveOn, "effectiveOn", wording.transferDayLabel);
      if (data.targetBranchId === member.branchId) {
        throw fieldError("targetBranchId", wording.sameBranch);
      }
      const target = await loadManagedBranch(tx, user, data.targetBranchId, {
        field: "targetBranchId",
        day: data.effectiveOn,
      });
      const open = await tx.branchMembership.findFirst({
        where: { tenantId: user.tenantId, memberId: member.id, validTo: null },
        select: { id: true, branchId: true, validFrom: true },
      });
      const startsOn = open?.validFrom ?? member.admittedOn;
      if (data.effectiveOn.getTime() <= startsOn.getTime()) {
        throw fieldError(
          "effectiveOn",
          fill(wording.transferBeforeStart, { day: formatDay(startsOn) }),
        );
      }
      const lastDay = addDays(data.effectiveOn, -1);
      if (open) {
        await tx.branchMembership.update({
          where: { tenantId_id: { tenantId: user.tenantId, id: open.id } },
          data: { validTo: lastDay },
          select: { id: true },
        });
      }
      const membership = await tx.branchMembership.create({
        data: {
          tenantId: user.tenantId,
          memberId: member.id,
          branchId: target.id,
          validFrom: data.effectiveOn,
          note: data.note ?? fill(wording.transferNote, { branch: member.branch.name }),
        },
        select: { id: true },
      });
      const closedPositions = await closePositionsOutside(tx, user, member.id, lastDay, target.path);
      const version = await bumpVersion(tx, user, member, { branchId: target.id });
      await audit(
        tx,
        user,
        member.id,
        {
          action: "member.transfer",
          before: {
            branchId: member.branchId,
            branchName: member.branch.name,
            membershipId: open?.id ?? null,
            validFrom: isoDay(startsOn),
            version: member.version,
          },
          after: {
            branchId: target.id,
            branchName: target.name,
            effectiveOn: isoDay(data.effectiveOn),
            previousMembershipValidTo: open ? isoDay(lastDay) : null,
            membershipId: membership.id,
            note: data.note,
            closedPositions,
            version,
          },
        },
        context,
      );
      return { id: member.id, version, membershipId: membership.id };
    });
  } catch (error) {
    if (violates(error, "BranchMembership_no_overlap")) {
      throw fieldError("effectiveOn", wording.transferOverlap);
    }
    throw error;
  }
}

// ─── Roster on a day ────────────────────────────────────────────────────────────────────────────

export interface RosterEntry {
  memberId: string;
  fullName: string;
  /** The name told apart from namesakes on the same roll (lib/org/member-names.ts). */
  label: string;
  /** The membership that puts them on this roll; null for a member attached here temporarily. */
  membershipId: string | null;
  /** The status on that day: official once officialOn has come. */
  statusOn: MemberStatus;
  /**
   * On this roll by a temporary attachment (sinh hoạt tạm thời, SPEC §1.3): the name of their home
   * branch that day. Null for the branch's own members.
   */
  attachedFrom: string | null;
}

/**
 * The roll of a branch on a calendar day: the one source for who is due at its meetings. Its own
 * members are those whose BranchMembership covers the day (both ends inclusive), so a member
 * transferred on day D counts in the old branch up to D−1 and in the new one from D. Members of
 * other branches of the tenant temporarily attached here (a TemporaryTransfer to this host covering
 * the day) are on it too, flagged with their home branch: they are marked, counted in D_att and
 * vote here like the branch's own members (SPEC §1.3, §4.1 item 2 excludes them only at home, where
 * loadRoll shows them ELSEWHERE). Vietnamese name order. The caller authorizes; `tx` is a tenant
 * transaction. A member who left the roll (endedOn) before the day is never on it.
 */
export async function branchRosterOn(tx: Tx, tenantId: string, branchId: string, day: Date): Promise<RosterEntry[]> {
  const covering = { fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gte: day } }] };
  const notEnded = { OR: [{ endedOn: null }, { endedOn: { gte: day } }] };
  const [own, attached] = [
    await tx.branchMembership.findMany({
      where: {
        tenantId,
        branchId,
        validFrom: { lte: day },
        OR: [{ validTo: null }, { validTo: { gte: day } }],
        member: notEnded,
      },
      select: { id: true, member: { select: { ...namedMemberSelect, officialOn: true, sortKey: true } } },
      orderBy: [{ member: { sortKey: "asc" } }, { memberId: "asc" }],
    }),
    await tx.temporaryTransfer.findMany({
      where: { tenantId, hostBranchId: branchId, ...covering, member: notEnded },
      select: {
        member: {
          select: {
            ...namedMemberSelect,
            officialOn: true,
            sortKey: true,
            branchMemberships: {
              where: { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] },
              select: { branch: { select: { name: true } } },
              take: 1,
            },
          },
        },
      },
    }),
  ];
  const ownIds = new Set(own.map((row) => row.member.id));
  const rows = own.map((row) => ({ member: row.member, membershipId: row.id as string | null, attachedFrom: null as string | null }));
  // Attached members slot into the database's name order (the own rows keep the order it gave).
  for (const row of attached.filter((candidate) => !ownIds.has(candidate.member.id))) {
    const at = rows.findIndex((other) => other.member.sortKey.localeCompare(row.member.sortKey, "vi") > 0);
    const entry = { member: row.member, membershipId: null, attachedFrom: row.member.branchMemberships[0]?.branch.name ?? "" };
    if (at < 0) rows.push(entry);
    else rows.splice(at, 0, entry);
  }
  const labels = distinctNames(rows.map((row) => row.member));
  return rows.map((row) => ({
    memberId: row.member.id,
    fullName: row.member.fullName,
    label: labels.get(row.member.id) ?? row.member.fullName,
    membershipId: row.membershipId,
    statusOn: row.member.officialOn && row.member.officialOn.getTime() <= day.getTime() ? "OFFICIAL" : "PROBATIONARY",
    attachedFrom: row.attachedFrom,
  }));
}

// ─── Exemptions, temporary transfers, suspensions ───────────────────────────────────────────────

interface Period {
  id: string;
  fromDate: Date;
  toDate: Date | null;
}

function assertNoOverlap(existing: Period[], candidate: { fromDate: Date; toDate: Date | null }, what: string): void {
  const clash = existing.find((period) =>
    overlaps({ from: period.fromDate, to: period.toDate }, { from: candidate.fromDate, to: candidate.toDate }),
  );
  if (clash) {
    throw fieldError("fromDate", fill(wording.overlap, { what, period: periodText(clash.fromDate, clash.toDate) }));
  }
}

const periodSelect = { id: true, fromDate: true, toDate: true } as const;

export async function addExemption(
  user: Principal,
  input: AddExemptionInput,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const data = parseInput(addExemptionSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    assertOnRoll(member);
    assertNotBeforeAdmission(member, data.fromDate, "fromDate");
    const existing = await tx.exemption.findMany({ where: { tenantId: user.tenantId, memberId: member.id }, select: periodSelect });
    assertNoOverlap(existing, data, wording.exemptionPeriod);
    const decidedAt = data.decidedAtMeetingId ? await decidingMeeting(tx, user.tenantId, member.branchId, data.decidedAtMeetingId, data.fromDate) : null;
    const row = await tx.exemption.create({
      data: {
        tenantId: user.tenantId,
        memberId: member.id,
        fromDate: data.fromDate,
        toDate: data.toDate,
        reason: data.reason,
        decidedAtMeetingId: decidedAt?.id ?? null,
      },
      select: { id: true },
    });
    await audit(
      tx,
      user,
      member.id,
      {
        action: "member.exemption.add",
        after: {
          exemptionId: row.id,
          fromDate: isoDay(data.fromDate),
          toDate: isoDayOrNull(data.toDate),
          reason: data.reason,
          decidedAtMeetingId: decidedAt?.id ?? null,
        },
      },
      context,
    );
    return row;
  });
}

/**
 * The meeting that decided an exemption (SPEC §7): a meeting of the member's own branch that was
 * held, on or before the day the exemption starts. Anything else is refused with what to pick.
 */
async function decidingMeeting(tx: Tx, tenantId: string, branchId: string, meetingId: string, fromDate: Date): Promise<{ id: string }> {
  const text = messages.members.exemption;
  const meeting = await tx.meeting.findFirst({
    where: { tenantId, id: meetingId, branchId },
    select: { id: true, state: true, plannedStart: true, actualStart: true },
  });
  if (!meeting) throw fieldError("decidedAtMeetingId", text.meetingNotFound);
  if (!(HELD_STATES as readonly string[]).includes(meeting.state)) throw fieldError("decidedAtMeetingId", text.meetingNotHeld);
  if (vietnamDayOf(meeting.actualStart ?? meeting.plannedStart).getTime() > fromDate.getTime()) {
    throw fieldError("decidedAtMeetingId", text.meetingAfterStart);
  }
  return { id: meeting.id };
}

export async function addTemporaryTransfer(
  user: Principal,
  input: AddTemporaryTransferInput,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const data = parseInput(addTemporaryTransferSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    assertOnRoll(member);
    assertNotBeforeAdmission(member, data.fromDate, "fromDate");
    // The schema lets through exactly one of hostBranchId and hostName.
    const hostName = data.hostBranchId ? null : data.hostName;
    if (data.hostBranchId) {
      if (data.hostBranchId === member.branchId) {
        throw fieldError("hostBranchId", wording.hostSameBranch);
      }
      await loadManagedBranch(tx, user, data.hostBranchId, { field: "hostBranchId", day: data.fromDate });
    }
    const existing = await tx.temporaryTransfer.findMany({
      where: { tenantId: user.tenantId, memberId: member.id },
      select: periodSelect,
    });
    assertNoOverlap(existing, data, wording.attachmentPeriod);
    const row = await tx.temporaryTransfer.create({
      data: {
        tenantId: user.tenantId,
        memberId: member.id,
        hostBranchId: data.hostBranchId,
        hostName,
        fromDate: data.fromDate,
        toDate: data.toDate,
        reason: data.reason,
      },
      select: { id: true },
    });
    await audit(
      tx,
      user,
      member.id,
      {
        action: "member.temporaryTransfer.add",
        after: {
          temporaryTransferId: row.id,
          hostBranchId: data.hostBranchId,
          hostName,
          fromDate: isoDay(data.fromDate),
          toDate: isoDayOrNull(data.toDate),
          reason: data.reason,
        },
      },
      context,
    );
    return row;
  });
}

export async function addSuspension(
  user: Principal,
  input: AddSuspensionInput,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const data = parseInput(addSuspensionSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    assertOnRoll(member);
    assertNotBeforeAdmission(member, data.fromDate, "fromDate");
    const existing = await tx.suspension.findMany({ where: { tenantId: user.tenantId, memberId: member.id }, select: periodSelect });
    assertNoOverlap(existing, data, wording.suspensionPeriod);
    const row = await tx.suspension.create({
      data: { tenantId: user.tenantId, memberId: member.id, fromDate: data.fromDate, toDate: data.toDate, reason: data.reason },
      select: { id: true },
    });
    await audit(
      tx,
      user,
      member.id,
      {
        action: "member.suspension.add",
        after: { suspensionId: row.id, fromDate: isoDay(data.fromDate), toDate: isoDayOrNull(data.toDate), reason: data.reason },
      },
      context,
    );
    return row;
  });
}

/** Sets the last day of an open exemption, temporary transfer or suspension. */
export async function endPeriod(user: Principal, input: EndPeriodInput, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(endPeriodSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    const where = { tenantId: user.tenantId, id: data.periodId, memberId: member.id };
    const period: Period | null =
      data.kind === "exemption"
        ? await tx.exemption.findFirst({ where, select: periodSelect })
        : data.kind === "suspension"
          ? await tx.suspension.findFirst({ where, select: periodSelect })
          : await tx.temporaryTransfer.findFirst({ where, select: periodSelect });
    if (!period) throw new NotFoundError(wording.recordNotFound);
    if (period.toDate) throw fieldError("toDate", fill(wording.recordEnded, { day: formatDay(period.toDate) }));
    if (data.toDate.getTime() < period.fromDate.getTime()) {
      throw fieldError("toDate", fill(wording.endBeforeStart, { day: formatDay(period.fromDate) }));
    }
    const update = { where: { tenantId_id: { tenantId: user.tenantId, id: period.id } }, data: { toDate: data.toDate }, select: { id: true } };
    if (data.kind === "exemption") await tx.exemption.update(update);
    else if (data.kind === "suspension") await tx.suspension.update(update);
    else await tx.temporaryTransfer.update(update);
    await audit(
      tx,
      user,
      member.id,
      {
        action: `member.${data.kind}.end`,
        before: { id: period.id, fromDate: isoDay(period.fromDate), toDate: null },
        after: { id: period.id, fromDate: isoDay(period.fromDate), toDate: isoDay(data.toDate) },
      },
      context,
    );
    return { id: period.id };
  });
}

// ─── Official, leaving the roll ─────────────────────────────────────────────────────────────────

export interface MakeOfficialResult {
  id: string;
  version: number;
  /** Saved, but worth a second look (e.g. fewer than 12 months of probation). */
  warnings: string[];
}

/** Probationary → official on `officialOn` (≥ admittedOn; earlier than 12 months is saved with a warning). */
export async function makeOfficial(
  user: Principal,
  input: MakeOfficialInput,
  context: ServiceContext = {},
): Promise<MakeOfficialResult> {
  const data = parseInput(makeOfficialSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      const member = await lockMemberForWrite(tx, user, data.memberId);
      assertOnRoll(member);
      assertVersion(member, data.version);
      if (member.status === "OFFICIAL") {
        throw fieldError("officialOn", fill(wording.alreadyOfficial, { day: member.officialOn ? formatDay(member.officialOn) : wording.before }));
      }
      if (data.officialOn.getTime() < member.admittedOn.getTime()) {
        throw fieldError("officialOn", fill(wording.officialBeforeAdmitted, { day: formatDay(member.admittedOn) }));
      }
      assertNotFuture(data.officialOn, "officialOn", wording.officialDayLabel);
      const warnings: string[] = [];
      const expected = probationEnds(member.admittedOn);
      if (data.officialOn.getTime() < expected.getTime()) {
        warnings.push(
          fill(wording.officialEarly, { day: formatDay(expected) }),
        );
      }
      const before = await tx.member.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: user.tenantId, id: member.id } },
        select: { partyCardNumber: true },
      });
      const card = data.partyCardNumber ?? before.partyCardNumber;
      if (data.partyCardNumber && data.partyCardNumber !== before.partyCardNumber) {
        const holder = await tx.member.findFirst({
          where: { tenantId: user.tenantId, partyCardNumber: data.partyCardNumber, NOT: { id: member.id } },
          select: { id: true },
        });
        if (holder) throw fieldError("partyCardNumber", CARD_TAKEN);
      }
      const version = await bumpVersion(tx, user, member, {
        status: "OFFICIAL",
        officialOn: data.officialOn,
        partyCardNumber: card,
      });
      await audit(
        tx,
        user,
        member.id,
        {
          action: "member.makeOfficial",
          before: { status: member.status, officialOn: null, partyCardNumber: before.partyCardNumber, version: member.version },
          after: { status: "OFFICIAL", officialOn: isoDay(data.officialOn), partyCardNumber: card, version },
        },
        context,
      );
      return { id: member.id, version, warnings };
    });
  } catch (error) {
    if (violates(error, "Member_tenantId_partyCardNumber_key")) throw fieldError("partyCardNumber", CARD_TAKEN);
    throw error;
  }
}

/**
 * The member leaves the roll on `endedOn` (transferred out of the tenant, deceased, struck off,
 * expelled): the open membership and positions end the day before; the history stays.
 */
export async function endMembership(
  user: Principal,
  input: EndMembershipInput,
  context: ServiceContext = {},
): Promise<{ id: string; version: number }> {
  const data = parseInput(endMembershipSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    assertOnRoll(member);
    assertVersion(member, data.version);
    assertNotFuture(data.endedOn, "endedOn", wording.leftDayLabel);
    const open = await tx.branchMembership.findFirst({
      where: { tenantId: user.tenantId, memberId: member.id, validTo: null },
      select: { id: true, validFrom: true },
    });
    const startsOn = open?.validFrom ?? member.admittedOn;
    if (data.endedOn.getTime() <= startsOn.getTime()) {
      throw fieldError("endedOn", fill(wording.leftBeforeStart, { day: formatDay(startsOn) }));
    }
    const lastDay = addDays(data.endedOn, -1);
    if (open) {
      await tx.branchMembership.update({
        where: { tenantId_id: { tenantId: user.tenantId, id: open.id } },
        data: { validTo: lastDay },
        select: { id: true },
      });
    }
    const closedPositions = await closePositionsOutside(tx, user, member.id, lastDay, null);
    const version = await bumpVersion(tx, user, member, { endedOn: data.endedOn, endReason: data.endReason });
    await audit(
      tx,
      user,
      member.id,
      {
        action: "member.end",
        before: { endedOn: null, endReason: null, membershipId: open?.id ?? null, version: member.version },
        after: {
          endedOn: isoDay(data.endedOn),
          endReason: data.endReason,
          membershipValidTo: open ? isoDay(lastDay) : null,
          closedPositions,
          version,
        },
      },
      context,
    );
    return { id: member.id, version };
  });
}

// ─── Positions ──────────────────────────────────────────────────────────────────────────────────

export function secretaryTakenMessage(unitIsBranch: boolean): string {
  return fill(wording.secretaryTaken, { unit: unitIsBranch ? wording.branch : wording.unit });
}

/**
 * Seats the member in a position on their branch, a committee above it or one of its party
 * groups, for a term. The database refuses two overlapping SECRETARY terms on one unit
 * ("Position_one_secretary"); that refusal becomes a field error on the term's start.
 */
export async function assignPosition(
  user: Principal,
  input: AssignPositionInput,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const data = parseInput(assignPositionSchema, input);
  let unitIsBranch = true;
  try {
    return await withTenant(user.tenantId, async (tx) => {
      const member = await lockMemberForWrite(tx, user, data.memberId);
      assertOnRoll(member);
      const unit = await tx.orgUnit.findUnique({
        where: { tenantId_id: { tenantId: user.tenantId, id: data.orgUnitId } },
        select: { id: true, name: true, kind: true, path: true, parentId: true, activeFrom: true, activeTo: true },
      });
      const related =
        unit !== null && (pathIds(member.branch.path).includes(unit.id) || (unit.parentId === member.branchId && unit.kind === "PARTY_GROUP"));
      if (!unit || !related || !authorize(user, "member.manage", unit)) {
        throw new NotFoundError(wording.unitNotInScope);
      }
      unitIsBranch = BRANCH_UNIT_KINDS.includes(unit.kind);
      if ((unit.kind === "PARTY_GROUP") !== (data.kind === "GROUP_LEADER")) {
        throw fieldError("kind", data.kind === "GROUP_LEADER" ? wording.groupLeaderOnlyGroup : wording.groupOnlyLeader);
      }
      if (unit.activeTo && unit.activeTo.getTime() < data.termFrom.getTime()) {
        throw fieldError("termFrom", fill(wording.unitClosedAfter, { unit: unit.name, day: formatDay(unit.activeTo) }));
      }
      if (member.status !== "OFFICIAL" || !member.officialOn || member.officialOn.getTime() > data.termFrom.getTime()) {
        throw fieldError("termFrom", wording.officialOnly);
      }
      const same = await tx.position.findMany({
        where: { tenantId: user.tenantId, memberId: member.id, orgUnitId: unit.id, kind: data.kind },
        select: { termFrom: true, termTo: true },
      });
      const clash = same.find((p) => overlaps({ from: p.termFrom, to: p.termTo }, { from: data.termFrom, to: data.termTo }));
      if (clash) throw fieldError("termFrom", fill(wording.positionHeld, { period: periodText(clash.termFrom, clash.termTo) }));
      const row = await tx.position.create({
        data: {
          tenantId: user.tenantId,
          memberId: member.id,
          orgUnitId: unit.id,
          kind: data.kind,
          termFrom: data.termFrom,
          termTo: data.termTo,
        },
        select: { id: true },
      });
      await audit(
        tx,
        user,
        member.id,
        {
          action: "member.position.assign",
          after: {
            positionId: row.id,
            kind: data.kind,
            orgUnitId: unit.id,
            orgUnitName: unit.name,
            termFrom: isoDay(data.termFrom),
            termTo: isoDayOrNull(data.termTo),
          },
        },
        context,
      );
      return row;
    });
  } catch (error) {
    if (violates(error, "Position_one_secretary")) throw fieldError("termFrom", secretaryTakenMessage(unitIsBranch));
    throw error;
  }
}

/** Ends a term: `termTo` is the last day in the position. */
export async function endPosition(user: Principal, input: EndPositionInput, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(endPositionSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    const position = await tx.position.findFirst({
      where: { tenantId: user.tenantId, id: data.positionId, memberId: member.id },
      select: { id: true, kind: true, termFrom: true, termTo: true, orgUnit: { select: { id: true, path: true } } },
    });
    if (!position || !authorize(user, "member.manage", position.orgUnit)) {
      throw new NotFoundError(wording.positionNotFound);
    }
    if (position.termTo && position.termTo.getTime() <= data.termTo.getTime()) {
      throw fieldError("termTo", fill(wording.termEnded, { day: formatDay(position.termTo) }));
    }
    if (data.termTo.getTime() < position.termFrom.getTime()) {
      throw fieldError("termTo", fill(wording.termEndBeforeStart, { day: formatDay(position.termFrom) }));
    }
    await tx.position.update({
      where: { tenantId_id: { tenantId: user.tenantId, id: position.id } },
      data: { termTo: data.termTo },
      select: { id: true },
    });
    await audit(
      tx,
      user,
      member.id,
      {
        action: "member.position.end",
        before: { positionId: position.id, kind: position.kind, orgUnitId: position.orgUnit.id, termTo: isoDayOrNull(position.termTo) },
        after: { positionId: position.id, kind: position.kind, orgUnitId: position.orgUnit.id, termTo: isoDay(data.termTo) },
      },
      context,
    );
    return { id: position.id };
  });
}
