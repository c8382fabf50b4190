// `npm run cli -- outbox deliver`: one delivery pass over every tenant's pending mail, with a
// one-paragraph report for the operator (or cron). Without SMTP_URL nothing is sent.
import { deliverAllOutboxes, tenantsWithPendingMail } from "@/lib/notifications/outbox";
import { smtpSender } from "@/lib/notifications/smtp";
import { fill } from "@/lib/i18n/fill";
import opsWords from "@/lib/i18n/messages/vi/ops-server.json";

const wording = opsWords.mail;

export async function deliverPendingMail(options: { limit?: number } = {}): Promise<string> {
  const smtp = smtpSender();
  if (!smtp) {
    const tenants = await tenantsWithPendingMail();
    return tenants.length === 0
      ? wording.smtpMissingNothingWaiting
      : fill(wording.smtpMissing, { count: tenants.length });
  }
  try {
    const report = await deliverAllOutboxes(smtp.sender, options);
    if (report.tenants === 0) return wording.nothingWaiting;
    const lines = [fill(wording.sent, { sent: report.sent, tenants: report.tenants })];
    if (report.retrying > 0) lines.push(fill(wording.retrying, { count: report.retrying }));
    if (report.failed > 0) lines.push(fill(wording.failed, { count: report.failed }));
    return lines.join("\n");
  } finally {
    smtp.close();
  }
}
