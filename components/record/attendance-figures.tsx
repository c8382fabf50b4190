// The attendance screen's figures, kept in view while the roll scrolls: present of the
// denominator, the rate against the minimum, the absences, and how the figures are counted.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { formatPercent, formatRatio } from "@/lib/exact/ratio";
import type { attendanceFigures } from "@/lib/meetings/record-rules";

export function AttendanceFiguresBar({ figures, minRatePercent }: { figures: ReturnType<typeof attendanceFigures>; minRatePercent: number }) {
  const t = useTranslations("record.attendance");
  const s = figures.summary;
  const rollForDenominator = s.rollSize + figures.unmarked.length;
  const rateOk = figures.ratePercent ? figures.ratePercent.num > minRatePercent * figures.ratePercent.den : false;
  return (
      <section
        aria-label={t("figuresLabel")}
        className="sticky top-0 z-10 -mx-4 border-b border-ink-200 bg-white/95 px-4 py-3 shadow-sm backdrop-blur sm:mx-0 sm:rounded-xl sm:border"
      >
        <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-lg text-ink-900" aria-live="polite">
          <span className="font-bold">{t("presentOf", { present: s.present, denominator: figures.denominator })}</span>
          <span className={clsx("font-semibold", rateOk ? "text-success-900" : "text-warning-900")}>
            {figures.ratePercent ? formatPercent(figures.ratePercent) : "—"}
          </span>
        </p>
        <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-base text-ink-700">
          <span>{t("excusedCount", { count: s.absentExcused })}</span>
          <span className={clsx(s.absentUnexcused > 0 && "font-semibold text-danger-700")}>{t("unexcusedCount", { count: s.absentUnexcused })}</span>
          {figures.unmarked.length > 0 ? <span className="font-semibold text-brand-800">{t("unmarkedCount", { count: figures.unmarked.length })}</span> : null}
        </p>
        <details className="mt-1 text-base text-ink-700">
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-800">{t("howCounted")}</summary>
          <p className="mt-1">
            {t("denominatorFormula", {
              roll: rollForDenominator,
              exempt: s.exemptAbsent,
              elsewhere: s.elsewhere,
              special: s.specialDuty,
              suspended: s.suspended,
              denominator: figures.denominator,
            })}
          </p>
          <p className="mt-1">{t("presentExplained", { exemptPresent: s.exemptPresent })}</p>
          <p className="mt-1">
            {t("rateRule", { min: formatRatio({ num: minRatePercent, den: 1 }, 0) })}
          </p>
          {figures.unmarked.length > 0 ? <p className="mt-1">{t("unmarkedExplained")}</p> : null}
        </details>
      </section>
  );
}
