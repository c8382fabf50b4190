"use client";

// A user's notifications: unread ones stand out; "Mở" marks one read and follows its link,
// "Đánh dấu đã đọc" only marks it. Results of both come back through the page's refresh.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export interface NotificationRow {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  unread: boolean;
}

function ItemActions({
  row,
  openAction,
  markAction,
}: {
  row: NotificationRow;
  openAction: FormAction<{ updated: number }>;
  markAction: FormAction<{ updated: number }>;
}) {
  const t = useTranslations("preparation.notifications");
  const open = useKeptAction(openAction);
  const mark = useKeptAction(markAction);
  const error = (open.state && !open.state.ok ? open.state.error : null) ?? (mark.state && !mark.state.ok ? mark.state.error : null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {row.link ? (
        <form noValidate onSubmit={open.onSubmit}>
          <input type="hidden" name="ids" value={row.id} />
          <Button type="submit" variant="secondary" disabled={open.pending} aria-disabled={open.pending}>
            {t("open")}
            <span className="sr-only">{row.title}</span>
          </Button>
        </form>
      ) : null}
      {row.unread ? (
        <form noValidate onSubmit={mark.onSubmit}>
          <input type="hidden" name="ids" value={row.id} />
          <Button type="submit" variant="ghost" disabled={mark.pending} aria-disabled={mark.pending}>
            {t("markRead")}
            <span className="sr-only">{row.title}</span>
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-base font-medium text-danger-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function NotificationList({
  rows,
  openAction,
  markAction,
}: {
  rows: readonly NotificationRow[];
  openAction: FormAction<{ updated: number }>;
  markAction: FormAction<{ updated: number }>;
}) {
  const t = useTranslations("preparation.notifications");
  return (
    <ul className="flex flex-col gap-3">
      {rows.map((row) => (
        <li
          key={row.id}
          className={clsx(
            "flex flex-col gap-2 rounded-xl border p-4",
            row.unread ? "border-brand-200 bg-brand-50/60" : "border-ink-200 bg-white",
          )}
        >
          <div className="flex flex-wrap items-center gap-2">
            {row.unread ? <span className="rounded-md bg-brand-700 px-2 py-0.5 text-sm font-semibold text-white">{t("new")}</span> : null}
            <h2 className="text-lg font-semibold break-words text-ink-900">{row.title}</h2>
          </div>
          <p className="text-sm text-ink-600">{row.createdAt}</p>
          <details>
            <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-800">{t("showText")}</summary>
            <p className="text-base whitespace-pre-line text-ink-800">{row.body}</p>
          </details>
          <ItemActions row={row} openAction={openAction} markAction={markAction} />
        </li>
      ))}
    </ul>
  );
}

export function MarkAllRead({ action }: { action: FormAction<{ updated: number }> }) {
  const t = useTranslations("preparation.notifications");
  const { state, pending, onSubmit } = useKeptAction(action);
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-2">
      <input type="hidden" name="all" value="1" />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending} className="self-start">
        {t("markAllRead")}
      </Button>
    </form>
  );
}
