import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MeetingForm } from "@/components/meetings/meeting-form";
import { BackLink } from "@/components/org/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { AppError, ValidationError } from "@/lib/errors";
import { getMeetingForEdit, type MeetingEditView } from "@/lib/meetings/meetings";
import { updateMeetingAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meetings.edit");
  return { title: t("title") };
}

export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  let meeting: MeetingEditView;
  try {
    // 404 outside scope and 403 without meeting.record both read as "nothing here".
    meeting = await getMeetingForEdit(user, id);
  } catch (error) {
    // Held already: nothing to edit, back to the meeting page.
    if (error instanceof ValidationError) redirect(`/meetings/${id}`);
    if (error instanceof AppError) notFound();
    throw error;
  }
  const t = await getTranslations("meetings");
  return (
    <>
      <BackLink href={`/meetings/${meeting.id}`} label={meeting.values.title} />
      <PageHeader title={t("edit.title")} description={t("edit.intro")}>
        <p className="text-base text-ink-700">{meeting.branchName}</p>
      </PageHeader>
      <MeetingForm
        mode="edit"
        action={updateMeetingAction}
        hidden={{ id: meeting.id, version: String(meeting.version) }}
        branches={[]}
        cancelHref={`/meetings/${meeting.id}`}
        defaults={{ branchId: "", ...meeting.values }}
      />
    </>
  );
}
