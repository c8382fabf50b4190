// What the record shows for a criterion, with its source: a small panel beside the mark.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { EvidenceItem } from "@/lib/classification/evidence";

export function EvidencePanel({ item }: { item: EvidenceItem }) {
  const t = useTranslations("classification.evidence");
  return (
    <section aria-label={item.title} className="rounded-lg border border-info-700/30 bg-info-50 px-3 py-2 text-base text-ink-900">
      <p className="font-semibold">{item.title}</p>
      <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-5">
        {item.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="mt-1 text-sm text-ink-700">
        {t("source")}: {item.source}
        {item.href ? (
          <>
            {" · "}
            <Link href={item.href} className="font-semibold text-brand-800 underline">
              {t("open")}
            </Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
