import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CalendarLink } from "@/components/outputs/calendar-link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { calendarItems, upcomingWindow, type CalendarItem } from "@/lib/calendar/upcoming";
import { calendarFeedPath } from "@/lib/documents/urls";
import { formatDate, formatTime } from "@/lib/i18n/format";
import { createCalendarLinkAction } from "./actions";
import { vietnamDayOf } from "@/lib/time/days";

const DAYS = 90;
const LIMIT = 200;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("outputs.calendar");
  return { title: t("title") };
}

function byMonth(items: CalendarItem[]): { key: string; month: number; year: number; items: CalendarItem[] }[] {
  const groups = new Map<string, { key: string; month: number; year: number; items: CalendarItem[] }>();
  for (const item of items) {
    const day = vietnamDayOf(item.plannedStart);
    const key = `${day.getUTCFullYear()}-${day.getUTCMonth()}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, month: day.getUTCMonth() + 1, year: day.getUTCFullYear(), items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

export default async function CalendarPage() {
  // Authorization is the meeting rule, applied per meeting inside calendarItems (grants' subtrees).
  const user = await requireUser();
  const [t, items] = await Promise.all([
    getTranslations("outputs"),
    calendarItems(user, { ...upcomingWindow(new Date(), DAYS), limit: LIMIT }),
  ]);
  const stateTone = (item: CalendarItem) =>
    item.state === "CANCELLED" || item.state === "POSTPONED" ? "muted" : item.state === "NOTIFIED" ? "success" : "neutral";

  return (
    <>
      <PageHeader title={t("calendar.title")} description={t("calendar.description", { days: DAYS })} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          {items.length === 0 ? (
            <EmptyState title={t("calendar.emptyTitle", { days: DAYS })}>
              <p>{t("calendar.emptyBody")}</p>
            </EmptyState>
          ) : (
            byMonth(items).map((group) => (
              <section key={group.key} aria-labelledby={`month-${group.key}`}>
                <h2 id={`month-${group.key}`} className="mb-3 text-xl font-semibold text-ink-900">
                  {t("calendar.month", { month: group.month, year: group.year })}
                </h2>
                <ul className="flex flex-col gap-3">
                  {group.items.map((item) => (
                    <li key={item.id} className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
                      <p className="text-base font-semibold text-brand-800">
                        {t("calendar.at", {
                          time: formatTime(item.plannedStart),
                          weekday: t(`weekday.${vietnamDayOf(item.plannedStart).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6}`),
                          date: formatDate(item.plannedStart),
                        })}
                      </p>
                      <Link href={`/meetings/${item.id}`} className="mt-1 block min-h-11 py-1 text-lg font-semibold text-ink-950 underline-offset-2 hover:underline">
                        {item.title}
                      </Link>
                      <p className="text-base text-ink-800">{item.branch.name}</p>
                      <p className="text-base text-ink-700">{item.place ? t("calendar.place", { place: item.place }) : t("calendar.noPlace")}</p>
                      {item.topic ? <p className="text-base text-ink-700">{t("calendar.topic", { topic: item.topic })}</p> : null}
                      {item.stateReason && (item.state === "CANCELLED" || item.state === "POSTPONED") ? (
                        <p className="text-base text-ink-700">{t("calendar.reason", { reason: item.stateReason })}</p>
                      ) : null}
                      <p className="mt-2 flex flex-wrap gap-2">
                        <Badge tone="brand">{t(`kind.${item.kind}`)}</Badge>
                        <Badge tone={stateTone(item)}>{t(`state.${item.state}`)}</Badge>
                        <Badge tone="muted">{t(`relation.${item.relation}`)}</Badge>
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
          {items.length >= LIMIT ? <p className="text-base text-ink-700">{t("calendar.more", { count: LIMIT })}</p> : null}
        </div>
        <div>
          <Card title={t("calendar.feedTitle")}>
            <CalendarLink action={createCalendarLinkAction} feedPath={calendarFeedPath()} />
          </Card>
        </div>
      </div>
    </>
  );
}
