import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/rubrics/rubric-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { points } from "@/components/rubrics/rubric-view";
import { formatCalendarDate } from "@/lib/i18n/format";
import { listRubrics, type RubricSummary, type RubricVersionSummary } from "@/lib/scoring/rubric-admin";
import { pageLoader } from "@/lib/pages/page-load";
import { importRubricAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rubrics");
  return { title: t("title") };
}

const day = (iso: string) => formatCalendarDate(`${iso}T00:00:00Z`);

// Neither an admin nor a scorer anywhere: the page does not exist for them.
const load = pageLoader(listRubrics);

export default async function RubricsPage() {
  const list = await load();
  const t = await getTranslations("rubrics");
  const tk = await getTranslations("meetings.kind");
  const period = (v: RubricVersionSummary) =>
    v.effectiveTo ? t("list.period", { from: day(v.effectiveFrom), to: day(v.effectiveTo) }) : t("list.periodOpen", { from: day(v.effectiveFrom) });
  const kinds = (v: RubricVersionSummary) => v.meetingKinds.map((k) => tk(k)).join(", ");
  const origin = (r: RubricSummary) => (r.national ? t("badges.national") : r.builtIn ? t("badges.template") : t("badges.tenant"));

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")}>
        {list.canManage ? (
          <div>
            <ButtonLink href="/settings/rubrics/assignments" variant="primary">
              {t("list.assignmentsLink")}
            </ButtonLink>
          </div>
        ) : null}
      </PageHeader>
      <section aria-label={t("list.label")} className="flex flex-col gap-4">
        {list.rubrics.map((rubric) => (
          <Card key={rubric.code} titleAs="h2">
            <div className="flex flex-col gap-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={rubric.builtIn ? "muted" : "brand"}>{origin(rubric)}</Badge>
                <Badge>{rubric.code}</Badge>
                {rubric.activeAssignments > 0 ? <Badge tone="success">{t("list.assigned", { count: rubric.activeAssignments })}</Badge> : null}
              </div>
              <h2 className="text-xl font-semibold text-ink-950">
                <Link href={`/settings/rubrics/${rubric.latest.id}`} className="text-brand-800 underline">
                  {rubric.name}
                </Link>
              </h2>
              <p className="text-base text-ink-700">
                {t("list.latest", { version: rubric.latest.version, total: points(rubric.latest.totalPoints) })} · {period(rubric.latest)} · {kinds(rubric.latest)}
              </p>
              <details>
                <summary className="list-item min-h-11 cursor-pointer py-2.5 font-semibold text-ink-800">
                  {t("list.versions", { count: rubric.versions.length })}
                </summary>
                <ul className="mt-1 flex flex-col gap-1">
                  {rubric.versions.map((v) => (
                    <li key={v.id}>
                      <Link href={`/settings/rubrics/${v.id}`} className="inline-flex min-h-11 flex-wrap items-center gap-x-2 text-base text-brand-800 underline">
                        {t("list.version", { version: v.version })}
                      </Link>{" "}
                      <span className="text-base text-ink-700">
                        · {period(v)} · {t("list.scorecards", { count: v.scorecards })}
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          </Card>
        ))}
      </section>
      {list.canManage ? (
        <Card title={t("import.title")} className="mt-6">
          <p className="mb-4 text-base text-ink-700">{t("import.intro")}</p>
          <ImportForm action={importRubricAction} />
        </Card>
      ) : (
        <Alert className="mt-6">{t("list.readOnly")}</Alert>
      )}
    </>
  );
}
