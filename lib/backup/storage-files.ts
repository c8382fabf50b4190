// The uploaded files of STORAGE_DIR as a backup sees them: every completed blob (`<tenantId>/<uuid>`);
// half-written uploads (`*.part`) and readiness probes are not data and are left out.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export interface StoredFile {
  key: string;
  size: number;
}

/** Blobs under `root`, sorted by key; a missing directory has none. */
export async function listStoredFiles(root: string): Promise<StoredFile[]> {
  let tenants: string[];
  try {
    tenants = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files: StoredFile[] = [];
  for (const tenant of tenants.sort()) {
    const dir = join(root, tenant);
    const info = await stat(dir);
    if (!info.isDirectory()) continue;
    for (const name of (await readdir(dir)).sort()) {
      const key = `${tenant}/${name}`;
      if (!KEY.test(key)) continue;
      const file = await stat(join(dir, name)).catch(() => null); // deleted meanwhile: not part of the backup
      if (file?.isFile()) files.push({ key, size: file.size });
    }
  }
  return files;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every blob's hash, for comparing two storage folders (the restore drill). */
export async function storageFingerprint(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of await listStoredFiles(root)) out.set(file.key, await sha256OfFile(join(root, ...file.key.split("/"))));
  return out;
}
