"use client";

// A real confirmation before a step that locks a record or that the same person cannot undo: what
// will happen, in words, and two buttons. A modal <dialog> (focus moves into it, Escape cancels).
// The confirm button acts once: a second tap while the step runs does nothing.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

export interface ConfirmSpec {
  title: string;
  /** What will happen, and what can no longer be changed afterwards. */
  body: ReactNode;
  confirmLabel: string;
  /** "danger" for steps that remove or disable; "primary" for steps that lock a record. */
  tone?: "primary" | "danger";
}

function ConfirmDialog({ spec, onAnswer }: { spec: ConfirmSpec | null; onAnswer: (ok: boolean) => void }) {
  const t = useTranslations("common.confirm");
  const ref = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (spec && !dialog.open) {
      answered.current = false;
      dialog.showModal();
    } else if (!spec && dialog.open) dialog.close();
  }, [spec]);
  const answer = (ok: boolean) => {
    if (answered.current) return;
    answered.current = true;
    ref.current?.close();
    onAnswer(ok);
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-ink-200 bg-white p-0 text-ink-900 shadow-xl backdrop:bg-ink-950/50"
    >
      {spec ? (
        <div className="flex flex-col gap-4 p-5 sm:p-6">
          <h2 id="confirm-title" className="text-xl font-semibold text-ink-950">
            {spec.title}
          </h2>
          <div className="flex flex-col gap-2 text-base text-ink-800">{spec.body}</div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <button type="button" className={buttonClass("secondary")} onClick={() => answer(false)} autoFocus>
              {t("cancel")}
            </button>
            <button
              type="button"
              className={clsx(buttonClass("primary"), spec.tone === "danger" && "bg-danger-700 hover:bg-danger-800 active:bg-danger-900")}
              onClick={() => answer(true)}
            >
              {spec.confirmLabel}
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * `const { ask, dialog } = useConfirm()`: render `dialog`, then `if (await ask(spec)) …`. Only one
 * question at a time; asking again while one is open answers the first with "no".
 */
export function useConfirm(): { ask: (spec: ConfirmSpec) => Promise<boolean>; dialog: ReactNode } {
  const [spec, setSpec] = useState<ConfirmSpec | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const ask = useCallback((next: ConfirmSpec) => {
    resolver.current?.(false);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
      setSpec(next);
    });
  }, []);
  const onAnswer = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setSpec(null);
  }, []);
  return { ask, dialog: <ConfirmDialog spec={spec} onAnswer={onAnswer} /> };
}
