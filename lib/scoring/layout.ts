// A rubric as it applies to one meeting: which criteria apply and their maxima, with or without a
// thematic part (SPEC §10.2). Shared by the validator (checks both situations) and the engine.
import { Points, type Tenths } from "@/lib/exact/ratio";
import type { Criterion, CriterionGroup, Rubric, ThematicVariant } from "./model";
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

export interface CriterionLayout {
  group: CriterionGroup;
  criterion: Criterion;
  applicable: boolean;
  /** Maximum in this situation (the variant's value when it sets one). */
  maxTenths: Tenths;
  /** Maximum written on the criterion itself. */
  nominalMaxTenths: Tenths;
  stepTenths: Tenths;
}

export interface GroupLayout {
  group: CriterionGroup;
  /** Declared group points in this situation. */
  pointsTenths: Tenths;
  criteria: CriterionLayout[];
}

export interface RubricLayout {
  hasThematicPart: boolean;
  /** A THEMATIC meeting (no regular part), scored under the rubric's pure-thematic variant when it has one. */
  pureThematic: boolean;
  variant: ThematicVariant | undefined;
  groups: GroupLayout[];
  criteria: CriterionLayout[];
  /** Declared total in this situation. */
  totalTenths: Tenths;
}

/** Unparseable numbers become 0 here; the validator reports them before anything relies on them. */
function tenths(value: number | undefined): Tenths {
  return value === undefined ? 0 : (Points.parse(value) ?? 0);
}

export function variantFor(rubric: Rubric, hasThematicPart: boolean, pureThematic = false): ThematicVariant | undefined {
  const variants = rubric.thematicVariants ?? [];
  if (pureThematic && hasThematicPart) {
    const pure = variants.find((v) => v.pureThematic === true && v.hasThematicPart);
    if (pure) return pure;
  }
  return variants.find((v) => v.hasThematicPart === hasThematicPart && v.pureThematic !== true);
}

/** Whether the rubric has a variant of its own for pure THEMATIC meetings. */
export function hasPureThematicVariant(rubric: Rubric): boolean {
  return (rubric.thematicVariants ?? []).some((v) => v.pureThematic === true && v.hasThematicPart);
}

/** Every situation the rubric scores differently in (for the validator): with/without a thematic part, pure thematic. */
export function situationsOf(rubric: Rubric): RubricLayout[] {
  const dependent = dependsOnThematicPart(rubric);
  const layouts = (dependent ? [true, false] : [true]).map((t) => layoutFor(rubric, t));
  if (hasPureThematicVariant(rubric)) layouts.push(layoutFor(rubric, true, true));
  return layouts;
}

export function layoutFor(rubric: Rubric, hasThematicPart: boolean, pureThematic = false): RubricLayout {
  const variant = variantFor(rubric, hasThematicPart, pureThematic);
  const excluded = new Set(variant?.notApplicable ?? []);
  const groups = rubric.groups.map((group): GroupLayout => {
    const criteria = group.criteria.map((criterion): CriterionLayout => {
      const nominalMaxTenths = tenths(criterion.maxPoints);
      const override = variant?.maxPoints?.[criterion.code];
      return {
        group,
        criterion,
        applicable:
          (criterion.appliesWhen === undefined || criterion.appliesWhen.hasThematicPart === hasThematicPart) && !excluded.has(criterion.code),
        maxTenths: override === undefined ? nominalMaxTenths : tenths(override),
        nominalMaxTenths,
        stepTenths: tenths(criterion.step),
      };
    });
    const groupOverride = variant?.groupPoints?.[group.code];
    return { group, pointsTenths: tenths(groupOverride ?? group.points), criteria };
  });
  return {
    hasThematicPart,
    pureThematic: pureThematic && hasThematicPart && variant?.pureThematic === true,
    variant,
    groups,
    criteria: groups.flatMap((g) => g.criteria),
    totalTenths: tenths(variant?.totalPoints ?? rubric.totalPoints),
  };
}

/** Does the rubric score differently with and without a thematic part? */
export function dependsOnThematicPart(rubric: Rubric): boolean {
  return (
    (rubric.thematicVariants?.length ?? 0) > 0 ||
    rubric.groups.some((g) => g.criteria.some((c) => c.appliesWhen !== undefined))
  );
}

export function situationLabel(hasThematicPart: boolean, pureThematic = false): string {
  if (pureThematic) return words.situations.pureThematic;
  return hasThematicPart ? words.situations.withThematicPart : words.situations.withoutThematicPart;
}
