// The score sheet to print, on a page of its own: the score page (the form a phone opens) no longer
// carries a hidden copy of it. Same access as the score page (404 where the scorecard is not readable).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/outputs/print-button";
import { ScoreSheetPrint } from "@/components/scoring/score-sheet-print";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { buildScoreSheet, scoreSheetDocxUrl, scoreSheetHeader } from "@/lib/documents/score-sheet";
import { getScorecard } from "@/lib/scoring/workflow";
import { pageLoader } from "@/lib/pages/page-load";

interface Props {
  params: Promise<{ id: string }>;
}

const load = pageLoader(async (user, id: string) => ({ user, view: await getScorecard(user, id) }), { forbidden: true });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("scorecard");
  const { view } = await load((await params).id);
  return { title: t("printTitle", { title: view.meeting.title }) };
}

// Only the sheet goes to paper (the app frame and the toolbar stay on screen).
const PRINT_CSS = `
@page { size: A4; margin: 15mm 15mm 15mm 20mm; }
@media print {
  body { background: #fff !important; }
  body header:not(.score-sheet header), body nav, a[href="#main"], .print-hide { display: none !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
}`;

export default async function ScorePrintPage({ params }: Props) {
  const { id } = await params;
  const { user, view } = await load(id);
  const t = await getTranslations("scorecard");
  const scorable = view.definition !== null && view.facts !== null && view.rubric !== null;
  // The printed sheet is the DOCX's model, so paper and Word file say the same.
  const sheet = scorable ? buildScoreSheet(view, await scoreSheetHeader(user, view)) : null;
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hide mb-6 flex flex-col gap-4">
        <h1 className="text-2xl font-bold text-ink-950 sm:text-3xl">{t("printTitle", { title: view.meeting.title })}</h1>
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          {sheet ? <PrintButton label={t("print")} /> : null}
          {sheet ? (
            // A plain link: a file, not a page.
            <a href={scoreSheetDocxUrl(view.meeting.id)} download className={buttonClass("secondary")}>
              {t("download")}
            </a>
          ) : null}
          <ButtonLink href={`/meetings/${view.meeting.id}/score`} variant="ghost">
            {t("backToScore")}
          </ButtonLink>
        </div>
        {sheet ? <p className="text-base text-ink-700">{t("printHint")}</p> : null}
        {view.notScorable ? <Alert tone="info">{view.notScorable}</Alert> : null}
      </div>
      {sheet ? <ScoreSheetPrint sheet={sheet} /> : null}
    </>
  );
}
