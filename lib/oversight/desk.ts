// The overseer's desk (issue 6 §3): the branches they follow (and delegations both ways), the
// upcoming meetings of those branches with their documents and "I will attend", the held meetings
// still waiting for their visit record, the scorecards waiting for their confirmation, their recent
// visits and their own figure for the year. Read in one tenant transaction.
import { authorize, canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenantReads } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors";
import messages from "@/lib/i18n/messages";
import type { CommitteeLevel, DocumentKind, MeetingKind, MeetingState, VisitApproval, VisitStatus } from "@/lib/generated/prisma/enums";
import { isInSubtree } from "@/lib/domain/org-path";
import { meetingDayOf } from "@/lib/oversight/common";
import { coverageYear, overseerCoverageTx, type OverseerCoverage } from "@/lib/oversight/coverage";
import { needsApproval, termCovers } from "@/lib/oversight/rules";
import { tenantOversightSettings } from "@/lib/oversight/settings";
import { LOCKED_STATES } from "@/lib/meetings/states";
import { addDays, todayInVietnam, vietnamDayOf } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";

const words = messages.oversightServer.desk;

/** How far ahead the desk lists meetings, and how far back a held meeting still asks for a record. */
export const DESK_AHEAD_DAYS = 60;
export const DESK_RECORD_DAYS = 45;

export interface DeskMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  plannedStart: Date;
  place: string | null;
  day: Date;
  branch: { id: string; name: string };
  /** Attending on someone's behalf: their name. */
  onBehalfOf: string | null;
  visit: { id: string; status: VisitStatus; approval: VisitApproval; countsForQuota: boolean } | null;
}

export interface DeskView {
  year: number;
  today: Date;
  backdateDays: number;
  coverage: OverseerCoverage | null;
  followed: {
    assignmentId: string;
    branch: { id: string; name: string };
    level: CommitteeLevel;
    validFrom: Date;
    validTo: Date | null;
    delegations: { id: string; toName: string; validFrom: Date; validTo: Date; revoked: boolean }[];
    /** Colleagues holding the OVERSEER role over the branch, for a new delegation. */
    delegateOptions: { id: string; displayName: string }[];
  }[];
  delegatedToMe: { id: string; branch: { id: string; name: string }; fromName: string; validFrom: Date; validTo: Date }[];
  upcoming: (DeskMeeting & { documents: { id: string; title: string; kind: DocumentKind }[]; canRegister: boolean })[];
  awaitingRecord: (DeskMeeting & { wouldNeedApproval: boolean })[];
  awaitingScore: (DeskMeeting & { wouldNeedApproval: boolean })[];
  recent: DeskMeeting[];
}

type Term = { validFrom: Date; validTo: Date | null; onBehalfOf: string | null };

