// `npm run cli -- outbox deliver`: one delivery pass over every tenant's pending mail, with a
// one-paragraph report for the operator (or cron). Without SMTP_URL nothing is sent.
import { deliverAllOutboxes, tenantsWithPendingMail } from "@/lib/notifications/outbox";
import { smtpSender } from "@/lib/notifications/smtp";

export async function deliverPendingMail(options: { limit?: number } = {}): Promise<string> {
  const smtp = smtpSender();
  if (!smtp) {
    const tenants = await tenantsWithPendingMail();
    return tenants.length === 0
      ? "Chưa cấu hình SMTP_URL; hộp thư đi không có thư chờ gửi."
      : `Chưa cấu hình SMTP_URL nên không gửi được: ${tenants.length} đơn vị có thư đang chờ. Đặt SMTP_URL (ví dụ smtp://user:pass@mail.example:587) rồi chạy lại lệnh này.`;
  }
  try {
    const report = await deliverAllOutboxes(smtp.sender, options);
    if (report.tenants === 0) return "Không có thư nào chờ gửi.";
    const lines = [`Đã gửi ${report.sent} thư (${report.tenants} đơn vị).`];
    if (report.retrying > 0) lines.push(`${report.retrying} thư gửi chưa được, sẽ thử lại ở lần chạy sau.`);
    if (report.failed > 0) lines.push(`${report.failed} thư đã thử đủ số lần mà không gửi được (trạng thái FAILED); xem lỗi trong bảng EmailOutbox.`);
    return lines.join("\n");
  } finally {
    smtp.close();
  }
}
