// Superior-committee members behind their yearly visit quota in the subtree (SPEC §6), streamed in
// after the rest of the dashboard; the full view is the oversight module's coverage page. The page
// starts the service's read and hands the promise over; a failed read shows as an error in the card.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { DashboardOverseers } from "@/lib/dashboard/overseers";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";

export async function OverseersPanel({ overseers, unitId, year }: { overseers: Promise<DashboardOverseers>; unitId: string; year: number }) {
  const t = await getTranslations("dashboard.overseers");
  const link = (
    <Link href={`/oversight/coverage?unit=${unitId}&year=${year}`} className="text-base text-brand-800 underline underline-offset-2">
      {t("details")}
    </Link>
  );
  let data: DashboardOverseers;
  try {
    data = await overseers;
  } catch (error) {
    console.error("[dashboard] overseers panel:", error);
    return (
      <Card title={t("title", { year })} actions={link}>
        <Alert tone="error">{t("failed")}</Alert>
      </Card>
    );
  }
  return (
    <Card title={t("title", { year })} actions={link}>
      {data.total === 0 ? (
        <p className="text-base text-ink-700">{t("none")}</p>
      ) : (
        <div className="flex flex-col gap-3">
          <p className="text-base text-ink-800">
            {t("summary", { total: formatNumber(data.total), met: formatNumber(data.met), onTrack: formatNumber(data.onTrack), behind: formatNumber(data.behind.length) })}
          </p>
          {data.behind.length > 0 ? (
            <ul className="flex flex-col divide-y divide-ink-200 rounded-lg border border-ink-200">
              {data.behind.slice(0, 10).map((o) => (
                <li key={o.user.id} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:items-baseline sm:justify-between">
                  <span className="font-semibold text-ink-900">{o.user.displayName}</span>
                  <span className="text-sm text-ink-700">
                    {t("behindLine", {
                      counted: formatNumber(o.counted),
                      expected: formatNumber(Math.ceil(o.expected)),
                      quota: formatNumber(o.quota),
                      last: o.lastVisit ? formatCalendarDate(o.lastVisit) : t("never"),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-base text-success-900">{t("allOnTrack")}</p>
          )}
        </div>
      )}
    </Card>
  );
}
