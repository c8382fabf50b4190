import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { actionKey, knownActions } from "@/components/audit/audit-labels";
import { AuditList } from "@/components/audit/audit-list";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getEntityAudit, getTenantAudit } from "@/lib/audit-log/query";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { isoDay } from "@/lib/time/days";

type Params = Record<"entityType" | "entityId" | "action" | "from" | "to" | "cursor", string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Partial<Params>> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "audit.read")) notFound();
  const params = await searchParams;
  const entityType = one(params.entityType);
  const entityId = one(params.entityId);
  const cursor = one(params.cursor);
  const t = await getTranslations("audit");

  if (entityType || entityId) {
    // One record's history: audit.read on the unit it belongs to, else 404 (also for unknown types).
    const result = await getEntityAudit(user, { entityType: entityType ?? "", entityId: entityId ?? "", cursor });
    if (!result) notFound();
    const { subject, page } = result;
    const next = page.nextCursor ? `/audit?${new URLSearchParams({ entityType: subject.entityType, entityId: subject.entityId, cursor: page.nextCursor })}` : null;
    return (
      <>
        <BackLink href={subject.href} label={subject.label} />
        <PageHeader title={t("entityTitle", { name: subject.label })} description={t("entityIntro")} />
        {page.entries.length === 0 ? (
          <EmptyState title={t("emptyEntity")}>{t("emptyEntityHint")}</EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <AuditList entries={page.entries} names={page.names} />
            <Pager next={next} first={cursor ? `/audit?${new URLSearchParams({ entityType: subject.entityType, entityId: subject.entityId })}` : null} />
          </div>
        )}
      </>
    );
  }

  const action = one(params.action);
  const result = await getTenantAudit(user, { action, from: one(params.from), to: one(params.to), cursor });
  if (!result.allowed) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Alert tone="info">{t("rootOnly")}</Alert>
      </>
    );
  }
  const { page, filters } = result;
  const filterParams = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from ? { from: isoDay(filters.from) } : {}),
    ...(filters.to ? { to: isoDay(filters.to) } : {}),
  };
  const filtered = Object.keys(filterParams).length > 0;
  const next = page.nextCursor ? `/audit?${new URLSearchParams({ ...filterParams, cursor: page.nextCursor })}` : null;
  const actions = knownActions();
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="mb-6 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
        <Form action="/audit" className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
          <div className="flex min-w-0 flex-col gap-1.5">
            <label htmlFor="audit-action" className="text-base font-semibold text-ink-900">
              {t("filters.action")}
            </label>
            <select
              id="audit-action"
              name="action"
              defaultValue={filters.action ?? ""}
              className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
            >
              <option value="">{t("filters.anyAction")}</option>
              {filters.action && !actions.includes(filters.action) ? <option value={filters.action}>{filters.action}</option> : null}
              {actions.map((value) => {
                const key = actionKey(value);
                return (
                  <option key={value} value={value}>
                    {key ? t(`actions.${key}`) : value}
                  </option>
                );
              })}
            </select>
          </div>
          <DateFilter id="audit-from" name="from" label={t("filters.from")} value={filters.from} />
          <DateFilter id="audit-to" name="to" label={t("filters.to")} value={filters.to} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass("primary", "min-h-12 px-5")}>
              {t("filters.apply")}
            </button>
            {filtered ? (
              <Link href="/audit" className={buttonClass("ghost", "min-h-12")}>
                {t("filters.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </div>
      {page.entries.length === 0 ? (
        <EmptyState title={filtered ? t("emptyFiltered") : t("empty")}>{filtered ? t("emptyFilteredHint") : t("emptyHint")}</EmptyState>
      ) : (
        <div className="flex flex-col gap-4">
          <AuditList entries={page.entries} names={page.names} showSubject />
          <Pager next={next} first={cursor ? `/audit${filtered ? `?${new URLSearchParams(filterParams)}` : ""}` : null} />
        </div>
      )}
    </>
  );
}

function DateFilter({ id, name, label, value }: { id: string; name: string; label: string; value: Date | null }) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-base font-semibold text-ink-900">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={value ? isoDay(value) : ""}
        className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
      />
    </div>
  );
}

async function Pager({ next, first }: { next: string | null; first: string | null }) {
  const t = await getTranslations("audit");
  if (!next && !first) return null;
  return (
    <nav aria-label={t("pages")} className="flex flex-wrap gap-3">
      {first ? <ButtonLink href={first}>{t("newest")}</ButtonLink> : null}
      {next ? <ButtonLink href={next}>{t("older")}</ButtonLink> : null}
    </nav>
  );
}
