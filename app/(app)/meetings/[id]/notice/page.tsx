import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { CopyField } from "@/components/outputs/copy-field";
import { PrintButton } from "@/components/outputs/print-button";
import { QrCode } from "@/components/outputs/qr-code";
import { Alert } from "@/components/ui/alert";
import { qrSvg } from "@/lib/documents/qr";
import { documentDownloadUrl, noticeImageUrl, noticeUrl, requestOrigin, signInThenUrl } from "@/lib/documents/urls";
import { formatDateTime } from "@/lib/i18n/format";
import { getNoticeSheet } from "@/lib/meetings/notices";
import { pageLoader } from "@/lib/pages/page-load";

const load = pageLoader(getNoticeSheet);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const sheet = await load((await params).id);
  return { title: sheet.subject };
}

// Print: only the notice goes to paper.
const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
@media print {
  body { background: #fff !important; }
  body > div > header, nav, a[href="#main"], .print-hide { display: none !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
}`;

/**
 * The notice for members without an account or e-mail: printed and posted, or sent as an image in
 * the group chat. Its QR code opens this page (after signing in) with the meeting's documents.
 */
export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const sheet = await load(id);
  const t = await getTranslations("preparation.share");
  const origin = requestOrigin(await headers());
  const link = signInThenUrl(origin, noticeUrl(sheet.meetingId));
  const svg = await qrSvg(link);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hide">
        <BackLink href={`/meetings/${sheet.meetingId}`} label={t("back")} />
      </div>
      <article className="mx-auto flex max-w-2xl flex-col gap-4 rounded-xl border border-ink-200 bg-white p-5 shadow-sm sm:p-8 print:border-0 print:shadow-none">
        <p className="text-center text-base font-semibold tracking-wide text-ink-800 uppercase">{sheet.branchName}</p>
        <h1 className="text-center text-2xl font-bold text-ink-950 sm:text-3xl">{t("heading")}</h1>
        <p className="text-center text-lg font-semibold text-ink-900">{sheet.title}</p>
        <dl className="grid gap-x-4 gap-y-2 text-lg sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold text-ink-900">{t("when")}</dt>
          <dd className="text-ink-900">{sheet.when}</dd>
          <dt className="font-semibold text-ink-900">{t("place")}</dt>
          <dd className="text-ink-900">{sheet.place ?? t("placeLater")}</dd>
          <dt className="font-semibold text-ink-900">{t("agenda")}</dt>
          <dd className="whitespace-pre-line text-ink-900">{sheet.agenda}</dd>
        </dl>
        <p className="text-base text-ink-800">{t("attend")}</p>
        <div className="flex flex-col items-center gap-3 border-t border-ink-200 pt-4 sm:flex-row sm:items-start">
          <QrCode svg={svg} label={t("qrLabel")} className="size-40 shrink-0 [&>svg]:size-full" />
          <div className="flex flex-col gap-1 text-base text-ink-800">
            <p>{t("qrHint")}</p>
            <p className="font-mono text-sm break-all text-ink-900">{link}</p>
          </div>
        </div>
        {sheet.sentAt ? <p className="text-sm text-ink-600">{t("sentAt", { time: formatDateTime(sheet.sentAt) })}</p> : null}
      </article>

      <div className="print-hide mx-auto mt-6 flex max-w-2xl flex-col gap-4">
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          <PrintButton label={t("print")} />
          {/* A file, not a page. */}
          <a href={noticeImageUrl(sheet.meetingId)} download className="inline-flex min-h-11 items-center justify-center rounded-lg border border-ink-300 bg-white px-4 py-2 text-base font-semibold text-ink-900 no-underline hover:bg-ink-50">
            {t("image")}
          </a>
        </div>
        <CopyField label={t("linkLabel")} value={link} />
        {sheet.unreachable.length > 0 ? (
          <Alert tone="info" title={t("unreachableTitle", { count: sheet.unreachable.length })}>
            <p>{sheet.unreachable.join(", ")}</p>
            <p className="mt-1">{t("unreachableHint")}</p>
          </Alert>
        ) : null}
        {sheet.documents.length > 0 ? (
          <section aria-labelledby="notice-documents" className="flex flex-col gap-2">
            <h2 id="notice-documents" className="text-xl font-semibold text-ink-900">
              {t("documents")}
            </h2>
            <ul className="flex flex-col gap-1">
              {sheet.documents.map((doc) => (
                <li key={doc.id}>
                  <a href={documentDownloadUrl(sheet.meetingId, doc.id)} className="link-action">
                    {doc.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
