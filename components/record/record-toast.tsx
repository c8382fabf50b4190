"use client";

// A short message at the bottom of the screen for a save that failed in the background (a tap of
// the attendance screen): announced to screen readers, closed by hand or after a while.
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";

export interface Toast {
  message: string | null;
  show: (message: string) => void;
  hide: () => void;
}

export function useToast(timeoutMs = 8000): Toast {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hide = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setMessage(null);
  }, []);
  const show = useCallback(
    (text: string) => {
      if (timer.current) clearTimeout(timer.current);
      setMessage(text);
      timer.current = setTimeout(() => setMessage(null), timeoutMs);
    },
    [timeoutMs],
  );
  return { message, show, hide };
}

export function RecordToast({ toast }: { toast: Toast }) {
  const t = useTranslations("record");
  return (
    <div aria-live="assertive" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      {toast.message ? (
        <div
          role="alert"
          className="pointer-events-auto flex max-w-xl items-start gap-3 rounded-xl border-l-4 border-danger-700 bg-danger-50 px-4 py-3 text-base text-danger-900 shadow-lg"
        >
          <p className="flex-1">{toast.message}</p>
          <button type="button" onClick={toast.hide} className="min-h-11 min-w-11 rounded-lg font-semibold hover:bg-white">
            {t("close")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The form-level refusal. When the same message already stands under a field, the top only says
 * where to look (so nothing is said twice).
 */
export function RecordFormError({ state }: { state: { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> } | null }) {
  const t = useTranslations("record");
  if (!state || state.ok || !state.error) return null;
  const underFields = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <div role="alert" className="rounded-lg border-l-4 border-danger-700 bg-danger-50 px-4 py-3 text-base text-danger-900">
      {underFields.includes(state.error) ? t("checkFields") : state.error}
    </div>
  );
}
