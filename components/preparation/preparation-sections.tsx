// The sections of a meeting's preparation page (issue 6): the checklist's steps, the content and
// draft resolution, the chi ủy's pre-meeting, the documents, and the notice. Each reads the view
// lib/meetings/preparation.ts built; the page passes the server actions its forms post to.
import type { ComponentProps } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ContentForm } from "@/components/preparation/content-form";
import { DeleteDocumentButton } from "@/components/preparation/delete-document-button";
import { DocumentList, type DocumentRow } from "@/components/preparation/document-list";
import { DocumentUpload } from "@/components/preparation/document-upload";
import { NoticeForm } from "@/components/preparation/notice-form";
import { NoticeHistory } from "@/components/preparation/notice-history";
import { PreMeetingForm } from "@/components/preparation/pre-meeting-form";
import type { ChecklistStep } from "@/components/preparation/preparation-checklist";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { noticeUrl } from "@/lib/documents/urls";
import { formatDateTime, formatDuration, formatNumber, toLocalDateTimeInput } from "@/lib/i18n/format";
import type { PreparationView } from "@/lib/meetings/preparation";
import { PREPARATION_EDITABLE } from "@/lib/meetings/states";
import { FILE_TYPES, uploadMaxBytes } from "@/lib/storage";

/** Names of members the notice cannot reach shown in full; the rest are counted. */
const UNREACHABLE_SHOWN = 8;

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, { maximumFractionDigits: 0 })} KB`;
  return `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}

/** The checklist: content, the pre-meeting, documents on time, the notice. */
export async function preparationSteps(view: PreparationView): Promise<ChecklistStep[]> {
  const t = await getTranslations("preparation");
  const { meeting, timing } = view;
  const preMeetingStep: ChecklistStep = !meeting.branch.hasCommittee
    ? { id: "pre", label: t("steps.preMeeting"), status: "na", statusLabel: t("status.na"), detail: t("steps.preMeetingNa") }
    : view.preMeeting
      ? {
          id: "pre",
          label: t("steps.preMeeting"),
          status: view.preMeeting.minuted ? "done" : "late",
          statusLabel: view.preMeeting.minuted ? t("status.done") : t("status.incomplete"),
          detail: view.preMeeting.minuted
            ? t("steps.preMeetingDone", { at: formatDateTime(view.preMeeting.heldAt) })
            : t("steps.preMeetingNoMinutes", { at: formatDateTime(view.preMeeting.heldAt) }),
          href: "#pre-meeting",
        }
      : { id: "pre", label: t("steps.preMeeting"), status: "todo", statusLabel: t("status.todo"), detail: t("steps.preMeetingTodo"), href: "#pre-meeting" };
  const lead = timing.documentsLeadMinutes;
  const docsStep: ChecklistStep =
    lead === null
      ? {
          id: "docs",
          label: t("steps.documents"),
          status: "todo",
          statusLabel: t("status.todo"),
          detail: t("steps.documentsTodo", { hours: timing.requiredLeadHours }),
          href: "#documents",
        }
      : {
          id: "docs",
          label: t("steps.documents"),
          status: timing.leadOk ? "done" : "late",
          statusLabel: timing.leadOk ? t("status.done") : t("status.late"),
          detail:
            lead >= 0
              ? t("steps.documentsLead", { lead: formatDuration(lead), hours: timing.requiredLeadHours })
              : t("steps.documentsAfter", { lead: formatDuration(lead), hours: timing.requiredLeadHours }),
          href: "#documents",
        };
  const lastNotice = view.notices[0];
  const steps: ChecklistStep[] = [
    {
      id: "content",
      label: t("steps.content"),
      status: meeting.content && meeting.draftResolution ? "done" : "todo",
      statusLabel: meeting.content && meeting.draftResolution ? t("status.done") : t("status.todo"),
      detail: meeting.content
        ? meeting.draftResolution
          ? t("steps.contentDone")
          : t("steps.contentNoDraft")
        : t("steps.contentTodo"),
      href: "#content",
    },
    preMeetingStep,
    docsStep,
    lastNotice
      ? {
          id: "notice",
          label: t("steps.notice"),
          status: "done",
          statusLabel: t("status.done"),
          detail: t("steps.noticeDone", {
            at: formatDateTime(meeting.noticeSentAt ?? lastNotice.sentAt),
            count: lastNotice.recipientCount,
            overseer: meeting.noticeToOverseer ? "yes" : "no",
          }),
          href: "#notice",
        }
      : {
          id: "notice",
          label: t("steps.notice"),
          status: "todo",
          statusLabel: t("status.todo"),
          detail: t("steps.noticeTodo", { days: view.noticeLeadDays }),
          href: "#notice",
        },
  ];
  return steps;
}

