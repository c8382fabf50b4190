// The notice (thông báo / giấy mời, SPEC §3.1 step 3, P4): composed from the meeting's time, place
// and content, edited by the secretary, then sent in ONE transaction with everything it implies:
// the Notice row, an in-app notification for every member on the roll of the meeting day who has
// an account, an outbox e-mail for every member with an address, the same for the overseers of
// the branch, the meeting's notice fields, and the move to NOTIFIED. A second send within a minute
// (a double click) is refused; so is any send once NOTIFIED unless "gửi lại" is chosen.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ValidationError } from "@/lib/errors";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatDate, formatTime } from "@/lib/i18n/format";
import { assertVersion, loadMeeting } from "@/lib/meetings/access";
import { applyTransition } from "@/lib/meetings/lifecycle";
import { parseInput } from "@/lib/errors";
import { versionField } from "@/lib/meetings/schemas";
import { createNotifications } from "@/lib/notifications/notifications";
import { cleanAddress, enqueueMails } from "@/lib/notifications/outbox";
import { branchRosterOn } from "@/lib/org/member-lifecycle";
import { pathIds } from "@/lib/domain/org-path";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { vietnamDayOf } from "@/lib/time/days";

const wording = messages.meetingsServer.notices;
const shared = messages.meetingsServer.common;

/** A notice sent less than this long ago blocks another send (double clicks, two secretaries). */
export const RESEND_PAUSE_MS = 60_000;

const STALE = shared.stale;

// ─── Composing ──────────────────────────────────────────────────────────────────────────────────

const KIND_PHRASE: Record<MeetingKind, string> = wording.kindPhrase;
const WEEKDAYS = wording.weekdays;

/** "14 giờ 00, thứ Năm, ngày 05/03/2026" in Vietnam time. */
export function noticeDateTime(at: Date): string {
  const [hour, minute] = formatTime(at).split(":");
  const weekday = WEEKDAYS[vietnamDayOf(at).getUTCDay()]!;
  return fill(wording.dateTime, { hour: hour!, minute: minute!, weekday, date: formatDate(at) });
}

/** What the meeting will deal with when the secretary wrote no content: its topic, or the monthly agenda. */
function defaultAgenda(topic: string | null): string {
  return topic ? fill(wording.topicAgenda, { topic }) : wording.defaultAgenda;
}

/** The meeting's columns a notice is written from (read with the branch's name beside them). */
export const NOTICE_SOURCE = {
  title: true,
  kind: true,
  state: true,
  topic: true,
  plannedStart: true,
  plannedEnd: true,
  place: true,
  content: true,
  noticeToOverseer: true,
} as const satisfies Prisma.MeetingSelect;

/** The default notice text; the secretary edits it before sending. */
export function composeNotice(meeting: {
  title: string;
  kind: MeetingKind;
  topic: string | null;
  plannedStart: Date;
  plannedEnd: Date | null;
  place: string | null;
  content: string | null;
  branchName: string;
  toOverseer: boolean;
}): { subject: string; body: string } {
  const when = noticeDateTime(meeting.plannedStart);
  const [endHour, endMinute] = meeting.plannedEnd ? formatTime(meeting.plannedEnd).split(":") : [];
  const until = meeting.plannedEnd ? fill(wording.until, { hour: endHour!, minute: endMinute! }) : "";
  const content = meeting.content?.trim();
  const agenda = content
    ? content.length > 1500
      ? `${content.slice(0, 1500).trimEnd()}…`
      : content
    : defaultAgenda(meeting.topic);
  const lines = [
    fill(wording.addressee, { branch: meeting.branchName, overseer: meeting.toOverseer ? wording.addresseeOverseer : "" }),
    "",
    fill(wording.announces, {
      branch: meeting.branchName,
      kind: KIND_PHRASE[meeting.kind],
      title: meeting.title,
      topic: meeting.topic && content ? fill(wording.announcesTopic, { topic: meeting.topic }) : "",
    }),
    fill(wording.time, { when, until }),
    fill(wording.place, { place: meeting.place?.trim() || wording.placeLater }),
    wording.agenda,
    agenda,
    "",
    wording.documents,
    wording.attend,
  ];
  return {
    subject: fill(wording.subject, { kind: KIND_PHRASE[meeting.kind], date: formatDate(meeting.plannedStart), branch: meeting.branchName }),
    body: lines.join("\n"),
  };
}

