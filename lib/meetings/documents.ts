// Meeting documents (tài liệu sinh hoạt): uploaded by the branch's recorder, read by everyone who
// may read the meeting (members of the branch included). Before the meeting: content, draft
// resolution, thematic material and other papers; after it: the final resolution and minutes.
// postedAt is the moment the file was accepted; it feeds P5 (documents ≥ 1 day ahead) and K3
// (final resolution ≤ 2 days after), computed by documentTiming() below.
import type { Readable } from "node:stream";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { DocumentKind, type MeetingState } from "@/lib/generated/prisma/enums";
import { loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import { parseInput } from "@/lib/errors";
import { PREPARATION_EDITABLE } from "@/lib/meetings/states";
import { assertDeclaredSize, blobStore, ingestUpload, newBlobKey, uploadMaxBytes } from "@/lib/storage";
import messages from "@/lib/i18n/messages";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.documents;
const shared = messages.meetingsServer.common;

export const DOCUMENT_NOT_FOUND = wording.notFound;

/** Posted before the meeting; these count for P5. */
export const PREPARATION_KINDS: readonly DocumentKind[] = ["CONTENT", "DRAFT_RESOLUTION", "THEMATIC_MATERIAL"];
/** Posted after the meeting (K3 looks at FINAL_RESOLUTION). */
export const RECORD_KINDS: readonly DocumentKind[] = ["FINAL_RESOLUTION", "MINUTES"];
/** States after the meeting in which its final documents may still be posted (not locked, not cancelled). */
const AFTER_MEETING: readonly MeetingState[] = ["HELD", "MINUTES_ADOPTED", "SELF_SCORED", "CONFIRMED"];

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(message, { [field]: [message] });
}

/** Which kinds may be posted in a state (OTHER goes with either phase). */
export function uploadableKinds(state: MeetingState): DocumentKind[] {
  if (PREPARATION_EDITABLE.includes(state)) return [...PREPARATION_KINDS, "OTHER"];
  if (AFTER_MEETING.includes(state)) return [...RECORD_KINDS, "OTHER"];
  return [];
}

function assertUploadAllowed(meeting: { state: MeetingState }, kind: DocumentKind): void {
  const allowed = uploadableKinds(meeting.state);
  if (allowed.includes(kind)) return;
  if (allowed.length === 0) {
    throw new ValidationError(wording.closed);
  }
  if (RECORD_KINDS.includes(kind)) {
    throw invalid("kind", wording.finalAfterHeld);
  }
  throw invalid("kind", wording.heldOnlyFinal);
}

/** Whether a posted document may still be removed: preparation papers until the meeting, final ones while the record is open. */
export function canDeleteDocument(meeting: { state: MeetingState }, kind: DocumentKind): boolean {
  if (RECORD_KINDS.includes(kind) || (kind === "OTHER" && !PREPARATION_EDITABLE.includes(meeting.state))) {
    return meeting.state === "HELD";
  }
  return PREPARATION_EDITABLE.includes(meeting.state);
}

// ─── Upload ─────────────────────────────────────────────────────────────────────────────────────

const documentKindField = z.enum(DocumentKind, { error: wording.kindRequired });

/** The upload's description (query string of the upload request; the body is the file itself). */
export const documentUploadSchema = z.object({
  kind: documentKindField,
  fileName: z
    .string({ error: wording.fileNameMissing })
    .transform((value) => value.normalize("NFC").trim())
    .pipe(z.string().min(1, wording.fileNameMissing).max(255, wording.fileNameTooLong)),
  title: z
    .string()
    .nullish()
    .transform((value) => value?.normalize("NFC").replace(/\s+/g, " ").trim() || null)
    .pipe(z.string().max(200, wording.titleTooLong).nullable()),
});
export type DocumentUploadInput = z.input<typeof documentUploadSchema>;

export interface MeetingDocumentItem {
  id: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  postedAt: Date;
  postedBy: { id: string; displayName: string };
}

const documentSelect = {
  id: true,
  kind: true,
  title: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  postedAt: true,
  postedBy: { select: { id: true, displayName: true } },
} as const;

/** "bao-cao-thang-11.pdf" → "bao-cao-thang-11" (the title when none is given). */
function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return (dot > 0 ? fileName.slice(0, dot) : fileName).replace(/[_]+/g, " ").trim().slice(0, 200) || fileName;
}

/**
 * Posts a file for a meeting. Authorized and checked before a byte is read (so a member or a
 * stranger cannot fill the disk), streamed into storage with the size and type checks, then
 * recorded with its audit entry in one transaction that checks everything again. If anything fails
 * after the bytes were stored, they are removed.
 */
