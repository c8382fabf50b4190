// The signed-in user's own account: change password.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";

export const newPasswordSchema = z
  .string()
  .min(8, "Mật khẩu mới phải có ít nhất 8 ký tự.")
  .max(200, "Mật khẩu mới quá dài.")
  .refine((value) => /[A-Za-zÀ-ỹ]/.test(value) && /\d/.test(value), "Mật khẩu mới phải có cả chữ và số.");

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Nhập mật khẩu hiện tại."),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Mật khẩu nhập lại không khớp.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Mật khẩu mới phải khác mật khẩu hiện tại.",
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export async function changePassword(
  actor: { id: string; tenantId: string },
  input: ChangePasswordInput,
  requestId?: string,
): Promise<void> {
  const data = changePasswordSchema.parse(input);
  const user = await withTenant(actor.tenantId, (tx) =>
    tx.user.findUnique({
      where: { tenantId_id: { tenantId: actor.tenantId, id: actor.id } },
      select: { passwordHash: true, version: true },
    }),
  );
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new ValidationError("Mật khẩu hiện tại không đúng.", { currentPassword: ["Mật khẩu hiện tại không đúng."] });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await withTenant(actor.tenantId, async (tx) => {
    // The version guard refuses a second, concurrent change made with the same old password.
    const { count } = await tx.user.updateMany({
      where: { tenantId: actor.tenantId, id: actor.id, version: user.version },
      data: { passwordHash, mustChangePassword: false, version: { increment: 1 } },
    });
    if (count === 0) throw new ValidationError("Mật khẩu vừa được đổi ở nơi khác. Vui lòng tải lại trang.");
    // Every session opened with the old password ends, this one included: the person signs in again.
    await bumpSessionVersion(tx, actor.tenantId, actor.id);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "user.changePassword",
      entityType: "User",
      entityId: actor.id,
      requestId,
    });
  });
}