// ─── Who receives it ────────────────────────────────────────────────────────────────────────────

export interface NoticeReach {
  /** Members on the roll of the meeting day. */
  rosterSize: number;
  /** …of whom have an active account (in-app notification). */
  withAccount: number;
  /** …of whom have a usable e-mail address. */
  withEmail: number;
  /** Members reached by neither: the secretary tells them another way. */
  unreachable: string[];
  /** Users holding an OVERSEER grant that covers the branch. */
  overseers: number;
  /** Distinct people reached (members reached plus overseers who are not among them). */
  recipients: number;
}

/** One person a notice goes to, and how. */
export interface NoticeRecipient {
  name: string;
  /** In-app notification (an active account), e-mail (an address on file), or both. */
  channels: ("app" | "email")[];
  /** A superior-committee member following the branch (not on its roll). */
  overseer: boolean;
}

interface Recipients {
  reach: NoticeReach;
  /** Everyone reached, the sender left out (they wrote it). */
  people: NoticeRecipient[];
  userIds: string[];
  emails: string[];
}

async function recipientsOf(tx: Tx, tenantId: string, branch: { id: string; path: string }, day: Date, senderId: string | null): Promise<Recipients> {
  const roster = await branchRosterOn(tx, tenantId, branch.id, day);
  const memberIds = roster.map((entry) => entry.memberId);
  const members = await tx.member.findMany({ where: { tenantId, id: { in: memberIds } }, select: { id: true, email: true } });
  const accounts = await tx.user.findMany({
    where: { tenantId, memberId: { in: memberIds }, disabled: false },
    select: { id: true, memberId: true },
  });
  // Overseer grants on the branch or any unit above it (the ids on its path) cover it.
  const overseerGrants = await tx.roleGrant.findMany({
    where: { tenantId, role: "OVERSEER", orgUnitId: { in: pathIds(branch.path) }, user: { disabled: false } },
    select: { user: { select: { id: true, displayName: true, memberId: true, member: { select: { email: true } } } } },
  });
  const emailOf = new Map(members.map((member) => [member.id, cleanAddress(member.email)]));
  const accountOf = new Map<string, string>();
  for (const account of accounts) if (account.memberId) accountOf.set(account.memberId, account.id);
  const people: NoticeRecipient[] = [];
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const unreachable: string[] = [];
  let withEmail = 0;
  for (const entry of roster) {
    const email = emailOf.get(entry.memberId) ?? null;
    const account = accountOf.get(entry.memberId) ?? null;
    if (email) withEmail += 1;
    if (!email && !account) {
      unreachable.push(entry.label);
      continue;
    }
    if (account !== null && account === senderId) continue;
    if (account) userIds.add(account);
    if (email) emails.add(email);
    people.push({ name: entry.label, channels: [...(account ? (["app"] as const) : []), ...(email ? (["email"] as const) : [])], overseer: false });
  }
  const overseers = new Map(overseerGrants.map((grant) => [grant.user.id, grant.user]));
  for (const overseer of overseers.values()) {
    const onRoll = overseer.memberId !== null && memberIds.includes(overseer.memberId);
    if (onRoll || overseer.id === senderId) continue;
    userIds.add(overseer.id);
    const email = cleanAddress(overseer.member?.email);
    if (email) emails.add(email);
    people.push({ name: overseer.displayName, channels: email ? ["app", "email"] : ["app"], overseer: true });
  }
  return {
    reach: {
      rosterSize: roster.length,
      withAccount: accountOf.size,
      withEmail,
      unreachable,
      overseers: overseers.size,
      recipients: people.length,
    },
    people,
    userIds: [...userIds],
    emails: [...emails],
  };
}

