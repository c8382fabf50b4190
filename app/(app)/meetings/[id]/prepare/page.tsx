import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { PreparationChecklist } from "@/components/preparation/preparation-checklist";
import { PreparationOversightSection } from "@/components/oversight/preparation-oversight";
import { ContentCard, DocumentsCard, NoticeCard, PreMeetingCard, preparationSteps } from "@/components/preparation/preparation-sections";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/i18n/format";
import { getPreparation } from "@/lib/meetings/preparation";
import { getPreparationOversight } from "@/lib/oversight/follow-ups";
import { closeFollowUpAction } from "../../../oversight/actions";
import { orNotFound } from "@/lib/pages/page-load";
import {
  deleteDocumentAction,
  savePreMeetingAction,
  sendNoticeAction,
  updateContentAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("preparation");
  return { title: t("title") };
}

export default async function PreparePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const view = await orNotFound(getPreparation(user, id));
  // Issue 6: who from the superior committee will attend, and the issues raised at earlier visits.
  const oversight = await getPreparationOversight(user, id);
  const [t, tm] = await Promise.all([getTranslations("preparation"), getTranslations("meetings")]);
  const { meeting, can } = view;
  const steps = await preparationSteps(view);

  return (
    <>
      <BackLink href={`/meetings/${meeting.id}`} label={meeting.title} />
      <PageHeader
        title={t("title")}
        description={t("intro", {
          branch: meeting.branch.name,
          at: formatDateTime(meeting.plannedStart),
          place: meeting.place ?? t("noPlace"),
        })}
      >
        <p className="flex flex-wrap gap-2">
          <Badge tone="brand">{tm(`kind.${meeting.kind}`)}</Badge>
          <Badge>{tm(`state.${meeting.state}`)}</Badge>
        </p>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {!can.edit ? <Alert tone="info">{can.record ? t("closed") : t("readOnly")}</Alert> : null}

        <Card title={t("steps.title")}>
          <PreparationChecklist steps={steps} label={t("steps.title")} />
        </Card>

        <ContentCard view={view} action={updateContentAction} />

        <PreMeetingCard view={view} action={savePreMeetingAction} />

        <DocumentsCard view={view} deleteAction={deleteDocumentAction} />

        <PreparationOversightSection data={oversight} closeAction={closeFollowUpAction} />

        <NoticeCard view={view} action={sendNoticeAction} />
      </div>
    </>
  );
}
