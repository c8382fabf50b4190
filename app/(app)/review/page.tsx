import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReviewFilters } from "@/components/review/review-filters";
import { ReviewList } from "@/components/review/review-list";
import { SheetDownload } from "@/components/review/sheet-download";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { reviewQueue, reviewUnits } from "@/lib/dashboard/review";
import { formatNumber } from "@/lib/i18n/format";
import { bulkApproveAction } from "./actions";
import { todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "score.review")) notFound();
  const raw = await searchParams;
  const query = { month: first(raw.month), unit: first(raw.unit), level: first(raw.level), anomaly: first(raw.anomaly), state: first(raw.state), page: first(raw.page) };
  const queue = await orNotFound(reviewQueue(user, query), { forbidden: true });
  const [t, units] = await Promise.all([getTranslations("review"), reviewUnits(user)]);
  const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  const filtered = Object.values(queue.filters).some((v) => v !== null);
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(queue.filters)) if (value) params.set(key, value);
    if (page > 1) params.set("page", String(page));
    return `/review${params.size ? `?${params}` : ""}`;
  };
  const today = todayInVietnam();
  const thisMonth = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, "0")}`;
  const unitChoices = units.some((u) => u.id === queue.scope.unit.id) ? units : [{ id: queue.scope.unit.id, name: queue.scope.unit.name, depth: 0 }, ...units];

  return (
    <>
      <PageHeader title={t("title")} description={t("intro", { unit: queue.scope.unit.name })}>
        <div className="flex flex-wrap gap-3">
          <Link href={`/dashboard?unit=${queue.scope.unit.id}`} className={buttonClass("ghost")}>
            {t("toDashboard")}
          </Link>
        </div>
      </PageHeader>

      <div className="flex flex-col gap-8">
        <div className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
          <ReviewFilters filters={queue.filters} units={unitChoices} active={filtered} />
        </div>

        {first(raw.done) === "approved" || first(raw.done) === "returned" ? <Alert tone="success">{t(`done.${first(raw.done) as "approved" | "returned"}`)}</Alert> : null}

        {queue.notes.length > 0 ? (
          <Alert tone="warning" title={t("notesTitle")}>
            <ul className="list-disc pl-5">
              {queue.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Alert>
        ) : null}

        <section aria-labelledby="review-queue" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="review-queue" className="text-xl font-semibold text-ink-900">
              {t("queueTitle")}
            </h2>
            <p className="text-base text-ink-700" data-testid="review-total">
              {t("count", { total: formatNumber(queue.total) })}
            </p>
          </div>
          {queue.items.length === 0 ? (
            <EmptyState title={filtered ? t("emptyFilteredTitle") : t("emptyTitle")}>{filtered ? t("emptyFilteredHint") : t("emptyHint")}</EmptyState>
          ) : (
            <ReviewList items={queue.items} action={bulkApproveAction} />
          )}
          <Pager page={queue.page} pages={pages} href={pageHref} label={t("pageOf", { page: queue.page, pages })} previous={t("previousPage")} next={t("nextPage")} />
        </section>

        <Card title={t("sheet.title")}>
          <SheetDownload units={unitChoices} defaultUnit={queue.scope.unit.id} defaultMonth={queue.filters.month ?? thisMonth} />
        </Card>
      </div>
    </>
  );
}