/** Who a notice sent by `senderId` would reach now (the page shows it next to the send button). */
export async function noticeReach(tx: Tx, tenantId: string, branch: { id: string; path: string }, day: Date, senderId: string | null = null): Promise<NoticeReach> {
  return (await recipientsOf(tx, tenantId, branch, day, senderId)).reach;
}

// ─── Sending ────────────────────────────────────────────────────────────────────────────────────

export const sendNoticeSchema = z.object({
  meetingId: z.string({ error: shared.meetingIdMissing }).trim().min(1, shared.meetingIdMissing),
  version: versionField,
  subject: z
    .string({ error: wording.subjectRequired })
    .transform((value) => value.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(5, wording.subjectTooShort).max(200, wording.subjectTooLong)),
  body: z
    .string({ error: wording.bodyRequired })
    .transform((value) => value.normalize("NFC").replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trim())
    .pipe(z.string().min(20, wording.bodyTooShort).max(10_000, wording.bodyTooLong)),
  /** Explicitly send again after the meeting was already notified. */
  resend: z
    .union([z.boolean(), z.enum(["on", "true", "false", "1", "0", ""])])
    .optional()
    .transform((value) => value === true || value === "on" || value === "true" || value === "1"),
});
export type SendNoticeInput = z.input<typeof sendNoticeSchema>;

export interface SendNoticeResult {
  noticeId: string;
  sentAt: Date;
  recipientCount: number;
  notifications: number;
  emails: number;
  includesOverseer: boolean;
  /** Members on the roll reached by neither channel. */
  unreachable: string[];
  /** Who got it and through which channel (the sender left out). */
  recipients: NoticeRecipient[];
  state: MeetingState;
  version: number;
}

/** Sends the notice. See the file comment for what happens in the one transaction. */
export async function sendNotice(
  user: Principal,
  input: SendNoticeInput | Record<string, unknown>,
  context: { requestId?: string | null; now?: Date } = {},
): Promise<SendNoticeResult> {
  const data = parseInput(sendNoticeSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    // The lock makes a second click wait for the first, then see its notice.
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    const last = await tx.notice.findFirst({
      where: { tenantId: user.tenantId, meetingId: meeting.id },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    });
    if (last && now.getTime() - last.sentAt.getTime() < RESEND_PAUSE_MS && now.getTime() >= last.sentAt.getTime()) {
      throw new ConflictError(
        fill(wording.justSent, { time: formatTime(last.sentAt) }),
      );
    }
    if (meeting.state === "NOTIFIED" && !data.resend) {
      throw new ConflictError(
        wording.alreadySent,
      );
    }
    if (meeting.state === "POSTPONED") {
      throw new ValidationError(wording.postponed);
    }
    if (meeting.state !== "PLANNED" && meeting.state !== "NOTIFIED") {
      throw new ValidationError(wording.closed);
    }
    assertVersion(meeting, data.version);

    const details = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
      select: { title: true, noticeSentAt: true, noticeToOverseer: true },
    });
    const { reach, people, userIds, emails } = await recipientsOf(tx, user.tenantId, meeting.branch, vietnamDayOf(meeting.plannedStart), user.id);
    if (reach.recipients === 0) {
      throw new ValidationError(
        wording.noRecipients,
      );
    }
    const includesOverseer = reach.overseers > 0;
    const notice = await tx.notice.create({
      data: {
        tenantId: user.tenantId,
        meetingId: meeting.id,
        sentAt: now,
        sentById: user.id,
        subject: data.subject,
        body: data.body,
        recipientCount: reach.recipients,
        includesOverseer,
      },
      select: { id: true },
    });
    const link = `/meetings/${meeting.id}`;
    // The sender (often a member of the branch too) is not among them: they wrote it.
    const notifications = await createNotifications(
      tx,
      user.tenantId,
      userIds.map((userId) => ({ userId, title: data.subject, body: data.body, link })),
    );
    const mailed = await enqueueMails(
      tx,
      user.tenantId,
      emails.map((toAddress) => ({
        toAddress,
        subject: data.subject,
        body: fill(wording.mailFooter, { body: data.body }),
      })),
    );

    const transitions = meeting.state === "PLANNED";
    const updated = await tx.meeting.updateMany({
      where: { tenantId: user.tenantId, id: meeting.id, version: meeting.version },
      data: {
        noticeSentAt: details.noticeSentAt ?? now,
        noticeToOverseer: details.noticeToOverseer || includesOverseer,
        // The transition below bumps the version; a resend bumps it here.
        ...(transitions ? {} : { version: { increment: 1 } }),
      },
    });
    if (updated.count === 0) throw new ConflictError(STALE);
    let state: MeetingState = meeting.state;
    let version = meeting.version + (transitions ? 0 : 1);
    if (transitions) {
      const moved = await applyTransition(tx, user, { id: meeting.id }, "notify", {
        version: meeting.version,
        requestId: context.requestId,
        now,
      });
      state = moved.to;
      version = moved.version;
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "meeting.notice.send",
      entityType: "Meeting",
      entityId: meeting.id,
      before: { noticeSentAt: details.noticeSentAt?.toISOString() ?? null, noticeToOverseer: details.noticeToOverseer },
      after: {
        noticeId: notice.id,
        resend: !transitions,
        subject: data.subject,
        recipientCount: reach.recipients,
        notifications,
        emails: mailed,
        includesOverseer,
        noticeSentAt: (details.noticeSentAt ?? now).toISOString(),
        noticeToOverseer: details.noticeToOverseer || includesOverseer,
      },
      requestId: context.requestId,
    });
    return {
      noticeId: notice.id,
      sentAt: now,
      recipientCount: reach.recipients,
      notifications,
      emails: mailed,
      includesOverseer,
      unreachable: reach.unreachable,
      recipients: people,
      state,
      version,
    };
  });
}