export async function uploadMeetingDocument(
  user: Principal,
  meetingId: string,
  input: DocumentUploadInput | Record<string, unknown>,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  context: ServiceContext & { contentLength?: string | null } = {},
): Promise<MeetingDocumentItem> {
  const meta = parseInput(documentUploadSchema, input);
  const maxBytes = uploadMaxBytes();
  await withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, meetingId, { permission: "meeting.record" });
    assertUploadAllowed(meeting, meta.kind);
  });
  assertDeclaredSize(context.contentLength, maxBytes);
  if (!body) throw new ValidationError(wording.noContent);

  const store = blobStore();
  const file = await ingestUpload(store, body, { key: newBlobKey(user.tenantId), fileName: meta.fileName, maxBytes });
  try {
    return await withTenant(user.tenantId, async (tx) => {
      const meeting = await loadMeeting(tx, user, meetingId, { permission: "meeting.record", lock: true });
      assertUploadAllowed(meeting, meta.kind);
      const postedAt = context.now ?? new Date();
      const row = await tx.meetingDocument.create({
        data: {
          tenantId: user.tenantId,
          meetingId: meeting.id,
          kind: meta.kind,
          title: meta.title ?? titleFromFileName(file.fileName),
          fileName: file.fileName,
          mimeType: file.mimeType,
          sizeBytes: file.size,
          sha256: file.sha256,
          storageKey: file.key,
          postedAt,
          postedById: user.id,
        },
        select: documentSelect,
      });
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "meeting.document.upload",
        entityType: "Meeting",
        entityId: meeting.id,
        after: {
          documentId: row.id,
          kind: row.kind,
          title: row.title,
          fileName: row.fileName,
          mimeType: row.mimeType,
          sizeBytes: row.sizeBytes,
          sha256: row.sha256,
          postedAt: postedAt.toISOString(),
        },
        requestId: context.requestId,
      });
      return row;
    });
  } catch (error) {
    await store.delete(file.key).catch((cleanup: unknown) => console.error("[documents] could not remove an unrecorded upload:", cleanup));
    throw error;
  }
}

// ─── Read ───────────────────────────────────────────────────────────────────────────────────────

/** The documents of a meeting the caller has already loaded (and may read), oldest first. */
export async function documentsOf(tx: Tx, meeting: Pick<MeetingRef, "id" | "tenantId">): Promise<MeetingDocumentItem[]> {
  return tx.meetingDocument.findMany({
    where: { tenantId: meeting.tenantId, meetingId: meeting.id },
    select: documentSelect,
    orderBy: [{ postedAt: "asc" }, { id: "asc" }],
  });
}

export async function listMeetingDocuments(user: Principal, meetingId: string): Promise<MeetingDocumentItem[]> {
  return withTenant(user.tenantId, async (tx) => documentsOf(tx, await loadMeeting(tx, user, meetingId)));
}

export interface DocumentDownload {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  stream: Readable;
}

/** Opens a document for download: anyone who may read the meeting (a branch member too). */
export async function openMeetingDocument(user: Principal, meetingId: string, documentId: string): Promise<DocumentDownload> {
  if (!isUuid(documentId)) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  const row = await withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, meetingId);
    const found = await tx.meetingDocument.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: documentId } },
      select: { meetingId: true, fileName: true, mimeType: true, sha256: true, storageKey: true },
    });
    if (!found || found.meetingId !== meeting.id) throw new NotFoundError(DOCUMENT_NOT_FOUND);
    return found;
  });
  const blob = await blobStore().get(row.storageKey);
  return { fileName: row.fileName, mimeType: row.mimeType, sha256: row.sha256, size: blob.size, stream: blob.stream };
}

// ─── Delete ─────────────────────────────────────────────────────────────────────────────────────

export const deleteDocumentSchema = z.object({
  meetingId: z.string({ error: shared.meetingIdMissing }).trim().min(1, shared.meetingIdMissing),
  documentId: z.string({ error: wording.documentIdMissing }).trim().min(1, wording.documentIdMissing),
});
export type DeleteDocumentInput = z.input<typeof deleteDocumentSchema>;