export async function ContentCard({ view, action }: { view: PreparationView; action: ComponentProps<typeof ContentForm>["action"] }) {
  const t = await getTranslations("preparation");
  const { meeting, can } = view;
  return (
    <div id="content" className="scroll-mt-4">
      <Card title={t("content.title")}>
        {can.edit ? (
          <ContentForm action={action} meeting={meeting} roster={view.roster} />
        ) : (
          <dl className="flex flex-col gap-4">
            <div>
              <dt className="text-base font-semibold text-ink-900">{t("content.content")}</dt>
              <dd className="text-base whitespace-pre-line text-ink-800">{meeting.content ?? t("content.none")}</dd>
            </div>
            <div>
              <dt className="text-base font-semibold text-ink-900">{t("content.draftResolution")}</dt>
              <dd className="text-base whitespace-pre-line text-ink-800">{meeting.draftResolution ?? t("content.none")}</dd>
            </div>
          </dl>
        )}
      </Card>
    </div>
  );
}

export async function PreMeetingCard({ view, action }: { view: PreparationView; action: ComponentProps<typeof PreMeetingForm>["action"] }) {
  const [t, tp] = await Promise.all([getTranslations("preparation"), getTranslations("members.position")]);
  const { meeting, can } = view;
  return (
    <div id="pre-meeting" className="scroll-mt-4">
      <Card title={t("preMeeting.title")}>
        {!meeting.branch.hasCommittee ? (
          <Alert tone="info" title={t("preMeeting.noCommitteeTitle")}>
            {t("preMeeting.noCommittee")}{" "}
            {meeting.branch.committeeRule.source === "override"
              ? t("preMeeting.committeeByDecision", { officials: meeting.branch.committeeRule.officials, reason: meeting.branch.committeeRule.reason ?? "" })
              : t("preMeeting.committeeByCount", { officials: meeting.branch.committeeRule.officials, min: meeting.branch.committeeRule.threshold })}
          </Alert>
        ) : can.edit ? (
          <PreMeetingForm
            action={action}
            meetingId={meeting.id}
            version={meeting.version}
            committee={view.committee.map((member) => ({
              memberId: member.memberId,
              fullName: member.label,
              positionLabel: tp(member.position),
            }))}
            others={view.roster.filter((entry) => !view.committee.some((member) => member.memberId === entry.memberId))}
            initial={{
              heldAt: view.preMeeting ? toLocalDateTimeInput(view.preMeeting.heldAt) : "",
              attendeeMemberIds: view.preMeeting?.attendeeMemberIds ?? [],
              otherAttendees: view.preMeeting?.otherAttendees ?? "",
              notes: view.preMeeting?.notes ?? "",
              minuted: view.preMeeting?.minuted ?? false,
            }}
            maxHeldAt={toLocalDateTimeInput(meeting.plannedStart)}
          />
        ) : view.preMeeting ? (
          <dl className="flex flex-col gap-3 text-base">
            <div>
              <dt className="font-semibold text-ink-900">{t("preMeeting.heldAt")}</dt>
              <dd className="text-ink-800">{formatDateTime(view.preMeeting.heldAt)}</dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-900">{t("preMeeting.attendees")}</dt>
              <dd className="text-ink-800">{view.preMeeting.attendees ?? "—"}</dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-900">{t("preMeeting.notes")}</dt>
              <dd className="whitespace-pre-line text-ink-800">{view.preMeeting.notes ?? "—"}</dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-900">{t("preMeeting.minuted")}</dt>
              <dd className="text-ink-800">{view.preMeeting.minuted ? t("yes") : t("no")}</dd>
            </div>
          </dl>
        ) : (
          <p className="text-base text-ink-700">{t("preMeeting.notRecorded")}</p>
        )}
      </Card>
    </div>
  );
}

