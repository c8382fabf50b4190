import Form from "next/form";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

/** GET form: the query lives in the URL (?q=), so results can be bookmarked and shared. */
export function OrgSearch({ query, includeClosed = false }: { query: string; includeClosed?: boolean }) {
  const t = useTranslations("org");
  return (
    <Form action="/org" role="search" className="flex flex-col gap-2">
      {includeClosed ? <input type="hidden" name="closed" value="1" /> : null}
      <label htmlFor="org-search" className="text-base font-semibold text-ink-900">
        {t("searchLabel")}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="org-search"
          name="q"
          type="search"
          defaultValue={query}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          className="min-h-12 w-full min-w-0 flex-1 basis-40 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900 placeholder:text-ink-500"
        />
        <button type="submit" className={buttonClass("primary", "min-h-12 px-5")}>
          {t("searchSubmit")}
        </button>
        {query ? (
          <Link href={includeClosed ? "/org?closed=1" : "/org"} className={buttonClass("ghost", "min-h-12")}>
            {t("searchClear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
