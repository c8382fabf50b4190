// The backup archive: one uncompressed tar holding
//   database/postgres.dump          pg_dump's custom format (a PostgreSQL server), or
//   database/pglite-datadir.tar.gz  PGlite's own dump of its data directory (the embedded database),
//   files/<tenantId>/<uuid>         every uploaded file of STORAGE_DIR,
//   manifest.json                   last, so an archive cut short has none and is refused as such.
// The manifest names the schema version (the applied migrations), every table's row count and row
// checksum as of the dump's snapshot, and the size and SHA-256 of every other entry.
import { z } from "zod";

export const MANIFEST_NAME = "manifest.json";
export const FORMAT = "sosh-backup";
export const FORMAT_VERSION = 1;

export const DATABASE_ENTRIES = {
  postgresql: "database/postgres.dump",
  pglite: "database/pglite-datadir.tar.gz",
} as const;

export type DatabaseKind = keyof typeof DATABASE_ENTRIES;

export const FILES_PREFIX = "files/";

/** Archive names: sosh-backup-<UTC timestamp>.tar, so names sort by time (retention relies on it). */
export const ARCHIVE_NAME = /^sosh-backup-\d{8}T\d{9}Z\.tar$/;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const entry = z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256 });

export const tableStatsSchema = z.object({
  name: z.string().min(1),
  rows: z.number().int().nonnegative(),
  /** Sum of the first 64 bits of md5(row::text) over the rows (order-free): see table-stats.ts. */
  checksum: z.string().regex(/^-?\d+$/),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  app: z.object({ name: z.string(), version: z.string() }),
  durationMs: z.number().nonnegative(),
  database: entry.extend({
    kind: z.enum(["postgresql", "pglite"]),
    serverVersion: z.string(),
  }),
  schema: z.object({
    latest: z.string().nullable(),
    migrations: z.array(z.object({ name: z.string(), checksum: sha256 })),
  }),
  tables: z.array(tableStatsSchema),
  files: z.array(entry),
  /** Storage keys that rows of the snapshot name but that were not in STORAGE_DIR. */
  missingFiles: z.array(z.string()).default([]),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TableStats = z.infer<typeof tableStatsSchema>;
export type ManifestEntry = z.infer<typeof entry>;

export function archiveName(at: Date): string {
  return `sosh-backup-${at.toISOString().replace(/[-:]/g, "").replace(".", "")}.tar`;
}
