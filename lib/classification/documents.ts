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
import { foldForSearch, formatCalendarDate, vietnamDayOf } from "@/lib/i18n/format";
import { Points } from "@/lib/exact/ratio";
import { settingsFor } from "@/lib/settings/resolve";
import { readCase, type CaseView } from "./cases";
import { classificationMessages } from "./messages";
import { LEVEL_LABELS, type ClassificationLevel } from "./model";

const pts = (value: number | null | undefined) => (value === null || value === undefined ? "" : Points.format(Math.round(value * 10), "vi"));
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
    blocks.push(labelled("Họ và tên", member.fullName));
    blocks.push(labelled("Ngày sinh", formatCalendarDate(member.birthDate)));
    blocks.push(labelled("Chức vụ đảng", member.posts.length > 0 ? member.posts.join("; ") : "Đảng viên"));
    blocks.push(labelled("Sinh hoạt tại", `${view.unit.name}${ctx.superiorName ? `, ${ctx.superiorName}` : ""}`));
  } else {
    blocks.push(labelled("Tổ chức đảng", view.unit.name));
    if (ctx.superiorName) blocks.push(labelled("Trực thuộc", ctx.superiorName));
  }
  blocks.push(labelled("Khung đánh giá", `${view.frame.name} (phiên bản ${view.frame.version})`));

  blocks.push({ kind: "heading", text: "I. ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC" });
  for (const [index, part] of (["GENERAL", "TASKS"] as const).entries()) {
    blocks.push(
      paragraph(
        index === 0
          ? "1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tinh thần đổi mới; tự phê bình và phê bình"
          : member
            ? "2. Việc thực hiện chức trách, nhiệm vụ được giao và cam kết tu dưỡng, rèn luyện, phấn đấu"
            : "2. Kết quả lãnh đạo thực hiện nhiệm vụ chính trị, nghị quyết của chi bộ",
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
  blocks.push({ kind: "heading", text: "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN" });
  const weaknesses = paragraphsOf(self?.notes.weaknesses);
  blocks.push(...(weaknesses.length ? weaknesses.map((p) => paragraph(p)) : [paragraph("(Không ghi.)", { italic: true })]));
  blocks.push({ kind: "heading", text: "III. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC" });
  const remedies = paragraphsOf(self?.notes.remedies);
  blocks.push(...(remedies.length ? remedies.map((p) => paragraph(p)) : [paragraph("(Không ghi.)", { italic: true })]));

  blocks.push({ kind: "heading", text: "IV. TỰ ĐÁNH GIÁ, XẾP LOẠI THEO KHUNG TIÊU CHÍ" });
  const appraisal = view.appraisal;
  const appraised = new Map((appraisal?.result.perCriterion ?? []).map((c) => [c.code, c]));
  const rows: string[][] = [];
  for (const group of view.definition.groups) {
    rows.push([group.code, group.name.toLocaleUpperCase("vi-VN"), pts(group.points), pts(self?.result.groupTotals.find((g) => g.code === group.code)?.points), pts(appraisal?.result.groupTotals.find((g) => g.code === group.code)?.points)]);
    for (const c of group.criteria) rows.push([c.code, c.name, pts(c.maxPoints), pts(byCode.get(c.code)?.points), pts(appraised.get(c.code)?.points)]);
  }
  rows.push(["", "TỔNG ĐIỂM", pts(view.definition.totalPoints), pts(self?.result.total), pts(appraisal?.result.total)]);
  blocks.push({
    kind: "table",
    columns: [
      { title: "Mã", width: 8 },
      { title: "Tiêu chí", width: 52 },
      { title: "Tối đa", width: 12 },
      { title: "Tự chấm", width: 14 },
      { title: "Cấp trên", width: 14 },
    ],
    rows,
  });
  blocks.push(paragraph(`Tự nhận mức xếp loại: ${level(self?.level)}.`, { bold: true }));

  blocks.push({ kind: "heading", text: member ? "V. NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ" : "V. Ý KIẾN CỦA HỘI NGHỊ KIỂM ĐIỂM" });
  if (view.review) {
    blocks.push(...paragraphsOf(view.review.comments).map((p) => paragraph(p)));
    const vote = view.review.vote ? `, với ${view.review.vote.for}/${view.review.vote.eligible} đồng chí tán thành` : "";
    const meeting = view.review.meeting ? ` tại ${view.review.meeting.title} ngày ${formatCalendarDate(view.review.meeting.day)}` : "";
    blocks.push(paragraph(`Chi bộ đề nghị xếp loại: ${level(view.review.level)}${vote}${meeting}.`, { bold: true }));
  } else {
    blocks.push(paragraph(view.needsBranchReview ? "(Chi bộ chưa kiểm điểm, biểu quyết.)" : "(Không kiểm điểm tại hội nghị chi bộ.)", { italic: true }));
  }
  if (appraisal) {
    blocks.push(paragraph(`Cấp ủy cấp trên thẩm định: ${level(appraisal.level)} (${pts(appraisal.result.total)} điểm)${appraisal.reason ? `. ${appraisal.reason}` : ""}.`));
  }
  if (view.decision) {
    blocks.push({ kind: "heading", text: "VI. KẾT QUẢ XẾP LOẠI" });
    blocks.push(
      paragraph(`${view.decidingUnit.name} quyết định xếp loại: ${level(view.decision.level)} (${pts(view.decision.total)} điểm), ngày ${formatCalendarDate(view.decision.at)}.${view.decision.reason ? ` ${view.decision.reason}` : ""}`, { bold: true }),
    );
  }

  const committee = ctx.hasCommittee ? "T/M CHI ỦY" : "T/M CHI BỘ";
  const day = view.self?.at ? vietnamDayOf(view.self.at) : today;
  return {
    kind: "report",
    fileName: `${member ? "ban-kiem-diem" : "bao-cao-kiem-diem"}-${slug(member?.fullName ?? view.unit.name)}-${view.period.key}.docx`,
    header: {
      superior: ctx.superiorName ? upper(ctx.superiorName) : null,
      issuer: upper(view.unit.name),
      number: member ? "" : "Số      -BC/CB",
      placeDate: placeDateLine(ctx.placeName, day),
    },
    title: member ? "BẢN KIỂM ĐIỂM CÁ NHÂN" : "BÁO CÁO KIỂM ĐIỂM TẬP THỂ",
    subtitle: `${view.period.label} (Quy định 366-QĐ/TW)`,
    blocks,
    recipients: null,
    signatures: member
      ? { left: { lines: [committee, "BÍ THƯ"], name: ctx.secretary }, right: { lines: ["NGƯỜI TỰ KIỂM ĐIỂM"], name: member.fullName } }
      : { left: null, right: { lines: [committee, "BÍ THƯ"], name: ctx.secretary } },
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
  const section: DocBlock[] = [{ kind: "heading", text: "KẾT QUẢ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI" }];
  if (lines.length === 0) section.push(paragraph("(Chưa ghi kết quả biểu quyết mức xếp loại của hội nghị.)", { italic: true }));
  else {
    section.push({
      kind: "table",
      columns: [
        { title: "TT", width: 6 },
        { title: "Đồng chí / tổ chức", width: 30 },
        { title: "Tự xếp loại (điểm)", width: 24 },
        { title: "Chi bộ đề nghị", width: 24 },
        { title: "Tán thành", width: 16 },
      ],
      rows: lines.map((l, i) => [String(i + 1), l.name, `${level(l.selfLevel)}${l.selfTotal !== null ? ` (${pts(l.selfTotal)})` : ""}`, level(l.reviewLevel), l.vote ? `${l.vote.for}/${l.vote.eligible}` : "—"]),
    });
    const commented = lines.filter((l) => l.comments?.trim());
    if (commented.length > 0) {
      section.push(paragraph("Ý kiến góp ý của chi bộ:", { bold: true }));
      section.push({ kind: "list", items: commented.map((l) => [{ text: `${l.name}: `, bold: true }, { text: l.comments!.trim() }]) });
    }
  }
  const closing = base.blocks.findIndex((b) => b.kind === "heading" && b.text.startsWith("III."));
  const blocks = closing < 0 ? [...base.blocks, ...section] : [...base.blocks.slice(0, closing), ...section, ...base.blocks.slice(closing)];
  return { ...base, fileName: base.fileName.replace(/^bien-ban-/, "bien-ban-kiem-diem-"), subtitle: `Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng ${period.toLowerCase()}`, blocks };
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
      period: `năm ${rows[0]?.periodEnd.getUTCFullYear() ?? record.day.getUTCFullYear()}`,
      lines: rows.map((r) => ({
        name: r.member ? `Đồng chí ${r.member.fullName}` : r.unit.name,
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
