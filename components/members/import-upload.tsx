"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { ImportProgressBar } from "@/components/members/import-progress";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const MAX_BYTES = 10 * 1024 * 1024;

type Phase = "reading" | "parsed" | "validated" | "saving" | "applying";

type State =
  | { kind: "idle" }
  | { kind: "running"; phase: Phase; done: number; total: number | null }
  | { kind: "done" }
  | { kind: "error"; title: string | null; message: string };

type Event =
  | { type: "progress"; phase: Phase; done: number; total: number | null }
  | { type: "done"; import: { id: string } }
  | { type: "fileError"; code: string; message: string }
  | { type: "error"; message: string };

const noSubscription = () => () => undefined;

/** Overall share of the work done: reading ≈ 40 %, checking ≈ 55 %, saving the rest. */
function percentOf(state: Extract<State, { kind: "running" }>): number | null {
  const share = state.total ? Math.min(1, state.done / state.total) : null;
  if (state.phase === "reading") return null;
  if (state.phase === "parsed") return share === null ? null : share * 40;
  if (state.phase === "validated") return 40 + (share ?? 0) * 55;
  return 97;
}

/**
 * Upload → dry run. The file goes to the streaming route handler; its NDJSON progress lines drive
 * the progress bar, and the report page opens when the check is done. The form is never reset, so
 * the chosen file and scope stay as they were when something goes wrong.
 */
export function ImportUpload({ scopes }: { scopes: { id: string; name: string }[] }) {
  const t = useTranslations("rosterImport.upload");
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const busy = state.kind === "running" || state.kind === "done";
  // Until React has hydrated, a click would submit the form natively (a plain page reload).
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.name === "") {
      setFileError(t("chooseFile"));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t("tooLarge", { size: format.number(file.size / 1024 / 1024, { maximumFractionDigits: 1 }) }));
      return;
    }
    setFileError(null);
    setState({ kind: "running", phase: "reading", done: 0, total: null });
    try {
      const response = await fetch("/api/v1/members/imports", { method: "POST", body: form });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setState({ kind: "error", title: null, message: body?.error ?? t("unexpected") });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let finished = false;
      while (!finished) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (!line.trim()) continue;
          const message = JSON.parse(line) as Event;
          if (message.type === "progress") {
            setState({ kind: "running", phase: message.phase, done: message.done, total: message.total });
          } else if (message.type === "done") {
            finished = true;
            setState({ kind: "done" });
            router.push(`/members/import/${message.import.id}`);
          } else {
            finished = true;
            setState({ kind: "error", title: message.type === "fileError" ? t("fileRefused") : null, message: message.message });
          }
        }
      }
      if (finished) await reader.cancel().catch(() => undefined);
      else setState({ kind: "error", title: null, message: t("interrupted") });
    } catch {
      setState({ kind: "error", title: null, message: t("network") });
    }
  }

  const progressText = (() => {
    if (state.kind === "done") return t("opening");
    if (state.kind !== "running") return "";
    const done = format.number(state.done);
    const total = state.total === null ? null : format.number(state.total);
    if (state.phase === "reading") return t("reading");
    if (state.phase === "parsed") return total ? t("parsed", { done, total }) : t("parsedUnknown", { done });
    if (state.phase === "validated") return t("validated", { done, total: total ?? done });
    return t("saving");
  })();

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate aria-busy={busy}>
      {scopes.length > 1 ? (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-scope`} className="text-base font-semibold text-ink-900">
            {t("scope")}
          </label>
          <select
            id={`${id}-scope`}
            name="scopeUnitId"
            className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
          >
            {scopes.map((scope) => (
              <option key={scope.id} value={scope.id}>
                {scope.name}
              </option>
            ))}
          </select>
        </div>
      ) : scopes[0] ? (
        <input type="hidden" name="scopeUnitId" value={scopes[0].id} />
      ) : null}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-file`} className="text-base font-semibold text-ink-900">
          {t("file")}
        </label>
        <p id={`${id}-hint`} className="text-sm text-ink-600">
          {t("fileHint")}
        </p>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={fileError ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={fileError ? true : undefined}
          onChange={() => setFileError(null)}
          className="min-h-12 w-full min-w-0 rounded-lg border border-ink-400 bg-white px-3 py-2 text-base text-ink-900 file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-ink-100 file:px-3 file:font-semibold file:text-ink-900"
        />
        {fileError ? (
          <p id={`${id}-error`} className="text-base font-medium text-danger-700">
            {fileError}
          </p>
        ) : null}
      </div>
      {state.kind === "running" || state.kind === "done" ? (
        <ImportProgressBar percent={state.kind === "done" ? 100 : percentOf(state)} label={t("progressLabel")} detail={progressText} />
      ) : null}
      {state.kind === "error" ? (
        <Alert tone="error" title={state.title ?? undefined}>
          {state.message}
        </Alert>
      ) : null}
      <Button type="submit" disabled={busy || !ready} aria-disabled={busy || !ready} className="self-start">
        {busy ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
