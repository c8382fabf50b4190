// The "Chấm điểm" card of the meeting hub: the score that counts now (final, else the overseer's,
// else the self-score) and the way to the score page.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Points } from "@/lib/exact/ratio";
import type { ScorecardSummary } from "@/lib/scoring/scorecard-summary";

export function ScoringSection({ summary, href }: { summary: ScorecardSummary; href: string }) {
  const t = useTranslations("scorecard.hub");
  const tl = useTranslations("scorecard.levels");
  const effective = summary.effective;
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-1">
        <h3 className="text-lg font-semibold text-ink-900">{t("title")}</h3>
        <p className="text-sm text-ink-600">{t("hint")}</p>
      </div>
      <p className="text-base text-ink-800">
        {effective
          ? t("effective", {
              total: Points.format(Math.round(effective.total * 10), "vi"),
              level: effective.level ? tl(effective.level) : t("noLevel"),
              from: t(`from.${effective.column}`),
            })
          : summary.notScored
            ? t("notScored")
            : summary.started
              ? t("draft")
              : t("notYet")}
      </p>
      <div className="mt-auto flex flex-wrap gap-2 pt-1">
        <Link href={href} className={buttonClass("secondary")}>
          {t("link")}
        </Link>
      </div>
    </section>
  );
}
