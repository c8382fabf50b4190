// Builds the biên bản (minutes) and nghị quyết (resolution) of one meeting from its record, as the
// neutral document model. Pure: the same record always gives the same document.
import { foldForSearch, formatCalendarDate, formatTime } from "@/lib/i18n/format";
import { formatRatio, percentOf } from "@/lib/exact/ratio";
import type { MeetingRecordData } from "./meeting-record";
import { documentDay } from "./meeting-record";
import {
  labelled,
  paragraph,
  paragraphsOf,
  placeDateLine,
  upper,
  vietnameseDateWords,
  type DocBlock,
  type DocRun,
  type OfficialDocument,
} from "./model";
import { isoDay } from "@/lib/time/days";

const KIND_WORDS: Record<MeetingRecordData["meeting"]["kind"], string> = {
  REGULAR: "thường kỳ",
  THEMATIC: "chuyên đề",
  COMBINED: "thường kỳ kết hợp chuyên đề",
  EXTRAORDINARY: "đột xuất",
  REVIEW: "kiểm điểm, đánh giá, xếp loại",
};

const RESULT_WORDS = { DONE: "Hoàn thành", PARTLY: "Hoàn thành một phần", NOT_DONE: "Chưa hoàn thành" } as const;

/** "85,7%" */
export function percentText(num: number, den: number): string {
  return `${formatRatio(percentOf(num, den), 1)}%`;
}

/** "14 giờ 05 phút" in Vietnam. */
function clockWords(instant: Date): string {
  const [hour, minute] = formatTime(instant).split(":");
  return `${hour} giờ ${minute} phút`;
}

/** "Số 05-BB/CB" for the minutes of a meeting whose resolution is 05-NQ/CB; blanks to fill by hand otherwise. */
export function minutesNumber(resolutionNumber: string | null): string {
  const match = resolutionNumber ? /^\s*(\d{1,4})\s*-\s*NQ\s*\/\s*(.+)$/i.exec(resolutionNumber) : null;
  return match ? `Số ${match[1]}-BB/${match[2]!.trim()}` : "Số      -BB/CB";
}

export function resolutionNumber(number: string | null): string {
  return number ? `Số ${number.trim()}` : "Số      -NQ/CB";
}

function header(data: MeetingRecordData, number: string, kind: "minutes" | "resolution"): OfficialDocument["header"] {
  return {
    superior: data.branch.superiorName ? upper(data.branch.superiorName) : null,
    issuer: upper(data.branch.name),
    number,
    placeDate: placeDateLine(data.placeName, documentDay(data, kind)),
  };
}

/** "thông qua … với x/y đồng chí tán thành, đạt tỷ lệ z%" and the rest of the tally. */
export function voteSentence(resolution: NonNullable<MeetingRecordData["resolution"]>, what: string): string | null {
  const { votesFor, votesAgainst, votesAbstain, voteDenominator } = resolution;
  if (votesFor === null || voteDenominator === null || voteDenominator <= 0) return null;
  const others = [
    votesAgainst ? `${votesAgainst} đồng chí không tán thành` : null,
    votesAbstain ? `${votesAbstain} đồng chí không biểu quyết` : null,
  ].filter(Boolean);
  const verb = resolution.voteValid === false ? "biểu quyết" : "thông qua";
  const base = `Chi bộ ${verb} ${what} với ${votesFor}/${voteDenominator} đồng chí tán thành, đạt tỷ lệ ${percentText(votesFor, voteDenominator)}`;
  const tail = others.length > 0 ? `; ${others.join(", ")}` : "";
  const invalid = resolution.voteValid === false ? " Số phiếu tán thành chưa quá một nửa số đảng viên được biểu quyết nên chưa được thông qua." : "";
  return `${base}${tail}.${invalid}`;
}

function names(list: { fullName: string; reason: string | null }[], withReason: boolean): string {
  return list.map((m) => (withReason && m.reason ? `${m.fullName} (${m.reason})` : m.fullName)).join(", ");
}

