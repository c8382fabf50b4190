// The meetings a user should have in their calendar: those of the branch their linked member
// belongs to, and those of the units they record, oversee, review, lead or administer. Access is
// the meeting rule (canReadMeeting): one predicate per subtree root of their grants.
import { scopeRoots, type Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import type { MeetingKind, MeetingState, Role } from "@/lib/generated/prisma/enums";
import { canReadMeeting } from "@/lib/meetings/access";
import { isInSubtree } from "@/lib/domain/org-path";
import { settingsFor } from "@/lib/settings/resolve";
import { buildIcs, type CalendarEvent } from "./ics";
import { DAY_MS, vietnamDayOf, vietnamMidnight } from "@/lib/time/days";

export type CalendarRelation = "member" | Role;

export interface CalendarItem {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  stateReason: string | null;
  topic: string | null;
  plannedStart: Date;
  /** plannedEnd, or the start plus the tenant's minimum duration for the kind. */
  plannedEnd: Date;
  place: string | null;
  branch: { id: string; name: string };
  version: number;
  updatedAt: Date;
  /** Why it is in this user's calendar (the member's own branch first). */
  relation: CalendarRelation;
}

/** Which grant explains a meeting best when several cover it. */
const ROLE_ORDER: readonly Role[] = ["RECORDER", "OVERSEER", "REVIEWER", "LEADER", "TENANT_ADMIN", "MEMBER"];

export interface CalendarWindow {
  from: Date;
  to: Date;
  /** At most this many meetings (the earliest). */
  limit?: number;
}

export async function calendarItems(user: Principal, window: CalendarWindow): Promise<CalendarItem[]> {
  const roots = [...scopeRoots(user, "meeting.read"), ...scopeRoots(user, "meeting.attendOwn")];
  if (roots.length === 0) return [];
  return withTenant(user.tenantId, async (tx) => {
    // The account's linked member decides "your branch" (read here, so token callers get it too).
    const account = await tx.user.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: user.id } },
      select: { member: { select: { branchId: true } } },
    });
    const member = account?.member ?? null;
    const rows = await tx.meeting.findMany({
      where: {
        tenantId: user.tenantId,
        plannedStart: { gte: window.from, lt: window.to },
        OR: roots.map((root) => ({ branch: { path: { startsWith: root.path } } })),
      },
      select: {
        id: true,
        title: true,
        kind: true,
        state: true,
        stateReason: true,
        topic: true,
        plannedStart: true,
        plannedEnd: true,
        place: true,
        version: true,
        updatedAt: true,
        branch: { select: { id: true, name: true, path: true } },
      },
      orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
      take: window.limit ?? 500,
    });
    // Tenant-wide durations (subtree overrides only change the minimum, not where the event sits).
    const settings = await settingsFor(tx, user.tenantId, "/", window.from);
    return rows
      .filter((row) => canReadMeeting(user, row.branch))
      .map((row) => {
        const minutes = row.kind === "COMBINED" ? settings["meeting.minMinutesLong"] : settings["meeting.minMinutesRegular"];
        const relation: CalendarRelation =
          member?.branchId === row.branch.id
            ? "member"
            : (ROLE_ORDER.find((role) => user.grants.some((g) => g.role === role && isInSubtree(row.branch.path, g.path))) ?? "MEMBER");
        return {
          id: row.id,
          title: row.title,
          kind: row.kind,
          state: row.state,
          stateReason: row.stateReason,
          topic: row.topic,
          plannedStart: row.plannedStart,
          plannedEnd: row.plannedEnd ?? new Date(row.plannedStart.getTime() + minutes * 60_000),
          place: row.place,
          branch: { id: row.branch.id, name: row.branch.name },
          version: row.version,
          updatedAt: row.updatedAt,
          relation,
        };
      });
  });
}

/** From today (Vietnam) for `days` days. */
export function upcomingWindow(now: Date, days: number): CalendarWindow {
  const start = vietnamMidnight(vietnamDayOf(now));
  return { from: start, to: new Date(start.getTime() + days * DAY_MS) };
}

const STATUS: Record<MeetingState, CalendarEvent["status"]> = {
  PLANNED: "TENTATIVE",
  POSTPONED: "TENTATIVE",
  NOTIFIED: "CONFIRMED",
  HELD: "CONFIRMED",
  MINUTES_ADOPTED: "CONFIRMED",
  SELF_SCORED: "CONFIRMED",
  CONFIRMED: "CONFIRMED",
  FINALISED: "CONFIRMED",
  CANCELLED: "CANCELLED",
};

export interface FeedLabels {
  calendarName: string;
  /** "Hoãn: …" / "Hủy: …" prefixes and the kind names. */
  describe(item: CalendarItem): string;
}

/** The iCal feed: the last 90 days and the next 400, so recent changes still reach the calendar. */
export async function calendarFeed(
  user: Principal,
  options: { origin: string; now?: Date; labels: FeedLabels },
): Promise<string> {
  const now = options.now ?? new Date();
  const items = await calendarItems(user, {
    from: new Date(now.getTime() - 90 * DAY_MS),
    to: new Date(now.getTime() + 400 * DAY_MS),
    limit: 2000,
  });
  const events: CalendarEvent[] = items.map((item) => ({
    id: item.id,
    sequence: item.version,
    start: item.plannedStart,
    end: item.plannedEnd,
    summary: `${item.title} – ${item.branch.name}`,
    location: item.place,
    description: options.labels.describe(item),
    url: `${options.origin}/meetings/${item.id}`,
    status: STATUS[item.state],
    updatedAt: item.updatedAt,
  }));
  // The UID does not depend on the host name, so an event stays the same event behind any address.
  return buildIcs(events, { name: options.labels.calendarName, now });
}
