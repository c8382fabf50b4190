import { useTranslations } from "next-intl";
import { ButtonLink } from "@/components/ui/button";

export function NotFoundView() {
  const t = useTranslations();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4 rounded-xl border border-ink-200 bg-white p-6 shadow-sm sm:p-8">
      <p className="text-lg font-semibold text-brand-800">404</p>
      <h1 className="text-2xl font-bold text-ink-950">{t("errors.notFoundTitle")}</h1>
      <p className="text-lg text-ink-800">{t("errors.notFound")}</p>
      <div>
        <ButtonLink href="/" variant="primary">
          {t("common.backHome")}
        </ButtonLink>
      </div>
    </div>
  );
}
