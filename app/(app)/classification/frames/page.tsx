import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CapSettingForm } from "@/components/classification/admin-forms";
import { BackLink } from "@/components/org/back-link";
import { ImportForm } from "@/components/rubrics/rubric-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listFrames } from "@/lib/classification/frame-admin";
import { getCapSetting } from "@/lib/classification/settings";
import { ForbiddenError } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/i18n/format";
import { capSettingAction, importFrameAction } from "../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.frameAdmin");
  return { title: t("title") };
}

const day = (iso: string) => formatCalendarDate(`${iso}T00:00:00Z`);

export default async function FramesPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser();
  const list = await orNotFound(listFrames(user));
  const cap = await orNotFound(getCapSetting(user).catch((error: unknown) => (error instanceof ForbiddenError ? null : Promise.reject(error))));
  const t = await getTranslations("classification.frameAdmin");
  const ts = await getTranslations("classification.subject");
  const { done } = await searchParams;
  return (
    <>
      <BackLink href="/classification" label={t("back")} />
      <PageHeader title={t("title")} description={t("intro")}>
        {list.canManage ? (
          <div className="flex flex-wrap gap-3">
            <ButtonLink href="/classification/frames/assignments" variant="primary">
              {t("assignmentsLink")}
            </ButtonLink>
            <ButtonLink href="/classification/targets">{t("targetsLink")}</ButtonLink>
          </div>
        ) : null}
      </PageHeader>
      {done === "cap" ? (
        <Alert tone="success" className="mb-4">
          {t("capSaved")}
        </Alert>
      ) : null}
      <section aria-label={t("listLabel")} className="flex flex-col gap-4">
        {list.frames.map((frame) => (
          <Card key={frame.code} titleAs="h2">
            <div className="flex flex-col gap-2">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={frame.builtIn ? "muted" : "brand"}>{frame.builtIn ? t("builtIn") : t("tenant")}</Badge>
                <Badge>{frame.code}</Badge>
                <Badge tone="neutral">{ts(frame.subject)}</Badge>
                {frame.activeAssignments > 0 ? <Badge tone="success">{t("assigned", { count: frame.activeAssignments })}</Badge> : null}
              </div>
              <h2 className="text-xl font-semibold text-ink-950">
                <Link href={`/classification/frames/${frame.latest.id}`} className="text-brand-800 underline">
                  {frame.name}
                </Link>
              </h2>
              <p className="text-base text-ink-700">
                {t("latest", { version: frame.latest.version })} · {frame.latest.effectiveTo ? t("period", { from: day(frame.latest.effectiveFrom), to: day(frame.latest.effectiveTo) }) : t("periodOpen", { from: day(frame.latest.effectiveFrom) })} ·{" "}
                {t("used", { count: frame.versions.reduce((n, v) => n + v.classifications, 0) })}
              </p>
            </div>
          </Card>
        ))}
      </section>
      {cap ? (
        <Card title={t("capTitle")} className="mt-6">
          <Alert tone="warning" className="mb-4">
            {t("capUnconfirmed", { percent: String(cap.defaultValue.percent).replace(".", ",") })}
          </Alert>
          <p className="mb-4 text-base text-ink-800">
            {t("capNow", { percent: String(cap.value.percent).replace(".", ","), base: cap.value.base === "GOOD" ? t("capBaseGood") : t("capBaseGoodOrBetter") })}
          </p>
          {cap.canEdit ? <CapSettingForm action={capSettingAction} percent={cap.value.percent} base={cap.value.base} today={isoDay(todayInVietnam())} /> : null}
        </Card>
      ) : null}
      {list.canManage ? (
        <Card title={t("importTitle")} className="mt-6">
          <p className="mb-4 text-base text-ink-700">{t("importIntro")}</p>
          <ImportForm action={importFrameAction} catalog="classification.frameForms" />
        </Card>
      ) : null}
    </>
  );
}