// ─── The shareable notice (printed, or an image sent where members already talk) ───────────────

export interface NoticeSheet {
  meetingId: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  branchName: string;
  /** "14 giờ 00, thứ Năm, ngày 05/03/2026". */
  when: string;
  place: string | null;
  /** The agenda: the meeting's content, else its topic, else the usual agenda of a monthly meeting. */
  agenda: string;
  /** The notice as sent (latest), else the text that would be sent now. */
  subject: string;
  body: string;
  sentAt: Date | null;
  /** The members of the roll reached by neither the app nor e-mail (shown to the secretary only). */
  unreachable: string[];
  /** The meeting's posted documents (downloaded after signing in). */
  documents: { id: string; title: string }[];
}

/**
 * What the printable notice and its image show. Anyone who may read the meeting sees it (a member
 * opens it from the QR code after signing in); the names of the unreachable members only to those
 * who record the branch's meetings.
 */
export async function getNoticeSheet(user: Principal, meetingId: string): Promise<NoticeSheet> {
  return withTenant(user.tenantId, async (tx) => {
    const ref = await loadMeeting(tx, user, meetingId);
    const meeting = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: ref.id } },
      select: {
        ...NOTICE_SOURCE,
        notices: { select: { subject: true, body: true, sentAt: true }, orderBy: { sentAt: "desc" }, take: 1 },
        documents: { select: { id: true, title: true }, orderBy: { postedAt: "asc" } },
      },
    });
    const draft = composeNotice({ ...meeting, branchName: ref.branch.name, toOverseer: meeting.noticeToOverseer });
    const sent = meeting.notices[0] ?? null;
    const recorder = authorize(user, "meeting.record", ref.branch);
    const unreachable = recorder ? (await recipientsOf(tx, user.tenantId, ref.branch, vietnamDayOf(meeting.plannedStart), user.id)).reach.unreachable : [];
    const content = meeting.content?.trim();
    return {
      meetingId: ref.id,
      title: meeting.title,
      kind: meeting.kind,
      state: meeting.state,
      branchName: ref.branch.name,
      when: noticeDateTime(meeting.plannedStart),
      place: meeting.place?.trim() || null,
      agenda: content || defaultAgenda(meeting.topic),
      subject: sent?.subject ?? draft.subject,
      body: sent?.body ?? draft.body,
      sentAt: sent?.sentAt ?? null,
      unreachable,
      documents: meeting.documents,
    };
  });
}
