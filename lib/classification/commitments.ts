// Đăng ký cam kết tu dưỡng, rèn luyện, phấn đấu (SPEC §7): a member's commitments for a year,
// registered at its start by the member or, for them, by the branch's committee, and read as
// evidence at the year-end classification. One row per member and year, version-checked.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError, parseInput } from "@/lib/errors";
import { requiredDayField } from "@/lib/meetings/record-common";
import { classificationMessages } from "./messages";
import { isoDay } from "@/lib/time/days";

const text = classificationMessages.commitments;

export const commitmentSchema = z.object({
  memberId: z.string({ error: text.memberRequired }).min(1, text.memberRequired),
  year: z.coerce.number({ error: text.badYear }).int(text.badYear).min(2000, text.badYear).max(2100, text.badYear),
  content: z
    .string({ error: text.contentRequired })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(z.string().min(10, text.contentRequired).max(8000, text.contentTooLong)),
  registeredOn: requiredDayField(text.dayRequired),
  version: z.coerce.number().int().min(0).default(0),
});

/** Registers (version 0) or rewrites the member's commitments for the year. */
export async function saveCommitment(user: Principal, input: unknown, context: { requestId?: string | null } = {}): Promise<{ id: string; version: number }> {
  const data = parseInput(commitmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = isUuid(data.memberId)
      ? await tx.member.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.memberId } }, select: { id: true, branch: { select: { path: true } } } })
      : null;
    const own = (await tx.user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { memberId: true } }))?.memberId;
    const isSelf = member !== null && own === member.id;
    if (!member || !(isSelf || authorize(user, "meeting.read", member.branch))) throw new NotFoundError(classificationMessages.cases.notFound);
    if (!isSelf && !authorize(user, "score.self", member.branch)) throw new ForbiddenError(text.forbidden);
    const existing = await tx.memberCommitment.findUnique({ where: { tenantId_memberId_year: { tenantId: user.tenantId, memberId: member.id, year: data.year } }, select: { id: true, version: true, content: true } });
    if ((existing?.version ?? 0) !== data.version) throw new ConflictError(text.stale);
    let saved: { id: string; version: number };
    if (!existing) {
      try {
        saved = await tx.memberCommitment.create({ data: { tenantId: user.tenantId, memberId: member.id, year: data.year, content: data.content, registeredOn: data.registeredOn, createdById: user.id }, select: { id: true, version: true } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(text.stale);
        throw error;
      }
    } else {
      const updated = await tx.memberCommitment.updateMany({
        where: { tenantId: user.tenantId, id: existing.id, version: existing.version },
        data: { content: data.content, registeredOn: data.registeredOn, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new ConflictError(text.stale);
      saved = { id: existing.id, version: existing.version + 1 };
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: existing ? "memberCommitment.update" : "memberCommitment.create",
      entityType: "Member",
      entityId: member.id,
      before: existing ? { content: existing.content } : null,
      after: { year: data.year, content: data.content, registeredOn: isoDay(data.registeredOn) },
      requestId: context.requestId ?? null,
    });
    return saved;
  });
}
