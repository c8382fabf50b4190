// The signed-in user's own account: change password.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.authServer.account;

/** A password's rules; `label` names the field in the messages ("Mật khẩu mới", "Mật khẩu"). */
export function passwordSchema(label: string) {
  return (
    z
      .string()
      .min(8, fill(wording.passwordTooShort, { label }))
      .max(200, fill(wording.passwordTooLong, { label }))
      // Latin letters with or without Vietnamese marks (À … ỹ), and a digit.
      .refine((value) => /[A-Za-z\u00C0-\u1EF9]/.test(value) && /\d/.test(value), fill(wording.passwordLettersDigits, { label }))
  );
}

export const newPasswordSchema = passwordSchema(wording.newPasswordLabel);

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, wording.currentRequired),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: wording.confirmMismatch,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: wording.sameAsCurrent,
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
    throw new ValidationError(wording.currentWrong, { currentPassword: [wording.currentWrong] });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await withTenant(actor.tenantId, async (tx) => {
    // The version guard refuses a second, concurrent change made with the same old password.
    const { count } = await tx.user.updateMany({
      where: { tenantId: actor.tenantId, id: actor.id, version: user.version },
      data: { passwordHash, mustChangePassword: false, version: { increment: 1 } },
    });
    if (count === 0) throw new ValidationError(wording.changedElsewhere);
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
