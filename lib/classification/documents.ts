// The documents of the year-end review as the party files them, built as the neutral model of
// lib/documents (so DOCX and print cannot disagree) and written by its DOCX writer:
// - the bản kiểm điểm of a member (or the report of an organisation's self-review): who, the
//   strengths with the record beside each criterion, shortcomings, remedies, the points table with
//   every column, the self-proposed level, the branch's comments and vote, and the decision;
// - the minutes of the branch's review meeting (biên bản hội nghị kiểm điểm): the meeting's own
//   minutes (lib/documents/builders) with the results of the review — each subject's proposed level,
//   the branch's proposal and its vote — before the closing part.
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { buildMinutesDocument } from "@/lib/documents/builders";
import { DOCX_MEDIA_TYPE, officialDocxBuffer } from "@/lib/documents/docx";
import type { ExportedFile } from "@/lib/documents/export";
import { loadMeetingRecord } from "@/lib/documents/meeting-record";
import { labelled, paragraph, paragraphsOf, placeDateLine, upper, type DocBlock, type OfficialDocument } from "@/lib/documents/model";
import { NotFoundError } from "@/lib/errors";
import { MEETING_NOT_FOUND } from "@/lib/meetings/access";
import { hasCommitteeOn } from "@/lib/org/committee";
import { foldForSearch, formatCalendarDate } from "@/lib/i18n/format";
import { Points } from "@/lib/exact/ratio";
import { settingsFor } from "@/lib/settings/resolve";
import { readCase, type CaseView } from "./cases";
import { classificationMessages } from "./messages";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { LEVEL_LABELS, type ClassificationLevel } from "./model";
import { vietnamDayOf } from "@/lib/time/days";

const pts = (value: number | null | undefined) => (value === null || value === undefined ? "" : Points.format(Math.round(value * 10), "vi"));
const words = messages.classificationServer.document;
const minutesWords = messages.classificationServer.reviewMinutes;

const level = (l: ClassificationLevel | null | undefined) => (l ? LEVEL_LABELS[l] : "—");

function slug(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50);
}

export interface DocumentContext {
  placeName: string | null;
  /** The branch secretary (signs for the committee). */
  secretary: string | null;
  hasCommittee: boolean;
  superiorName: string | null;
}

