// The header's link to the user's notifications, with the number of unread ones.
import Link from "next/link";
import { useTranslations } from "next-intl";

export function NotificationBell({ unread }: { unread: number }) {
  const t = useTranslations("preparation.notifications");
  const label = unread > 0 ? t("bellUnread", { count: unread }) : t("bell");
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-ink-300 bg-white text-ink-900 no-underline hover:bg-ink-50"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -top-1.5 -right-1.5 inline-flex min-w-6 items-center justify-center rounded-full bg-brand-700 px-1.5 text-sm leading-6 font-bold text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
