import Link from "next/link";
import { useTranslations } from "next-intl";
import { actionKey, entityTypeKey, fieldKey, isOrgCategory, isOrgKind, isRole } from "@/components/audit/audit-labels";
import { referenceKind, type FieldChange } from "@/lib/audit/diff";
import { AUDITED_ENTITY_TYPES, type AuditEntryView } from "@/lib/audit-log/query";
import { formatCalendarDate, formatDateTime, formatNumber } from "@/lib/i18n/format";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function Value({ field, value, names }: { field: string; value: unknown; names: Record<string, string> }) {
  const t = useTranslations();
  if (value === null || value === undefined || value === "") return <span className="text-ink-500">{t("audit.emptyValue")}</span>;
  if (typeof value === "boolean") return <>{value ? t("common.yes") : t("common.no")}</>;
  if (typeof value === "number") return <>{formatNumber(value)}</>;
  if (typeof value === "string") {
    if (referenceKind(field)) return <>{names[value] ?? t("audit.unknownRecord")}</>;
    if (field === "kind" && isOrgKind(value)) return <>{t(`orgKind.${value}`)}</>;
    if (field === "category" && isOrgCategory(value)) return <>{t(`orgCategory.${value}`)}</>;
    if (field === "role" && isRole(value)) return <>{t(`roles.${value}`)}</>;
    if (field === "reason" && value === "merge") return <>{t("audit.mergeReason")}</>;
    if (field === "passwordMode" && (value === "generate" || value === "manual")) return <>{t(`users.create.mode.${value}`)}</>;
    if (ISO_DAY.test(value)) return <>{formatCalendarDate(value)}</>;
    if (ISO_INSTANT.test(value)) return <>{formatDateTime(value)}</>;
    return <>{value}</>;
  }
  return <code className="text-sm break-all">{JSON.stringify(value)}</code>;
}

function Changes({ changes, names }: { changes: FieldChange[]; names: Record<string, string> }) {
  const t = useTranslations();
  if (changes.length === 0) return null;
  return (
    <dl className="mt-2 flex flex-col gap-2">
      {changes.map((change) => {
        const key = fieldKey(change.field);
        return (
          <div key={change.field} className="flex flex-col gap-0.5 sm:flex-row sm:gap-3">
            <dt className="text-sm font-semibold text-ink-700 sm:w-48 sm:shrink-0">{key ? t(`audit.fields.${key}`) : change.field}</dt>
            <dd className="flex min-w-0 flex-wrap items-baseline gap-x-2 text-base break-words text-ink-950">
              {change.before !== null ? (
                <>
                  <span className="text-ink-600 line-through decoration-ink-400">
                    <Value field={change.field} value={change.before} names={names} />
                  </span>
                  <span aria-label={t("audit.changedTo")}>→</span>
                </>
              ) : null}
              <span className="font-medium">
                <Value field={change.field} value={change.after} names={names} />
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Audit entries, newest first: when, who, what, and what changed. */
export function AuditList({
  entries,
  names,
  showSubject,
}: {
  entries: AuditEntryView[];
  names: Record<string, string>;
  /** The tenant-wide list names the record each entry is about. */
  showSubject?: boolean;
}) {
  const t = useTranslations();
  return (
    <ol className="flex flex-col divide-y divide-ink-100 rounded-xl border border-ink-200 bg-white shadow-sm">
      {entries.map((entry) => {
        const key = actionKey(entry.action);
        const typeKey = entityTypeKey(entry.entityType);
        const linkable = (AUDITED_ENTITY_TYPES as readonly string[]).includes(entry.entityType);
        return (
          <li key={entry.id} className="flex flex-col gap-1 px-4 py-3">
            <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="text-lg font-semibold text-ink-950">{key ? t(`audit.actions.${key}`) : entry.action}</span>
              <time dateTime={entry.at.toISOString()} className="text-base text-ink-700">
                {formatDateTime(entry.at)}
              </time>
            </p>
            <p className="text-base text-ink-800">
              {t("audit.by", { name: entry.actorName ?? t("audit.system") })}
              {showSubject ? (
                <>
                  {" · "}
                  {typeKey ? t(`audit.entityTypes.${typeKey}`) : entry.entityType}
                  {": "}
                  {linkable ? (
                    <Link
                      href={`/audit?${new URLSearchParams({ entityType: entry.entityType, entityId: entry.entityId })}`}
                      className="text-brand-800 underline"
                    >
                      {names[entry.entityId] ?? t("audit.viewHistory")}
                    </Link>
                  ) : (
                    (names[entry.entityId] ?? entry.entityId)
                  )}
                </>
              ) : null}
            </p>
            <Changes changes={entry.changes} names={names} />
          </li>
        );
      })}
    </ol>
  );
}
