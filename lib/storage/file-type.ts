// What an uploaded file really is, from its bytes (magic numbers and container structure), never
// from its name or the type the browser claims. Only documents and pictures a branch posts for a
// meeting are accepted: PDF, Word (.docx, .doc), Excel (.xlsx), OpenDocument text (.odt), JPEG, PNG.
// Pure functions: the ingest step feeds them the head of the stream, then the whole file for the
// container formats (ZIP, OLE2), whose kind is only known from their directory.

import messages from "@/lib/i18n/messages";

const wording = messages.storageServer;

export type AllowedFileType = "pdf" | "docx" | "doc" | "xlsx" | "odt" | "jpg" | "png";

export const FILE_TYPES: Record<AllowedFileType, { mime: string; extensions: readonly string[]; label: string }> = {
  pdf: { mime: "application/pdf", extensions: ["pdf"], label: "PDF" },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    label: "Word (.docx)",
  },
  doc: { mime: "application/msword", extensions: ["doc"], label: "Word 97–2003 (.doc)" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], label: "Excel (.xlsx)" },
  odt: { mime: "application/vnd.oasis.opendocument.text", extensions: ["odt"], label: "OpenDocument (.odt)" },
  jpg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"], label: wording.fileTypes.jpg },
  png: { mime: "image/png", extensions: ["png"], label: wording.fileTypes.png },
};

export const ALLOWED_LIST_TEXT = wording.allowedList;

/** Bytes the first look needs (enough for every signature below). */
export const HEAD_BYTES = 64;

/** What the first bytes say: a final type, a container to open, or a refusal with its reason. */
export type HeadVerdict =
  | { kind: "type"; type: AllowedFileType }
  | { kind: "container"; container: "zip" | "ole" }
  | { kind: "refuse"; reason: RefusalReason };

export type RefusalReason = "empty" | "executable" | "script" | "archive" | "otherOffice" | "macro" | "corrupt" | "unknown";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EXECUTABLES: readonly (readonly number[])[] = [
  ascii("MZ"), // Windows .exe, .dll, .scr
  [0x7f, 0x45, 0x4c, 0x46], // ELF (Linux)
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O (macOS), Java class
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
];
const ARCHIVES: readonly (readonly number[])[] = [
  ascii("Rar!"),
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x1f, 0x8b], // gzip
  [0x50, 0x4b, 0x05, 0x06], // empty zip
];

/** The first look at a file (pass at least HEAD_BYTES bytes, or the whole file if shorter). */
export function sniffHead(head: Uint8Array): HeadVerdict {
  if (head.length === 0) return { kind: "refuse", reason: "empty" };
  if (startsWith(head, PDF)) return { kind: "type", type: "pdf" };
  if (startsWith(head, PNG)) return { kind: "type", type: "png" };
  if (startsWith(head, JPEG)) return { kind: "type", type: "jpg" };
  if (startsWith(head, ZIP)) return { kind: "container", container: "zip" };
  if (startsWith(head, OLE)) return { kind: "container", container: "ole" };
  if (EXECUTABLES.some((signature) => startsWith(head, signature))) return { kind: "refuse", reason: "executable" };
  if (ARCHIVES.some((signature) => startsWith(head, signature))) return { kind: "refuse", reason: "archive" };
  const text = new TextDecoder("latin1").decode(head.subarray(0, 32)).replace(/^\uFEFF|^ï»¿/, "").trimStart().toLowerCase();
  if (text.startsWith("#!") || text.startsWith("<") || text.startsWith("@echo") || text.startsWith("<?php")) {
    return { kind: "refuse", reason: "script" };
  }
  return { kind: "refuse", reason: "unknown" };
}

// ─── ZIP containers: .docx, .xlsx, .odt ─────────────────────────────────────────────────────────

