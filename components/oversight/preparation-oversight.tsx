// The oversight part of a meeting's preparation page: the superior committee's members who will
// attend (they are on the guest list), and the issues raised at earlier visits that the branch has
// not closed yet, each closable with a note by the branch's recorder or the overseer.
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/admin/form-kit";
import { CloseFollowUpForm } from "@/components/oversight/close-follow-up-form";
import { Card } from "@/components/ui/card";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { PreparationOversight } from "@/lib/oversight/follow-ups";

export function PreparationOversightSection({ data, closeAction }: { data: PreparationOversight; closeAction: FormAction<null> }) {
  const t = useTranslations("oversight.preparation");
  return (
    <div id="oversight" className="scroll-mt-4">
      <Card title={t("title")}>
        <div className="flex flex-col gap-5">
          <section aria-labelledby="oversight-guests" className="flex flex-col gap-2">
            <h3 id="oversight-guests" className="text-lg font-semibold text-ink-900">
              {t("guests")}
            </h3>
            {data.registered.length === 0 ? (
              <p className="text-base text-ink-700">{t("noGuests")}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-base text-ink-800">
                {data.registered.map((guest) => (
                  <li key={guest.userId}>{t(guest.status === "PLANNED" ? "guestPlanned" : "guestAttended", { name: guest.displayName })}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="oversight-follow-ups" className="flex flex-col gap-2">
            <h3 id="oversight-follow-ups" className="text-lg font-semibold text-ink-900">
              {t("followUps")}
            </h3>
            {data.followUps.length === 0 ? (
              <p className="text-base text-ink-700">{t("noFollowUps")}</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {data.followUps.map((f) => (
                  <li key={f.id} className="flex flex-col gap-1 rounded-lg border border-ink-200 p-3">
                    <p className="text-base whitespace-pre-line text-ink-900">{f.text}</p>
                    <p className={f.overdue ? "text-sm font-semibold text-danger-700" : "text-sm text-ink-700"}>
                      {t("raised", { name: f.raisedBy, day: formatCalendarDate(f.raisedAt) })}
                      {f.dueDate ? ` · ${t(f.overdue ? "overdue" : "due", { day: formatCalendarDate(f.dueDate) })}` : ""}
                    </p>
                    {f.canClose ? <CloseFollowUpForm action={closeAction} id={f.id} version={f.version} label={t("closeLabel", { text: f.text.slice(0, 60) })} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </Card>
    </div>
  );
}
