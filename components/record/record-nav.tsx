import Link from "next/link";
import clsx from "clsx";
import { getTranslations } from "next-intl/server";

/** Tabs between the two record screens of a meeting, large enough for a thumb. */
export async function RecordNav({ meetingId, current }: { meetingId: string; current: "attendance" | "minutes" }) {
  const t = await getTranslations("record.nav");
  const items = [
    { key: "attendance" as const, href: `/meetings/${meetingId}/attendance`, label: t("attendance") },
    { key: "minutes" as const, href: `/meetings/${meetingId}/minutes`, label: t("minutes") },
  ];
  return (
    <nav aria-label={t("label")} className="mb-4 flex gap-2">
      {items.map((item) => (
        <Link
          key={item.key}
          href={item.href}
          aria-current={item.key === current ? "page" : undefined}
          className={clsx(
            "inline-flex min-h-11 flex-1 items-center justify-center rounded-lg border px-4 text-base font-semibold sm:flex-none",
            item.key === current ? "border-brand-700 bg-brand-700 text-white" : "border-ink-300 bg-white text-ink-900 hover:bg-ink-50",
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
