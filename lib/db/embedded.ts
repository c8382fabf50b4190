// The embedded database for `npm start` without DATABASE_URL: PGlite (Postgres compiled to WASM)
// served over the Postgres wire protocol, so the application talks to it exactly as to a real server.
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  /** True when the data directory did not exist before this start. */
  fresh: boolean;
  maxConnections: number;
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  host?: string;
  port?: number;
  /** pglite-socket multiplexes connections onto one backend, keeping transactions together. */
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const maxConnections = options.maxConnections ?? 8;
  const fresh = !existsSync(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  // The extensions the migrations create (trigram search, exclusion constraints on date ranges).
  const pglite = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm, btree_gist } });
  const port = options.port ?? (await freePort(host));
  const server = new PGLiteSocketServer({ db: pglite, host, port, maxConnections });
  await server.start();
  return {
    url: `postgresql://postgres@${host}:${port}/postgres`,
    fresh,
    maxConnections,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
