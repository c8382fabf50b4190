// The leaders' dashboard section of the year-end classification: for the unit, the shares of
// "hoàn thành tốt trở lên" and "xuất sắc" among grassroots organisations, branches and members set
// against the year's targets, then the same one level down with the count at each level. Only
// decided classifications count; how many are decided out of how many is said beside each share.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import type { Principal } from "@/lib/auth/permissions";
import { CLASSIFICATION_LEVELS } from "@/lib/classification/model";
import { SHARE_GROUPS, getClassificationShares, type GroupShares, type ShareGroup } from "@/lib/classification/shares";
import { formatNumber, formatPercent } from "@/lib/i18n/format";

const share = (value: number | null) => (value === null ? "—" : formatPercent(value));

export async function ClassificationSharesSection({ user, unitId, year }: { user: Principal; unitId: string; year: number }) {
  const t = await getTranslations("classification.dashboard");
  const tg = await getTranslations("classification.export.groups");
  const ti = await getTranslations("classification.targets.indicators");
  const lv = await getTranslations("classification.levelShort");
  let d;
  try {
    d = await getClassificationShares(user, { unit: unitId, year });
  } catch (error) {
    // The rest of the dashboard stands on its own: log and leave this section out.
    console.error("[dashboard] classification shares:", error);
    return null;
  }
  const groups = SHARE_GROUPS.filter((g) => d.total.groups[g].total > 0 || d.total.groups[g].decided > 0);
  const line = (g: GroupShares) => t("decided", { decided: formatNumber(g.decided), total: formatNumber(g.total) });
  return (
    <section aria-labelledby="classification-shares" className="flex flex-col gap-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="classification-shares" className="text-xl font-semibold text-ink-900">
          {t("title", { year })}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Link href={`/classification?unit=${unitId}&period=${year}`} className={buttonClass("secondary")}>
            {t("open")}
          </Link>
          {d.canManageTargets ? (
            <Link href={`/classification/targets?year=${year}`} className={buttonClass("ghost")}>
              {t("targets")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="text-base text-ink-700">{t("intro")}</p>

      <ul className="grid gap-3 md:grid-cols-3" aria-label={t("summaryLabel")}>
        {groups.map((group) => {
          const g = d.total.groups[group];
          return (
            <li key={group} className="flex flex-col gap-1 rounded-lg border border-ink-200 p-3" data-share-group={group}>
              <p className="font-semibold text-ink-900">{tg(group)}</p>
              <p className="text-2xl font-bold text-ink-950" data-share="good">
                {share(g.goodShare)}
              </p>
              <p className="text-sm text-ink-700">{t("goodLabel")}</p>
              <p className="text-base text-ink-900">{t("excellentLine", { share: share(g.excellentShare) })}</p>
              <p className="text-sm text-ink-700">{line(g)}</p>
            </li>
          );
        })}
      </ul>

      {d.targets.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label={t("targetsLabel")}>
          {d.targets.map((x) => (
            <li key={x.indicator} className="flex flex-wrap items-center justify-between gap-2 border-t border-ink-100 pt-2 text-base">
              <span className="text-ink-900">{ti(x.indicator)}</span>
              <span className="flex items-center gap-2">
                <span className="text-ink-800">{t("targetLine", { actual: x.actual === null ? "—" : formatPercent(x.actual / 100), target: formatPercent(x.target / 100) })}</span>
                <Badge tone={x.status === "met" ? "success" : x.status === "behind" ? "brand" : "muted"}>{t(`status.${x.status}`)}</Badge>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-base text-ink-700">{d.canManageTargets ? t("noTargetsAdmin") : t("noTargets")}</p>
      )}

      {d.children.length > 0
        ? groups.map((group: ShareGroup) => (
            <details key={group} className="group" open={group === "members"}>
              <summary className="min-h-11 cursor-pointer py-2 text-base font-semibold text-brand-800">{t("byUnit", { group: tg(group) })}</summary>
              <div className="overflow-x-auto rounded-lg border border-ink-200">
                <table className="min-w-full border-collapse text-left text-base">
                  <caption className="sr-only">{t("byUnit", { group: tg(group) })}</caption>
                  <thead className="bg-ink-50">
                    <tr>
                      <th scope="col" className="px-3 py-2 font-semibold">
                        {t("unit")}
                      </th>
                      {CLASSIFICATION_LEVELS.map((l) => (
                        <th key={l} scope="col" className="px-3 py-2 text-right font-semibold">
                          {lv(l)}
                        </th>
                      ))}
                      <th scope="col" className="px-3 py-2 text-right font-semibold">
                        {t("goodShort")}
                      </th>
                      <th scope="col" className="px-3 py-2 text-right font-semibold">
                        {t("decidedShort")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.children
                      .filter((row) => row.groups[group].total > 0 || row.groups[group].decided > 0)
                      .map((row) => {
                        const g = row.groups[group];
                        return (
                          <tr key={row.unit.id} className="border-t border-ink-100">
                            <th scope="row" className="px-3 py-2 font-normal">
                              <Link href={`/dashboard?unit=${row.unit.id}&year=${year}`} className="text-brand-800 underline">
                                {row.unit.name}
                              </Link>
                            </th>
                            {CLASSIFICATION_LEVELS.map((l) => (
                              <td key={l} className="px-3 py-2 text-right">
                                {formatNumber(g.levels[l])}
                              </td>
                            ))}
                            <td className="px-3 py-2 text-right font-semibold">{share(g.goodShare)}</td>
                            <td className="px-3 py-2 text-right">{`${formatNumber(g.decided)}/${formatNumber(g.total)}`}</td>
                          </tr>
                        );
                      })}
                  </tbody>
                </table>
              </div>
            </details>
          ))
        : null}
    </section>
  );
}
