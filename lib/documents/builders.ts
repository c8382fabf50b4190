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
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

const words = messages.documentsServer;
const KIND_WORDS: Record<MeetingRecordData["meeting"]["kind"], string> = words.kindWords;
const RESULT_WORDS = words.resultWords;

/** "85,7%" */
export function percentText(num: number, den: number): string {
  return `${formatRatio(percentOf(num, den), 1)}%`;
}

/** "14 giờ 05 phút" in Vietnam. */
function clockWords(instant: Date): string {
  const [hour, minute] = formatTime(instant).split(":");
  return fill(words.clockWords, { hour: hour!, minute: minute! });
}

/** "Số 05-BB/CB" for the minutes of a meeting whose resolution is 05-NQ/CB; blanks to fill by hand otherwise. */
export function minutesNumber(resolutionNumber: string | null): string {
  const match = resolutionNumber ? /^\s*(\d{1,4})\s*-\s*NQ\s*\/\s*(.+)$/i.exec(resolutionNumber) : null;
  return match ? fill(words.number.minutes, { number: match[1]!, issuer: match[2]!.trim() }) : words.number.minutesBlank;
}

export function resolutionNumber(number: string | null): string {
  return number ? fill(words.number.resolution, { number: number.trim() }) : words.number.resolutionBlank;
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
    votesAgainst ? fill(words.vote.against, { count: votesAgainst }) : null,
    votesAbstain ? fill(words.vote.abstain, { count: votesAbstain }) : null,
  ].filter(Boolean);
  const verb = resolution.voteValid === false ? words.vote.verbInvalid : words.vote.verbValid;
  const base = fill(words.vote.sentence, { verb, what, for: votesFor, denominator: voteDenominator, percent: percentText(votesFor, voteDenominator) });
  const tail = others.length > 0 ? `; ${others.join(", ")}` : "";
  const invalid = resolution.voteValid === false ? words.vote.invalid : "";
  return `${base}${tail}.${invalid}`;
}

function names(list: { fullName: string; reason: string | null }[], withReason: boolean): string {
  return list.map((m) => (withReason && m.reason ? `${m.fullName} (${m.reason})` : m.fullName)).join(", ");
}

function attendanceBlocks(data: MeetingRecordData): DocBlock[] {
  const items: DocRun[][] = [];
  const { roll, summary, attendance } = data;
  const w = words.attendance;
  items.push([{ text: fill(w.roll, { total: roll.total, official: roll.official, probationary: roll.probationary }) }]);
  if (!summary) {
    items.push([{ text: w.incomplete, italic: true }]);
    return [{ kind: "list", items }];
  }
  const excluded = [
    summary.exemptAbsent ? fill(w.exempt, { count: summary.exemptAbsent }) : null,
    summary.elsewhere ? fill(w.elsewhere, { count: summary.elsewhere }) : null,
    summary.specialDuty ? fill(w.specialDuty, { count: summary.specialDuty }) : null,
    summary.suspended ? fill(w.suspended, { count: summary.suspended }) : null,
  ].filter(Boolean);
  items.push([
    {
      text: fill(w.denominator, { count: summary.denominator }) + (excluded.length > 0 ? fill(w.excluding, { list: excluded.join(", ") }) : "."),
    },
  ]);
  const rate = summary.denominator > 0 ? fill(w.rate, { percent: percentText(summary.present, summary.denominator) }) : "";
  items.push([{ text: fill(w.present, { present: summary.present, denominator: summary.denominator, rate }), bold: true }]);
  const excused = attendance.filter((a) => a.status === "ABSENT_EXCUSED");
  const unexcused = attendance.filter((a) => a.status === "ABSENT_UNEXCUSED");
  const exempt = attendance.filter((a) => a.status === "EXEMPT");
  const elsewhere = attendance.filter((a) => a.status === "ELSEWHERE");
  const specialDuty = attendance.filter((a) => a.status === "SPECIAL_DUTY");
  items.push([{ text: fill(w.excused, { count: excused.length, names: excused.length ? ` (${names(excused, true)})` : "" }) }]);
  items.push([{ text: fill(w.unexcused, { count: unexcused.length, names: unexcused.length ? ` (${names(unexcused, false)})` : "" }) }]);
  if (exempt.length) items.push([{ text: fill(w.exemptNames, { names: names(exempt, false) }) }]);
  if (elsewhere.length) items.push([{ text: fill(w.elsewhereNames, { names: names(elsewhere, false) }) }]);
  if (specialDuty.length) items.push([{ text: fill(w.specialDutyNames, { names: names(specialDuty, false) }) }]);
  return [{ kind: "list", items }];
}

