// Issue 13, finding 12: an upload is checked by its structure, not only its first bytes. The
// attacker's file was an executable with "%PDF-1.4" in front: stored as a PDF until now.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LocalBlobStore, newBlobKey } from "@/lib/storage";
import { ingestUpload } from "@/lib/storage/ingest";
import { hasValidStructure } from "@/lib/storage/structure";
import { EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, realDocx, realXlsx, zipOf } from "@/tests/fixtures/preparation-files";

async function* chunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const TENANT = "0190f3b0-0000-7000-8000-000000000001";
let dir: string;
let store: LocalBlobStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sosh-upload-"));
  store = new LocalBlobStore(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storedFiles(): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) found.push(entry.name);
  return found;
}

describe("finding 12: uploads are checked by structure", () => {
  test("an executable behind a PDF header is refused (415) and nothing is stored", async () => {
    const disguised = Buffer.concat([Buffer.from("%PDF-1.4\n"), EXE_BYTES, Buffer.alloc(4096, 0x90)]);
    await expect(ingestUpload(store, chunks(disguised), { key: newBlobKey(TENANT), fileName: "bao-cao.pdf", maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      status: 415,
      reason: "corrupt",
    });
    expect(await storedFiles()).toEqual([]);
  });

  test("real files of every allowed type pass; their look-alikes do not", async () => {
    expect(await hasValidStructure("pdf", PDF_BYTES)).toBe(true);
    expect(await hasValidStructure("png", PNG_BYTES)).toBe(true);
    expect(await hasValidStructure("jpg", JPEG_BYTES)).toBe(true);
    expect(await hasValidStructure("docx", await realDocx())).toBe(true);
    expect(await hasValidStructure("xlsx", await realXlsx())).toBe(true);

    expect(await hasValidStructure("pdf", Buffer.from("%PDF-1.4\nstartxref\n999999\n%%EOF\n"))).toBe(false);
    expect(await hasValidStructure("png", PNG_BYTES.subarray(0, PNG_BYTES.length - 12))).toBe(false);
    expect(await hasValidStructure("jpg", JPEG_BYTES.subarray(0, JPEG_BYTES.length - 2))).toBe(false);
    // [Content_Types].xml and a "document" that is not XML.
    expect(await hasValidStructure("docx", zipOf([["[Content_Types].xml", "<Types/>"], ["word/document.xml", "MZ\u0090\u0000"]]))).toBe(false);
    expect(await hasValidStructure("docx", zipOf([["[Content_Types].xml", "<Types/>"]]))).toBe(false);
  });
});
