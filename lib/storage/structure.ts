// The second look at an upload: the magic number says what a file claims to be, this says whether
// it really is one — its structure parses. An executable with "%PDF-1.4" in front has no PDF
// trailer; a ZIP with [Content_Types].xml but no readable document part is not a Word file; a PNG
// must be a chain of chunks ending in IEND. Cheap checks on the bytes in memory (≤ UPLOAD_MAX_MB),
// no rendering: a file that passes opens in the program its type names.
import type { AllowedFileType } from "@/lib/storage/file-type";
import { inflateEntry, zipEntries, type ZipEntry } from "@/lib/storage/zip";

const latin1 = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString("latin1");

/**
 * A PDF ends with "startxref <offset> %%EOF" (near its end: readers tolerate a little padding after
 * it, so do we), and the offset points at a cross-reference table ("xref") or stream ("<n> <g> obj")
 * inside the file.
 */
export function isStructuredPdf(bytes: Uint8Array): boolean {
  const tail = latin1(bytes, Math.max(0, bytes.length - 2048), bytes.length);
  const match = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)].at(-1);
  if (!match) return false;
  const offset = Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset < 8 || offset >= bytes.length) return false;
  const at = latin1(bytes, offset, Math.min(bytes.length, offset + 32));
  return /^(xref\b|\d+\s+\d+\s+obj\b)/.test(at);
}

function u32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** A PNG: the signature, IHDR first, then chunks that fit exactly, the last being IEND. */
export function isStructuredPng(bytes: Uint8Array): boolean {
  let offset = 8;
  let first = true;
  while (offset + 12 <= bytes.length) {
    const length = u32be(bytes, offset);
    const type = latin1(bytes, offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || (first && type !== "IHDR")) return false;
    first = false;
    offset += 12 + length;
    if (offset > bytes.length) return false;
    if (type === "IEND") return offset === bytes.length;
  }
  return false;
}

/** A JPEG: markers from SOI to the start of scan, and the end-of-image marker near the end. */
export function isStructuredJpeg(bytes: Uint8Array): boolean {
  let offset = 2;
  for (let guard = 0; guard < 1000 && offset + 4 <= bytes.length; guard += 1) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (length < 2) return false;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data follows; the image must end with EOI (trailing padding allowed).
      const end = bytes.subarray(Math.max(offset, bytes.length - 4096));
      for (let i = end.length - 2; i >= 0; i -= 1) if (end[i] === 0xff && end[i + 1] === 0xd9) return true;
      return false;
    }
    offset += 2 + length;
  }
  return false;
}

/** The document part of each ZIP-based type, which must inflate to XML. */
const MAIN_PART: Partial<Record<AllowedFileType, string>> = {
  docx: "word/document.xml",
  xlsx: "xl/workbook.xml",
  odt: "content.xml",
};

/** Budget for inflating one part while checking it: far above any real document's, far below a bomb. */
const PART_BUDGET = 128 * 1024 * 1024;

async function inflatesToXml(bytes: Uint8Array, entry: ZipEntry | undefined): Promise<boolean> {
  if (!entry) return false;
  let head = "";
  try {
    await inflateEntry(bytes, entry, PART_BUDGET, (chunk) => {
      if (head.length < 64) head += chunk.subarray(0, 64).toString("utf8");
    });
  } catch {
    return false;
  }
  return /^(\uFEFF)?\s*</.test(head);
}

/** A Word, Excel or OpenDocument file: a readable ZIP whose content types and main part inflate to XML. */
export async function isStructuredOfficeZip(bytes: Uint8Array, type: AllowedFileType): Promise<boolean> {
  const entries = zipEntries(bytes);
  const main = MAIN_PART[type];
  if (!entries || !main) return false;
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  if (type !== "odt" && !(await inflatesToXml(bytes, byName.get("[Content_Types].xml")))) return false;
  return inflatesToXml(bytes, byName.get(main));
}

/** Whether the bytes have the structure of the type their first bytes announced (.doc: checked by its directory already). */
export async function hasValidStructure(type: AllowedFileType, bytes: Uint8Array): Promise<boolean> {
  switch (type) {
    case "pdf":
      return isStructuredPdf(bytes);
    case "png":
      return isStructuredPng(bytes);
    case "jpg":
      return isStructuredJpeg(bytes);
    case "docx":
    case "xlsx":
    case "odt":
      return isStructuredOfficeZip(bytes, type);
    case "doc":
      return true;
  }
}
