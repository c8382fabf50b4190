// The storage module's public surface. The application's store is a local directory today
// (STORAGE_DIR); the limit comes from UPLOAD_MAX_MB. Tests build their own LocalBlobStore.
import { env } from "@/lib/env";
import type { BlobStore } from "@/lib/storage/blob-store";
import { LocalBlobStore } from "@/lib/storage/local-store";

export { BlobNotFoundError, newBlobKey, type BlobStore } from "@/lib/storage/blob-store";
export { LocalBlobStore } from "@/lib/storage/local-store";
export { ALLOWED_LIST_TEXT, FILE_TYPES, detectFileType, type AllowedFileType } from "@/lib/storage/file-type";
export { UploadTooLargeError, UploadTypeError, assertDeclaredSize, ingestUpload, type IngestedFile } from "@/lib/storage/ingest";

const globalForStore = globalThis as unknown as { sosBlobStore?: BlobStore };

/** The application's blob store (one per process). */
export function blobStore(): BlobStore {
  globalForStore.sosBlobStore ??= new LocalBlobStore(env().STORAGE_DIR);
  return globalForStore.sosBlobStore;
}

/** Tests swap the store (e.g. a temporary directory). */
export function setBlobStore(store: BlobStore | undefined): void {
  globalForStore.sosBlobStore = store;
}

/** The per-file limit in bytes. */
export function uploadMaxBytes(): number {
  return env().UPLOAD_MAX_MB * 1024 * 1024;
}
