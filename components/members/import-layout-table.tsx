import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { ROSTER_COLUMNS } from "@/lib/org/roster-layout";

/** The documented column layout (lib/org/roster-layout.ts), as people read it before filling a file. */
export function ImportLayoutTable() {
  const t = useTranslations("rosterImport.layout");
  return (
    <div className="flex flex-col gap-4">
      <p className="text-base text-ink-800">{t("intro")}</p>
      <dl className="divide-y divide-ink-100">
        {ROSTER_COLUMNS.map((column) => (
          <div key={column.field} className="flex flex-col gap-1 py-3 sm:flex-row sm:gap-4">
            <dt className="flex flex-wrap items-center gap-2 sm:w-56 sm:shrink-0">
              <span className="text-base font-semibold text-ink-950">{column.header}</span>
              {column.required ? <Badge tone="brand">{t("required")}</Badge> : null}
            </dt>
            <dd className="text-base text-ink-800">{t(`fields.${column.field}`)}</dd>
          </div>
        ))}
      </dl>
      <ul className="flex list-disc flex-col gap-1 pl-6 text-base text-ink-800">
        <li>{t("ruleMatch")}</li>
        <li>{t("ruleEmpty")}</li>
        <li>{t("ruleFormula")}</li>
        <li>{t("ruleAllOrNothing")}</li>
      </ul>
    </div>
  );
}