/** Removes a posted document (row and audit in one transaction; the bytes after it commits). */
export async function deleteMeetingDocument(
  user: Principal,
  input: DeleteDocumentInput | Record<string, unknown>,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const { meetingId, documentId } = parseInput(deleteDocumentSchema, input);
  if (!isUuid(documentId)) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  const removed = await withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, meetingId, { permission: "meeting.record", lock: true });
    const row = await tx.meetingDocument.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: documentId } },
      select: { ...documentSelect, meetingId: true, storageKey: true },
    });
    if (!row || row.meetingId !== meeting.id) throw new NotFoundError(DOCUMENT_NOT_FOUND);
    if (!canDeleteDocument(meeting, row.kind)) {
      throw new ValidationError(
        PREPARATION_EDITABLE.includes(meeting.state) || meeting.state === "HELD"
          ? wording.notDeletableNow
          : wording.keptAsRecord,
      );
    }
    await tx.meetingDocument.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: row.id } }, select: { id: true } });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "meeting.document.delete",
      entityType: "Meeting",
      entityId: meeting.id,
      before: {
        documentId: row.id,
        kind: row.kind,
        title: row.title,
        fileName: row.fileName,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        postedAt: row.postedAt.toISOString(),
      },
      requestId: context.requestId,
    });
    return row;
  });
  // After the commit: a failure here leaves an orphan file, never a row without its file.
  await blobStore()
    .delete(removed.storageKey)
    .catch((error: unknown) => console.error("[documents] could not remove a deleted document's file:", error));
  return { id: removed.id };
}

// ─── Timing facts for scoring (P5, K3) ──────────────────────────────────────────────────────────

export interface DocumentTiming {
  /**
   * Minutes from the earliest preparation document (content, draft resolution, thematic material)
   * to the start (actual, else planned); negative when posted after it; null when none was posted.
   */
  documentsLeadMinutes: number | null;
  /** Which start the lead is measured against. */
  leadMeasuredFrom: "actual" | "planned";
  /**
   * Minutes from the actual end to the first posting of the final resolution (a FINAL_RESOLUTION
   * document or the resolution's own postedAt), at least 0; null when not posted or not held yet.
   */
  finalDocumentsDelayMinutes: number | null;
}

const MINUTE = 60_000;

/**
 * The timing facts, rounded against the branch: a lead is counted in whole minutes down (23 h 59 m
 * 59 s is not 24 h), a delay in whole minutes up (48 h and a few seconds is over 48 h).
 */
export function documentTiming(input: {
  documents: readonly { kind: DocumentKind; postedAt: Date }[];
  plannedStart: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  resolutionPostedAt?: Date | null;
}): DocumentTiming {
  const start = input.actualStart ?? input.plannedStart;
  const earliest = (kinds: readonly DocumentKind[]) =>
    input.documents
      .filter((doc) => kinds.includes(doc.kind))
      .reduce<Date | null>((min, doc) => (min === null || doc.postedAt < min ? doc.postedAt : min), null);
  const firstPreparation = earliest(PREPARATION_KINDS);
  const documentsLeadMinutes = firstPreparation === null ? null : Math.floor((start.getTime() - firstPreparation.getTime()) / MINUTE);
  let finalDocumentsDelayMinutes: number | null = null;
  if (input.actualEnd) {
    const candidates = [earliest(["FINAL_RESOLUTION"]), input.resolutionPostedAt ?? null].filter((d): d is Date => d !== null);
    if (candidates.length > 0) {
      const first = Math.min(...candidates.map((d) => d.getTime()));
      finalDocumentsDelayMinutes = Math.max(0, Math.ceil((first - input.actualEnd.getTime()) / MINUTE));
    }
  }
  return { documentsLeadMinutes, leadMeasuredFrom: input.actualStart ? "actual" : "planned", finalDocumentsDelayMinutes };
}

/** The timing facts of a meeting, read inside the caller's transaction (for the scoring facts). */
export async function documentTimingFor(tx: Tx, tenantId: string, meetingId: string): Promise<DocumentTiming> {
  const meeting = await tx.meeting.findUnique({
    where: { tenantId_id: { tenantId, id: meetingId } },
    select: {
      plannedStart: true,
      actualStart: true,
      actualEnd: true,
      documents: { select: { kind: true, postedAt: true } },
      resolution: { select: { postedAt: true } },
    },
  });
  if (!meeting) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  return documentTiming({
    documents: meeting.documents,
    plannedStart: meeting.plannedStart,
    actualStart: meeting.actualStart,
    actualEnd: meeting.actualEnd,
    resolutionPostedAt: meeting.resolution?.postedAt ?? null,
  });
}

/** The JSON shape of a document in /api/v1 answers (with where to download it). */
export function documentJson(meetingId: string, doc: MeetingDocumentItem) {
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    fileName: doc.fileName,
    mimeType: doc.mimeType,
    sizeBytes: doc.sizeBytes,
    sha256: doc.sha256,
    postedAt: doc.postedAt.toISOString(),
    postedBy: doc.postedBy,
    downloadUrl: `/api/v1/meetings/${meetingId}/documents/${doc.id}`,
  };
}
