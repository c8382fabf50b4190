import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MeetingFilters } from "@/components/meetings/meeting-filters";
import { MeetingList } from "@/components/meetings/meeting-list";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listMeetingBranches, listMeetings } from "@/lib/meetings/meetings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meetings");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function MeetingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "meeting.read") && !canAnywhere(user, "meeting.attendOwn")) notFound();
  const raw = await searchParams;
  const query = { month: first(raw.month), state: first(raw.state), kind: first(raw.kind), branchId: first(raw.branchId), page: first(raw.page) };
  // The services read only the subtrees of the user's meeting grants.
  const [list, branches, t] = await Promise.all([listMeetings(user, query), listMeetingBranches(user, "read"), getTranslations("meetings")]);
  const canRecord = canAnywhere(user, "meeting.record");
  const filtered = Boolean(list.filters.month || list.filters.state || list.filters.kind || list.filters.branchId);
  const pages = Math.max(1, Math.ceil(list.pastTotal / list.pageSize));
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(list.filters)) if (value) params.set(key, value);
    if (page > 1) params.set("page", String(page));
    return `/meetings${params.size ? `?${params}` : ""}`;
  };

  return (
    <>
      <PageHeader title={t("title")} description={canAnywhere(user, "meeting.read") ? t("intro") : t("introMember")}>
        <div className="flex flex-wrap gap-3">
          {canRecord ? (
            <ButtonLink href="/meetings/new" variant="primary">
              {t("add")}
            </ButtonLink>
          ) : null}
          {canAnywhere(user, "meeting.read") ? <ButtonLink href="/plans">{t("plan")}</ButtonLink> : null}
        </div>
      </PageHeader>

      {branches.length === 0 ? (
        <EmptyState title={t("noScopeTitle")}>{t("noScopeHint")}</EmptyState>
      ) : (
        <div className="flex flex-col gap-8">
          <div className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
            <MeetingFilters values={list.filters} branches={branches} active={filtered} />
          </div>

          {list.page === 1 ? (
            <section className="flex flex-col gap-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="meetings-upcoming" className="text-xl font-semibold text-ink-900">
                  {t("upcoming")}
                </h2>
                {list.upcomingTotal > 0 ? (
                  <p className="text-base text-ink-700">{t("upcomingCount", { shown: list.upcoming.length, total: list.upcomingTotal })}</p>
                ) : null}
              </div>
              {list.upcoming.length > 0 ? (
                <MeetingList items={list.upcoming} showBranch={branches.length > 1} labelledBy="meetings-upcoming" />
              ) : filtered ? (
                <EmptyState title={t("emptyFilteredTitle")}>{t("emptyFilteredHint")}</EmptyState>
              ) : (
                <EmptyState title={t("emptyUpcomingTitle")}>
                  {canRecord ? (
                    <>
                      <p>{t("emptyUpcomingRecorder")}</p>
                      <p className="mt-4 flex flex-wrap justify-center gap-3">
                        <Link href="/plans" className={buttonClass("primary")}>
                          {t("plan")}
                        </Link>
                        <Link href="/meetings/new" className={buttonClass("secondary")}>
                          {t("add")}
                        </Link>
                      </p>
                    </>
                  ) : (
                    t("emptyUpcomingReader")
                  )}
                </EmptyState>
              )}
            </section>
          ) : null}

          <section className="flex flex-col gap-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="meetings-past" className="text-xl font-semibold text-ink-900">
                {t("past")}
              </h2>
              {list.pastTotal > 0 ? <p className="text-base text-ink-700">{t("pastCount", { total: list.pastTotal })}</p> : null}
            </div>
            {list.past.length > 0 ? (
              <MeetingList items={list.past} showBranch={branches.length > 1} labelledBy="meetings-past" />
            ) : filtered ? (
              <EmptyState title={t("emptyFilteredTitle")}>{t("emptyFilteredHint")}</EmptyState>
            ) : (
              <EmptyState title={t("emptyPastTitle")}>{t("emptyPastHint")}</EmptyState>
            )}
            <Pager page={list.page} pages={pages} href={pageHref} label={t("pageOf", { page: list.page, pages })} previous={t("previousPage")} next={t("nextPage")} />
          </section>
        </div>
      )}
    </>
  );
}
