// The outbox delivery loop over nodemailer transports that never touch the network: the JSON
// transport (renders the message), the stream transport (the raw RFC 822 text) and a transport that
// always fails, with an in-memory store in place of the database.
import nodemailer from "nodemailer";
import { describe, expect, test } from "vitest";
import { MAX_ATTEMPTS, cleanAddress, deliverOutbox, outcomeOf, type DeliveryOutcome, type OutboxMail, type OutboxStore } from "@/lib/notifications/outbox";
import { mailSender } from "@/lib/notifications/smtp";

interface Row extends OutboxMail {
  status: "PENDING" | "SENT" | "FAILED";
  lastError: string | null;
  sentAt: Date | null;
}

function memoryStore(rows: Row[]): OutboxStore {
  return {
    async next(skip, work) {
      const row = rows.find((r) => r.status === "PENDING" && !skip.has(r.id));
      if (!row) return false;
      const outcome: DeliveryOutcome = await work({ ...row });
      Object.assign(row, outcome);
      return true;
    },
  };
}

const mail = (id: string, attempts = 0): Row => ({
  id,
  tenantId: "t",
  toAddress: `dv${id}@example.vn`,
  subject: "Thông báo sinh hoạt chi bộ tháng 11",
  body: "Kính gửi: Các đồng chí đảng viên Chi bộ Phòng Ngân sách.\nThời gian: 14 giờ 00, thứ Năm, ngày 05/11/2026.",
  attempts,
  status: "PENDING",
  lastError: null,
  sentAt: null,
});

const failing = nodemailer.createTransport({
  name: "failing",
  version: "1",
  send(_mail: unknown, callback: (error: Error | null, info: unknown) => void) {
    callback(new Error("550 5.1.1 Mailbox unavailable"), undefined);
  },
});

describe("deliverOutbox", () => {
  test("sends every pending mail once and marks it SENT (JSON transport)", async () => {
    const rows = [mail("1"), mail("2"), { ...mail("3"), status: "SENT" as const }];
    const sent: { to: string; subject: string; text: string }[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sender = mailSender(transport, "Sổ sinh hoạt chi bộ <no-reply@example.vn>");
    const report = await deliverOutbox(memoryStore(rows), {
      async send(message) {
        await sender.send(message);
        sent.push(message);
      },
    });
    expect(report).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sent.map((m) => m.to)).toEqual(["dv1@example.vn", "dv2@example.vn"]);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["SENT", 1],
      ["SENT", 1],
      ["SENT", 0],
    ]);
    expect(rows[0]!.sentAt).toBeInstanceOf(Date);
  });

  test("the message is real UTF-8 mail with the Vietnamese subject and body (stream transport)", async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    const info = await transport.sendMail({ from: "no-reply@example.vn", to: "a@example.vn", subject: mail("1").subject, text: mail("1").body });
    const raw = (info.message as Buffer).toString("utf8");
    expect(raw).toMatch(/^To: a@example.vn$/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
  });

  test("a failure is counted with its error and retried next run; the fifth failure gives up (FAILED)", async () => {
    const rows = [mail("1"), mail("2", MAX_ATTEMPTS - 1)];
    const sender = mailSender(failing, "no-reply@example.vn");
    const first = await deliverOutbox(memoryStore(rows), sender);
    expect(first).toEqual({ sent: 0, retrying: 1, failed: 1 });
    expect(rows[0]).toMatchObject({ status: "PENDING", attempts: 1, lastError: "550 5.1.1 Mailbox unavailable" });
    expect(rows[1]).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    // Each run tries a mail once, so four more runs exhaust the first one too.
    for (let run = 0; run < 3; run += 1) await deliverOutbox(memoryStore(rows), sender);
    expect(rows[0]).toMatchObject({ status: "PENDING", attempts: 4 });
    await deliverOutbox(memoryStore(rows), sender);
    expect(rows[0]).toMatchObject({ status: "FAILED", attempts: 5 });
    expect(await deliverOutbox(memoryStore(rows), sender)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  test("respects the limit of a run", async () => {
    const rows = [mail("1"), mail("2"), mail("3")];
    const report = await deliverOutbox(memoryStore(rows), { send: async () => undefined }, { limit: 2 });
    expect(report.sent).toBe(2);
    expect(rows.filter((r) => r.status === "PENDING")).toHaveLength(1);
  });
});

describe("outcomeOf and addresses", () => {
  test("boundaries of the attempt count", () => {
    const now = new Date("2026-11-21T07:00:00Z");
    expect(outcomeOf({ attempts: 0 }, null, now)).toEqual({ status: "SENT", attempts: 1, sentAt: now, lastError: null });
    expect(outcomeOf({ attempts: 3 }, new Error("timeout"), now).status).toBe("PENDING");
    expect(outcomeOf({ attempts: 4 }, new Error("timeout"), now).status).toBe("FAILED");
  });

  test("cleanAddress keeps usable addresses only", () => {
    expect(cleanAddress("  Nguyen.An@Example.VN ")).toBe("nguyen.an@example.vn");
    expect(cleanAddress("không có")).toBeNull();
    expect(cleanAddress(null)).toBeNull();
  });
});