function attendanceBlocks(data: MeetingRecordData): DocBlock[] {
  const items: DocRun[][] = [];
  const { roll, summary, attendance } = data;
  items.push([
    {
      text: `Tổng số đảng viên của chi bộ: ${roll.total} đồng chí (${roll.official} chính thức, ${roll.probationary} dự bị).`,
    },
  ]);
  if (!summary) {
    items.push([{ text: "Chưa điểm danh đủ đảng viên; số liệu dự họp chưa hoàn chỉnh.", italic: true }]);
    return [{ kind: "list", items }];
  }
  const excluded = [
    summary.exemptAbsent ? `${summary.exemptAbsent} đồng chí miễn sinh hoạt` : null,
    summary.elsewhere ? `${summary.elsewhere} đồng chí sinh hoạt tạm thời nơi khác` : null,
    summary.specialDuty ? `${summary.specialDuty} đồng chí làm nhiệm vụ đặc biệt` : null,
    summary.suspended ? `${summary.suspended} đồng chí bị đình chỉ sinh hoạt` : null,
  ].filter(Boolean);
  items.push([
    {
      text:
        `Số đảng viên phải dự sinh hoạt: ${summary.denominator} đồng chí` +
        (excluded.length > 0 ? ` (không tính ${excluded.join(", ")}).` : "."),
    },
  ]);
  const rate = summary.denominator > 0 ? `, đạt tỷ lệ ${percentText(summary.present, summary.denominator)}` : "";
  items.push([{ text: `Có mặt: ${summary.present}/${summary.denominator} đồng chí${rate}.`, bold: true }]);
  const excused = attendance.filter((a) => a.status === "ABSENT_EXCUSED");
  const unexcused = attendance.filter((a) => a.status === "ABSENT_UNEXCUSED");
  const exempt = attendance.filter((a) => a.status === "EXEMPT");
  const elsewhere = attendance.filter((a) => a.status === "ELSEWHERE");
  const specialDuty = attendance.filter((a) => a.status === "SPECIAL_DUTY");
  items.push([{ text: `Vắng có lý do: ${excused.length} đồng chí${excused.length ? ` (${names(excused, true)})` : ""}.` }]);
  items.push([{ text: `Vắng không lý do: ${unexcused.length} đồng chí${unexcused.length ? ` (${names(unexcused, false)})` : ""}.` }]);
  if (exempt.length) items.push([{ text: `Miễn sinh hoạt: ${names(exempt, false)}.` }]);
  if (elsewhere.length) items.push([{ text: `Sinh hoạt tạm thời nơi khác: ${names(elsewhere, false)}.` }]);
  if (specialDuty.length) items.push([{ text: `Làm nhiệm vụ đặc biệt: ${names(specialDuty, false)}.` }]);
  return [{ kind: "list", items }];
}

function taskTable(data: MeetingRecordData): DocBlock {
  return {
    kind: "table",
    columns: [
      { title: "TT", width: 7 },
      { title: "Đồng chí", width: 25 },
      { title: "Nhiệm vụ", width: 48 },
      { title: "Thời hạn", width: 20 },
    ],
    rows: data.tasks.map((task, index) => [String(index + 1), task.memberName, task.content, formatCalendarDate(task.deadline)]),
  };
}

function reportedTaskBlocks(data: MeetingRecordData): DocBlock[] {
  if (data.reportedTasks.length === 0) return [];
  return [
    paragraph("Kết quả thực hiện nhiệm vụ được giao ở kỳ trước:", { bold: true }),
    {
      kind: "list",
      items: data.reportedTasks.map((task) => {
        const result = task.result
          ? task.result === "PARTLY" && task.resultPercent !== null
            ? `${RESULT_WORDS.PARTLY} (${task.resultPercent}%)`
            : RESULT_WORDS[task.result]
          : "Chưa đánh giá";
        const note = task.resultNote?.trim().replace(/[.;,\s]+$/, "");
        return [{ text: `Đồng chí ${task.memberName}: ${task.content} — ${result}${note ? `; ${note}` : ""}.` }];
      }),
    },
  ];
}

