// The embedded database for `npm start` without DATABASE_URL: PGlite (Postgres compiled to WASM)
// served over the Postgres wire protocol, so the application talks to it exactly as to a real server.
//
// Only one process may open a data directory. The one that does writes `<dataDir>.lock` (its pid,
// the wire URL, its role and the path of its control socket) and removes it when it stops; a lock
// whose process is gone is stale and taken over. Other processes (the CLI, db:*, backup) read the
// lock to reach the running app's server instead of opening the directory themselves, and ask the
// owner for a consistent copy of the data directory through the control socket (a Unix socket only
// the same OS user can open), since only the owning process can dump its PGlite.
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Connections left for the CLI, migrations and backups beside the app's pool. */
export const OPERATOR_CONNECTIONS = 4;

/** Where `npm start` keeps the embedded database (relative to the project). */
export const EMBEDDED_DATA_DIR = join(".data", "pg");

/** The extensions the migrations create (trigram search, exclusion constraints on date ranges). */
export const EMBEDDED_EXTENSIONS = { pg_trgm, btree_gist };

export type EmbeddedRole = "app" | "cli";

export interface EmbeddedLock {
  pid: number;
  role: EmbeddedRole;
  url: string;
  controlSocket: string;
  startedAt: string;
}

export interface EmbeddedPostgres {
  url: string;
  /** True when the data directory did not exist before this start. */
  fresh: boolean;
  maxConnections: number;
  /** The PGlite's own dump: a tar of its data directory, consistent (taken between queries). */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
}

/** The directory is open in another live process that is not a running app (e.g. another command). */
export class EmbeddedBusyError extends Error {
  constructor(readonly lock: EmbeddedLock) {
    super(`embedded database is in use by process ${lock.pid} (${lock.role})`);
    this.name = "EmbeddedBusyError";
  }
}

export function lockFileOf(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(dataDir: string): EmbeddedLock | null {
  try {
    const lock = JSON.parse(readFileSync(lockFileOf(dataDir), "utf8")) as EmbeddedLock;
    return typeof lock.pid === "number" ? lock : null;
  } catch {
    return null;
  }
}

/** The process that has the directory open right now, or null (a stale lock counts as none). */
export function embeddedOwner(dataDir: string): EmbeddedLock | null {
  const lock = readLock(dataDir);
  return lock && processAlive(lock.pid) ? lock : null;
}

/** Whether the directory holds a database (PG_VERSION is written by initdb). */
export function embeddedDataExists(dataDir: string): boolean {
  return existsSync(join(dataDir, "PG_VERSION"));
}

/** Whether the directory is missing or empty: a restore may create the database there. */
export function embeddedDirEmpty(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

function takeLock(dataDir: string, lock: EmbeddedLock): void {
  const file = lockFileOf(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, JSON.stringify(lock), { flag: "wx", mode: 0o600 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLock(dataDir);
      if (owner && owner.pid !== process.pid && processAlive(owner.pid)) throw new EmbeddedBusyError(owner);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take ${file}`);
}

/**
 * Keeps other processes (npm start, other commands) away from a data directory while this one
 * works on it without opening it (a restore); returns the release function.
 */
export function holdEmbeddedDir(dataDir: string): () => void {
  const resolved = resolve(dataDir);
  takeLock(resolved, { pid: process.pid, role: "cli", url: "", controlSocket: "", startedAt: new Date().toISOString() });
  return () => rmSync(lockFileOf(resolved), { force: true });
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Control socket: a client writes one line `{"op":"dump"}` and reads one JSON line
 * (`{"ok":true,"size":N}` or `{"ok":false,"error":"…"}`) followed by N bytes of the dump.
 */
async function serveControl(path: string, dump: () => Promise<Blob>): Promise<Server> {
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let request = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      request += chunk;
      if (!request.includes("\n")) return;
      socket.removeAllListeners("data");
      let op: unknown;
      try {
        op = (JSON.parse(request.slice(0, request.indexOf("\n"))) as { op?: unknown }).op;
      } catch {
        op = undefined;
      }
      if (op !== "dump") {
        socket.end(`${JSON.stringify({ ok: false, error: "unknown operation" })}\n`);
        return;
      }
      dump().then(
        async (blob) => {
          socket.write(`${JSON.stringify({ ok: true, size: blob.size })}\n`);
          socket.end(Buffer.from(await blob.arrayBuffer()));
        },
        (error: unknown) => socket.end(`${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`),
      );
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolveListen());
  });
  chmodSync(path, 0o600);
  return server;
}

/** Asks the process that owns the directory for a dump of it (see serveControl). */
export async function requestDump(lock: EmbeddedLock): Promise<Buffer> {
  return new Promise((resolveDump, reject) => {
    const socket = createConnection(lock.controlSocket);
    const chunks: Buffer[] = [];
    socket.on("connect", () => socket.write(`${JSON.stringify({ op: "dump" })}\n`));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      if (newline < 0) return reject(new Error("the running app closed the control socket without an answer"));
      const header = JSON.parse(all.subarray(0, newline).toString("utf8")) as { ok: boolean; size?: number; error?: string };
      if (!header.ok) return reject(new Error(header.error ?? "dump refused"));
      const body = all.subarray(newline + 1);
      if (body.length !== header.size) return reject(new Error(`dump cut short: ${body.length} of ${header.size} bytes`));
      resolveDump(body);
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  host?: string;
  port?: number;
  /** pglite-socket multiplexes connections onto one backend, keeping transactions together. */
  maxConnections?: number;
  /** Who opens it: the app (others connect to it) or a command (others must wait). */
  role?: EmbeddedRole;
  /** Start from this dump (PGlite's dumpDataDir) instead of the directory's contents. */
  loadDataDir?: Blob;
}): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const maxConnections = options.maxConnections ?? 8;
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort(host));
  const url = `postgresql://postgres@${host}:${port}/postgres`;
  const controlSocket = join(tmpdir(), `sosh-pg-${process.pid}-${createHash("sha256").update(dataDir).digest("hex").slice(0, 8)}.sock`);
  takeLock(dataDir, { pid: process.pid, role: options.role ?? "cli", url, controlSocket, startedAt: new Date().toISOString() });
  let pglite: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let control: Server | undefined;
  try {
    const fresh = !embeddedDataExists(dataDir);
    mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create({ dataDir, extensions: EMBEDDED_EXTENSIONS, loadDataDir: options.loadDataDir });
    server = new PGLiteSocketServer({ db: pglite, host, port, maxConnections });
    await server.start();
    const db = pglite;
    // Uncompressed: the copy holds PGlite's query lock (queries wait meanwhile), so compress after.
    const dumpDataDir = async () => db.dumpDataDir("none");
    control = await serveControl(controlSocket, dumpDataDir);
    let stopped = false;
    const [openServer, openControl] = [server, control];
    return {
      url,
      fresh,
      maxConnections,
      dumpDataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await new Promise<void>((done) => openControl.close(() => done()));
        await openServer.stop();
        // close() checkpoints and shuts Postgres down cleanly: the directory is consistent after it.
        await db.close();
        rmSync(controlSocket, { force: true });
        rmSync(lockFileOf(dataDir), { force: true });
      },
    };
  } catch (error) {
    control?.close();
    await server?.stop().catch(() => undefined);
    await pglite?.close().catch(() => undefined);
    rmSync(lockFileOf(dataDir), { force: true });
    throw error;
  }
}
