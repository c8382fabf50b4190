import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { AssignmentForm, ChangeAssignmentForm, EndAssignmentForm, SettingsForm } from "@/components/oversight/oversight-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { listAssignments } from "@/lib/oversight/assignments";
import { COMMITTEE_LEVELS } from "@/lib/oversight/rules";
import { OVERSIGHT_SETTING_FIELDS, getOversightSettings } from "@/lib/oversight/settings";
import { changeAssignmentAction, createAssignmentAction, endAssignmentAction, saveSettingsAction } from "../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

/** "oversight.backdateDays" → "backdateDays" (the label key). */
const FIELD_OF: Record<string, keyof typeof OVERSIGHT_SETTING_FIELDS | undefined> = Object.fromEntries(
  Object.entries(OVERSIGHT_SETTING_FIELDS).map(([field, key]) => [key, field as keyof typeof OVERSIGHT_SETTING_FIELDS]),
);

const DONE = ["created", "changed", "ended", "settings", "unchanged"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.assignments");
  return { title: t("title") };
}

type Search = { done?: string | string[]; status?: string | string[]; unit?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AssignmentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const query = await searchParams;
  const status = first(query.status) === "all" ? "all" : "current";
  const list = await orNotFound(listAssignments(user, { status, unit: first(query.unit) || undefined }), { forbidden: true });
  const settings = await orNotFound(getOversightSettings(user), { forbidden: true });
  const t = await getTranslations("oversight");
  const ta = await getTranslations("oversight.assignments");
  const done = DONE.find((key) => key === first(query.done));
  const today = isoDay(todayInVietnam());
  const levels = COMMITTEE_LEVELS.map((level) => ({ value: level, label: t(`levels.${level}`) }));

  return (
    <>
      <BackLink href="/oversight/coverage" label={t("coverage.title")} />
      <PageHeader title={ta("title")} description={ta("intro")} />
      <div className="flex flex-col gap-8">
        {done ? <Alert tone="success">{ta(`done.${done}`)}</Alert> : null}

        <section aria-labelledby="assignment-list" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="assignment-list" className="text-xl font-semibold text-ink-900">
              {status === "all" ? ta("listAll") : ta("listCurrent")}
            </h2>
            <a href={status === "all" ? "/oversight/assignments" : "/oversight/assignments?status=all"} className="link-action">
              {status === "all" ? ta("showCurrent") : ta("showAll")}
            </a>
          </div>
          {list.truncated ? <Alert tone="info">{ta("truncated")}</Alert> : null}
          {list.items.length === 0 ? (
            <EmptyState title={ta("emptyTitle")}>{ta("empty")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {list.items.map((a) => {
                const label = `${a.user.displayName} – ${a.branch.name}`;
                return (
                  <li key={a.id} id={`assignment-${a.id}`} className="flex flex-col gap-2 rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="flex min-w-0 flex-col gap-1">
                        <p className="text-lg font-semibold break-words text-ink-950">{a.branch.name}</p>
                        {a.branch.parentName ? <p className="text-base text-ink-700">{a.branch.parentName}</p> : null}
                        <p className="text-base text-ink-800">
                          {a.user.displayName} · {t(`levels.${a.committeeLevel}`)}
                        </p>
                        <p className="text-base text-ink-700">
                          {a.validTo
                            ? t("term.range", { from: formatCalendarDate(a.validFrom), to: formatCalendarDate(a.validTo) })
                            : t("term.open", { from: formatCalendarDate(a.validFrom) })}
                        </p>
                        {a.endReason ? <p className="text-base text-ink-700">{ta("endedBecause", { reason: a.endReason, at: a.endedAt ? formatDateTime(a.endedAt) : "—" })}</p> : null}
                        {a.note ? <p className="text-base text-ink-700">{a.note}</p> : null}
                        {a.delegations.filter((d) => !d.revokedAt).map((d) => (
                          <p key={d.id} className="text-base text-ink-700">
                            {ta("delegation", { name: d.toUser.displayName, from: formatCalendarDate(d.validFrom), to: formatCalendarDate(d.validTo) })}
                          </p>
                        ))}
                      </div>
                      <Badge tone={a.status === "ACTIVE" ? "success" : a.status === "UPCOMING" ? "brand" : "muted"}>{ta(`status.${a.status}`)}</Badge>
                    </div>
                    {a.status !== "ENDED" && !a.endedAt ? (
                      <div className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-4">
                        <ChangeAssignmentForm action={changeAssignmentAction} id={a.id} version={a.version} level={a.committeeLevel} levels={levels} label={ta("changeLabel", { assignment: label })} />
                        <EndAssignmentForm action={endAssignmentAction} id={a.id} version={a.version} today={today} label={ta("endLabel", { assignment: label })} />
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <Card title={ta("createTitle")}>
          <p className="mb-4 text-base text-ink-700">{ta("createIntro")}</p>
          {list.overseers.length === 0 ? (
            <Alert tone="info">{ta("noOverseers")}</Alert>
          ) : (
            <AssignmentForm
              action={createAssignmentAction}
              overseers={list.overseers.map((o) => ({ value: o.id, label: `${o.displayName} (${o.username})` }))}
              branches={list.branches.map((b) => ({ value: b.id, label: b.parentName ? `${b.name} – ${b.parentName}` : b.name }))}
              levels={levels}
              today={today}
            />
          )}
        </Card>

        <div id="settings" className="scroll-mt-4">
          <Card title={t("settings.title")}>
            <p className="mb-4 text-base text-ink-700">{t("settings.intro")}</p>
            {settings.canEdit ? (
              <SettingsForm action={saveSettingsAction} values={settings.values} today={today} />
            ) : (
              <p className="text-base text-ink-800">
                {t("settings.readOnly", {
                  provincial: settings.values.quotaProvincial,
                  district: settings.values.quotaDistrict,
                  grassroots: settings.values.quotaGrassroots,
                  days: settings.values.backdateDays,
                })}
              </p>
            )}
            {settings.history.length > 0 ? (
              <details className="mt-4">
                <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-800">{t("settings.history")}</summary>
                <ul className="mt-2 flex flex-col gap-1 text-base text-ink-800">
                  {settings.history.map((row) => (
                    <li key={`${row.key}-${row.effectiveFrom.toISOString()}`}>
                      {t("settings.historyItem", {
                        key: FIELD_OF[row.key] ? t(`settings.labels.${FIELD_OF[row.key]!}`) : row.key,
                        value: typeof row.value === "boolean" ? (row.value ? t("settings.yes") : t("settings.no")) : String(row.value),
                        from: formatCalendarDate(row.effectiveFrom),
                        to: row.effectiveTo ? formatCalendarDate(row.effectiveTo) : "…",
                      })}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </Card>
        </div>
      </div>
    </>
  );
}
