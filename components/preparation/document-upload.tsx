"use client";

// Posting a document: the file goes straight to POST /api/v1/meetings/{id}/documents as the request
// body (streamed and checked on the server: size, and the real type from its bytes), with a
// progress bar. A file over the limit is refused here before anything is sent.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import { SelectField } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

interface Outcome {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

function upload(url: string, file: File, onProgress: (ratio: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve({ status: request.status, body: request.response as unknown });
    request.onerror = () => reject(new Error("network"));
    request.send(file);
  });
}

export function DocumentUpload({
  meetingId,
  kinds,
  maxBytes,
  maxMb,
  accept,
}: {
  meetingId: string;
  /** The kinds that may be posted now, with their labels. */
  kinds: readonly { value: string; label: string }[];
  maxBytes: number;
  maxMb: number;
  /** Extensions for the file picker (a hint only: the server decides from the bytes). */
  accept: string;
}) {
  const t = useTranslations("preparation.upload");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const busy = progress !== null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.name === "") {
      setOutcome({ ok: false, message: t("chooseFile"), fieldErrors: { file: [t("chooseFile")] } });
      return;
    }
    if (file.size > maxBytes) {
      setOutcome({ ok: false, message: t("tooLarge", { max: maxMb }), fieldErrors: { file: [t("tooLarge", { max: maxMb })] } });
      return;
    }
    const query = new URLSearchParams({ kind: String(form.get("kind") ?? ""), fileName: file.name, title: String(form.get("title") ?? "") });
    setOutcome(null);
    setProgress(0);
    try {
      const { status, body } = await upload(`/api/v1/meetings/${meetingId}/documents?${query}`, file, setProgress);
      if (status === 201) {
        formRef.current?.reset();
        setChosen(null);
        setOutcome({ ok: true, message: t("done", { name: (body as { fileName?: string } | null)?.fileName ?? file.name }) });
        router.refresh();
      } else {
        const error = body as { error?: string; fieldErrors?: Record<string, string[]> } | null;
        const message = error?.error ?? t("failed");
        const fieldErrors = error?.fieldErrors ?? (status === 413 || status === 415 || status === 422 ? { file: [message] } : undefined);
        setOutcome({ ok: false, message, fieldErrors });
      }
    } catch {
      setOutcome({ ok: false, message: t("network") });
    } finally {
      setProgress(null);
    }
  }

  const errors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};
  const fileErrors = errors.file ?? [];
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-4" noValidate>
      {outcome ? (
        <Alert tone={outcome.ok ? "success" : "error"}>
          {!outcome.ok && fileErrors.includes(outcome.message) ? t("checkFile") : outcome.message}
        </Alert>
      ) : null}
      <SelectField label={t("kind")} name="kind" options={kinds} defaultValue={kinds[0]?.value} errors={errors.kind} />
      <TextField label={t("title")} hint={t("titleHint")} name="title" maxLength={200} autoComplete="off" errors={errors.title} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fileId} className="text-base font-semibold text-ink-900">
          {t("file")}
        </label>
        <p id={`${fileId}-hint`} className="text-sm text-ink-600">
          {t("fileHint", { max: maxMb })}
        </p>
        {/* The browser's own file button speaks the browser's language: a Vietnamese one stands in for it. */}
        <div className="flex min-h-12 flex-wrap items-center gap-3 rounded-lg border border-ink-400 bg-white px-3 py-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-700">
          <input
            ref={fileRef}
            id={fileId}
            name="file"
            type="file"
            accept={accept}
            onChange={(event) => setChosen(event.currentTarget.files?.[0]?.name ?? null)}
            aria-describedby={`${fileId}-hint${fileErrors.length > 0 ? ` ${fileId}-error` : ""}`}
            aria-invalid={fileErrors.length > 0 || undefined}
            className="sr-only"
          />
          <span
            aria-hidden="true"
            onClick={() => fileRef.current?.click()}
            className="inline-flex min-h-11 cursor-pointer items-center rounded-md bg-ink-100 px-4 font-semibold text-ink-900 hover:bg-ink-200"
          >
            {t("chooseButton")}
          </span>
          <span className="min-w-0 text-base break-all text-ink-800">{chosen ?? t("noFile")}</span>
        </div>
        {fileErrors.length > 0 ? (
          <ul id={`${fileId}-error`} className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
            {fileErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {busy ? (
        <div className="flex flex-col gap-1" role="status">
          <progress className="h-3 w-full accent-brand-700" max={1} value={progress} aria-label={t("progress")} />
          <span className="text-sm text-ink-700">{t("uploading", { percent: Math.round(progress * 100) })}</span>
        </div>
      ) : null}
      <Button type="submit" disabled={busy} aria-disabled={busy} className="self-start">
        {busy ? t("uploadingShort") : t("submit")}
      </Button>
    </form>
  );
}
