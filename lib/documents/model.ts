// A renderer-neutral model of an official party document (văn bản của Đảng, HD 36-HD/VPTW layout):
// the header block (issuing units with "*" and the number, "ĐẢNG CỘNG SẢN VIỆT NAM" and the
// place-and-date line), the title, the body as blocks, the recipients and the signature block.
// The DOCX writer (docx.ts) and the print view render the same model, so they cannot disagree.
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

export interface DocRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type DocBlock =
  /** A section heading ("I. PHẦN MỞ ĐẦU"): bold, not indented. */
  | { kind: "heading"; text: string; align?: "left" | "center" }
  /** A body paragraph: first line indented, justified. */
  | { kind: "paragraph"; runs: DocRun[] }
  /** Lines starting with "- ", as the documents list things. */
  | { kind: "list"; items: DocRun[][] }
  | { kind: "table"; columns: { title: string; width: number }[]; rows: string[][] };

export interface Signature {
  /** Bold, upper-case lines: ["T/M CHI ỦY", "BÍ THƯ"]. */
  lines: string[];
  /** Printed under the space left for the signature; null leaves a blank to fill by hand. */
  name: string | null;
}

export interface OfficialDocument {
  /** "report": a report or self-review (bản kiểm điểm) filed by a person or a committee. */
  kind: "minutes" | "resolution" | "report";
  /** Download name, ASCII-safe: "bien-ban-2026-11-05.docx". */
  fileName: string;
  header: {
    /** The superior committee ("ĐẢNG BỘ SỞ TÀI CHÍNH"), upper case; null at the top of a tree. */
    superior: string | null;
    /** The issuing branch ("CHI BỘ PHÒNG NGÂN SÁCH"), upper case, bold. */
    issuer: string;
    /** "Số 05-NQ/CB" */
    number: string;
    /** "Lâm Đồng, ngày 05 tháng 11 năm 2026" (italic). */
    placeDate: string;
  };
  title: string;
  subtitle: string | null;
  blocks: DocBlock[];
  /** "Nơi nhận:" lines, or null when the document has none (minutes). */
  recipients: string[] | null;
  /** Left and right signature columns (minutes: thư ký left, chủ trì right). */
  signatures: { left: Signature | null; right: Signature };
}

export const PARTY_NAME = messages.documentsServer.partyName;

/** Vietnamese upper case that keeps the diacritics ("Chi bộ" → "CHI BỘ"). */
export function upper(text: string): string {
  return text.normalize("NFC").toLocaleUpperCase("vi-VN");
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * "ngày 05 tháng 11 năm 2026" for a calendar day (UTC midnight). As in party documents, days
 * below 10 and the months January and February carry a leading zero.
 */
export function vietnameseDateWords(day: Date): string {
  const d = day.getUTCDate();
  const m = day.getUTCMonth() + 1;
  return fill(messages.documentsServer.dateWords, { day: pad2(d), month: m < 3 ? pad2(m) : String(m), year: day.getUTCFullYear() });
}

/** "Lâm Đồng, ngày 05 tháng 11 năm 2026", or "Ngày 05 tháng 11 năm 2026" without a locality. */
export function placeDateLine(placeName: string | null, day: Date): string {
  const words = vietnameseDateWords(day);
  return placeName ? `${placeName}, ${words}` : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Splits typed text into paragraphs (blank lines or single line breaks both separate them). */
export function paragraphsOf(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize("NFC")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function paragraph(text: string, style: Omit<DocRun, "text"> = {}): DocBlock {
  return { kind: "paragraph", runs: [{ text, ...style }] };
}

/** "Thời gian: …" with the label in bold. */
export function labelled(label: string, text: string): DocBlock {
  return { kind: "paragraph", runs: [{ text: `${label}: `, bold: true }, { text }] };
}

/** Every text of the document in reading order (tests and plain-text previews). */
export function documentText(doc: OfficialDocument): string {
  const lines: string[] = [];
  if (doc.header.superior) lines.push(doc.header.superior);
  lines.push(doc.header.issuer, "*", doc.header.number, PARTY_NAME, doc.header.placeDate, doc.title);
  if (doc.subtitle) lines.push(doc.subtitle);
  for (const block of doc.blocks) {
    if (block.kind === "heading") lines.push(block.text);
    else if (block.kind === "paragraph") lines.push(block.runs.map((r) => r.text).join(""));
    else if (block.kind === "list") lines.push(...block.items.map((runs) => `- ${runs.map((r) => r.text).join("")}`));
    else lines.push(block.columns.map((c) => c.title).join(" | "), ...block.rows.map((row) => row.join(" | ")));
  }
  if (doc.recipients) lines.push(messages.documentsServer.recipients, ...doc.recipients);
  for (const signature of [doc.signatures.left, doc.signatures.right]) {
    if (signature) lines.push(...signature.lines, signature.name ?? "");
  }
  return lines.join("\n");
}
