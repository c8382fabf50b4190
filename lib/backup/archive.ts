// Writing and reading the backup archive (see manifest.ts for its layout). The writer streams
// entries into `<name>.partial` and renames it only when the whole archive is on disk, so a failure
// (a full disk, a killed process) never leaves something that looks like a backup. The reader
// extracts into a staging directory, hashing every entry as it goes, and accepts the archive only
// when the manifest (the last entry) is present, valid, and agrees with every entry.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { PassThrough, Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { BackupError, backupMessages, diskFullOr } from "@/lib/backup/errors";
import { fill } from "@/lib/i18n/fill";
import { DATABASE_ENTRIES, FILES_PREFIX, MANIFEST_NAME, manifestSchema, type Manifest } from "@/lib/backup/manifest";

function hashing(onDone: (sha256: string, size: number) => void): Transform {
  const hash = createHash("sha256");
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onDone(hash.digest("hex"), size);
      callback();
    },
  });
}

export class ArchiveWriter {
  private readonly pack = tar.pack();
  private readonly written: Promise<void>;
  private failure: unknown;

  private constructor(
    readonly path: string,
    private readonly partial: string,
  ) {
    const out = createWriteStream(partial, { flags: "wx", mode: 0o600 });
    this.written = pipeline(this.pack, out).catch((error: unknown) => {
      this.failure = error;
      throw error;
    });
    this.written.catch(() => undefined); // observed through add*/finish
  }

  static async create(path: string): Promise<ArchiveWriter> {
    await mkdir(dirname(path), { recursive: true });
    return new ArchiveWriter(path, `${path}.partial`);
  }

  private async race(work: Promise<void>): Promise<void> {
    // If the output fails (ENOSPC), an entry waiting on backpressure would wait forever.
    await Promise.race([work, this.written.then(() => new Promise<void>(() => {}))]);
    if (this.failure) throw this.failure;
  }

  /** Adds a file from disk; resolves with its SHA-256 and size as written. */
  async addFile(name: string, source: string, size?: number): Promise<{ sha256: string; size: number }> {
    const bytes = size ?? (await stat(source)).size;
    let result = { sha256: "", size: 0 };
    const entry = this.pack.entry({ name, size: bytes, mode: 0o600, mtime: new Date() });
    try {
      await this.race(pipeline(createReadStream(source), hashing((sha256, n) => (result = { sha256, size: n })), entry));
    } catch (error) {
      throw diskFullOr(error, this.path);
    }
    return result;
  }

  async addBuffer(name: string, body: Buffer): Promise<void> {
    const entry = this.pack.entry({ name, size: body.length, mode: 0o600, mtime: new Date() });
    try {
      await this.race(pipeline(PassThrough.from([body]) as Readable, entry));
    } catch (error) {
      throw diskFullOr(error, this.path);
    }
  }

  /** Ends the archive, flushes it to disk, and gives it its final name. */
  async finish(): Promise<void> {
    this.pack.finalize();
    try {
      await this.written;
      const handle = await open(this.partial, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.partial, this.path);
    } catch (error) {
      await this.abort();
      throw diskFullOr(error, this.path);
    }
  }

  /** Removes the partial file (after a failure). */
  async abort(): Promise<void> {
    this.pack.destroy();
    await this.written.catch(() => undefined);
    await rm(this.partial, { force: true });
  }
}

export interface ExtractedArchive {
  manifest: Manifest;
  /** Where each entry was written in the staging directory. */
  databaseFile: string;
  filesDir: string;
}

const FILE_ENTRY = /^files\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
const DATABASE_NAMES = new Set<string>(Object.values(DATABASE_ENTRIES));
const MANIFEST_LIMIT = 64 * 1024 * 1024;

function allowedEntry(name: string): boolean {
  return name === MANIFEST_NAME || DATABASE_NAMES.has(name) || FILE_ENTRY.test(name);
}

/** Reads the archive into `staging` and checks it against its manifest; nothing else is touched. */
export async function extractArchive(path: string, staging: string): Promise<ExtractedArchive> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new BackupError("archiveMissing", { path });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError("archiveMissing", { path });
  }
  await mkdir(staging, { recursive: true });
  const seen = new Map<string, { sha256: string; size: number }>();
  let manifestText: string | undefined;
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const name = posix.normalize(header.name);
    const fail = (error: unknown) => {
      stream.resume();
      next(error as Error);
    };
    if (header.type !== "file" || !allowedEntry(name) || seen.has(name) || manifestText !== undefined) {
      return fail(new BackupError("archiveCorrupt", { path, detail: fill(backupMessages.details.badEntry, { name: header.name }) }));
    }
    if (name === MANIFEST_NAME) {
      if ((header.size ?? 0) > MANIFEST_LIMIT) return fail(new BackupError("archiveCorrupt", { path, detail: backupMessages.details.manifestTooLarge }));
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on("end", () => {
        manifestText = Buffer.concat(chunks).toString("utf8");
        next();
      });
      stream.on("error", (error) => next(error));
      return;
    }
    const target = join(staging, ...name.split("/"));
    mkdir(dirname(target), { recursive: true })
      .then(() =>
        pipeline(
          stream,
          hashing((sha256, size) => seen.set(name, { sha256, size })),
          createWriteStream(target, { flags: "wx", mode: 0o600 }),
        ),
      )
      .then(() => next(), fail);
  });
  try {
    await pipeline(createReadStream(path), extract);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const full = diskFullOr(error, staging);
    if (full instanceof BackupError) throw full;
    const message = error instanceof Error ? error.message : String(error);
    if (/unexpected end/i.test(message)) throw new BackupError("archiveTruncated", { path, detail: backupMessages.details.endedEarly });
    throw new BackupError("archiveCorrupt", { path, detail: message });
  }
  if (manifestText === undefined) {
    throw new BackupError("archiveTruncated", { path, detail: backupMessages.details.manifestMissing });
  }
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestText));
  } catch {
    throw new BackupError("archiveCorrupt", { path, detail: backupMessages.details.manifestUnreadable });
  }
  const expected = [manifest.database, ...manifest.files];
  if (manifest.database.path !== DATABASE_ENTRIES[manifest.database.kind]) {
    throw new BackupError("archiveCorrupt", { path, detail: backupMessages.details.databaseEntryName });
  }
  for (const entry of expected) {
    const found = seen.get(entry.path);
    if (!found) throw new BackupError("archiveTruncated", { path, detail: fill(backupMessages.details.entryMissing, { path: entry.path }) });
    if (found.size !== entry.size || found.sha256 !== entry.sha256) throw new BackupError("checksumMismatch", { path, entry: entry.path });
    seen.delete(entry.path);
  }
  if (seen.size > 0) throw new BackupError("archiveCorrupt", { path, detail: fill(backupMessages.details.unlistedEntry, { path: [...seen.keys()][0]! }) });
  return {
    manifest,
    databaseFile: join(staging, ...manifest.database.path.split("/")),
    filesDir: join(staging, FILES_PREFIX.replace(/\/$/, "")),
  };
}
