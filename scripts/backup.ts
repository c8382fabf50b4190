// `npm run backup [-- --keep N --dir <thư mục>]` and `npm run restore -- <tệp> [--migrate]`.
// Without DATABASE_URL both work on the embedded database (.data/pg): a backup through the running
// app when it is up, else by opening the directory; a restore only while the app is stopped.
// Exit codes: 0 done, 1 refused or failed (nothing half-written), 2 wrong command line.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { createBackup } from "@/lib/backup/backup";
import { BackupError, backupMessages } from "@/lib/backup/errors";
import type { Manifest } from "@/lib/backup/manifest";
import { restoreBackup, type RestoreTarget } from "@/lib/backup/restore";
import { DatabaseTargetError, embeddedDataDir, openDatabaseTarget } from "@/lib/db/target";
import { env, EnvError } from "@/lib/env";
import { fill } from "@/lib/i18n/fill";
import { formatNumber } from "@/lib/i18n/format";

const USAGE = {
  backup: [
    "Cách dùng: npm run backup [-- --keep <số bản> --dir <thư mục>]",
    "",
    "  --dir <thư mục>  nơi ghi bản sao lưu (mặc định BACKUP_DIR, hiện là: {dir})",
    "  --keep <số>      sau khi sao lưu xong, chỉ giữ chừng này bản mới nhất trong thư mục",
  ].join("\n"),
  restore: [
    "Cách dùng: npm run restore -- <tệp sao lưu .tar> [--migrate]",
    "",
    "  Phục hồi vào cơ sở dữ liệu trống: DATABASE_URL nếu có, nếu không thì cơ sở dữ liệu nhúng .data/pg",
    "  (ứng dụng phải đang dừng). Tệp đính kèm được phục hồi vào STORAGE_DIR (phải trống).",
    "  --migrate        chấp nhận bản sao lưu của phiên bản cũ hơn và nâng cấp sau khi phục hồi",
  ].join("\n"),
};

class UsageError extends Error {}

function bytes(size: number): string {
  if (size >= 1024 * 1024 * 1024) return `${formatNumber(size / 1024 / 1024 / 1024, { maximumFractionDigits: 2 })} GB`;
  if (size >= 1024 * 1024) return `${formatNumber(size / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
  return `${formatNumber(size / 1024, { maximumFractionDigits: 1 })} KB`;
}

function countsTable(manifest: Manifest): string {
  const [tableTitle, rowsTitle] = backupMessages.report.tableHeader.split("|") as [string, string];
  const rows = manifest.tables.map((table) => [table.name, formatNumber(table.rows)] as const);
  const width = Math.max(tableTitle.length, ...rows.map(([name]) => name.length));
  const numbers = Math.max(rowsTitle.length, ...rows.map(([, count]) => count.length));
  return [`  ${tableTitle.padEnd(width)}  ${rowsTitle.padStart(numbers)}`, ...rows.map(([name, count]) => `  ${name.padEnd(width)}  ${count.padStart(numbers)}`)].join("\n");
}

function summary(manifest: Manifest): string {
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  const fileSize = manifest.files.reduce((sum, file) => sum + file.size, 0);
  return fill(backupMessages.report.tables, {
    tables: manifest.tables.length,
    rows: formatNumber(rows),
    files: formatNumber(manifest.files.length),
    fileSize: bytes(fileSize),
  });
}

async function runBackup(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { dir: { type: "string" }, keep: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.log(fill(USAGE.backup, { dir: env().BACKUP_DIR }));
    return 0;
  }
  if (values.keep !== undefined && !/^[1-9]\d*$/.test(values.keep)) throw new UsageError("--keep phải là số nguyên dương.");
  const target = await openDatabaseTarget();
  try {
    if (target.kind === "pglite" && target.via === "app") {
      const { embeddedOwner } = await import("@/lib/db/embedded");
      console.log(fill(backupMessages.report.embeddedOnline, { pid: embeddedOwner(target.dataDir)?.pid ?? "?" }));
    }
    const result = await createBackup(target, {
      dir: values.dir ?? env().BACKUP_DIR,
      storageDir: env().STORAGE_DIR,
      keep: values.keep === undefined ? undefined : Number(values.keep),
    });
    const { manifest } = result;
    console.log(fill(backupMessages.report.backupDone, { file: result.file, size: bytes(result.size), seconds: formatNumber(manifest.durationMs / 1000, { maximumFractionDigits: 1 }) }));
    console.log(fill(backupMessages.report.backupSource, { kind: backupMessages.kinds[manifest.database.kind], latest: manifest.schema.latest ?? "—" }));
    console.log(summary(manifest));
    console.log(countsTable(manifest));
    if (manifest.missingFiles.length > 0) {
      console.log(fill(backupMessages.report.missingFiles, { count: manifest.missingFiles.length, example: manifest.missingFiles[0]! }));
    }
    if (result.pruned.length > 0) {
      console.log(fill(backupMessages.report.pruned, { count: result.pruned.length, keep: values.keep ?? "", names: result.pruned.join(", ") }));
    }
    return 0;
  } finally {
    await target.close();
  }
}

async function runRestore(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { migrate: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: true });
  if (values.help) {
    console.log(USAGE.restore);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("Cần đúng một tệp sao lưu.");
  const configured = env().DATABASE_URL;
  const target: RestoreTarget = configured ? { kind: "postgresql", url: configured } : { kind: "pglite", dataDir: embeddedDataDir() };
  const started = Date.now();
  const result = await restoreBackup(positionals[0]!, target, {
    storageDir: env().STORAGE_DIR,
    migrate: values.migrate === true,
    log: (line) => console.log(line),
  });
  const where = target.kind === "postgresql" ? backupMessages.kinds.postgresql : `${backupMessages.kinds.pglite} ${target.dataDir}`;
  console.log(fill(backupMessages.report.restoreDone, { file: resolve(positionals[0]!), target: where, seconds: formatNumber((Date.now() - started) / 1000, { maximumFractionDigits: 1 }) }));
  console.log(backupMessages.report.verified);
  console.log(summary(result.manifest));
  console.log(countsTable(result.manifest));
  if (result.migrated.length > 0) console.log(fill(backupMessages.report.restoreMigrated, { count: result.migrated.length }));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [mode, ...rest] = argv;
  const usage = mode === "restore" ? USAGE.restore : USAGE.backup;
  try {
    if (mode === "backup") return await runBackup(rest);
    if (mode === "restore") return await runRestore(rest);
    console.error("Cách dùng: tsx scripts/backup.ts backup|restore …");
    return 2;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
      console.error(`${(error as Error).message}\n\n${fill(usage, { dir: "backups" })}`);
      return 2;
    }
    if (error instanceof BackupError || error instanceof DatabaseTargetError || error instanceof EnvError) {
      console.error(`Lỗi: ${error.message}`);
      return 1;
    }
    console.error(`Lỗi không mong đợi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

// Pools would keep the process alive: exit once done.
main(process.argv.slice(2)).then((code) => process.exit(code));
