"use client";

// Tasks: those assigned at this meeting (member, content, deadline, the meeting where the result is
// reported), and those due here from earlier meetings with their results, which give the share of
// the previous resolution's targets met.
import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { formatCalendarDate } from "@/lib/i18n/format";
import { formatTargets } from "@/lib/meetings/record-rules";
import type { TaskResultSaved, TaskRow, TasksView } from "@/lib/meetings/tasks";
import { formatPercent } from "@/lib/exact/ratio";
import { RecordFormError } from "./record-toast";
import { AddRowForm, RemoveRowForm } from "./record-rows";

const day = (iso: string) => formatCalendarDate(`${iso}T00:00:00.000Z`);

function ResultForm({ task, action, meetingId, canEdit }: { task: TaskRow; action: FormAction<TaskResultSaved>; meetingId: string; canEdit: boolean }) {
  const t = useTranslations("record.tasks");
  const tr = useTranslations("record.taskResult");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  if (!canEdit) {
    return (
      <p className="text-base text-ink-800">
        {task.result ? `${tr(task.result)}${task.result === "PARTLY" ? ` (${task.resultPercent} %)` : ""}` : t("notEvaluated")}
        {task.resultNote ? ` — ${task.resultNote}` : ""}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="taskId" value={task.id} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <RecordFormError state={state} />
      {state?.ok ? <Alert tone="success">{t("resultSaved")}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <SelectField
          label={t("result")}
          name="result"
          defaultValue={task.result ?? ""}
          options={[
            { value: "", label: t("pickResult") },
            { value: "DONE", label: tr("DONE") },
            { value: "PARTLY", label: tr("PARTLY") },
            { value: "NOT_DONE", label: tr("NOT_DONE") },
          ]}
          errors={fieldErrors.result}
        />
        <TextField
          label={t("percent")}
          name="resultPercent"
          type="number"
          inputMode="numeric"
          min={1}
          max={99}
          hint={t("percentHint")}
          defaultValue={task.result === "PARTLY" && task.resultPercent !== null ? String(task.resultPercent) : ""}
          errors={fieldErrors.resultPercent}
        />
      </div>
      <TextField label={t("note")} name="resultNote" maxLength={1000} defaultValue={task.resultNote ?? ""} errors={fieldErrors.resultNote} />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        {pending ? t("saving") : task.result ? t("updateResult") : t("saveResult")}
      </Button>
    </form>
  );
}

export function TasksPanel({
  meetingId,
  tasks,
  members,
  canEdit,
  assignAction,
  deleteAction,
  resultAction,
}: {
  meetingId: string;
  tasks: TasksView;
  members: { memberId: string; label: string }[];
  canEdit: boolean;
  assignAction: FormAction<{ id: string }>;
  deleteAction: FormAction<{ id: string }>;
  resultAction: FormAction<TaskResultSaved>;
}) {
  const t = useTranslations("record.tasks");
  const tr = useTranslations("record.taskResult");
  const assign = useKeptAction(assignAction);
  const remove = useKeptAction(deleteAction);
  const next = tasks.nextMeeting;
  const targets = tasks.targets;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="tasks-due" className="flex flex-col gap-3">
        <h3 id="tasks-due" className="text-lg font-semibold text-ink-900">
          {t("dueTitle")}
        </h3>
        {targets.share ? (
          <p className="text-lg text-ink-900">
            {t("targets", { met: formatTargets(targets.metHundredths), due: targets.due, share: formatPercent(targets.share) })}
            {targets.pending > 0 ? <span className="ml-2 font-semibold text-warning-900">{t("pending", { count: targets.pending })}</span> : null}
          </p>
        ) : null}
        <p className="text-base text-ink-600">{t("targetsRule")}</p>
        {tasks.due.length === 0 ? (
          <p className="text-base text-ink-700">{t("dueEmpty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {tasks.due.map((task) => (
              <li key={task.id} className="flex flex-col gap-2 rounded-lg border border-ink-200 p-3">
                <p className="text-lg font-semibold text-ink-900">{task.memberName}</p>
                <p className="whitespace-pre-line text-base text-ink-800">{task.content}</p>
                <p className="text-sm text-ink-600">{t("assignedAt", { title: task.meeting.title, day: day(task.meeting.day), deadline: day(task.deadline) })}</p>
                <ResultForm task={task} action={resultAction} meetingId={meetingId} canEdit={canEdit} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="tasks-assigned" className="flex flex-col gap-3">
        <h3 id="tasks-assigned" className="text-lg font-semibold text-ink-900">
          {t("assignedTitle")}
        </h3>
        <RecordFormError state={remove.state} />
        {tasks.assigned.length === 0 ? (
          <p className="text-base text-ink-700">{canEdit ? t("assignedEmptyEdit") : t("assignedEmpty")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-ink-200 rounded-lg border border-ink-200">
            {tasks.assigned.map((task) => (
              <li key={task.id} className="flex flex-col gap-1 px-3 py-3">
                <p className="text-lg font-semibold text-ink-900">{task.memberName}</p>
                <p className="whitespace-pre-line text-base text-ink-800">{task.content}</p>
                <p className="text-sm text-ink-600">
                  {t("deadline", { deadline: day(task.deadline) })} ·{" "}
                  {task.reportMeeting
                    ? t(task.reportIsNext ? "reportNext" : "reportAt", { title: task.reportMeeting.title, day: day(task.reportMeeting.day) })
                    : t("reportNextUnplanned")}
                  {task.result ? ` · ${tr(task.result)}` : ""}
                </p>
                {canEdit && !task.result ? (
                  <RemoveRowForm kept={remove} meetingId={meetingId} field="taskId" id={task.id} label={t("deleteLabel", { name: task.memberName })}>
                    {t("delete")}
                  </RemoveRowForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? (
          <AddRowForm kept={assign} meetingId={meetingId} className="flex flex-col gap-4 rounded-lg bg-ink-50 p-3" heading={<h4 className="text-lg font-semibold text-ink-900">{t("assignTitle")}</h4>}>
            <SelectField
              label={t("member")}
              name="memberId"
              defaultValue=""
              options={[{ value: "", label: t("pickMember") }, ...members.map((m) => ({ value: m.memberId, label: m.label }))]}
              errors={assign.fieldErrors.memberId}
            />
            <TextAreaField label={t("content")} name="content" rows={3} maxLength={2000} errors={assign.fieldErrors.content} />
            <TextField label={t("deadlineLabel")} name="deadline" type="date" errors={assign.fieldErrors.deadline} className="sm:max-w-xs" />
            <SelectField
              label={t("reportMeeting")}
              name="reportMeetingId"
              defaultValue=""
              options={[
                { value: "", label: next ? t("nextOption", { title: next.title, day: day(next.day) }) : t("nextOptionUnplanned") },
                ...tasks.laterMeetings.filter((m) => m.id !== next?.id).map((m) => ({ value: m.id, label: `${m.title} — ${day(m.day)}` })),
              ]}
              errors={assign.fieldErrors.reportMeetingId}
            />
            <Button type="submit" variant="secondary" disabled={assign.pending} className="self-start">
              {assign.pending ? t("assigning") : t("assign")}
            </Button>
          </AddRowForm>
        ) : null}
      </section>
    </div>
  );
}
