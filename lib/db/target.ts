// Which database an operator command (npm run cli, db:*, backup) works on. With DATABASE_URL, that
// server. Without it, the embedded database in .data/pg: through the running app's server when
// `npm start` is up, or by opening the directory here for the length of the command. Either way the
// URL becomes this process's DATABASE_URL, so the application's modules find it as usual.
import { resolve } from "node:path";
import {
  EMBEDDED_DATA_DIR,
  EmbeddedBusyError,
  embeddedDataExists,
  embeddedOwner,
  OPERATOR_CONNECTIONS,
  requestDump,
  startEmbeddedPostgres,
} from "@/lib/db/embedded";
import { env, setDatabaseUrl } from "@/lib/env";
import { fill } from "@/lib/i18n/fill";
import opsWords from "@/lib/i18n/messages/vi/ops-server.json";

const wording = opsWords.database;

export type DatabaseTarget =
  | { kind: "postgresql"; url: string; close(): Promise<void> }
  | {
      kind: "pglite";
      url: string;
      dataDir: string;
      /** "app": reached through the running `npm start`; "opened": opened by this command. */
      via: "app" | "opened";
      /** PGlite's own dump of the data directory (a tar), consistent. */
      dumpDataDir(): Promise<Buffer>;
      close(): Promise<void>;
    };

/** Why a command cannot reach any database; the message says what to do. */
export class DatabaseTargetError extends Error {
  constructor(
    message: string,
    readonly code: "NO_DATABASE" | "EMBEDDED_BUSY",
  ) {
    super(message);
    this.name = "DatabaseTargetError";
  }
}

export function embeddedDataDir(): string {
  return resolve(EMBEDDED_DATA_DIR);
}

export async function openDatabaseTarget(): Promise<DatabaseTarget> {
  const configured = env().DATABASE_URL;
  if (configured && env().SOSH_EMBEDDED !== "1") return { kind: "postgresql", url: configured, close: async () => {} };
  const dataDir = embeddedDataDir();
  const owner = embeddedOwner(dataDir);
  if (owner?.role === "app") {
    setDatabaseUrl(owner.url, { embedded: true, poolMax: 2 });
    return {
      kind: "pglite",
      url: owner.url,
      dataDir,
      via: "app",
      dumpDataDir: () => requestDump(owner),
      close: async () => {},
    };
  }
  if (owner) {
    throw new DatabaseTargetError(
      fill(wording.embeddedBusy, { dir: EMBEDDED_DATA_DIR, pid: owner.pid }),
      "EMBEDDED_BUSY",
    );
  }
  if (!embeddedDataExists(dataDir)) {
    throw new DatabaseTargetError(
      fill(wording.noDatabase, { dir: EMBEDDED_DATA_DIR }),
      "NO_DATABASE",
    );
  }
  try {
    const embedded = await startEmbeddedPostgres({ dataDir, role: "cli", maxConnections: OPERATOR_CONNECTIONS });
    setDatabaseUrl(embedded.url, { embedded: true, poolMax: 2 });
    return {
      kind: "pglite",
      url: embedded.url,
      dataDir,
      via: "opened",
      dumpDataDir: async () => Buffer.from(await (await embedded.dumpDataDir()).arrayBuffer()),
      close: () => embedded.stop(),
    };
  } catch (error) {
    if (error instanceof EmbeddedBusyError) {
      throw new DatabaseTargetError(
        fill(wording.embeddedBusyProcess, { dir: EMBEDDED_DATA_DIR, pid: error.lock.pid }),
        "EMBEDDED_BUSY",
      );
    }
    throw error;
  }
}
