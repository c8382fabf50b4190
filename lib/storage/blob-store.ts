// The storage module's contract: bytes by key, as streams. The application stores uploaded files
// (meeting documents) through it and keeps only the key, size and sha256 in the database, so the
// local directory can later be swapped for an object store (S3, MinIO) without touching services.
import type { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.storageServer;

export interface BlobStore {
  /**
   * Writes the stream under `key`. The object appears only when the whole stream was written; if
   * the stream fails (too large, wrong type, client gone), nothing is left behind and the error
   * is rethrown.
   */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** The object's bytes; BlobNotFoundError when there is none. */
  get(key: string): Promise<{ stream: Readable; size: number }>;
  /** Removes the object; a missing object is not an error. */
  delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends AppError {
  constructor() {
    super(wording.blobMissing, 404);
  }
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** A fresh key: `<tenantId>/<uuid>`, so one tenant's files can be listed, moved or erased together. */
export function newBlobKey(tenantId: string): string {
  return `${tenantId}/${randomUUID()}`;
}

/** Keys are generated, never taken from a request; anything else is refused (no path tricks). */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(fill(wording.badKey, { key }));
}