export async function getDesk(user: Principal, context: { now?: Date } = {}): Promise<DeskView> {
  if (!canAnywhere(user, "score.confirm")) throw new ForbiddenError(words.forbidden);
  const now = context.now ?? new Date();
  const today = todayInVietnam(now);
  const { year, asOf } = coverageYear(undefined, now);
  return withTenantReads(user.tenantId, async (tx) => {
    const since = addDays(today, -DESK_RECORD_DAYS);
    const assignments = await tx.overseerAssignment.findMany({
      where: { tenantId: user.tenantId, userId: user.id },
      select: {
        id: true,
        committeeLevel: true,
        validFrom: true,
        validTo: true,
        branch: { select: { id: true, name: true, path: true } },
        delegations: { select: { id: true, validFrom: true, validTo: true, revokedAt: true, toUser: { select: { displayName: true } } }, orderBy: { validFrom: "desc" } },
      },
      orderBy: [{ validFrom: "desc" }],
    });
    const delegations = await tx.overseerDelegation.findMany({
      where: { tenantId: user.tenantId, toUserId: user.id, revokedAt: null },
      select: {
        id: true,
        validFrom: true,
        validTo: true,
        assignment: { select: { validFrom: true, validTo: true, user: { select: { displayName: true } }, branch: { select: { id: true, name: true, path: true } } } },
      },
      orderBy: { validFrom: "desc" },
    });

    // The terms on which the caller attends each branch (a revoked grant hides the branch altogether).
    const terms = new Map<string, Term[]>();
    const names = new Map<string, string>();
    for (const a of assignments) {
      if (!authorize(user, "score.confirm", a.branch)) continue;
      terms.set(a.branch.id, [...(terms.get(a.branch.id) ?? []), { validFrom: a.validFrom, validTo: a.validTo, onBehalfOf: null }]);
      names.set(a.branch.id, a.branch.name);
    }
    for (const d of delegations) {
      const branch = d.assignment.branch;
      if (!authorize(user, "score.confirm", branch)) continue;
      // The delegation works only while the assignment behind it does.
      const from = d.validFrom.getTime() > d.assignment.validFrom.getTime() ? d.validFrom : d.assignment.validFrom;
      const to = d.assignment.validTo && d.assignment.validTo.getTime() < d.validTo.getTime() ? d.assignment.validTo : d.validTo;
      terms.set(branch.id, [...(terms.get(branch.id) ?? []), { validFrom: from, validTo: to, onBehalfOf: d.assignment.user.displayName }]);
      names.set(branch.id, branch.name);
    }
    const termOn = (branchId: string, day: Date): Term | null => {
      const list = terms.get(branchId) ?? [];
      return list.find((term) => term.onBehalfOf === null && termCovers(term, day)) ?? list.find((term) => termCovers(term, day)) ?? null;
    };
    const branchIds = [...terms.keys()];

    const meetingSelect = {
      id: true,
      title: true,
      kind: true,
      state: true,
      plannedStart: true,
      actualStart: true,
      place: true,
      branch: { select: { id: true, name: true } },
    } as const;
    const windowed = await tx.meeting.findMany({
      where: {
        tenantId: user.tenantId,
        branchId: { in: branchIds },
        plannedStart: { gte: addDays(since, -1), lte: addDays(today, DESK_AHEAD_DAYS + 1) },
      },
      select: meetingSelect,
      orderBy: { plannedStart: "asc" },
    });
    const scoring = await tx.meeting.findMany({
      where: { tenantId: user.tenantId, branchId: { in: branchIds }, state: "SELF_SCORED" },
      select: meetingSelect,
      orderBy: { plannedStart: "desc" },
      take: 50,
    });
    const recentVisits = await tx.overseerVisit.findMany({
      where: { tenantId: user.tenantId, userId: user.id, status: { not: "PLANNED" } },
      select: { meeting: { select: meetingSelect } },
      orderBy: { recordedAt: "desc" },
      take: 10,
    });
    const meetingIds = [...new Set([...windowed, ...scoring, ...recentVisits.map((v) => v.meeting)].map((m) => m.id))];
    const visits = await tx.overseerVisit.findMany({
      where: { tenantId: user.tenantId, userId: user.id, meetingId: { in: meetingIds } },
      select: { id: true, meetingId: true, status: true, approval: true, countsForQuota: true },
    });
    const visitOf = new Map(visits.map((v) => [v.meetingId, { id: v.id, status: v.status, approval: v.approval, countsForQuota: v.countsForQuota }]));

    type Row = (typeof windowed)[number];
    const toDesk = (m: Row): DeskMeeting | null => {
      const day = meetingDayOf(m);
      const term = termOn(m.branch.id, day);
      const visit = visitOf.get(m.id) ?? null;
      // A visit already recorded stays on the desk even if the term has since changed.
      if (!term && !visit) return null;
      return {
        id: m.id,
        title: m.title,
        kind: m.kind,
        state: m.state,
        plannedStart: m.plannedStart,
        place: m.place,
        day,
        branch: m.branch,
        onBehalfOf: term?.onBehalfOf ?? null,
        visit,
      };
    };

    const settings = await tenantOversightSettings(tx, user.tenantId, today);
    const upcomingRows = windowed
      .filter((m) => ["PLANNED", "NOTIFIED", "POSTPONED"].includes(m.state) && meetingDayOf(m).getTime() >= today.getTime())
      .map(toDesk)
      .filter((m): m is DeskMeeting => m !== null);
    const documents = await tx.meetingDocument.findMany({
      where: { tenantId: user.tenantId, meetingId: { in: upcomingRows.map((m) => m.id) } },
      select: { id: true, meetingId: true, title: true, kind: true },
      orderBy: [{ postedAt: "asc" }],
    });
    const upcoming = upcomingRows.map((m) => ({
      ...m,
      documents: documents.filter((d) => d.meetingId === m.id).map((d) => ({ id: d.id, title: d.title, kind: d.kind })),
      canRegister: m.visit === null && m.state !== "POSTPONED",
    }));
    const awaitingRecord = windowed
      .filter((m) => HELD_STATES.includes(m.state) && !LOCKED_STATES.includes(m.state))
      .map(toDesk)
      .filter((m): m is DeskMeeting => m !== null && (m.visit === null || m.visit.status === "PLANNED"))
      .filter((m) => m.visit?.status === "PLANNED" || m.day.getTime() >= since.getTime())
      .map((m) => ({ ...m, wouldNeedApproval: needsApproval(m.day, vietnamDayOf(now), settings.backdateDays) }))
      .sort((a, b) => b.plannedStart.getTime() - a.plannedStart.getTime());
    const awaitingScore = scoring
      .map(toDesk)
      .filter((m): m is DeskMeeting => m !== null)
      .map((m) => ({ ...m, wouldNeedApproval: needsApproval(m.day, vietnamDayOf(now), settings.backdateDays) }));
    const recent = recentVisits.map((v) => toDesk(v.meeting)).filter((m): m is DeskMeeting => m !== null);

    // Colleagues who could stand in, per followed branch (one query for all of them).
    const overseerGrants = await tx.roleGrant.findMany({
      where: { tenantId: user.tenantId, role: "OVERSEER", user: { disabled: false }, userId: { not: user.id } },
      select: { orgUnit: { select: { path: true } }, user: { select: { id: true, displayName: true } } },
    });
    const current = assignments.filter((a) => a.validTo === null || a.validTo.getTime() >= today.getTime());
    const followed = current.map((a) => {
      const options = new Map<string, string>();
      for (const grant of overseerGrants) if (isInSubtree(a.branch.path, grant.orgUnit.path)) options.set(grant.user.id, grant.user.displayName);
      return {
        assignmentId: a.id,
        branch: { id: a.branch.id, name: a.branch.name },
        level: a.committeeLevel,
        validFrom: a.validFrom,
        validTo: a.validTo,
        delegations: a.delegations
          .filter((d) => d.validTo.getTime() >= today.getTime())
          .map((d) => ({ id: d.id, toName: d.toUser.displayName, validFrom: d.validFrom, validTo: d.validTo, revoked: d.revokedAt !== null })),
        delegateOptions: [...options].map(([id, displayName]) => ({ id, displayName })).sort((x, y) => x.displayName.localeCompare(y.displayName, "vi")),
      };
    });
    const coverage = (await overseerCoverageTx(tx, user.tenantId, [user.id], year, asOf))[0] ?? null;
    return {
      year,
      today,
      backdateDays: settings.backdateDays,
      coverage,
      followed,
      delegatedToMe: delegations
        .filter((d) => d.validTo.getTime() >= today.getTime())
        .map((d) => ({ id: d.id, branch: { id: d.assignment.branch.id, name: names.get(d.assignment.branch.id) ?? d.assignment.branch.name }, fromName: d.assignment.user.displayName, validFrom: d.validFrom, validTo: d.validTo })),
      upcoming,
      awaitingRecord,
      awaitingScore,
      recent,
    };
  });
}
