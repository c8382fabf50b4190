import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OfficialDocumentView } from "@/components/outputs/official-document-view";
import { PrintButton } from "@/components/outputs/print-button";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { buildMinutesDocument, buildResolutionDocument } from "@/lib/documents/builders";
import { loadMeetingRecord } from "@/lib/documents/meeting-record";
import { minutesDocxUrl, resolutionDocxUrl } from "@/lib/documents/urls";
import { orNotFound } from "@/lib/pages/page-load";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ doc?: string }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("outputs.print");
  const { doc } = await searchParams;
  return { title: t("title", { document: doc === "resolution" ? t("resolution") : t("minutes") }) };
}

// Print styles: only the document goes to paper (the app frame, the toolbar and the hints stay on screen).
const PRINT_CSS = `
@page { size: A4; margin: 0; }
@media print {
  body { background: #fff !important; }
  body header:not(.official-document header), body nav, a[href="#main"], .print-hide { display: none !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .official-document { box-shadow: none !important; max-width: none !important; padding: 20mm 15mm 20mm 30mm !important; font-size: 14pt !important; }
}`;

export default async function PrintPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const [{ id }, { doc }] = await Promise.all([params, searchParams]);
  const kind = doc === "resolution" ? "resolution" : "minutes";
  // Access: loadMeetingRecord goes through loadMeeting (the meeting's branch must be readable), 404 otherwise.
  const record = await orNotFound(loadMeetingRecord(user, id));
  const t = await getTranslations("outputs.print");
  const tab = (target: "minutes" | "resolution", label: string) => (
    <ButtonLink
      href={`/meetings/${id}/print${target === "resolution" ? "?doc=resolution" : ""}`}
      variant={kind === target ? "primary" : "secondary"}
      aria-current={kind === target ? "page" : undefined}
    >
      {label}
    </ButtonLink>
  );
  const document = kind === "minutes" ? buildMinutesDocument(record) : record.resolution ? buildResolutionDocument(record) : null;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hide mb-6 flex flex-col gap-4">
        <h1 className="text-2xl font-bold text-ink-950 sm:text-3xl">
          {t("title", { document: kind === "resolution" ? t("resolution") : t("minutes") })}
        </h1>
        <nav aria-label={t("switchLabel")} className="flex flex-wrap gap-2">
          {tab("minutes", t("minutes"))}
          {tab("resolution", t("resolution"))}
        </nav>
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          {document ? <PrintButton label={t("print")} /> : null}
          {/* Plain links: files, not pages (no client-side navigation). */}
          <a href={minutesDocxUrl(id)} download className={buttonClass("secondary")}>
            {t("downloadMinutes")}
          </a>
          {record.resolution ? (
            <a href={resolutionDocxUrl(id)} download className={buttonClass("secondary")}>
              {t("downloadResolution")}
            </a>
          ) : null}
          <ButtonLink href={`/meetings/${id}`} variant="ghost">
            {t("back")}
          </ButtonLink>
        </div>
        <p className="text-base text-ink-700">{t("hint")}</p>
        {kind === "minutes" && !record.minutes?.adoptedAt ? <Alert tone="warning">{t("draft")}</Alert> : null}
      </div>
      {document ? (
        <OfficialDocumentView doc={document} recipientsLabel={t("recipients")} />
      ) : (
        <Alert tone="info">{t("noResolution")}</Alert>
      )}
    </>
  );
}