function taskTable(data: MeetingRecordData): DocBlock {
  return {
    kind: "table",
    columns: [
      { title: words.tasks.order, width: 7 },
      { title: words.tasks.member, width: 25 },
      { title: words.tasks.content, width: 48 },
      { title: words.tasks.deadline, width: 20 },
    ],
    rows: data.tasks.map((task, index) => [String(index + 1), task.memberName, task.content, formatCalendarDate(task.deadline)]),
  };
}

function reportedTaskBlocks(data: MeetingRecordData): DocBlock[] {
  if (data.reportedTasks.length === 0) return [];
  return [
    paragraph(words.tasks.reported, { bold: true }),
    {
      kind: "list",
      items: data.reportedTasks.map((task) => {
        const result = task.result
          ? task.result === "PARTLY" && task.resultPercent !== null
            ? fill(words.partlyPercent, { result: RESULT_WORDS.PARTLY, percent: task.resultPercent })
            : RESULT_WORDS[task.result]
          : words.notEvaluated;
        const note = task.resultNote?.trim().replace(/[.;,\s]+$/, "");
        return [{ text: fill(words.tasks.reportedLine, { name: task.memberName, content: task.content, result, note: note ? `; ${note}` : "" }) }];
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
  const w = words.minutes;
  const comrade = (name: string) => fill(words.comrade, { name });
  blocks.push(labelled(w.time, fill(w.startedAt, { clock: clockWords(start), date: vietnameseDateWords(data.day) })));
  blocks.push(labelled(w.place, `${meeting.place?.trim() || "…"}.`));
  blocks.push(paragraph(w.members, { bold: true }));
  blocks.push(...attendanceBlocks(data));
  if (data.guests.length > 0) {
    blocks.push(labelled(w.guests, data.guests.map((g) => `${comrade(g.name)}${g.title ? ` – ${g.title}` : ""}`).join("; ") + "."));
  }
  blocks.push(labelled(w.chair, data.chair ? `${comrade(data.chair)}.` : "…"));
  blocks.push(labelled(w.clerk, data.clerk ? `${comrade(data.clerk)}.` : "…"));
  if (meeting.topic) blocks.push(labelled(w.topic, `${meeting.topic}.`));

  blocks.push({ kind: "heading", text: w.contents, align: "center" });
  blocks.push({ kind: "heading", text: w.opening });
  const opening = paragraphsOf(data.minutes?.opening);
  blocks.push(...(opening.length ? opening.map((p) => paragraph(p)) : [paragraph(words.notWritten, { italic: true })]));

  blocks.push({ kind: "heading", text: w.proceedings });
  const proceedings = paragraphsOf(data.minutes?.proceedings);
  blocks.push(...(proceedings.length ? proceedings.map((p) => paragraph(p)) : [paragraph(words.notWritten, { italic: true })]));
  blocks.push(...reportedTaskBlocks(data));
  if (meeting.ideologyMinutes) {
    blocks.push(paragraph(fill(w.ideology, { minutes: meeting.ideologyMinutes })));
  }
  if (data.speeches.length > 0) {
    blocks.push(paragraph(w.speeches, { bold: true }));
    blocks.push({
      kind: "list",
      items: data.speeches.map((s) => [{ text: fill(w.speaker, { name: s.speaker }), bold: true }, { text: s.summary }]),
    });
    const present = new Set(data.attendance.filter((a) => a.status === "PRESENT").map((a) => a.memberId));
    const speakers = new Set(data.speeches.filter((s) => s.isDiscussion && s.memberId && present.has(s.memberId)).map((s) => s.memberId));
    if (present.size > 0) {
      blocks.push(
        paragraph(fill(w.speakers, { speakers: speakers.size, present: present.size, percent: percentText(speakers.size, present.size) })),
      );
    }
  }

  blocks.push({ kind: "heading", text: w.closing });
  blocks.push(...paragraphsOf(data.minutes?.closing).map((p) => paragraph(p)));
  if (data.resolution) {
    blocks.push(paragraph(w.conclusion, { bold: true }));
    blocks.push(...paragraphsOf(data.resolution.body).map((p) => paragraph(p)));
  }
  if (data.tasks.length > 0) {
    blocks.push(paragraph(w.tasks, { bold: true }));
    blocks.push(taskTable(data));
  }
  const vote = data.resolution ? voteSentence(data.resolution, w.voteWhat) : null;
  if (vote) blocks.push(paragraph(vote, { bold: true }));
  if (meeting.actualEnd) {
    const adopted = data.minutes?.adoptedAt ? w.readBack : "";
    blocks.push(paragraph(fill(w.ended, { clock: clockWords(meeting.actualEnd), adopted })));
  }

  return {
    kind: "minutes",
    fileName: `bien-ban-${fileStem(data)}.docx`,
    header: header(data, minutesNumber(data.resolution?.number ?? null), "minutes"),
    title: w.title,
    subtitle: fill(w.subtitle, { kind: KIND_WORDS[meeting.kind], month: monthWords(data.day) }),
    blocks,
    recipients: null,
    signatures: {
      left: { lines: [w.clerkSigns], name: data.clerk },
      right: { lines: [w.chairSigns], name: data.chair },
    },
  };
}

/** "tháng 11 năm 2026" */
function monthWords(day: Date): string {
  return fill(words.monthWords, { month: day.getUTCMonth() + 1, year: day.getUTCFullYear() });
}

export function buildResolutionDocument(data: MeetingRecordData): OfficialDocument {
  const { meeting, resolution } = data;
  const blocks: DocBlock[] = [];
  const dayText = formatCalendarDate(data.day);
  const w = words.resolution;
  blocks.push(paragraph(w.charter, { italic: true }));
  blocks.push(paragraph(w.guidance, { italic: true }));
  const presence = data.summary ? fill(w.presence, { present: data.summary.present, denominator: data.summary.denominator }) : "";
  blocks.push(paragraph(fill(w.basis, { kind: KIND_WORDS[meeting.kind], day: dayText, presence }), { italic: true }));
  blocks.push({ kind: "heading", text: fill(w.resolves, { branch: upper(data.branch.name) }), align: "center" });
  const body = paragraphsOf(resolution?.body);
  blocks.push(...(body.length ? body.map((p) => paragraph(p)) : [paragraph(w.empty, { italic: true })]));
  if (data.tasks.length > 0) {
    blocks.push(paragraph(w.tasks, { bold: true }));
    blocks.push(taskTable(data));
  }
  const vote = resolution ? voteSentence(resolution, w.voteWhat) : null;
  if (vote) blocks.push(paragraph(vote));
  blocks.push(paragraph(w.duty));

  const committeeLine = data.branch.hasCommittee ? words.forCommittee : words.forBranch;
  return {
    kind: "resolution",
    fileName: `nghi-quyet-${fileStem(data)}.docx`,
    header: header(data, resolutionNumber(resolution?.number ?? null), "resolution"),
    title: w.title,
    subtitle: `${meeting.title}`,
    blocks,
    recipients: [
      data.branch.superiorName ? fill(w.toSuperior, { superior: data.branch.superiorName }) : w.toSuperiorUnnamed,
      w.toOverseer,
      w.toMembers,
      w.toArchive,
    ],
    signatures: {
      left: null,
      right: { lines: [committeeLine, words.secretary], name: data.secretary ?? data.chair },
    },
  };
}
