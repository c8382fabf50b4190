// One rubric version, read-only: groups → criteria (max points, step, the AUTO rule in words or the
// MANUAL guidance), the thematic variants and the level rules. A list on phones, a table from md.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { HeaderRow } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { formatNumber } from "@/lib/i18n/format";
import { formatInterval } from "@/lib/scoring/intervals";
import { MEASURE_INFO, type Criterion, type LevelCondition, type Rubric, type Rule } from "@/lib/scoring/model";

export const points = (value: number) => formatNumber(value, { maximumFractionDigits: 1 });

/** "[0 %; 50 %)" with its units kept on the line of their number (a band in a table cell). */
const range = (interval: Parameters<typeof formatInterval>[0], info: Parameters<typeof formatInterval>[1]) => formatInterval(interval, info, "\u00a0");

function RuleSummary({ rule }: { rule: Rule }) {
  const t = useTranslations("rubrics.rule");
  if (rule.id === "flags") {
    return (
      <div className="flex flex-col gap-1">
        <p>{t("flags", { facts: rule.facts.map((fact) => t(`facts.${fact}`)).join("; ") })}</p>
        {rule.notRequiredWhenFalse ? <p>{t("notRequiredWhenFalse", { fact: t(`facts.${rule.notRequiredWhenFalse}`) })}</p> : null}
      </div>
    );
  }
  const info = MEASURE_INFO[rule.measure];
  return (
    <div className="flex flex-col gap-1">
      <p>{t("measure", { measure: t(`measures.${rule.measure}`) })}</p>
      {rule.overrides?.map((o, i) => (
        <p key={`o${i}`}>
          {o.within
            ? t("overrideWithin", {
                main: t(`measures.${rule.measure}`),
                within: range(o.within, info),
                measure: t(`measures.${o.measure}`),
                range: range(o, MEASURE_INFO[o.measure]),
                points: points(o.points),
              })
            : t("override", { measure: t(`measures.${o.measure}`), range: range(o, MEASURE_INFO[o.measure]), points: points(o.points) })}
        </p>
      ))}
      {rule.edgeFrom ? <p>{t("edgeFrom", { setting: t(`edgeSettings.${rule.edgeFrom}`) })}</p> : null}
      <ul className="flex flex-col gap-0.5">
        {rule.bands.map((band, i) => (
          <li key={i} className="whitespace-nowrap">
            {t("band", { range: range(band, info), points: points(band.points) })}
          </li>
        ))}
      </ul>
      {rule.whenMissing !== undefined ? <p>{t("whenMissing", { points: points(rule.whenMissing) })}</p> : null}
    </div>
  );
}

function HowScored({ criterion }: { criterion: Criterion }) {
  const t = useTranslations("rubrics.view");
  return (
    <div className="flex flex-col gap-1 text-base text-ink-800">
      <span>
        <Badge tone={criterion.mode === "AUTO" ? "brand" : "neutral"}>{t(`mode.${criterion.mode}`)}</Badge>
      </span>
      {criterion.rule ? <RuleSummary rule={criterion.rule} /> : null}
      {criterion.guidance ? <p className="text-ink-700">{criterion.guidance}</p> : criterion.mode === "MANUAL" ? <p className="text-ink-600">{t("noGuidance")}</p> : null}
      {criterion.appliesWhen ? <p className="text-sm font-medium text-warning-900">{t(criterion.appliesWhen.hasThematicPart ? "onlyWithThematic" : "onlyWithoutThematic")}</p> : null}
    </div>
  );
}

