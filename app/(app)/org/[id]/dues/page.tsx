import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DuesBoard } from "@/components/dues/dues-board";
import { DuesImportForm } from "@/components/dues/dues-import-form";
import { BackLink } from "@/components/org/back-link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDuesGrid } from "@/lib/dues/dues";
import { formatNumber } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";
import { importDuesAction, setDuesMonthAction } from "./actions";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ year?: string | string[] }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dues");
  return { title: t("title") };
}

export default async function DuesPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const today = todayInVietnam();
  const asked = Number((await searchParams).year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : today.getUTCFullYear();
  const grid = await orNotFound(getDuesGrid(user, id, year));
  const t = await getTranslations("dues");
  const initialMonth = year === today.getUTCFullYear() ? today.getUTCMonth() + 1 : 12;
  const rates = grid.rates;
  return (
    <>
      <BackLink href={`/org/${grid.branch.id}`} label={grid.branch.name} />
      <PageHeader title={`${t("title")} — ${grid.branch.name}`} description={t("intro")} />
      <form method="get" className="mb-4 flex items-end gap-2">
        <label className="flex flex-col gap-1 text-base font-semibold text-ink-900">
          {t("yearLabel")}
          <input name="year" type="number" min={2000} max={2100} defaultValue={year} className="min-h-11 w-28 rounded-lg border border-ink-400 px-3 text-lg" />
        </label>
        <button type="submit" className="min-h-11 rounded-lg border border-ink-300 bg-white px-4 text-base font-semibold text-ink-900">
          {t("show")}
        </button>
      </form>
      <DuesBoard grid={grid} initialMonth={initialMonth} action={setDuesMonthAction} />
      {rates ? (
        <Card title={t("rates.title", { document: rates.document })} className="mt-6">
          {rates.rates.length === 0 ? <p className="text-base text-ink-700">{t("rates.none")}</p> : null}
          <ul className="flex flex-col gap-2 text-base text-ink-900">
            {rates.rates.map((rate) => (
              <li key={rate.basis}>
                <span className="font-semibold">
                  {rate.percent !== null
                    ? t("rates.percent", { percent: formatNumber(rate.percent) })
                    : rate.fixedDong !== null
                      ? t("rates.fixed", { amount: formatNumber(rate.fixedDong) })
                      : t("rates.unknown")}
                </span>{" "}
                — {t(`rates.basis.${rate.basis}`)}
              </li>
            ))}
          </ul>
          {rates.datesUnconfirmed ? <p className="mt-2 text-sm text-ink-600">{t("rates.unconfirmed")}</p> : null}
        </Card>
      ) : null}
      {grid.canEdit ? (
        <Card title={t("csvImport.title")} className="mt-6">
          <DuesImportForm branchId={grid.branch.id} action={importDuesAction} />
        </Card>
      ) : null}
    </>
  );
}
