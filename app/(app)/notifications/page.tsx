import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MarkAllRead, NotificationList } from "@/components/preparation/notification-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/i18n/format";
import { listNotifications } from "@/lib/notifications/notifications";
import { markReadAction, openNotificationAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("preparation.notifications");
  return { title: t("title") };
}

// Everyone has notifications (their own only); no permission beyond being signed in.
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = await searchParams;
  const unreadOnly = query.unread === "1";
  const page = typeof query.page === "string" ? query.page : "1";
  const [list, t] = await Promise.all([
    listNotifications(user, { unread: unreadOnly, page }),
    getTranslations("preparation.notifications"),
  ]);
  const tab = (active: boolean) =>
    active
      ? "inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 font-semibold text-white no-underline"
      : "inline-flex min-h-11 items-center rounded-lg border border-ink-300 bg-white px-4 font-semibold text-ink-900 no-underline hover:bg-ink-50";
  return (
    <>
      <PageHeader title={t("title")} description={list.unreadCount > 0 ? t("unreadCount", { count: list.unreadCount }) : t("allRead")} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("filter")} className="flex gap-2">
          <Link href="/notifications" className={tab(!unreadOnly)} aria-current={!unreadOnly ? "page" : undefined}>
            {t("all")}
          </Link>
          <Link href="/notifications?unread=1" className={tab(unreadOnly)} aria-current={unreadOnly ? "page" : undefined}>
            {t("unreadOnly")}
          </Link>
        </nav>
        {list.unreadCount > 0 ? <MarkAllRead action={markReadAction} /> : null}
      </div>
      {list.items.length === 0 ? (
        <EmptyState title={unreadOnly ? t("emptyUnreadTitle") : t("emptyTitle")}>{t("emptyHint")}</EmptyState>
      ) : (
        <NotificationList
          rows={list.items.map((item) => ({
            id: item.id,
            title: item.title,
            body: item.body,
            link: item.link,
            createdAt: formatDateTime(item.createdAt),
            unread: item.readAt === null,
          }))}
          openAction={openNotificationAction}
          markAction={markReadAction}
        />
      )}
      {list.page > 1 || list.hasMore ? (
        <nav aria-label={t("pages")} className="mt-6 flex flex-wrap gap-3">
          {list.page > 1 ? (
            <ButtonLink href={`/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), page: String(list.page - 1) })}`}>
              {t("newer")}
            </ButtonLink>
          ) : null}
          {list.hasMore ? (
            <ButtonLink href={`/notifications?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), page: String(list.page + 1) })}`}>
              {t("older")}
            </ButtonLink>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
