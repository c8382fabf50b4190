import { useTranslations } from "next-intl";
import { useId } from "react";
import { buttonClass } from "@/components/ui/button";

export interface ExportUnitOption {
  id: string;
  name: string;
  depth: number;
}

/**
 * A plain GET form to the export route: the browser downloads the file itself (the route streams
 * it), so nothing here needs JavaScript.
 */
export function ImportExportForm({ units, truncated }: { units: ExportUnitOption[]; truncated: boolean }) {
  const t = useTranslations("rosterImport.export");
  const id = useId();
  return (
    <div className="flex flex-col gap-5">
      <form noValidate action="/api/v1/members/export" method="get" className="flex flex-col gap-5">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-unit`} className="text-base font-semibold text-ink-900">
            {t("unit")}
          </label>
          {truncated ? (
            <p id={`${id}-unit-hint`} className="text-sm text-ink-600">
              {t("unitTruncated")}
            </p>
          ) : null}
          <select
            id={`${id}-unit`}
            name="unit"
            aria-describedby={truncated ? `${id}-unit-hint` : undefined}
            className="min-h-12 w-full min-w-0 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
          >
            <option value="">{t("allScope")}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {`${"\u00a0\u00a0".repeat(unit.depth)}${unit.name}`}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-base font-semibold text-ink-900">{t("format")}</legend>
          <label className="flex min-h-11 items-center gap-3 text-base text-ink-900">
            <input type="radio" name="format" value="xlsx" defaultChecked className="size-5" />
            {t("xlsx")}
          </label>
          <label className="flex min-h-11 items-center gap-3 text-base text-ink-900">
            <input type="radio" name="format" value="csv" className="size-5" />
            {t("csv")}
          </label>
        </fieldset>
        <button type="submit" className={buttonClass("primary", "self-start")}>
          {t("submit")}
        </button>
      </form>
      {/* Blank forms to fill in: the same route with template=1 (a GET form, so the browser downloads). */}
      <form noValidate action="/api/v1/members/export" method="get" className="flex flex-wrap items-center gap-x-3 text-base text-ink-700">
        <input type="hidden" name="template" value="1" />
        <span>{t("templateIntro")}</span>
        <button type="submit" name="format" value="xlsx" className="link-action">
          {t("templateXlsx")}
        </button>
        <button type="submit" name="format" value="csv" className="link-action">
          {t("templateCsv")}
        </button>
      </form>
    </div>
  );
}