/** The bản kiểm điểm of a case (pure). */
export function buildSelfReviewDocument(view: CaseView, ctx: DocumentContext, today: Date): OfficialDocument {
  const member = view.member;
  const blocks: DocBlock[] = [];
  const self = view.self;
  const byCode = new Map((self?.result.perCriterion ?? []).map((c) => [c.code, c]));
  if (member) {
    blocks.push(labelled(words.fullName, member.fullName));
    blocks.push(labelled(words.birthDate, formatCalendarDate(member.birthDate)));
    blocks.push(labelled(words.partyPosts, member.posts.length > 0 ? member.posts.join("; ") : words.member));
    blocks.push(labelled(words.attachedTo, `${view.unit.name}${ctx.superiorName ? `, ${ctx.superiorName}` : ""}`));
  } else {
    blocks.push(labelled(words.organisation, view.unit.name));
    if (ctx.superiorName) blocks.push(labelled(words.superior, ctx.superiorName));
  }
  blocks.push(labelled(words.frame, fill(words.frameVersion, { name: view.frame.name, version: view.frame.version })));

  blocks.push({ kind: "heading", text: words.strengths });
  for (const [index, part] of (["GENERAL", "TASKS"] as const).entries()) {
    blocks.push(
      paragraph(
        index === 0
          ? words.generalPart
          : member
            ? words.memberTasksPart
            : words.collectiveTasksPart,
        { bold: true },
      ),
    );
    for (const group of view.definition.groups.filter((g) => g.part === part)) {
      for (const criterion of group.criteria) {
        const remark = byCode.get(criterion.code)?.remark;
        const evidence = (criterion.evidence ?? []).flatMap((key) => view.evidence.items[key]?.lines ?? []);
        if (!remark && evidence.length === 0) continue;
        blocks.push({ kind: "paragraph", runs: [{ text: `${criterion.name}: `, italic: true }, { text: [remark, ...evidence].filter(Boolean).join(" ") }] });
      }
    }
  }
  blocks.push(...paragraphsOf(self?.notes.strengths).map((p) => paragraph(p)));
  blocks.push({ kind: "heading", text: words.weaknesses });
  const weaknesses = paragraphsOf(self?.notes.weaknesses);
  blocks.push(...(weaknesses.length ? weaknesses.map((p) => paragraph(p)) : [paragraph(words.none, { italic: true })]));
  blocks.push({ kind: "heading", text: words.remedies });
  const remedies = paragraphsOf(self?.notes.remedies);
  blocks.push(...(remedies.length ? remedies.map((p) => paragraph(p)) : [paragraph(words.none, { italic: true })]));

  blocks.push({ kind: "heading", text: words.selfAssessment });
  const appraisal = view.appraisal;
  const appraised = new Map((appraisal?.result.perCriterion ?? []).map((c) => [c.code, c]));
  const rows: string[][] = [];
  for (const group of view.definition.groups) {
    rows.push([group.code, group.name.toLocaleUpperCase("vi-VN"), pts(group.points), pts(self?.result.groupTotals.find((g) => g.code === group.code)?.points), pts(appraisal?.result.groupTotals.find((g) => g.code === group.code)?.points)]);
    for (const c of group.criteria) rows.push([c.code, c.name, pts(c.maxPoints), pts(byCode.get(c.code)?.points), pts(appraised.get(c.code)?.points)]);
  }
  rows.push(["", words.totalPoints, pts(view.definition.totalPoints), pts(self?.result.total), pts(appraisal?.result.total)]);
  blocks.push({
    kind: "table",
    columns: [
      { title: words.columns.code, width: 8 },
      { title: words.columns.criterion, width: 52 },
      { title: words.columns.max, width: 12 },
      { title: words.columns.self, width: 14 },
      { title: words.columns.superior, width: 14 },
    ],
    rows,
  });
  blocks.push(paragraph(fill(words.selfLevel, { level: level(self?.level) }), { bold: true }));

  blocks.push({ kind: "heading", text: member ? words.memberReview : words.collectiveReview });
  if (view.review) {
    blocks.push(...paragraphsOf(view.review.comments).map((p) => paragraph(p)));
    const vote = view.review.vote ? fill(words.vote, { for: view.review.vote.for, eligible: view.review.vote.eligible }) : "";
    const meeting = view.review.meeting ? fill(words.meeting, { title: view.review.meeting.title, day: formatCalendarDate(view.review.meeting.day) }) : "";
    blocks.push(paragraph(fill(words.branchProposal, { level: level(view.review.level), vote, meeting }), { bold: true }));
  } else {
    blocks.push(paragraph(view.needsBranchReview ? words.notReviewedYet : words.notReviewed, { italic: true }));
  }
  if (appraisal) {
    blocks.push(paragraph(fill(words.appraisal, { level: level(appraisal.level), points: pts(appraisal.result.total), reason: appraisal.reason ? `. ${appraisal.reason}` : "" })));
  }
  if (view.decision) {
    blocks.push({ kind: "heading", text: words.decisionHeading });
    blocks.push(
      paragraph(fill(words.decision, { unit: view.decidingUnit.name, level: level(view.decision.level), points: pts(view.decision.total), day: formatCalendarDate(view.decision.at), reason: view.decision.reason ? ` ${view.decision.reason}` : "" }), { bold: true }),
    );
  }

  const committee = ctx.hasCommittee ? words.forCommittee : words.forBranch;
  const day = view.self?.at ? vietnamDayOf(view.self.at) : today;
  return {
    kind: "report",
    fileName: `${member ? "ban-kiem-diem" : "bao-cao-kiem-diem"}-${slug(member?.fullName ?? view.unit.name)}-${view.period.key}.docx`,
    header: {
      superior: ctx.superiorName ? upper(ctx.superiorName) : null,
      issuer: upper(view.unit.name),
      number: member ? "" : words.reportNumber,
      placeDate: placeDateLine(ctx.placeName, day),
    },
    title: member ? words.memberTitle : words.collectiveTitle,
    subtitle: fill(words.subtitle, { period: view.period.label }),
    blocks,
    recipients: null,
    signatures: member
      ? { left: { lines: [committee, words.secretary], name: ctx.secretary }, right: { lines: [words.selfReviewer], name: member.fullName } }
      : { left: null, right: { lines: [committee, words.secretary], name: ctx.secretary } },
  };
}

async function documentContext(user: Principal, view: CaseView): Promise<DocumentContext> {
  return withTenant(user.tenantId, async (tx) => {
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: view.unit.id } }, select: { path: true, parent: { select: { name: true } } } });
    const end = new Date(`${view.period.end}T00:00:00.000Z`);
    const secretary = await tx.position.findFirst({
      where: { tenantId: user.tenantId, orgUnitId: view.unit.id, kind: "SECRETARY", termFrom: { lte: end }, OR: [{ termTo: null }, { termTo: { gte: new Date(`${view.period.start}T00:00:00.000Z`) } }] },
      select: { member: { select: { fullName: true } } },
      orderBy: { termFrom: "desc" },
    });
    const settings = await settingsFor(tx, user.tenantId, unit.path, end);
    // The signature line follows the chi ủy the branch had at the end of the period.
    const committee = await hasCommitteeOn(tx, user.tenantId, view.unit.id, end);
    return { placeName: settings["documents.placeName"] || null, secretary: secretary?.member.fullName ?? null, hasCommittee: committee.hasCommittee, superiorName: unit.parent?.name ?? null };
  });
}

