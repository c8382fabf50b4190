// Reading ZIP containers (.docx, .xlsx, .odt) defensively: the central directory is parsed with
// bounds checks, every entry's local header must be where the directory says, and an entry is
// inflated as a stream that stops the moment it passes a byte budget — the sizes a ZIP declares can
// lie, so a 300 KB file that inflates to 300 MB is caught after the budget, not after 300 MB.
import { createInflateRaw } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (nothing else appears in office files). */
  method: number;
  compressedSize: number;
  /** As declared (may lie; inflateEntry counts for itself). */
  uncompressedSize: number;
  localOffset: number;
  encrypted: boolean;
}

function u16(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

const MAX_ENTRIES = 10_000;

/** The entries of a ZIP file, or null when its directory is missing, inconsistent or unusual (ZIP64, too many entries). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const EOCD = 0x06054b50;
  if (bytes.length < 22) return null;
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
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ENTRIES || offset + size > eocd) return null;
  const decoder = new TextDecoder("utf-8");
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > eocd || u32(bytes, offset) !== 0x02014b50) return null;
    const flags = u16(bytes, offset + 8);
    const method = u16(bytes, offset + 10);
    const compressedSize = u32(bytes, offset + 20);
    const uncompressedSize = u32(bytes, offset + 24);
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const commentLength = u16(bytes, offset + 32);
    const localOffset = u32(bytes, offset + 42);
    if (offset + 46 + nameLength > eocd) return null;
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // The local header must be where the directory says, with the same name.
    if (localOffset + 30 > bytes.length || u32(bytes, localOffset) !== 0x04034b50) return null;
    const localNameLength = u16(bytes, localOffset + 26);
    const localExtra = u16(bytes, localOffset + 28);
    if (localNameLength !== nameLength) return null;
    if (localOffset + 30 + localNameLength + localExtra + compressedSize > bytes.length) return null;
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset, encrypted: (flags & 1) === 1 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry. */
function dataOf(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const start = entry.localOffset + 30 + u16(bytes, entry.localOffset + 26) + u16(bytes, entry.localOffset + 28);
  return bytes.subarray(start, start + entry.compressedSize);
}

export class ZipBudgetError extends Error {
  constructor(readonly entry: string) {
    super(`ZIP entry ${entry} inflates beyond its budget`);
    this.name = "ZipBudgetError";
  }
}

/**
 * Inflates an entry chunk by chunk, handing each chunk to `onChunk` (which may throw to stop), and
 * stops with ZipBudgetError once more than `maxBytes` came out. Throws on corrupt data.
 * Answers the number of bytes inflated.
 */
export async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, onChunk?: (chunk: Buffer) => void): Promise<number> {
  if (entry.encrypted) throw new Error(`ZIP entry ${entry.name} is encrypted`);
  const data = dataOf(bytes, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipBudgetError(entry.name);
    onChunk?.(Buffer.from(data.buffer, data.byteOffset, data.length));
    return data.length;
  }
  if (entry.method !== 8) throw new Error(`ZIP entry ${entry.name} uses compression method ${entry.method}`);
  return new Promise<number>((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on("data", (chunk: Buffer) => {
      if (failed) return;
      total += chunk.length;
      if (total > maxBytes) return fail(new ZipBudgetError(entry.name));
      try {
        onChunk?.(chunk);
      } catch (error) {
        fail(error);
      }
    });
    inflater.on("error", fail);
    inflater.on("end", () => {
      if (!failed) resolve(total);
    });
    inflater.end(Buffer.from(data.buffer, data.byteOffset, data.length));
  });
}
