import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Disclosure } from "@/components/admin/form-kit";
import { SettingForm } from "@/components/settings/setting-form";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";
import { getSettingsOverview, type SettingState } from "@/lib/settings/admin";
import type { SettingField } from "@/lib/settings/describe";
import { saveSettingAction } from "./actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

const GROUP_ORDER = ["documents", "meeting", "attendance", "scoring", "oversight"];
const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ unit?: string; on?: string }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "settings.manage")) notFound();
  const query = await searchParams;
  const overview = await orNotFound(getSettingsOverview(user, { unit: query.unit ?? null, on: query.on ?? null }), { forbidden: true });
  const t = await getTranslations("settings");
  const label = (s: SettingState) => (t.has(`keys.${s.catalogKey}.label` as never) ? t(`keys.${s.catalogKey}.label` as never) : s.key);
  const help = (s: SettingState) => (t.has(`keys.${s.catalogKey}.help` as never) ? t(`keys.${s.catalogKey}.help` as never) : t("noDescription"));
  const unitOf = (s: SettingState) => (t.has(`keys.${s.catalogKey}.unit` as never) ? t(`keys.${s.catalogKey}.unit` as never) || null : null);
  const fieldLabels = (s: SettingState): Record<string, string> =>
    s.field.kind === "object"
      ? Object.fromEntries(s.field.fields.map((f) => [f.name, t.has(`keys.${s.catalogKey}.fields.${f.name}` as never) ? t(`keys.${s.catalogKey}.fields.${f.name}` as never) : f.name]))
      : {};
  const choiceLabels: Record<string, string> = { GOOD: t("choices.GOOD"), FAIR: t("choices.FAIR"), AVERAGE: t("choices.AVERAGE"), POOR: t("choices.POOR") };
  function show(field: SettingField, value: unknown, unit: string | null, labels: Record<string, string> = {}): string {
    if (value === null || value === undefined) return t("none");
    switch (field.kind) {
      case "integer":
      case "number":
        return `${formatNumber(Number(value))}${unit ? ` ${unit}` : ""}`;
      case "boolean":
        return value ? t("yes") : t("no");
      case "text":
        return String(value) === "" ? t("empty") : String(value);
      case "choice":
        return choiceLabels[String(value)] ?? String(value);
      case "object":
        return field.fields.map((f) => `${labels[f.name] ?? f.name}: ${show(f.field, (value as Record<string, unknown>)[f.name], null)}`).join("; ");
      case "json":
        return JSON.stringify(value);
    }
  }
  const scopeName = overview.tenantWide ? t("tenantWide") : overview.unit.name;
  const today = isoDay(todayInVietnam());
  const groups = [...new Set([...GROUP_ORDER.filter((g) => overview.settings.some((s) => s.group === g)), ...overview.settings.map((s) => s.group)])];

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")}>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          <Link href="/settings/rubrics" className="link-action">
            {t("links.rubrics")}
          </Link>
          <Link href="/oversight/assignments" className="link-action">
            {t("links.assignments")}
          </Link>
        </div>
      </PageHeader>
      <form method="get" action="/settings" className="mb-6 flex flex-col gap-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:p-5">
        <div className="flex flex-1 flex-col gap-1.5">
          <label htmlFor="settings-unit" className="text-base font-semibold text-ink-900">
            {t("scope")}
          </label>
          <select id="settings-unit" name="unit" defaultValue={overview.unit.id} className={fieldClass} aria-describedby="settings-unit-hint">
            {overview.scopes.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.depth > overview.scopes[0]!.depth ? "— " : ""}
                {unit.id === overview.scopes[0]!.id ? `${unit.name} (${t("tenantWide")})` : unit.name}
              </option>
            ))}
          </select>
          <p id="settings-unit-hint" className="text-sm text-ink-600">
            {t("scopeHint")}
          </p>
        </div>
        <div className="flex flex-col gap-1.5 sm:w-56">
          <label htmlFor="settings-on" className="text-base font-semibold text-ink-900">
            {t("on")}
          </label>
          <input id="settings-on" name="on" type="date" defaultValue={isoDay(overview.day)} className={fieldClass} />
        </div>
        <button type="submit" className="min-h-12 rounded-lg border border-ink-300 bg-white px-4 font-semibold text-ink-900 hover:bg-ink-50">
          {t("show")}
        </button>
      </form>

      <div className="flex flex-col gap-8">
        {groups.map((group) => (
          <section key={group} aria-labelledby={`settings-${group}`} className="flex flex-col gap-3">
            <h2 id={`settings-${group}`} className="text-xl font-semibold text-ink-900">
              {t.has(`groups.${group}` as never) ? t(`groups.${group}` as never) : group}
            </h2>
            <ul className="flex flex-col gap-3">
              {overview.settings
                .filter((s) => s.group === group)
                .map((s) => {
                  const unit = unitOf(s);
                  const labels = fieldLabels(s);
                  return (
                    <li key={s.key} id={`setting-${s.key}`} className="flex flex-col gap-2 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
                      <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
                        <div className="min-w-0">
                          <h3 className="text-lg font-semibold text-ink-900">{label(s)}</h3>
                          <p className="text-sm text-ink-700">{help(s)}</p>
                          {s.unconfirmed ? (
                            <Badge tone="muted" className="mt-1">
                              {t("unconfirmed")}
                            </Badge>
                          ) : null}
                        </div>
                        <div className="shrink-0 sm:max-w-xs sm:text-right">
                          <p className="text-sm text-ink-600">{t("current")}</p>
                          <p className="text-lg font-bold text-ink-950" data-setting-value={s.key}>
                            {show(s.field, s.value, unit, labels)}
                          </p>
                          <p className="text-sm text-ink-700">
                            {s.source
                              ? s.source.effectiveTo
                                ? t("fromRowUntil", { scope: s.source.scope?.name ?? t("tenantWide"), from: formatCalendarDate(s.source.effectiveFrom), to: formatCalendarDate(s.source.effectiveTo) })
                                : t("fromRow", { scope: s.source.scope?.name ?? t("tenantWide"), from: formatCalendarDate(s.source.effectiveFrom) })
                              : t("fromDefault")}
                          </p>
                          {s.source ? <p className="text-sm text-ink-600">{t("default", { value: show(s.field, s.default, unit, labels) })}</p> : null}
                        </div>
                      </div>
                      <Disclosure summary={t("change")} label={t("changeTitle", { label: label(s) })}>
                        <div className="mt-2 border-t border-ink-100 pt-3">
                          <SettingForm
                            action={saveSettingAction}
                            settingKey={s.key}
                            unitId={overview.unit.id}
                            label={label(s)}
                            unit={unit}
                            field={s.field}
                            current={s.value}
                            today={today}
                            scopeName={scopeName}
                            fieldLabels={labels}
                            choiceLabels={choiceLabels}
                          />
                        </div>
                      </Disclosure>
                      {s.history.length > 0 ? (
                        <details className="text-sm text-ink-700">
                          <summary className="min-h-9 cursor-pointer font-semibold text-ink-800">{t("history", { count: s.history.length })}</summary>
                          <ul className="mt-1 flex flex-col gap-1">
                            {s.history.map((row) => (
                              <li key={row.id}>
                                {t("historyRow", {
                                  value: show(s.field, row.value, unit, labels),
                                  from: formatCalendarDate(row.effectiveFrom),
                                  to: row.effectiveTo ? formatCalendarDate(row.effectiveTo) : "none",
                                })}
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
