// Taking an uploaded file into storage: the stream is counted, hashed and checked while it flows.
// Too many bytes stop it at once (a 200 MB upload is refused after the first maxBytes, not after
// 200 MB); a head that is not an allowed type stops it at the first chunk; when complete, containers
// (ZIP, OLE2) are opened and every file's structure is checked (lib/storage/structure.ts: a PDF's
// trailer, a PNG's chunks, a Word file's document part…), so a program with a PDF header is refused.
// Whatever goes wrong, nothing stays in storage.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import type { BlobStore } from "@/lib/storage/blob-store";
import {
  ALLOWED_LIST_TEXT,
  FILE_TYPES,
  HEAD_BYTES,
  classifyContainer,
  fileNameFor,
  sniffHead,
  type AllowedFileType,
  type RefusalReason,
} from "@/lib/storage/file-type";
import { hasValidStructure } from "@/lib/storage/structure";

const MB = 1024 * 1024;
const wording = messages.storageServer;

/** 413: the file is larger than the limit. */
export class UploadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(fill(wording.tooLarge, { max: Math.floor(maxBytes / MB) }), 413);
  }
}

/** 415: the bytes are not one of the allowed types, whatever the name says. */
export class UploadTypeError extends AppError {
  constructor(
    readonly reason: RefusalReason,
    fileName: string,
  ) {
    super(refusalMessage(reason, fileName), reason === "empty" ? 422 : 415);
  }
}

function refusalMessage(reason: RefusalReason, fileName: string): string {
  return fill(wording.refusals[reason], { name: `“${fileName}”`, allowed: fill(wording.allowed, { list: ALLOWED_LIST_TEXT }) });
}

export interface IngestedFile {
  key: string;
  size: number;
  sha256: string;
  type: AllowedFileType;
  mimeType: string;
  /** The person's file name with the extension of the real type. */
  fileName: string;
}

/** A declared Content-Length above the limit is refused before a byte is read. */
export function assertDeclaredSize(contentLength: string | null | undefined, maxBytes: number): void {
  if (contentLength === null || contentLength === undefined || contentLength === "") return;
  const declared = Number(contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadTooLargeError(maxBytes);
}

async function* chunksOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the client's upload when we refuse part-way.
    await reader.cancel().catch(() => undefined);
  }
}

/** Streams `source` into `store` under `key`, enforcing the limit and the type allow-list. */
export async function ingestUpload(
  store: BlobStore,
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: { key: string; fileName: string; maxBytes: number },
): Promise<IngestedFile> {
  const hash = createHash("sha256");
  let size = 0;
  let head = new Uint8Array(0);
  let verdict: ReturnType<typeof sniffHead> | null = null;
  // Every file is checked whole at the end (structure; containers are classified from their
  // directory), so its bytes are kept (≤ maxBytes).
  const kept: Uint8Array[] = [];

  const decide = () => {
    verdict = sniffHead(head);
    if (verdict.kind === "refuse") throw new UploadTypeError(verdict.reason, options.fileName);
  };

  async function* checked(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunksOf(source)) {
      if (chunk.byteLength === 0) continue;
      size += chunk.byteLength;
      if (size > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
      hash.update(chunk);
      if (!verdict) {
        const joined = new Uint8Array(head.length + chunk.byteLength);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined.subarray(0, Math.min(joined.length, HEAD_BYTES));
        if (head.length >= HEAD_BYTES) decide();
      }
      kept.push(chunk);
      yield chunk;
    }
    if (!verdict) decide(); // a file shorter than HEAD_BYTES
  }

  await store.put(options.key, checked());
  try {
    const final = verdict as ReturnType<typeof sniffHead> | null;
    if (!final || final.kind === "refuse") throw new UploadTypeError("unknown", options.fileName);
    let type: AllowedFileType;
    const bytes = Buffer.concat(kept);
    if (final.kind === "container") {
      const result = classifyContainer(final.container, bytes);
      if (!(result in FILE_TYPES)) throw new UploadTypeError(result as RefusalReason, options.fileName);
      type = result as AllowedFileType;
    } else {
      type = final.type;
    }
    if (!(await hasValidStructure(type, bytes))) throw new UploadTypeError("corrupt", options.fileName);
    return {
      key: options.key,
      size,
      sha256: hash.digest("hex"),
      type,
      mimeType: FILE_TYPES[type].mime,
      fileName: fileNameFor(options.fileName, type),
    };
  } catch (error) {
    await store.delete(options.key);
    throw error;
  }
}
