// The SMTP side of the outbox (nodemailer), used by the delivery command only, never by pages.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import type { MailSender } from "@/lib/notifications/outbox";

/** A sender over any nodemailer transport (SMTP in production; JSON or stream transports in tests). */
export function mailSender(transport: Transporter, from: string): MailSender {
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** The configured SMTP sender, or null when SMTP_URL is not set. */
export function smtpSender(): { sender: MailSender; close: () => void } | null {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return null;
  const transport = nodemailer.createTransport(SMTP_URL);
  return { sender: mailSender(transport, MAIL_FROM), close: () => transport.close() };
}
