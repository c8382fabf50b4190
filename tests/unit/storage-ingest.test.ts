// Taking an upload into the local store: limits apply while the bytes flow, and a refused upload
// leaves nothing on disk.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BlobNotFoundError, newBlobKey } from "@/lib/storage/blob-store";
import { UploadTooLargeError, UploadTypeError, assertDeclaredSize, ingestUpload } from "@/lib/storage/ingest";
import { LocalBlobStore } from "@/lib/storage/local-store";
import { EXE_BYTES, PDF_BYTES, plainZip, realDocx } from "@/tests/fixtures/preparation-files";

const TENANT = "0195e7a0-0000-7000-8000-000000000001";
const MB = 1024 * 1024;

let dir: string;
let store: LocalBlobStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "sosh-storage-"));
  store = new LocalBlobStore(dir);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function filesIn(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function* chunks(buffer: Buffer, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

describe("LocalBlobStore", () => {
  test("puts, gets and deletes by key", async () => {
    const key = newBlobKey(TENANT);
    expect(await store.put(key, chunks(Buffer.from("xin chào")))).toEqual({ size: Buffer.byteLength("xin chào") });
    const blob = await store.get(key);
    expect(blob.size).toBe(Buffer.byteLength("xin chào"));
    expect((await text(blob.stream)).toString()).toBe("xin chào");
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.delete(key); // idempotent
  });

  test("refuses keys it did not make (no path tricks)", async () => {
    await expect(store.put("../../etc/passwd", chunks(Buffer.from("x")))).rejects.toThrow(/không hợp lệ/);
    await expect(store.get(`${TENANT}/../../x`)).rejects.toThrow(/không hợp lệ/);
  });

  test("a stream that fails half-way leaves no file", async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("first part");
      throw new Error("client went away");
    }
    await expect(store.put(newBlobKey(TENANT), broken())).rejects.toThrow("client went away");
    expect(await filesIn(dir)).toEqual([]);
  });
});

describe("ingestUpload", () => {
  test("stores an allowed file with its size, sha256, type and corrected name", async () => {
    const docx = await realDocx();
    const key = newBlobKey(TENANT);
    const file = await ingestUpload(store, chunks(docx, 1000), { key, fileName: "Nội dung.pdf", maxBytes: MB });
    expect(file).toMatchObject({
      key,
      size: docx.length,
      sha256: createHash("sha256").update(docx).digest("hex"),
      type: "docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      fileName: "Nội dung.docx",
    });
    expect(await readFile(path.join(dir, ...key.split("/")))).toEqual(docx);
  });

  test("a 200 MB upload stops at the limit, long before its end, and nothing is stored", async () => {
    let produced = 0;
    async function* huge(): AsyncGenerator<Uint8Array> {
      yield PDF_BYTES;
      for (let i = 0; i < 200; i += 1) {
        produced += MB;
        yield new Uint8Array(MB);
      }
    }
    await expect(ingestUpload(store, huge(), { key: newBlobKey(TENANT), fileName: "lon.pdf", maxBytes: 20 * MB })).rejects.toBeInstanceOf(
      UploadTooLargeError,
    );
    expect(produced).toBeLessThanOrEqual(21 * MB);
    expect(await filesIn(dir)).toEqual([]);
  });

  test("a declared Content-Length over the limit is refused before reading", () => {
    expect(() => assertDeclaredSize(String(200 * MB), 20 * MB)).toThrow(UploadTooLargeError);
    expect(() => assertDeclaredSize(String(20 * MB), 20 * MB)).not.toThrow();
    expect(() => assertDeclaredSize(null, 20 * MB)).not.toThrow();
  });

  test("an executable disguised as a PDF is refused at its first bytes, in Vietnamese, nothing stored", async () => {
    let pulled = 0;
    async function* disguised(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i += 1) {
        pulled += 1;
        yield i === 0 ? EXE_BYTES : new Uint8Array(64 * 1024);
      }
    }
    const refusal = ingestUpload(store, disguised(), { key: newBlobKey(TENANT), fileName: "bao-cao.pdf", maxBytes: 20 * MB });
    await expect(refusal).rejects.toBeInstanceOf(UploadTypeError);
    await expect(refusal).rejects.toThrow(/“bao-cao\.pdf” là tệp chương trình/);
    expect(pulled).toBe(1);
    expect(await filesIn(dir)).toEqual([]);
  });

  test("a container that is not an allowed document is removed after the check", async () => {
    await expect(
      ingestUpload(store, chunks(plainZip()), { key: newBlobKey(TENANT), fileName: "tai-lieu.docx", maxBytes: MB }),
    ).rejects.toMatchObject({ status: 415, reason: "archive" });
    expect(await filesIn(dir)).toEqual([]);
  });

  test("an empty file is refused", async () => {
    await expect(ingestUpload(store, chunks(Buffer.alloc(0)), { key: newBlobKey(TENANT), fileName: "rong.pdf", maxBytes: MB })).rejects.toMatchObject({
      reason: "empty",
    });
    expect(await filesIn(dir)).toEqual([]);
  });
});