/** "chi-bo-phong-ngan-sach-2026-11-05": ASCII, so every browser and mail client keeps the name. */
function fileStem(data: MeetingRecordData): string {
  const slug = foldForSearch(data.branch.name).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug ? `${slug}-` : ""}${isoDay(data.day)}`;
}

export function buildMinutesDocument(data: MeetingRecordData): OfficialDocument {
  const { meeting } = data;
  const blocks: DocBlock[] = [];
  const start = meeting.actualStart ?? meeting.plannedStart;
  blocks.push(labelled("Thời gian", `Bắt đầu lúc ${clockWords(start)}, ${vietnameseDateWords(data.day)}.`));
  blocks.push(labelled("Địa điểm", `${meeting.place?.trim() || "…"}.`));
  blocks.push(paragraph("Thành phần:", { bold: true }));
  blocks.push(...attendanceBlocks(data));
  if (data.guests.length > 0) {
    blocks.push(labelled("Đại biểu dự", data.guests.map((g) => `đồng chí ${g.name}${g.title ? ` – ${g.title}` : ""}`).join("; ") + "."));
  }
  blocks.push(labelled("Chủ trì", data.chair ? `đồng chí ${data.chair}.` : "…"));
  blocks.push(labelled("Thư ký", data.clerk ? `đồng chí ${data.clerk}.` : "…"));
  if (meeting.topic) blocks.push(labelled("Chuyên đề", `${meeting.topic}.`));

  blocks.push({ kind: "heading", text: "NỘI DUNG SINH HOẠT", align: "center" });
  blocks.push({ kind: "heading", text: "I. PHẦN MỞ ĐẦU" });
  const opening = paragraphsOf(data.minutes?.opening);
  blocks.push(...(opening.length ? opening.map((p) => paragraph(p)) : [paragraph("(Chưa ghi.)", { italic: true })]));

  blocks.push({ kind: "heading", text: "II. PHẦN NỘI DUNG" });
  const proceedings = paragraphsOf(data.minutes?.proceedings);
  blocks.push(...(proceedings.length ? proceedings.map((p) => paragraph(p)) : [paragraph("(Chưa ghi.)", { italic: true })]));
  blocks.push(...reportedTaskBlocks(data));
  if (meeting.ideologyMinutes) {
    blocks.push(paragraph(`Thời gian dành cho sinh hoạt tư tưởng, phê bình và tự phê bình: ${meeting.ideologyMinutes} phút.`));
  }
  if (data.speeches.length > 0) {
    blocks.push(paragraph("Ý kiến phát biểu:", { bold: true }));
    blocks.push({
      kind: "list",
      items: data.speeches.map((s) => [{ text: `Đồng chí ${s.speaker}: `, bold: true }, { text: s.summary }]),
    });
    const present = new Set(data.attendance.filter((a) => a.status === "PRESENT").map((a) => a.memberId));
    const speakers = new Set(data.speeches.filter((s) => s.isDiscussion && s.memberId && present.has(s.memberId)).map((s) => s.memberId));
    if (present.size > 0) {
      blocks.push(
        paragraph(`Số đảng viên phát biểu: ${speakers.size}/${present.size} đồng chí có mặt, đạt tỷ lệ ${percentText(speakers.size, present.size)}.`),
      );
    }
  }

  blocks.push({ kind: "heading", text: "III. PHẦN KẾT THÚC" });
  blocks.push(...paragraphsOf(data.minutes?.closing).map((p) => paragraph(p)));
  if (data.resolution) {
    blocks.push(paragraph("Kết luận, nghị quyết của chi bộ:", { bold: true }));
    blocks.push(...paragraphsOf(data.resolution.body).map((p) => paragraph(p)));
  }
  if (data.tasks.length > 0) {
    blocks.push(paragraph("Phân công nhiệm vụ:", { bold: true }));
    blocks.push(taskTable(data));
  }
  const vote = data.resolution ? voteSentence(data.resolution, "nghị quyết") : null;
  if (vote) blocks.push(paragraph(vote, { bold: true }));
  if (meeting.actualEnd) {
    const adopted = data.minutes?.adoptedAt ? " Biên bản đã được đọc lại cho chi bộ nghe và thông qua." : "";
    blocks.push(paragraph(`Buổi sinh hoạt kết thúc lúc ${clockWords(meeting.actualEnd)} cùng ngày.${adopted}`));
  }

  return {
    kind: "minutes",
    fileName: `bien-ban-${fileStem(data)}.docx`,
    header: header(data, minutesNumber(data.resolution?.number ?? null), "minutes"),
    title: "BIÊN BẢN",
    subtitle: `Sinh hoạt chi bộ ${KIND_WORDS[meeting.kind]} ${monthWords(data.day)}`,
    blocks,
    recipients: null,
    signatures: {
      left: { lines: ["THƯ KÝ"], name: data.clerk },
      right: { lines: ["CHỦ TRÌ"], name: data.chair },
    },
  };
}

/** "tháng 11 năm 2026" */
function monthWords(day: Date): string {
  return `tháng ${day.getUTCMonth() + 1} năm ${day.getUTCFullYear()}`;
}

export function buildResolutionDocument(data: MeetingRecordData): OfficialDocument {
  const { meeting, resolution } = data;
  const blocks: DocBlock[] = [];
  const dayText = formatCalendarDate(data.day);
  blocks.push(paragraph("Căn cứ Điều lệ Đảng Cộng sản Việt Nam và Quy định thi hành Điều lệ Đảng;", { italic: true }));
  blocks.push(paragraph("Căn cứ hướng dẫn của Ban Tổ chức Trung ương về nâng cao chất lượng sinh hoạt chi bộ;", { italic: true }));
  const presence = data.summary ? `, với ${data.summary.present}/${data.summary.denominator} đảng viên có mặt` : "";
  blocks.push(paragraph(`Căn cứ kết quả sinh hoạt chi bộ ${KIND_WORDS[meeting.kind]} ngày ${dayText}${presence},`, { italic: true }));
  blocks.push({ kind: "heading", text: `${upper(data.branch.name)} QUYẾT NGHỊ:`, align: "center" });
  const body = paragraphsOf(resolution?.body);
  blocks.push(...(body.length ? body.map((p) => paragraph(p)) : [paragraph("(Chưa có nội dung nghị quyết.)", { italic: true })]));
  if (data.tasks.length > 0) {
    blocks.push(paragraph("Phân công thực hiện:", { bold: true }));
    blocks.push(taskTable(data));
  }
  const vote = resolution ? voteSentence(resolution, "nghị quyết này") : null;
  if (vote) blocks.push(paragraph(vote));
  blocks.push(paragraph("Chi ủy, các đồng chí đảng viên trong chi bộ có trách nhiệm tổ chức thực hiện nghị quyết này."));

  const committeeLine = data.branch.hasCommittee ? "T/M CHI ỦY" : "T/M CHI BỘ";
  return {
    kind: "resolution",
    fileName: `nghi-quyet-${fileStem(data)}.docx`,
    header: header(data, resolutionNumber(resolution?.number ?? null), "resolution"),
    title: "NGHỊ QUYẾT",
    subtitle: `${meeting.title}`,
    blocks,
    recipients: [
      data.branch.superiorName ? `- ${data.branch.superiorName} (để báo cáo),` : "- Cấp ủy cấp trên (để báo cáo),",
      "- Đồng chí cấp ủy viên cấp trên theo dõi chi bộ,",
      "- Các đồng chí đảng viên trong chi bộ,",
      "- Lưu chi bộ.",
    ],
    signatures: {
      left: null,
      right: { lines: [committeeLine, "BÍ THƯ"], name: data.secretary ?? data.chair },
    },
  };
}
