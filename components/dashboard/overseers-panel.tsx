// Superior-committee members behind their yearly visit quota in the subtree (SPEC §6), streamed in
// after the rest of the dashboard; the full view is the oversight module's coverage page.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { Principal } from "@/lib/auth/permissions";
import { dashboardOverseers } from "@/lib/dashboard/overseers";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";

export async function OverseersPanel({ user, unitId, year }: { user: Principal; unitId: string; year: number }) {
  const t = await getTranslations("dashboard.overseers");
  let data;
  try {
    data = await dashboardOverseers(user, unitId, year);
  } catch (error) {
    console.error("[dashboard] overseers panel:", error);
    return null;
  }
  const link = (
    <Link href={`/oversight/coverage?unit=${unitId}&year=${year}`} className="text-base text-brand-800 underline underline-offset-2">
      {t("details")}
    </Link>
  );
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
