import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DelegationForm, RevokeDelegationButton } from "@/components/oversight/oversight-forms";
import { RegistrationButton } from "@/components/oversight/registration-button";
import { DeskMeetingItem, QuotaFigure, Section } from "@/components/oversight/oversight-views";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getDesk } from "@/lib/oversight/desk";
import { createDelegationAction, registerAction, revokeDelegationAction, unregisterAction } from "./actions";
import { isoDay } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.desk");
  return { title: t("title") };
}

export default async function OversightDeskPage() {
  const user = await requireUser();
  // Viewers without the overseer role start from the coverage view.
  if (!canAnywhere(user, "score.confirm")) redirect(canAnywhere(user, "dashboard.read") ? "/oversight/coverage" : "/");
  const desk = await getDesk(user);
  const t = await getTranslations("oversight");
  const td = await getTranslations("oversight.desk");
  const tp = await getTranslations("preparation.kinds");
  const today = isoDay(desk.today);
  const meetingLabel = (m: { title: string; branch: { name: string } }) => `${m.title} – ${m.branch.name}`;

  return (
    <>
      <PageHeader title={td("title")} description={td("intro")} />
      <div className="flex flex-col gap-8">
        <Card title={td("figureTitle")}>
          {desk.coverage ? <QuotaFigure coverage={desk.coverage} year={desk.year} /> : <p className="text-base text-ink-700">{td("noAssignment", { year: desk.year })}</p>}
          <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {/* A file, not a page. */}
            <a href={`/api/v1/oversight/export?user=${user.id}&year=${desk.year}`} download className="link-action">
              {td("exportMine")}
            </a>
            {canAnywhere(user, "dashboard.read") ? (
              <Link href="/oversight/coverage" className="link-action">
                {t("links.coverage")}
              </Link>
            ) : null}
          </div>
        </Card>

        <Section id="upcoming" title={td("upcoming.title")} intro={td("upcoming.intro")}>
          {desk.upcoming.length === 0 ? (
            <EmptyState title={td("upcoming.emptyTitle")}>{td("upcoming.empty")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {desk.upcoming.map((m) => (
                <DeskMeetingItem
                  key={m.id}
                  meeting={m}
                  extra={
                    <div className="mt-1">
                      <p className="text-base font-semibold text-ink-900">{td("upcoming.documents")}</p>
                      {m.documents.length === 0 ? (
                        <p className="text-base text-ink-700">{td("upcoming.noDocuments")}</p>
                      ) : (
                        <ul className="flex flex-col">
                          {m.documents.map((doc) => (
                            <li key={doc.id}>
                              <a href={`/api/v1/meetings/${m.id}/documents/${doc.id}`} className="inline-flex min-h-11 items-center text-brand-800 underline">
                                {doc.title} ({tp(doc.kind)})
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  }
                >
                  {m.canRegister ? (
                    <RegistrationButton action={registerAction} meetingId={m.id} mode="register" label={td("upcoming.registerLabel", { meeting: meetingLabel(m) })} />
                  ) : m.visit?.status === "PLANNED" ? (
                    <RegistrationButton action={unregisterAction} meetingId={m.id} mode="unregister" label={td("upcoming.unregisterLabel", { meeting: meetingLabel(m) })} />
                  ) : m.state === "POSTPONED" ? (
                    <p className="text-base text-ink-700">{td("upcoming.postponed")}</p>
                  ) : null}
                  <ButtonLink href={`/meetings/${m.id}/prepare`} variant="ghost">
                    {td("upcoming.prepare")}
                  </ButtonLink>
                </DeskMeetingItem>
              ))}
            </ul>
          )}
        </Section>

        <Section id="awaiting-record" title={td("awaitingRecord.title")} intro={td("awaitingRecord.intro", { days: desk.backdateDays })}>
          {desk.awaitingRecord.length === 0 ? (
            <p className="text-base text-ink-700">{td("awaitingRecord.empty")}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {desk.awaitingRecord.map((m) => (
                <DeskMeetingItem key={m.id} meeting={m} extra={m.wouldNeedApproval ? <p className="text-base text-warning-900">{td("late", { days: desk.backdateDays })}</p> : null}>
                  <ButtonLink href={`/oversight/visits/${m.id}`} variant="primary" aria-label={td("recordLabel", { meeting: meetingLabel(m) })}>
                    {td("record")}
                  </ButtonLink>
                </DeskMeetingItem>
              ))}
            </ul>
          )}
        </Section>

        <Section id="awaiting-score" title={td("awaitingScore.title")} intro={td("awaitingScore.intro")}>
          {desk.awaitingScore.length === 0 ? (
            <p className="text-base text-ink-700">{td("awaitingScore.empty")}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {desk.awaitingScore.map((m) => (
                <DeskMeetingItem
                  key={m.id}
                  meeting={m}
                  extra={
                    m.visit && m.visit.status !== "PLANNED" ? null : (
                      <p className="text-base text-ink-700">
                        {td("awaitingScore.notRecorded")}
                        {m.wouldNeedApproval ? ` ${td("late", { days: desk.backdateDays })}` : ""}
                      </p>
                    )
                  }
                >
                  <ButtonLink href={`/meetings/${m.id}/score`} variant="primary" aria-label={td("scoreLabel", { meeting: meetingLabel(m) })}>
                    {td("score")}
                  </ButtonLink>
                  {m.visit && m.visit.status !== "PLANNED" ? null : (
                    <ButtonLink href={`/oversight/visits/${m.id}`} variant="secondary" aria-label={td("recordLabel", { meeting: meetingLabel(m) })}>
                      {td("record")}
                    </ButtonLink>
                  )}
                </DeskMeetingItem>
              ))}
            </ul>
          )}
        </Section>

        <Section id="recent" title={td("recent.title")}>
          {desk.recent.length === 0 ? (
            <p className="text-base text-ink-700">{td("recent.empty")}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {desk.recent.map((m) => (
                <DeskMeetingItem key={m.id} meeting={m} />
              ))}
            </ul>
          )}
        </Section>

        <Section id="followed" title={td("followed.title")} intro={td("followed.intro")}>
          {desk.followed.length === 0 ? (
            <p className="text-base text-ink-700">{td("followed.empty")}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {desk.followed.map((f) => (
                <li key={f.assignmentId} className="flex flex-col gap-2 rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
                  <p className="text-lg font-semibold text-ink-950">{f.branch.name}</p>
                  <p className="text-base text-ink-700">
                    {t(`levels.${f.level}`)} ·{" "}
                    {f.validTo
                      ? t("term.range", { from: formatCalendarDate(f.validFrom), to: formatCalendarDate(f.validTo) })
                      : t("term.open", { from: formatCalendarDate(f.validFrom) })}
                  </p>
                  {f.delegations.length > 0 ? (
                    <ul className="flex flex-col gap-1">
                      {f.delegations.map((d) => (
                        <li key={d.id} className="flex flex-wrap items-center gap-2 text-base text-ink-800">
                          <span>
                            {td("followed.delegation", { name: d.toName, from: formatCalendarDate(d.validFrom), to: formatCalendarDate(d.validTo) })}
                            {d.revoked ? ` (${td("followed.revoked")})` : ""}
                          </span>
                          {d.revoked ? null : (
                            <RevokeDelegationButton action={revokeDelegationAction} id={d.id} label={td("followed.revokeLabel", { name: d.toName, branch: f.branch.name })} />
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {f.delegateOptions.length > 0 ? (
                    <DelegationForm
                      action={createDelegationAction}
                      assignmentId={f.assignmentId}
                      options={f.delegateOptions.map((o) => ({ value: o.id, label: o.displayName }))}
                      label={td("followed.delegateLabel", { branch: f.branch.name })}
                      today={today}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {desk.delegatedToMe.length > 0 ? (
            <Alert tone="info" title={td("delegatedToMe.title")}>
              <ul className="flex flex-col gap-1">
                {desk.delegatedToMe.map((d) => (
                  <li key={d.id}>{td("delegatedToMe.item", { branch: d.branch.name, name: d.fromName, from: formatCalendarDate(d.validFrom), to: formatCalendarDate(d.validTo) })}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </Section>
      </div>
    </>
  );
}
