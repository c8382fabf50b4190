import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { CloneForm } from "@/components/rubrics/rubric-forms";
import { VersionNotices } from "@/components/rubrics/rule-set-parts";
import { LevelRules, RubricGroups, ThematicVariants, points } from "@/components/rubrics/rubric-view";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { getRubric } from "@/lib/scoring/rubric-admin";
import { pageLoader } from "@/lib/pages/page-load";
import { cloneRubricAction } from "../actions";

const DONE = ["cloned", "saved", "imported", "importedVersion"] as const;
const day = (iso: string) => formatCalendarDate(`${iso}T00:00:00Z`);

const load = pageLoader(getRubric);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await getTranslations("rubrics");
  try {
    const user = await requireUser();
    const rubric = await getRubric(user, (await params).id);
    return { title: `${rubric.name} · ${t("detail.versionShort", { version: rubric.version })}` };
  } catch {
    return { title: t("title") };
  }
}

export default async function RubricPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string | string[] }> }) {
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const detail = await load(id);
  const t = await getTranslations("rubrics");
  const tk = await getTranslations("meetings.kind");
  const rubric = detail.rubric;
  const doneKey = DONE.find((key) => key === done);
  const isLatest = detail.version === detail.latestVersion;

  return (
    <>
      <BackLink href="/settings/rubrics" label={t("title")} />
      <PageHeader title={rubric.name} description={rubric.description}>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={detail.builtIn ? "muted" : "brand"}>
            {detail.national ? t("badges.national") : detail.builtIn ? t("badges.template") : t("badges.tenant")}
          </Badge>
          <Badge>{detail.code}</Badge>
          <Badge tone={isLatest ? "success" : "neutral"}>
            {isLatest ? t("detail.latestBadge", { version: detail.version }) : t("detail.versionShort", { version: detail.version })}
          </Badge>
        </div>
      </PageHeader>
      <VersionNotices
        done={doneKey ? t(`done.${doneKey}`, { version: detail.version }) : null}
        notLatest={isLatest ? null : { text: t("detail.notLatest", { latest: detail.latestVersion }), href: `/settings/rubrics/${detail.latestId}`, link: t("detail.openLatest") }}
        edit={detail.canEdit ? { href: `/settings/rubrics/${detail.id}/edit`, label: t("detail.edit") } : null}
        exportLink={{ href: `/api/v1/rubrics/${detail.id}?download=1`, label: t("detail.export") }}
        blockedReason={detail.editBlockedReason}
      />

      <div className="flex flex-col gap-6">
        <Card title={t("detail.about")}>
          <dl className="grid gap-x-6 gap-y-3 text-base sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold text-ink-900">{t("detail.code")}</dt>
            <dd className="text-ink-800">{detail.code}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.issuer")}</dt>
            <dd className="text-ink-800">{rubric.issuer}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.legalBasis")}</dt>
            <dd className="text-ink-800">{rubric.legalBasis}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.effective")}</dt>
            <dd className="text-ink-800">
              {rubric.effectiveTo
                ? t("detail.period", { from: day(rubric.effectiveFrom), to: day(rubric.effectiveTo) })
                : t("detail.periodOpen", { from: day(rubric.effectiveFrom) })}
            </dd>
            <dt className="font-semibold text-ink-900">{t("detail.kinds")}</dt>
            <dd className="text-ink-800">{rubric.meetingKinds.map((k) => tk(k)).join(", ")}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.total")}</dt>
            <dd className="text-ink-800">{t("detail.points", { points: points(rubric.totalPoints) })}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.scorecards")}</dt>
            <dd className="text-ink-800">{t("list.scorecards", { count: detail.scorecards })}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.assignments")}</dt>
            <dd className="text-ink-800">{t("detail.assignmentCount", { count: detail.activeAssignments })}</dd>
            <dt className="font-semibold text-ink-900">{t("detail.createdAt")}</dt>
            <dd className="text-ink-800">{formatDateTime(detail.createdAt)}</dd>
          </dl>
        </Card>

        <section aria-labelledby="rubric-groups" className="flex flex-col gap-4">
          <h2 id="rubric-groups" className="text-2xl font-bold text-ink-950">
            {t("detail.groups")}
          </h2>
          <RubricGroups rubric={rubric} />
          <ThematicVariants rubric={rubric} />
          <LevelRules rubric={rubric} />
        </section>

        {detail.versions.length > 1 ? (
          <Card title={t("detail.versions")}>
            <ul className="flex flex-col gap-1">
              {detail.versions.map((v) => (
                <li key={v.id} className="text-base">
                  {v.id === detail.id ? (
                    <span className="font-semibold text-ink-950" aria-current="page">
                      {t("list.version", { version: v.version })}
                    </span>
                  ) : (
                    <Link href={`/settings/rubrics/${v.id}`} className="inline-flex min-h-11 items-center text-brand-800 underline">
                      {t("list.version", { version: v.version })}
                    </Link>
                  )}{" "}
                  <span className="text-ink-700">
                    · {v.effectiveTo ? t("list.period", { from: day(v.effectiveFrom), to: day(v.effectiveTo) }) : t("list.periodOpen", { from: day(v.effectiveFrom) })} ·{" "}
                    {t("list.scorecards", { count: v.scorecards })}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        {detail.canClone ? (
          <Card title={t("clone.title")}>
            <p className="mb-4 text-base text-ink-700">{t("clone.intro")}</p>
            <CloneForm action={cloneRubricAction} sourceId={detail.id} sourceName={rubric.name} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
