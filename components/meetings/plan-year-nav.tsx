import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

/** "← 2026 | 2027 | 2028 →": the plan pages move one year at a time. */
export function PlanYearNav({ year, href }: { year: number; href: (year: number) => string }) {
  const t = useTranslations("meetings.plans");
  return (
    <nav aria-label={t("year")} className="flex items-center gap-2">
      <Link href={href(year - 1)} className={buttonClass("ghost")} aria-label={t("previousYear", { year: year - 1 })}>
        <span aria-hidden="true">←</span> {year - 1}
      </Link>
      <span className="inline-flex min-h-11 items-center rounded-lg bg-brand-50 px-4 text-lg font-bold text-brand-800" aria-current="page">
        {year}
      </span>
      <Link href={href(year + 1)} className={buttonClass("ghost")} aria-label={t("nextYear", { year: year + 1 })}>
        {year + 1} <span aria-hidden="true">→</span>
      </Link>
    </nav>
  );
}
