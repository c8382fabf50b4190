// The official documents of a meeting as files: biên bản and nghị quyết in DOCX. Whoever may read
// the meeting may download them; a meeting they may not read is a 404. Members of the branch get
// the member version, without absence reasons (lib/documents/meeting-record.ts).
import type { Principal } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import messages from "@/lib/i18n/messages";
import { buildMinutesDocument, buildResolutionDocument } from "./builders";
import { DOCX_MEDIA_TYPE, officialDocxBuffer } from "./docx";
import { loadMeetingRecord } from "./meeting-record";
import type { OfficialDocument } from "./model";

export type DocumentKindName = "minutes" | "resolution";

export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** The document model (for the print view and tests). */
export async function meetingDocument(user: Principal, meetingId: string, kind: DocumentKindName): Promise<OfficialDocument> {
  const record = await loadMeetingRecord(user, meetingId);
  if (kind === "resolution" && !record.resolution) {
    throw new NotFoundError(messages.documentsServer.noResolution);
  }
  return kind === "minutes" ? buildMinutesDocument(record) : buildResolutionDocument(record);
}

export async function exportMeetingDocx(user: Principal, meetingId: string, kind: DocumentKindName): Promise<ExportedFile> {
  const doc = await meetingDocument(user, meetingId, kind);
  return { fileName: doc.fileName, contentType: DOCX_MEDIA_TYPE, bytes: await officialDocxBuffer(doc) };
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback with the accents folded
 * ("Dự thảo NQ.pdf" → "Du thao NQ.pdf") plus the UTF-8 name, so Vietnamese file names survive.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    // đ (U+0111) and Đ (U+0110) are letters of their own, not a base letter with a mark.
    .replace(/\u0111/g, "d")
    .replace(/\u0110/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
