// The JSON shape of the roster in /api/v1: calendar days as "yyyy-mm-dd", instants as ISO 8601,
// ids as strings. Built from the same service results the pages render.
import type { MemberDetail, MemberListPage } from "@/lib/org/members";
import { isoDay, isoDayOrNull } from "@/lib/time/days";

export function memberListJson(page: MemberListPage) {
  return {
    items: page.items.map((item) => ({
      id: item.id,
      fullName: item.fullName,
      gender: item.gender,
      birthDate: isoDay(item.birthDate),
      status: item.status,
      partyCardNumber: item.partyCardNumber,
      branch: { id: item.branchId, name: item.branchName },
      endedOn: isoDayOrNull(item.endedOn),
      endReason: item.endReason,
      positions: item.positions,
      exempt: item.exempt,
      suspended: item.suspended,
      temporarilyAway: item.temporarilyAway,
    })),
    nextCursor: page.nextCursor,
    total: page.total,
    search: page.search,
    filters: page.filters,
  };
}

export function memberDetailJson(member: MemberDetail) {
  const unit = (ref: { id: string; name: string } | null) => (ref ? { id: ref.id, name: ref.name } : null);
  return {
    id: member.id,
    version: member.version,
    fullName: member.fullName,
    gender: member.gender,
    birthDate: isoDay(member.birthDate),
    partyCardNumber: member.partyCardNumber,
    admittedOn: isoDay(member.admittedOn),
    officialOn: isoDayOrNull(member.officialOn),
    status: member.status,
    ethnicity: member.ethnicity,
    hometown: member.hometown,
    occupation: member.occupation,
    phone: member.phone,
    email: member.email,
    endedOn: isoDayOrNull(member.endedOn),
    endReason: member.endReason,
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
    branch: { id: member.branch.id, name: member.branch.name, kind: member.branch.kind },
    memberships: member.memberships.map((m) => ({
      id: m.id,
      branch: unit(m.branch),
      validFrom: isoDay(m.validFrom),
      validTo: isoDayOrNull(m.validTo),
      note: m.note,
    })),
    positions: member.positions.map((p) => ({
      id: p.id,
      kind: p.kind,
      orgUnit: { id: p.orgUnit.id, name: p.orgUnit.name, kind: p.orgUnit.kind },
      termFrom: isoDay(p.termFrom),
      termTo: isoDayOrNull(p.termTo),
    })),
    exemptions: member.exemptions.map((e) => ({
      id: e.id,
      fromDate: isoDay(e.fromDate),
      toDate: isoDayOrNull(e.toDate),
      reason: e.reason,
      decidedAtMeetingId: e.decidedAtMeeting?.id ?? null,
    })),
    temporaryTransfers: member.temporaryTransfers.map((t) => ({
      id: t.id,
      hostBranch: unit(t.hostBranch),
      hostName: t.hostName,
      fromDate: isoDay(t.fromDate),
      toDate: isoDayOrNull(t.toDate),
      reason: t.reason,
    })),
    suspensions: member.suspensions.map((s) => ({
      id: s.id,
      fromDate: isoDay(s.fromDate),
      toDate: isoDayOrNull(s.toDate),
      reason: s.reason,
    })),
    residenceLinks: member.residenceLinks.map((link) => ({
      id: link.id,
      version: link.version,
      residenceBranch: unit(link.residenceBranch),
      residenceBranchName: link.residenceBranchName,
      address: link.address,
      fromDate: isoDay(link.fromDate),
      toDate: isoDayOrNull(link.toDate),
      exempt: link.exempt,
      exemptReason: link.exemptReason,
      comments: link.comments.map((c) => ({
        id: c.id,
        year: c.year,
        comment: c.comment,
        commentedBy: c.commentedBy,
        receivedOn: isoDay(c.receivedOn),
      })),
    })),
  };
}
