// In-app notifications: written by services inside their own transaction (a notice, later a
// reminder), read and marked read by the user they are for. A user only ever sees their own rows:
// every query names the caller's tenant and id, so another user's id is simply "not found".
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, withTenantReads, type Tx } from "@/lib/db/tenant";
import { parseInput } from "@/lib/errors";
import messages from "@/lib/i18n/messages";

const wording = messages.preparation.notifications.errors;

export interface NewNotification {
  userId: string;
  title: string;
  body: string;
  /** A path inside the application (e.g. /meetings/…), never an outside address. */
  link?: string | null;
}

/** Writes notifications in the caller's transaction (one statement). */
export async function createNotifications(tx: Tx, tenantId: string, rows: readonly NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await tx.notification.createMany({
    data: rows.map((row) => ({
      tenantId,
      userId: row.userId,
      title: row.title.slice(0, 300),
      body: row.body,
      link: row.link && row.link.startsWith("/") && !row.link.startsWith("//") ? row.link : null,
    })),
  });
  return result.count;
}

export interface NotificationItem {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export const NOTIFICATION_PAGE_SIZE = 30;

export const notificationListQuerySchema = z.object({
  /** Only unread ones. */
  unread: z
    .union([z.boolean(), z.enum(["1", "0", "true", "false", ""])])
    .optional()
    .transform((value) => value === true || value === "1" || value === "true"),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export interface NotificationPage {
  items: NotificationItem[];
  unreadCount: number;
  page: number;
  hasMore: boolean;
}

const itemSelect = { id: true, title: true, body: true, link: true, createdAt: true, readAt: true } as const;

/** The caller's notifications, newest first, a page at a time. */
export async function listNotifications(user: Principal, query: NotificationListQuery = {}): Promise<NotificationPage> {
  const { unread, page } = notificationListQuerySchema.parse(query);
  return withTenant(user.tenantId, async (tx) => {
    const where = { tenantId: user.tenantId, userId: user.id, ...(unread ? { readAt: null } : {}) };
    const rows = await tx.notification.findMany({
      where,
      select: itemSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATION_PAGE_SIZE,
      take: NOTIFICATION_PAGE_SIZE + 1,
    });
    const unreadCount = await tx.notification.count({ where: { tenantId: user.tenantId, userId: user.id, readAt: null } });
    return { items: rows.slice(0, NOTIFICATION_PAGE_SIZE), unreadCount, page, hasMore: rows.length > NOTIFICATION_PAGE_SIZE };
  });
}

/** The number on the header badge. */
export async function countUnreadNotifications(user: Principal): Promise<number> {
  return withTenantReads(user.tenantId, (tx) =>
    tx.notification.count({ where: { tenantId: user.tenantId, userId: user.id, readAt: null } }),
  );
}

export const markReadSchema = z
  .object({
    /** One notification, several, or every unread one (`all`). */
    ids: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
      .pipe(z.array(z.string().refine(isUuid, wording.idInvalid)).max(500, wording.tooMany)),
    all: z
      .union([z.boolean(), z.enum(["1", "true", "on", "0", "false", ""])])
      .optional()
      .transform((value) => value === true || value === "1" || value === "true" || value === "on"),
  })
  .refine((value) => value.all || value.ids.length > 0, { message: wording.nothingChosen, path: ["ids"] });
export type MarkReadInput = z.input<typeof markReadSchema>;

/**
 * Marks the caller's notifications read (already-read ones keep their first read time). Ids of
 * other users' notifications are ignored like unknown ones. Returns how many changed.
 */
export async function markNotificationsRead(
  user: Principal,
  input: MarkReadInput | Record<string, unknown>,
  context: { requestId?: string; now?: Date } = {},
): Promise<{ updated: number; link: string | null }> {
  const { ids, all } = parseInput(markReadSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const where = { tenantId: user.tenantId, userId: user.id, readAt: null, ...(all ? {} : { id: { in: ids } }) };
    const result = await tx.notification.updateMany({ where, data: { readAt: now } });
    // Reading is the user's own bookkeeping; only "all" is worth an audit line (it can be many rows).
    if (all && result.count > 0) {
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "notification.readAll",
        entityType: "User",
        entityId: user.id,
        after: { count: result.count },
        requestId: context.requestId,
      });
    }
    // Opening one notification goes on to its link.
    const opened =
      !all && ids.length === 1
        ? await tx.notification.findFirst({ where: { tenantId: user.tenantId, userId: user.id, id: ids[0] }, select: { link: true } })
        : null;
    const link = opened?.link ?? null;
    return { updated: result.count, link };
  });
}