/** The bản kiểm điểm of a case as DOCX (whoever may read the case). */
export async function exportSelfReviewDocx(user: Principal, caseId: string, now: Date = new Date()): Promise<ExportedFile> {
  const view = await withTenant(user.tenantId, (tx) => readCase(tx, user, { caseId }, now));
  if (!view.self) throw new NotFoundError(classificationMessages.documents.noSelfReview);
  const doc = buildSelfReviewDocument(view, await documentContext(user, view), vietnamDayOf(now));
  return { fileName: doc.fileName, contentType: DOCX_MEDIA_TYPE, bytes: await officialDocxBuffer(doc) };
}

export interface ReviewResultLine {
  name: string;
  selfLevel: ClassificationLevel | null;
  selfTotal: number | null;
  reviewLevel: ClassificationLevel | null;
  vote: { for: number; eligible: number } | null;
  comments: string | null;
}

/** The minutes of a review meeting: the meeting's minutes with the review's results inserted (pure). */
export function buildReviewMinutesDocument(base: OfficialDocument, period: string, lines: readonly ReviewResultLine[]): OfficialDocument {
  const section: DocBlock[] = [{ kind: "heading", text: minutesWords.heading }];
  if (lines.length === 0) section.push(paragraph(minutesWords.empty, { italic: true }));
  else {
    section.push({
      kind: "table",
      columns: [
        { title: minutesWords.columns.order, width: 6 },
        { title: minutesWords.columns.subject, width: 30 },
        { title: minutesWords.columns.self, width: 24 },
        { title: minutesWords.columns.proposal, width: 24 },
        { title: minutesWords.columns.votes, width: 16 },
      ],
      rows: lines.map((l, i) => [String(i + 1), l.name, `${level(l.selfLevel)}${l.selfTotal !== null ? ` (${pts(l.selfTotal)})` : ""}`, level(l.reviewLevel), l.vote ? `${l.vote.for}/${l.vote.eligible}` : "—"]),
    });
    const commented = lines.filter((l) => l.comments?.trim());
    if (commented.length > 0) {
      section.push(paragraph(minutesWords.comments, { bold: true }));
      section.push({ kind: "list", items: commented.map((l) => [{ text: `${l.name}: `, bold: true }, { text: l.comments!.trim() }]) });
    }
  }
  const closing = base.blocks.findIndex((b) => b.kind === "heading" && b.text.startsWith("III."));
  const blocks = closing < 0 ? [...base.blocks, ...section] : [...base.blocks.slice(0, closing), ...section, ...base.blocks.slice(closing)];
  return { ...base, fileName: base.fileName.replace(/^bien-ban-/, "bien-ban-kiem-diem-"), subtitle: fill(minutesWords.subtitle, { period: period.toLowerCase() }), blocks };
}

/** The minutes of a branch's review meeting (meeting.read on the branch; 404 otherwise). */
export async function exportReviewMinutesDocx(user: Principal, meetingId: string): Promise<ExportedFile> {
  const record = await loadMeetingRecord(user, meetingId);
  if (record.meeting.kind !== "REVIEW") throw new NotFoundError(classificationMessages.documents.notReviewMeeting);
  const { lines, period } = await withTenant(user.tenantId, async (tx) => {
    const branch = await tx.orgUnit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: record.branch.id } }, select: { path: true } });
    if (!authorize(user, "meeting.read", branch)) throw new NotFoundError(MEETING_NOT_FOUND);
    const rows = await tx.classification.findMany({
      where: { tenantId: user.tenantId, reviewMeetingId: meetingId },
      select: { subject: true, selfLevel: true, selfTotalTenths: true, reviewLevel: true, voteFor: true, voteEligible: true, reviewComments: true, periodEnd: true, unit: { select: { name: true } }, member: { select: { fullName: true, sortKey: true } } },
    });
    rows.sort((a, b) => Number(a.subject !== "COLLECTIVE") - Number(b.subject !== "COLLECTIVE") || (a.member?.sortKey ?? "").localeCompare(b.member?.sortKey ?? ""));
    return {
      period: fill(minutesWords.period, { year: rows[0]?.periodEnd.getUTCFullYear() ?? record.day.getUTCFullYear() }),
      lines: rows.map((r) => ({
        name: r.member ? fill(minutesWords.comrade, { name: r.member.fullName }) : r.unit.name,
        selfLevel: r.selfLevel,
        selfTotal: r.selfTotalTenths === null ? null : r.selfTotalTenths / 10,
        reviewLevel: r.reviewLevel,
        vote: r.voteFor !== null && r.voteEligible !== null ? { for: r.voteFor, eligible: r.voteEligible } : null,
        comments: r.reviewComments,
      })),
    };
  });
  const doc = buildReviewMinutesDocument(buildMinutesDocument(record), period, lines);
  return { fileName: doc.fileName, contentType: DOCX_MEDIA_TYPE, bytes: await officialDocxBuffer(doc) };
}
