import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { RubricFieldsForm, RubricJsonForm } from "@/components/rubrics/rubric-forms";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getRubric } from "@/lib/scoring/rubric-admin";
import { pageLoader } from "@/lib/pages/page-load";
import { saveRubricVersionAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rubrics.edit");
  return { title: t("title") };
}

const load = pageLoader(getRubric);

export default async function EditRubricPage({ params }: { params: Promise<{ id: string }> }) {
  const detail = await load((await params).id);
  // Scorers read rubrics but never edit them: for them there is no edit page.
  if (!detail.canClone) notFound();
  const t = await getTranslations("rubrics");
  const back = <BackLink href={`/settings/rubrics/${detail.id}`} label={t("edit.back", { name: detail.name, version: detail.version })} />;
  if (!detail.canEdit) {
    return (
      <>
        {back}
        <PageHeader title={t("edit.title")} />
        <Alert tone="warning">{detail.editBlockedReason}</Alert>
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader title={t("edit.title")} description={t("edit.intro", { code: detail.code, next: detail.latestVersion + 1 })} />
      {detail.version !== detail.latestVersion ? (
        <Alert tone="warning" className="mb-4">
          {t("edit.fromOlder", { version: detail.version, latest: detail.latestVersion })}
        </Alert>
      ) : null}
      {detail.scorecards > 0 ? (
        <Alert className="mb-4">{t("edit.scorecardsKept", { count: detail.scorecards, version: detail.version })}</Alert>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title={t("edit.fieldsTitle")}>
          <RubricFieldsForm action={saveRubricVersionAction} rubric={detail.rubric} baseId={detail.id} latestVersion={detail.latestVersion} />
        </Card>
        <Card title={t("edit.jsonTitle")}>
          <RubricJsonForm
            action={saveRubricVersionAction}
            code={detail.code}
            json={JSON.stringify(detail.rubric, null, 2)}
            latestVersion={detail.latestVersion}
          />
        </Card>
      </div>
    </>
  );
}
