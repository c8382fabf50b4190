import { useTranslations } from "next-intl";
import { SearchForm } from "@/components/ui/filter-form";

/** GET form: the query lives in the URL (?q=), so results can be bookmarked and shared. */
export function OrgSearch({ query, includeClosed = false }: { query: string; includeClosed?: boolean }) {
  const t = useTranslations("org");
  return (
    <SearchForm
      path="/org"
      id="org-search"
      label={t("searchLabel")}
      placeholder={t("searchPlaceholder")}
      submit={t("searchSubmit")}
      clear={t("searchClear")}
      query={query}
      clearHref={includeClosed ? "/org?closed=1" : "/org"}
      hidden={includeClosed ? <input type="hidden" name="closed" value="1" /> : null}
    />
  );
}
