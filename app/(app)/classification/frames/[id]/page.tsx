import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FrameGroups, FrameLevels } from "@/components/classification/frame-view";
import { BackLink } from "@/components/org/back-link";
import { CloneForm } from "@/components/rubrics/rubric-forms";
import { VersionNotices } from "@/components/rubrics/rule-set-parts";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getFrame } from "@/lib/classification/frame-admin";
import { formatCalendarDate } from "@/lib/i18n/format";
import { pageLoader } from "@/lib/pages/page-load";
import { cloneFrameAction } from "../../actions";

const DONE = ["cloned", "saved", "imported", "importedVersion"] as const;
const day = (iso: string) => formatCalendarDate(`${iso}T00:00:00Z`);

const load = pageLoader(getFrame);

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.frameAdmin");
  return { title: t("title") };
}

export default async function FramePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const detail = await load(id);
  const t = await getTranslations("classification.frameAdmin");
  const ts = await getTranslations("classification.subject");
  const frame = detail.frame;
  const doneKey = DONE.find((d) => d === done);
  const isLatest = detail.version === detail.latestVersion;
  return (
    <>
      <BackLink href="/classification/frames" label={t("title")} />
      <PageHeader title={frame.name} description={frame.description}>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={detail.builtIn ? "muted" : "brand"}>{detail.builtIn ? t("builtIn") : t("tenant")}</Badge>
          <Badge>{detail.code}</Badge>
          <Badge tone="neutral">{ts(frame.subject)}</Badge>
          <Badge tone={isLatest ? "success" : "neutral"}>{t("version", { version: detail.version })}</Badge>
        </div>
      </PageHeader>
      <VersionNotices
        done={doneKey ? t(`done.${doneKey}`, { version: detail.version }) : null}
        notLatest={isLatest ? null : { text: t("notLatest", { latest: detail.latestVersion }), href: `/classification/frames/${detail.latestId}`, link: t("openLatest") }}
        edit={detail.canEdit ? { href: `/classification/frames/${detail.id}/edit`, label: t("edit") } : null}
        exportLink={{ href: `/api/v1/classification/frames/${detail.id}?download=1`, label: t("export") }}
        blockedReason={detail.editBlockedReason}
      />
      <div className="flex flex-col gap-6">
        <Card title={t("about")}>
          <dl className="grid gap-x-6 gap-y-3 text-base sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold text-ink-900">{t("issuer")}</dt>
            <dd className="text-ink-800">{frame.issuer}</dd>
            <dt className="font-semibold text-ink-900">{t("legalBasis")}</dt>
            <dd className="text-ink-800">{frame.legalBasis}</dd>
            <dt className="font-semibold text-ink-900">{t("effective")}</dt>
            <dd className="text-ink-800">{frame.effectiveTo ? t("period", { from: day(frame.effectiveFrom), to: day(frame.effectiveTo) }) : t("periodOpen", { from: day(frame.effectiveFrom) })}</dd>
            <dt className="font-semibold text-ink-900">{t("periods")}</dt>
            <dd className="text-ink-800">{frame.periods.map((p) => t(`periodKind.${p}`)).join(", ")}</dd>
            <dt className="font-semibold text-ink-900">{t("total")}</dt>
            <dd className="text-ink-800">{t("totalLine", { total: frame.totalPoints })}</dd>
            <dt className="font-semibold text-ink-900">{t("usedBy")}</dt>
            <dd className="text-ink-800">{t("used", { count: detail.classifications })}</dd>
          </dl>
        </Card>
        <FrameGroups frame={frame} />
        <FrameLevels frame={frame} />
        {detail.versions.length > 1 ? (
          <Card title={t("versions")}>
            <ul className="flex flex-col gap-1">
              {detail.versions.map((v) => (
                <li key={v.id} className="text-base">
                  <Link href={`/classification/frames/${v.id}`} className="inline-flex min-h-11 items-center text-brand-800 underline">
                    {t("version", { version: v.version })}
                  </Link>{" "}
                  · {t("used", { count: v.classifications })}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {detail.canClone ? (
          <Card title={t("cloneTitle")}>
            <p className="mb-4 text-base text-ink-700">{t("cloneIntro")}</p>
            <CloneForm action={cloneFrameAction} sourceId={detail.id} sourceName={frame.name} catalog="classification.frameForms" />
          </Card>
        ) : null}
      </div>
    </>
  );
}
