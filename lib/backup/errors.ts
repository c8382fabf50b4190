// Why a backup or a restore was refused or failed, with the words from the catalog (namespace
// `backup`). Every one of them leaves nothing half-written: the command cleans up before throwing.
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

export type BackupErrorCode = keyof typeof messages.backup.errors;

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(fill(messages.backup.errors[code], params));
    this.name = "BackupError";
  }
}

export const backupMessages = messages.backup;

/** ENOSPC (and EDQUOT, a full quota) while writing becomes the disk-full message; anything else passes. */
export function diskFullOr(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOSPC" || code === "EDQUOT" ? new BackupError("diskFull", { path }) : error;
}
