// A rubric as it applies to one meeting: which criteria apply and their maxima, with or without a
// thematic part (SPEC §10.2). Shared by the validator (checks both situations) and the engine.
import { Points, type Tenths } from "./exact";
import type { Criterion, CriterionGroup, Rubric, ThematicVariant } from "./model";

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

export function variantFor(rubric: Rubric, hasThematicPart: boolean): ThematicVariant | undefined {
  return rubric.thematicVariants?.find((v) => v.hasThematicPart === hasThematicPart);
}

export function layoutFor(rubric: Rubric, hasThematicPart: boolean): RubricLayout {
  const variant = variantFor(rubric, hasThematicPart);
  const groups = rubric.groups.map((group): GroupLayout => {
    const criteria = group.criteria.map((criterion): CriterionLayout => {
      const nominalMaxTenths = tenths(criterion.maxPoints);
      const override = variant?.maxPoints?.[criterion.code];
      return {
        group,
        criterion,
        applicable: criterion.appliesWhen === undefined || criterion.appliesWhen.hasThematicPart === hasThematicPart,
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

export function situationLabel(hasThematicPart: boolean): string {
  return hasThematicPart ? "khi có phần chuyên đề" : "khi không có phần chuyên đề";
}
