// What a scorecard is scored against: the rubric (and why it applies to this meeting) and the facts
// read from the meeting's record (attendance, duration, speakers, documents, previous targets).
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatCalendarDate, formatDuration } from "@/lib/i18n/format";
import { formatPercent, percentOf } from "@/lib/exact/ratio";
import type { MeetingFacts } from "@/lib/scoring/facts";
import type { Rubric } from "@/lib/scoring/model";
import type { ScorecardView } from "@/lib/scoring/workflow";

type RubricRef = NonNullable<ScorecardView["rubric"]>;

export function RubricCard({ rubric, definition, hasThematicPart }: { rubric: RubricRef; definition: Rubric; hasThematicPart: boolean }) {
  const t = useTranslations("scorecard.rubric");
  const why =
    rubric.source.kind === "assignment"
      ? t("why.assignment", { unit: rubric.source.unitName })
      : rubric.source.kind === "national"
        ? t("why.national")
        : t("why.kept");
  return (
    <Card title={t("title")} titleAs="h2">
      <p className="text-lg font-semibold text-ink-900">{rubric.name}</p>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-base sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold text-ink-900">{t("code")}</dt>
        <dd className="text-ink-800">{t("codeVersion", { code: rubric.code, version: rubric.version })}</dd>
        <dt className="font-semibold text-ink-900">{t("basis")}</dt>
        <dd className="text-ink-800">
          {t("basisValue", { issuer: definition.issuer, basis: definition.legalBasis, from: formatCalendarDate(`${definition.effectiveFrom}T00:00:00.000Z`) })}
        </dd>
        <dt className="font-semibold text-ink-900">{t("whyLabel")}</dt>
        <dd className="text-ink-800">{why}</dd>
        <dt className="font-semibold text-ink-900">{t("situation")}</dt>
        <dd className="text-ink-800">{hasThematicPart ? t("thematic") : t("notThematic")}</dd>
      </dl>
    </Card>
  );
}

function Fact({ label, children, tone }: { label: string; children: ReactNode; tone?: "ok" | "warn" }) {
  return (
    <div className="flex flex-col gap-0.5 rounded-lg bg-ink-50 px-3 py-2">
      <dt className="text-sm font-semibold text-ink-700">{label}</dt>
      <dd className={tone === "warn" ? "text-base text-warning-900" : "text-base text-ink-900"}>{children}</dd>
    </div>
  );
}

export function FactsCard({ facts, live }: { facts: MeetingFacts; live: boolean }) {
  const t = useTranslations("scorecard.facts");
  const span = formatDuration;
  const shortfall = facts.requiredMinutes - facts.actualMinutes;
  const lead = facts.documentsLeadMinutes;
  return (
    <Card title={t("title")} titleAs="h2">
      <p className="mb-3 text-sm text-ink-600">{live ? t("live") : t("kept")}</p>
      <dl className="grid gap-2 sm:grid-cols-2">
        <Fact label={t("attendance")} tone={facts.absentUnexcused > 0 ? "warn" : undefined}>
          {t("attendanceValue", {
            present: facts.present,
            denominator: facts.attendanceDenominator,
            rate: facts.attendanceDenominator > 0 ? formatPercent(percentOf(facts.present, facts.attendanceDenominator)) : "—",
          })}
          <br />
          <span className="text-sm">{t("absences", { excused: facts.absentExcused, unexcused: facts.absentUnexcused })}</span>
          {facts.longestExcusedStreak > 0 ? (
            <>
              <br />
              <span className="text-sm">{t("streak", { count: facts.longestExcusedStreak })}</span>
            </>
          ) : null}
        </Fact>
        <Fact label={t("duration")} tone={shortfall > 0 ? "warn" : undefined}>
          {t("durationValue", { actual: facts.actualMinutes, required: facts.requiredMinutes })}
          {" · "}
          {shortfall > 0 ? t("durationShort", { minutes: shortfall }) : t("durationOk")}
          <br />
          <span className="text-sm">{t("ideology", { minutes: facts.ideologyMinutes })}</span>
        </Fact>
        <Fact label={t("speakers")}>
          {facts.present === 0
            ? t("noPresent")
            : t("speakersValue", { speakers: facts.speakers, present: facts.present, rate: formatPercent(percentOf(facts.speakers, facts.present)) })}
        </Fact>
        <Fact label={t("documents")} tone={lead === null || lead < 0 ? "warn" : undefined}>
          {lead === null ? t("documentsMissing") : lead >= 0 ? t("documentsBefore", { lead: span(lead) }) : t("documentsAfter", { lead: span(lead) })}
          <br />
          <span className="text-sm">
            {facts.finalDocumentsDelayMinutes === null ? t("finalMissing") : t("finalPosted", { delay: span(facts.finalDocumentsDelayMinutes) })}
          </span>
        </Fact>
        <Fact label={t("targets")}>
          {facts.previousTargets === null
            ? t("targetsNone")
            : t("targetsValue", {
                met: facts.previousTargets.met.toLocaleString("vi-VN", { maximumFractionDigits: 2 }),
                total: facts.previousTargets.total,
                rate: formatPercent(percentOf(Math.round(facts.previousTargets.met * 100), facts.previousTargets.total * 100)),
              })}
        </Fact>
        <Fact label={t("preparation")}>
          {[
            facts.hasCommittee ? (facts.preMeetingHeld ? t("preMeetingHeld") : t("preMeetingMissing")) : t("noCommittee"),
            facts.noticeToAllMembers ? t("noticeAll") : t("noticeMissing"),
            facts.draftResolutionExists ? t("draftReady") : t("draftMissing"),
          ].join(" · ")}
        </Fact>
      </dl>
    </Card>
  );
}
