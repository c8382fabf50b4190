"use client";

// The monthly consolidated sheet of a committee. The file is produced while it downloads (12,000
// rows take a while), so the browser reads the stream itself and shows what has arrived: the
// kilobytes received, and the number of rows the server announced (X-Row-Count). Without
// JavaScript the plain link still downloads the file.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/i18n/format";

type Progress = { phase: "idle" } | { phase: "loading"; bytes: number; rows: number | null } | { phase: "done"; bytes: number; rows: number | null; fileName: string } | { phase: "error"; message: string };

const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";

function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) return decodeURIComponent(star[1]!);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? "");
  return plain?.[1] ?? fallback;
}

export function SheetDownload({ units, defaultUnit, defaultMonth }: { units: readonly { id: string; name: string; depth: number }[]; defaultUnit: string; defaultMonth: string }) {
  const t = useTranslations("review.sheet");
  const id = useId();
  const [unit, setUnit] = useState(defaultUnit);
  const [month, setMonth] = useState(defaultMonth);
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });
  const href = `/api/v1/review/sheet?${new URLSearchParams({ unit, month })}`;

  async function download() {
    setProgress({ phase: "loading", bytes: 0, rows: null });
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setProgress({ phase: "error", message: body?.error ?? t("failed") });
        return;
      }
      const rows = Number(response.headers.get("X-Row-Count") ?? "") || null;
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        setProgress({ phase: "loading", bytes, rows });
      }
      const fileName = fileNameOf(response.headers.get("Content-Disposition"), "tong-hop.xlsx");
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: response.headers.get("Content-Type") ?? "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ phase: "done", bytes, rows, fileName });
    } catch {
      setProgress({ phase: "error", message: t("failed") });
    }
  }

  const kb = (bytes: number) => formatNumber(Math.round(bytes / 1024));
  return (
    <div className="flex flex-col gap-4">
      <p className="text-base text-ink-700">{t("intro")}</p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_auto] lg:items-end">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-unit`} className="text-base font-semibold text-ink-900">
            {t("unit")}
          </label>
          <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} className={fieldClass}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {`${"  ".repeat(Math.min(u.depth, 4))}${u.name}`}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-month`} className="text-base font-semibold text-ink-900">
            {t("month")}
          </label>
          <input id={`${id}-month`} type="month" value={month} onChange={(e) => setMonth(e.currentTarget.value)} className={fieldClass} />
        </div>
        <Button onClick={download} disabled={progress.phase === "loading"}>
          {progress.phase === "loading" ? t("downloading") : t("download")}
        </Button>
      </div>
      <div role="status" aria-live="polite" className="flex flex-col gap-2">
        {progress.phase === "loading" ? (
          <>
            <progress className="h-2 w-full accent-brand-700" aria-label={t("downloading")} />
            <p className="text-base text-ink-800">
              {progress.rows !== null ? t("progressRows", { kb: kb(progress.bytes), rows: formatNumber(progress.rows) }) : t("progress", { kb: kb(progress.bytes) })}
            </p>
          </>
        ) : null}
        {progress.phase === "done" ? (
          <Alert tone="success">{t("done", { file: progress.fileName, kb: kb(progress.bytes), rows: progress.rows === null ? "—" : formatNumber(progress.rows) })}</Alert>
        ) : null}
        {progress.phase === "error" ? <Alert tone="error">{progress.message}</Alert> : null}
      </div>
      <p className="text-sm text-ink-600">
        {t("plainLinkBefore")}{" "}
        <a href={href} download className="text-brand-800 underline underline-offset-2">
          {t("plainLink")}
        </a>
      </p>
    </div>
  );
}
