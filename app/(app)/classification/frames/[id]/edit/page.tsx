import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FrameFieldsForm } from "@/components/classification/admin-forms";
import { BackLink } from "@/components/org/back-link";
import { RubricJsonForm } from "@/components/rubrics/rubric-forms";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getFrame } from "@/lib/classification/frame-admin";
import { orNotFound } from "@/lib/pages/page-load";
import { saveFrameVersionAction } from "../../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.frameAdmin");
  return { title: t("editTitle") };
}

export default async function EditFramePage({ params }: { params: Promise<{ id: string }> }) {
  const detail = await orNotFound(getFrame(await requireUser(), (await params).id));
  if (!detail.canClone) notFound();
  const t = await getTranslations("classification.frameAdmin");
  const back = <BackLink href={`/classification/frames/${detail.id}`} label={detail.name} />;
  if (!detail.canEdit) {
    return (
      <>
        {back}
        <PageHeader title={t("editTitle")} />
        <Alert tone="warning">{detail.editBlockedReason}</Alert>
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader title={t("editTitle")} description={t("editIntro", { code: detail.code, next: detail.latestVersion + 1 })} />
      {detail.classifications > 0 ? <Alert className="mb-4">{t("kept", { count: detail.classifications, version: detail.version })}</Alert> : null}
      <div className="flex flex-col gap-6">
        <Card title={t("fieldsTitle")}>
          <FrameFieldsForm action={saveFrameVersionAction} frame={detail.frame} baseId={detail.id} latestVersion={detail.latestVersion} />
        </Card>
        <Card title={t("jsonTitle")}>
          <RubricJsonForm action={saveFrameVersionAction} code={detail.code} json={JSON.stringify(detail.frame, null, 2)} latestVersion={detail.latestVersion} catalog="classification.frameForms" />
        </Card>
      </div>
    </>
  );
}