export function RubricGroups({ rubric }: { rubric: Rubric }) {
  const t = useTranslations("rubrics.view");
  return (
    <div className="flex flex-col gap-4">
      {rubric.groups.map((group) => (
        <Card key={group.code} title={t("groupTitle", { code: group.code, name: group.name, points: points(group.points) })} titleAs="h3">
          <ul className="flex flex-col gap-3 md:hidden">
            {group.criteria.map((c) => (
              <li key={c.code} className="rounded-lg border border-ink-200 px-3 py-3">
                <p className="text-base font-semibold text-ink-950">
                  {c.code}. {c.name}
                </p>
                <p className="mb-2 text-base text-ink-800">{t("maxAndStep", { max: points(c.maxPoints), step: points(c.step) })}</p>
                <HowScored criterion={c} />
              </li>
            ))}
          </ul>
          <table className="hidden w-full border-collapse text-left text-base md:table">
            <thead>
              <HeaderRow className="border-b border-ink-300"
                cells={[
                  { label: t("columns.criterion"), className: "py-2 pr-3 font-semibold text-ink-900" },
                  { label: t("columns.max"), className: "py-2 pr-3 text-right font-semibold whitespace-nowrap text-ink-900" },
                  { label: t("columns.step"), className: "py-2 pr-3 text-right font-semibold whitespace-nowrap text-ink-900" },
                  { label: t("columns.how"), className: "py-2 font-semibold text-ink-900" },
                ]}
              />
            </thead>
            <tbody>
              {group.criteria.map((c) => (
                <tr key={c.code} className="border-b border-ink-100 align-top">
                  <th scope="row" className="w-2/5 py-2 pr-3 text-left font-normal">
                    <span className="font-semibold text-ink-950">{c.code}.</span> {c.name}
                  </th>
                  <td className="py-2 pr-3 text-right">{points(c.maxPoints)}</td>
                  <td className="py-2 pr-3 text-right">{points(c.step)}</td>
                  <td className="py-2">
                    <HowScored criterion={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ))}
    </div>
  );
}

export function ThematicVariants({ rubric }: { rubric: Rubric }) {
  const t = useTranslations("rubrics.view");
  if (!rubric.thematicVariants?.length) return null;
  return (
    <Card title={t("variantsTitle")} titleAs="h3">
      <ul className="flex flex-col gap-3 text-base text-ink-800">
        {rubric.thematicVariants.map((variant) => (
          <li key={String(variant.hasThematicPart)} className="flex flex-col gap-1">
            <p className="font-semibold text-ink-900">{t(variant.hasThematicPart ? "withThematic" : "withoutThematic")}</p>
            {variant.description ? <p>{variant.description}</p> : null}
            {Object.entries(variant.maxPoints ?? {}).map(([code, value]) => (
              <p key={code}>{t("variantMax", { code, points: points(value) })}</p>
            ))}
            {Object.entries(variant.groupPoints ?? {}).map(([code, value]) => (
              <p key={`g${code}`}>{t("variantGroup", { code, points: points(value) })}</p>
            ))}
            {variant.totalPoints !== undefined ? <p>{t("variantTotal", { points: points(variant.totalPoints) })}</p> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ConditionText({ condition }: { condition: LevelCondition }) {
  const t = useTranslations("rubrics.levelRules");
  if (condition.kind === "fullPoints") return <>{t("fullPoints", { codes: condition.criteria.join(", ") })}</>;
  const params = Object.entries(condition.params ?? {})
    .map(([key, value]) => (key === "ratePercent" || key === "maxConsecutive" || key === "minMinutes" ? t(`params.${key}`, { value: points(value) }) : `${key} = ${points(value)}`))
    .join("; ");
  return (
    <>
      {t("hardCheck", { check: condition.check, label: t(`hardChecks.${condition.check}`) })}
      {params ? ` (${params})` : null}
    </>
  );
}

export function LevelRules({ rubric }: { rubric: Rubric }) {
  const t = useTranslations("rubrics");
  return (
    <Card title={t("levelRules.title")} titleAs="h3">
      <ul className="flex flex-col gap-3 text-base text-ink-800">
        {rubric.levelRules.map((rule) => (
          <li key={rule.level} className="flex flex-col gap-1">
            <p>
              <span className="font-semibold text-ink-950">{t(`levels.${rule.level}`)}</span>: {t("levelRules.minTotal", { points: points(rule.minTotal) })}
            </p>
            {rule.conditions?.length ? (
              <>
                <p>{t("levelRules.conditions")}</p>
                <ul className="list-disc pl-6">
                  {rule.conditions.map((condition) => (
                    <li key={condition.code}>
                      <ConditionText condition={condition} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {rule.fallbackLevel ? <p>{t("levelRules.fallback", { level: t(`levels.${rule.fallbackLevel}`) })}</p> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