export async function DocumentsCard({ view, deleteAction }: { view: PreparationView; deleteAction: ComponentProps<typeof DeleteDocumentButton>["action"] }) {
  const t = await getTranslations("preparation");
  const { meeting, can, timing } = view;
  const maxBytes = uploadMaxBytes();
  const maxMb = Math.floor(maxBytes / 1024 / 1024);
  const rows: DocumentRow[] = view.documents.map((doc) => ({
    id: doc.id,
    title: doc.title,
    kindLabel: t(`kinds.${doc.kind}`),
    fileName: doc.fileName,
    size: fileSize(doc.sizeBytes),
    postedAt: formatDateTime(doc.postedAt),
    postedBy: doc.postedBy.displayName,
    downloadUrl: `/api/v1/meetings/${meeting.id}/documents/${doc.id}`,
    deleteControl: doc.canDelete ? (
      <DeleteDocumentButton action={deleteAction} meetingId={meeting.id} documentId={doc.id} title={doc.title} />
    ) : undefined,
  }));
  const accept = Object.values(FILE_TYPES)
    .flatMap((type) => type.extensions.map((ext) => `.${ext}`))
    .join(",");
  return (
    <div id="documents" className="scroll-mt-4">
      <Card title={t("documents.title")}>
        <div className="flex flex-col gap-5">
          {rows.length > 0 ? (
            <DocumentList rows={rows} />
          ) : (
            <EmptyState title={t("documents.emptyTitle")}>
              {can.uploadKinds.length > 0 ? t("documents.emptyRecorder", { hours: timing.requiredLeadHours }) : t("documents.emptyReader")}
            </EmptyState>
          )}
          {can.uploadKinds.length > 0 ? (
            <section aria-labelledby="upload-heading" className="flex flex-col gap-3 border-t border-ink-200 pt-5">
              <h3 id="upload-heading" className="text-lg font-semibold text-ink-900">
                {t("upload.heading")}
              </h3>
              <p className="text-base text-ink-700">
                {PREPARATION_EDITABLE.includes(meeting.state)
                  ? t("upload.leadHint", { hours: timing.requiredLeadHours })
                  : t("upload.afterHint")}
              </p>
              <DocumentUpload
                meetingId={meeting.id}
                kinds={can.uploadKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
                maxBytes={maxBytes}
                maxMb={maxMb}
                accept={accept}
              />
            </section>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

export async function NoticeCard({ view, action }: { view: PreparationView; action: ComponentProps<typeof NoticeForm>["action"] }) {
  const t = await getTranslations("preparation");
  const { meeting, can } = view;
  return (
    <div id="notice" className="scroll-mt-4">
      <Card title={t("notice.title")}>
        <div className="flex flex-col gap-5">
          {can.sendNotice ? (
            <>
              <div className="flex flex-col gap-2 text-base text-ink-800">
                <p>
                  {t("notice.reach", {
                    recipients: view.reach.recipients,
                    roster: view.reach.rosterSize,
                    accounts: view.reach.withAccount,
                    emails: view.reach.withEmail,
                  })}
                </p>
                <p>{view.reach.overseers > 0 ? t("notice.overseers", { count: view.reach.overseers }) : t("notice.noOverseer")}</p>
                {view.reach.unreachable.length > 0 ? (
                  <Alert tone="warning">
                    {t("notice.unreachable", {
                      names: view.reach.unreachable.slice(0, UNREACHABLE_SHOWN).join(", "),
                      more: Math.max(0, view.reach.unreachable.length - UNREACHABLE_SHOWN),
                    })}{" "}
                    <Link href={noticeUrl(meeting.id)} className="font-semibold underline">
                      {t("notice.shareLink")}
                    </Link>
                  </Alert>
                ) : null}
                {!view.emailConfigured ? <Alert tone="info">{t("notice.emailNotConfigured")}</Alert> : null}
                {meeting.state === "PLANNED" ? <p className="text-ink-700">{t("notice.leadHint", { days: view.noticeLeadDays })}</p> : null}
              </div>
              <NoticeForm
                action={action}
                meetingId={meeting.id}
                version={meeting.version}
                draft={view.noticeDraft}
                notified={meeting.state === "NOTIFIED"}
                recipients={view.reach.recipients}
              />
            </>
          ) : view.notices.length === 0 ? (
            <EmptyState title={t("notice.emptyTitle")}>{t("notice.emptyReader")}</EmptyState>
          ) : null}
          {view.notices.length > 0 ? (
            <section aria-labelledby="notice-history" className="flex flex-col gap-3">
              <h3 id="notice-history" className="text-lg font-semibold text-ink-900">
                {t("notice.history")}
              </h3>
              <NoticeHistory
                rows={view.notices.map((notice) => ({ ...notice, sentAt: formatDateTime(notice.sentAt) }))}
              />
            </section>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
