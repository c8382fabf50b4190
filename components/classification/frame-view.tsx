// A classification frame read as a person would: its two parts (30 general points, 70 for the
// results of tasks), each criterion with its maximum, step, guidance and what the record shows
// beside it, then the levels with their thresholds and conditions.
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { conditionName } from "@/lib/classification/engine";
import { LEVEL_LABELS, type Frame } from "@/lib/classification/model";
import { Points } from "@/lib/exact/ratio";

const pts = (value: number) => Points.format(Math.round(value * 10), "vi");

export async function FrameGroups({ frame }: { frame: Frame }) {
  const t = await getTranslations("classification.frameAdmin");
  return (
    <div className="flex flex-col gap-4">
      {frame.groups.map((group) => (
        <Card key={group.code} title={`${group.code}. ${group.name} — ${t("groupPoints", { points: pts(group.points), part: t(`part.${group.part}`) })}`} titleAs="h3">
          <ul className="flex flex-col divide-y divide-ink-100">
            {group.criteria.map((c) => (
              <li key={c.code} className="flex flex-col gap-1 py-3">
                <p className="text-base font-semibold text-ink-950">
                  {c.code}. {c.name}
                </p>
                <p className="text-base text-ink-800">{t("criterionLine", { max: pts(c.maxPoints), step: pts(c.step) })}</p>
                {c.guidance ? <p className="text-sm text-ink-700">{c.guidance}</p> : null}
                <p className="text-sm text-ink-700">
                  {(c.evidence ?? []).length > 0 ? t("evidenceLine", { list: (c.evidence ?? []).map((k) => t(`evidenceKeys.${k}`)).join(", ") }) : t("judgedLine")}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}

export async function FrameLevels({ frame }: { frame: Frame }) {
  const t = await getTranslations("classification.frameAdmin");
  return (
    <Card title={t("levelsTitle")} titleAs="h3">
      <ul className="flex flex-col gap-3">
        {[...frame.levels]
          .sort((a, b) => b.minTotal - a.minTotal)
          .map((rule) => (
            <li key={rule.level} className="text-base text-ink-900">
              <p className="font-semibold">
                {LEVEL_LABELS[rule.level]}: {t("minTotal", { points: pts(rule.minTotal) })}
              </p>
              {(rule.conditions ?? []).length > 0 ? (
                <ul className="mt-1 list-disc pl-6 text-ink-800">
                  {rule.conditions!.map((c) => (
                    <li key={c.code}>
                      {conditionName(c)} <span className="text-sm text-ink-600">({c.code})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
      </ul>
    </Card>
  );
}