function u16(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

/** Entry names from the central directory, or null when the archive is not readable. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const EOCD = 0x06054b50;
  const minStart = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minStart; i -= 1) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if (offset + size > eocd) return null;
  const decoder = new TextDecoder("utf-8");
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > bytes.length || u32(bytes, offset) !== 0x02014b50) return null;
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const commentLength = u16(bytes, offset + 32);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const ODT_MIME = "application/vnd.oasis.opendocument.text";

/** An OpenDocument file starts with an uncompressed entry "mimetype" holding its media type. */
function odfMimeType(bytes: Uint8Array): string | null {
  if (!startsWith(bytes, ZIP) || bytes.length < 30) return null;
  const nameLength = u16(bytes, 26);
  const extraLength = u16(bytes, 28);
  const name = new TextDecoder("latin1").decode(bytes.subarray(30, 30 + nameLength));
  if (name !== "mimetype" || u16(bytes, 8) !== 0) return null;
  const start = 30 + nameLength + extraLength;
  const size = u32(bytes, 18);
  return new TextDecoder("latin1").decode(bytes.subarray(start, start + Math.min(size, 100)));
}

function classifyZip(bytes: Uint8Array): AllowedFileType | RefusalReason {
  const names = zipEntryNames(bytes);
  if (!names) return "corrupt";
  const has = (name: string) => names.includes(name);
  const odf = odfMimeType(bytes);
  if (odf !== null) return odf === ODT_MIME && has("content.xml") ? "odt" : "otherOffice";
  if (has("[Content_Types].xml")) {
    if (names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return "macro";
    if (has("word/document.xml")) return "docx";
    if (has("xl/workbook.xml")) return "xlsx";
    return "otherOffice"; // .pptx and friends
  }
  return "archive"; // a plain .zip (or .jar, .apk…): its contents are unknown
}

// ─── OLE2 compound files: .doc (and, refused, .xls, .ppt, .msi) ─────────────────────────────────

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;

/** Stream and storage names in an OLE2 compound file's directory, or null when unreadable. */
export function oleEntryNames(bytes: Uint8Array): string[] | null {
  if (!startsWith(bytes, OLE) || bytes.length < 512) return null;
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const perSector = sectorSize / 4;
  const maxSectors = Math.ceil(bytes.length / sectorSize);

  // The FAT's own sectors are listed in the header (109) and then in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i += 1) {
    const sector = u32(bytes, 0x4c + i * 4);
    if (sector !== FREE) fatSectors.push(sector);
  }
  let difat = u32(bytes, 0x44);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE; guard += 1) {
    if (guard > maxSectors || sectorOffset(difat) + sectorSize > bytes.length) return null;
    for (let i = 0; i < perSector - 1; i += 1) {
      const sector = u32(bytes, sectorOffset(difat) + i * 4);
      if (sector !== FREE) fatSectors.push(sector);
    }
    difat = u32(bytes, sectorOffset(difat) + (perSector - 1) * 4);
  }
  const next = (sector: number): number | null => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || sectorOffset(fatSector) + sectorSize > bytes.length) return null;
    return u32(bytes, sectorOffset(fatSector) + (sector % perSector) * 4);
  };

  const names: string[] = [];
  let sector = u32(bytes, 0x30);
  for (let guard = 0; sector !== END_OF_CHAIN; guard += 1) {
    if (guard > maxSectors || sectorOffset(sector) + sectorSize > bytes.length) return null;
    for (let entry = 0; entry < sectorSize / 128; entry += 1) {
      const base = sectorOffset(sector) + entry * 128;
      const type = bytes[base + 0x42];
      const nameBytes = Math.min(u16(bytes, base + 0x40), 64);
      if ((type === 1 || type === 2 || type === 5) && nameBytes >= 2) {
        let name = "";
        for (let i = 0; i + 1 < nameBytes - 2; i += 2) name += String.fromCharCode(u16(bytes, base + i));
        names.push(name);
      }
    }
    const following = next(sector);
    if (following === null) return null;
    sector = following;
  }
  return names;
}

function classifyOle(bytes: Uint8Array): AllowedFileType | RefusalReason {
  const names = oleEntryNames(bytes);
  if (!names) return "corrupt";
  if (names.includes("WordDocument")) return names.includes("Macros") ? "macro" : "doc";
  return "otherOffice";
}

/** The verdict on a whole file whose head said "container". */
export function classifyContainer(container: "zip" | "ole", bytes: Uint8Array): AllowedFileType | RefusalReason {
  return container === "zip" ? classifyZip(bytes) : classifyOle(bytes);
}

/** The whole check on a file held in memory (tests, small files). */
export function detectFileType(bytes: Uint8Array): AllowedFileType | RefusalReason {
  const head = sniffHead(bytes.subarray(0, HEAD_BYTES));
  if (head.kind === "type") return head.type;
  if (head.kind === "refuse") return head.reason;
  return classifyContainer(head.container, bytes);
}

/**
 * The name to store: the person's file name, with the extension of what the file really is (a PDF
 * named "bao-cao.docx" is kept as "bao-cao.pdf", so it opens in the right program).
 */
export function fileNameFor(fileName: string, type: AllowedFileType): string {
  const clean = fileName.normalize("NFC").replace(/[\\/]/g, "_").replace(/[\u0000-\u001f\u007f"]/g, "").trim() || "tai-lieu";
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 ? clean.slice(dot + 1).toLowerCase() : "";
  const { extensions } = FILE_TYPES[type];
  if (extensions.includes(extension)) return clean;
  const known = Object.values(FILE_TYPES).some((t) => t.extensions.includes(extension));
  const stem = known ? clean.slice(0, dot) : clean;
  return `${stem}.${extensions[0]}`;
}
