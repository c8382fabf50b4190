// BlobStore on a local directory (STORAGE_DIR, default .data/files): one file per key, written to a
// temporary name in the same directory and renamed when complete, so a half-written upload is
// never visible under its key.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { assertBlobKey, BlobNotFoundError, type BlobStore } from "@/lib/storage/blob-store";

export class LocalBlobStore implements BlobStore {
  readonly root: string;

  constructor(directory: string) {
    this.root = path.resolve(directory);
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${randomUUID()}.part`;
    let size = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of body) {
          size += chunk.byteLength;
          yield chunk;
        }
      })(),
    );
    try {
      await pipeline(counted, createWriteStream(partial, { flags: "wx", mode: 0o640 }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { size };
  }

  async get(key: string): Promise<{ stream: Readable; size: number }> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new BlobNotFoundError();
      return { stream: createReadStream(file), size: info.size };
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw error;
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new BlobNotFoundError();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
