// The e-mail outbox: services write mails as rows in their own transaction (so a notice and its
// mails commit or roll back together); `npm run cli -- outbox deliver` sends the PENDING ones by
// SMTP when SMTP_URL is set. A failed try is counted and its error kept; after MAX_ATTEMPTS the
// mail is FAILED and left for a person to look at. Without SMTP_URL nothing is sent and the mails
// wait. This file never imports the SMTP library, so pages can ask emailConfigured() cheaply.
import { createDb } from "@/lib/db/client";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { databaseUrl, env } from "@/lib/env";
import opsWords from "@/lib/i18n/messages/vi/ops-server.json";

export const MAX_ATTEMPTS = 5;

export interface NewMail {
  toAddress: string;
  subject: string;
  body: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A usable address, or null (members' e-mails are free text from the roster). */
export function cleanAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim().toLowerCase() ?? "";
  return EMAIL.test(trimmed) && trimmed.length <= 254 ? trimmed : null;
}

/** Writes mails in the caller's transaction, one per distinct address. */
export async function enqueueMails(tx: Tx, tenantId: string, mails: readonly NewMail[]): Promise<number> {
  const seen = new Set<string>();
  const rows = [];
  for (const mail of mails) {
    const to = cleanAddress(mail.toAddress);
    if (!to || seen.has(to)) continue;
    seen.add(to);
    rows.push({ tenantId, toAddress: to, subject: mail.subject.slice(0, 300), body: mail.body });
  }
  if (rows.length === 0) return 0;
  return (await tx.emailOutbox.createMany({ data: rows })).count;
}

/** Whether mails leave the outbox at all (the pages say so when they do not). */
export function emailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

// ─── Delivery ───────────────────────────────────────────────────────────────────────────────────

export interface OutboxMail {
  id: string;
  tenantId: string;
  toAddress: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Sends one mail or throws (the SMTP transport in production, a test transport in tests). */
export interface MailSender {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

export type DeliveryOutcome =
  | { status: "SENT"; attempts: number; sentAt: Date; lastError: null }
  | { status: "PENDING" | "FAILED"; attempts: number; sentAt: null; lastError: string };

/** What one try did to a mail: sent, to be retried, or given up after MAX_ATTEMPTS. */
export function outcomeOf(mail: { attempts: number }, error: unknown, now: Date): DeliveryOutcome {
  const attempts = mail.attempts + 1;
  if (error === null || error === undefined) return { status: "SENT", attempts, sentAt: now, lastError: null };
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim().slice(0, 1000) || opsWords.mail.unknownError;
  return { status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING", attempts, sentAt: null, lastError: message };
}

/** Where pending mails come from and outcomes go: the database, or a list in unit tests. */
export interface OutboxStore {
  /**
   * Hands the oldest PENDING mail not in `skip` to `work`, holding it so that no other deliverer
   * takes it meanwhile, then stores the outcome. False when there is none left.
   */
  next(skip: ReadonlySet<string>, work: (mail: OutboxMail) => Promise<DeliveryOutcome>): Promise<boolean>;
}

export interface DeliveryReport {
  sent: number;
  /** Failed this time, will be tried again by the next run. */
  retrying: number;
  /** Failed for the last time (status FAILED). */
  failed: number;
}

/** One pass over the outbox: each pending mail is tried at most once per run. */
export async function deliverOutbox(
  store: OutboxStore,
  sender: MailSender,
  options: { limit?: number; now?: () => Date } = {},
): Promise<DeliveryReport> {
  const limit = options.limit ?? 1000;
  const now = options.now ?? (() => new Date());
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const tried = new Set<string>();
  while (tried.size < limit) {
    const more = await store.next(tried, async (mail) => {
      tried.add(mail.id);
      let error: unknown = null;
      try {
        await sender.send({ to: mail.toAddress, subject: mail.subject, text: mail.body });
      } catch (caught) {
        error = caught ?? new Error(opsWords.mail.unknownError);
      }
      const outcome = outcomeOf(mail, error, now());
      if (outcome.status === "SENT") report.sent += 1;
      else if (outcome.status === "FAILED") report.failed += 1;
      else report.retrying += 1;
      return outcome;
    });
    if (!more) break;
  }
  return report;
}

/** The outbox of one tenant in the database: one short transaction per mail, the row locked while it is sent. */
export function tenantOutboxStore(tenantId: string): OutboxStore {
  return {
    next: (skip, work) =>
      withTenant(
        tenantId,
        async (tx) => {
          const skipped = [...skip];
          // SKIP LOCKED: two deliverers running at once share the work instead of sending twice.
          const rows = await tx.$queryRaw<OutboxMail[]>`
            SELECT "id", "tenantId", "toAddress", "subject", "body", "attempts" FROM "EmailOutbox"
            WHERE "tenantId" = ${tenantId}::uuid AND "status" = 'PENDING'
              AND NOT ("id" = ANY(${skipped}::uuid[]))
            ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
          const mail = rows[0];
          if (!mail) return false;
          const outcome = await work(mail);
          await tx.emailOutbox.update({
            where: { tenantId_id: { tenantId, id: mail.id } },
            data: { status: outcome.status, attempts: outcome.attempts, lastError: outcome.lastError, sentAt: outcome.sentAt },
            select: { id: true },
          });
          return true;
        },
        // The SMTP conversation happens inside the transaction that holds the row.
        { timeout: 120_000 },
      ),
  };
}

/** Tenants with pending mail. Needs the owner's rights (BYPASSRLS), like `tenant list`. */
export async function tenantsWithPendingMail(): Promise<string[]> {
  const owner = createDb(databaseUrl(), { asOwner: true, max: 1 });
  try {
    return await owner.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL ROLE NONE`; // the login role, even in the embedded database's shared session
      await tx.$executeRaw`SET LOCAL row_security = off`;
      const rows = await tx.$queryRaw<{ tenantId: string }[]>`
        SELECT DISTINCT "tenantId" FROM "EmailOutbox" WHERE "status" = 'PENDING'`;
      return rows.map((row) => row.tenantId);
    });
  } finally {
    await owner.$disconnect();
  }
}

/** Delivers every tenant's pending mail. */
export async function deliverAllOutboxes(sender: MailSender, options: { limit?: number } = {}): Promise<DeliveryReport & { tenants: number }> {
  const total = { sent: 0, retrying: 0, failed: 0, tenants: 0 };
  for (const tenantId of await tenantsWithPendingMail()) {
    const report = await deliverOutbox(tenantOutboxStore(tenantId), sender, options);
    total.sent += report.sent;
    total.retrying += report.retrying;
    total.failed += report.failed;
    total.tenants += 1;
  }
  return total;
}
