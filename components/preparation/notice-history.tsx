// Notices already sent, newest first; each opens to its full text.
import { useTranslations } from "next-intl";

export interface NoticeRow {
  id: string;
  sentAt: string;
  sentBy: string;
  subject: string;
  body: string;
  recipientCount: number;
  includesOverseer: boolean;
}

export function NoticeHistory({ rows }: { rows: readonly NoticeRow[] }) {
  const t = useTranslations("preparation.notice");
  return (
    <ul className="flex flex-col gap-2">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-ink-200 bg-ink-50">
          <details>
            <summary className="flex min-h-11 cursor-pointer flex-col justify-center px-3 py-2 sm:px-4">
              <span className="font-semibold text-ink-900">{row.subject}</span>
              <span className="text-sm text-ink-700">
                {t("historyLine", { at: row.sentAt, by: row.sentBy, count: row.recipientCount })}
                {row.includesOverseer ? ` · ${t("historyOverseer")}` : ""}
              </span>
            </summary>
            <p className="border-t border-ink-200 px-3 py-3 text-base whitespace-pre-line text-ink-800 sm:px-4">{row.body}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}
