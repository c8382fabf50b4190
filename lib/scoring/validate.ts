// Rubric validator: everything a tenant could get wrong when editing a rubric's JSON, reported in
// Vietnamese. The engine refuses to score with a rubric that does not pass.
import { Points, compareRatio, type Tenths } from "@/lib/exact/ratio";
import { compareLower, covers, formatEdge, formatInterval, isEmpty, toExact, type ExactInterval } from "./intervals";
import { dependsOnThematicPart, situationLabel, situationsOf, type RubricLayout } from "./layout";
import {
  LEVEL_LABELS,
  MEASURE_INFO,
  levelRank,
  type BandsRule,
  type IntervalData,
  type Rubric,
  type ScoringIssue,
} from "./model";
import { issuesFromZod, rubricSchema } from "./schemas";

export type RubricValidation = { ok: true; rubric: Rubric } | { ok: false; errors: ScoringIssue[] };

const fmt = (t: Tenths) => Points.format(t, "vi");

class Issues {
  readonly list: ScoringIssue[] = [];
  add(path: string, message: string): void {
    if (!this.list.some((i) => i.message === message)) this.list.push({ path, message });
  }
  /** Tenths of a points value, or null after reporting it. */
  points(path: string, what: string, value: number): Tenths | null {
    const t = Points.parse(value);
    if (t === null) {
      this.add(path, `${what}: "${String(value).replace(".", ",")}" không phải số điểm hợp lệ (số không âm, tối đa một chữ số thập phân).`);
    }
    return t;
  }
}

function checkDates(rubric: Rubric, issues: Issues): void {
  if (rubric.effectiveTo && rubric.effectiveTo < rubric.effectiveFrom) {
    issues.add(
      "effectiveTo",
      `Ngày hết hiệu lực (${rubric.effectiveTo}) phải từ ngày có hiệu lực (${rubric.effectiveFrom}) trở đi.`,
    );
  }
}

function checkCodes(rubric: Rubric, issues: Issues): void {
  const seen = new Set<string>();
  const codes = rubric.groups.flatMap((g) => [g.code, ...g.criteria.map((c) => c.code)]);
  for (const code of codes) {
    if (seen.has(code)) issues.add(code, `Mã "${code}" bị trùng: mỗi nhóm và tiêu chí cần một mã riêng.`);
    seen.add(code);
  }
}

function checkCriteria(rubric: Rubric, issues: Issues): void {
  for (const group of rubric.groups) {
    issues.points(group.code, `Điểm của nhóm ${group.code}`, group.points);
    for (const c of group.criteria) {
      const max = issues.points(c.code, `Điểm tối đa của tiêu chí ${c.code}`, c.maxPoints);
      const step = issues.points(c.code, `Bước chấm của tiêu chí ${c.code}`, c.step);
      if (step === 0) issues.add(c.code, `Tiêu chí ${c.code}: bước chấm phải lớn hơn 0.`);
      if (max !== null && step) {
        if (max % step !== 0) {
          issues.add(c.code, `Tiêu chí ${c.code}: bước chấm ${fmt(step)} không chia hết điểm tối đa ${fmt(max)}.`);
        }
      }
      if (c.mode === "AUTO" && !c.rule) issues.add(c.code, `Tiêu chí ${c.code} tính tự động nhưng chưa có quy tắc tính.`);
      if (c.mode === "MANUAL" && c.rule) {
        issues.add(c.code, `Tiêu chí ${c.code} chấm tay không được kèm quy tắc tính tự động.`);
      }
    }
  }
}

function checkVariants(rubric: Rubric, issues: Issues): void {
  const criteria = new Map(rubric.groups.flatMap((g) => g.criteria.map((c) => [c.code, c] as const)));
  const groups = new Set(rubric.groups.map((g) => g.code));
  const seen = new Set<string>();
  for (const variant of rubric.thematicVariants ?? []) {
    const pure = variant.pureThematic === true;
    const label = situationLabel(variant.hasThematicPart, pure);
    const key = `${variant.hasThematicPart}|${pure}`;
    if (seen.has(key)) issues.add("thematicVariants", `Phương án ${label} được khai báo hai lần.`);
    seen.add(key);
    if (pure && !variant.hasThematicPart) issues.add("thematicVariants", `Phương án ${label} phải là phương án có phần chuyên đề.`);
    for (const code of variant.notApplicable ?? []) {
      if (!criteria.has(code)) issues.add("thematicVariants", `Phương án ${label} bỏ tiêu chí không tồn tại: ${code}.`);
    }
    for (const [code, value] of Object.entries(variant.maxPoints ?? {})) {
      const criterion = criteria.get(code);
      if (!criterion) {
        issues.add("thematicVariants", `Phương án ${label} đổi điểm của tiêu chí không tồn tại: ${code}.`);
        continue;
      }
      const max = issues.points(code, `Điểm tối đa của tiêu chí ${code} ${label}`, value);
      const step = Points.parse(criterion.step);
      if (max !== null && step && max % step !== 0) {
        issues.add(code, `Tiêu chí ${code}: bước chấm ${fmt(step)} không chia hết điểm tối đa ${fmt(max)} ${label}.`);
      }
    }
    for (const [code, value] of Object.entries(variant.groupPoints ?? {})) {
      if (!groups.has(code)) issues.add("thematicVariants", `Phương án ${label} đổi điểm của nhóm không tồn tại: ${code}.`);
      else issues.points(code, `Điểm của nhóm ${code} ${label}`, value);
    }
    if (variant.totalPoints !== undefined) issues.points("thematicVariants", `Tổng điểm ${label}`, variant.totalPoints);
  }
}

function checkSums(rubric: Rubric, issues: Issues): void {
  issues.points("totalPoints", "Tổng điểm của khung", rubric.totalPoints);
  const dependent = dependsOnThematicPart(rubric);
  // A pure-thematic variant repeats most of the "with a thematic part" sums: say only what differs.
  const said = new Set<string>();
  const report = (layout: RubricLayout, path: string, text: string) => {
    if (layout.pureThematic && said.has(`${path}|${text}`)) return;
    said.add(`${path}|${text}`);
    issues.add(path, `${text}${dependent ? ` (${situationLabel(layout.hasThematicPart, layout.pureThematic)})` : ""}.`);
  };
  for (const layout of situationsOf(rubric)) {
    let groupSum = 0;
    for (const g of layout.groups) {
      const sum = g.criteria.filter((c) => c.applicable).reduce((acc, c) => acc + c.maxTenths, 0);
      if (sum !== g.pointsTenths) {
        report(layout, g.group.code, `Nhóm ${g.group.code}: tổng điểm tối đa các tiêu chí là ${fmt(sum)} nhưng điểm của nhóm là ${fmt(g.pointsTenths)}`);
      }
      groupSum += g.pointsTenths;
    }
    if (groupSum !== layout.totalTenths) {
      report(layout, "totalPoints", `Tổng điểm các nhóm là ${fmt(groupSum)} nhưng tổng điểm của khung là ${fmt(layout.totalTenths)}`);
    }
  }
}

interface PlacedBand {
  exact: ExactInterval;
  data: IntervalData;
}

/** Upper edges in ascending order: +∞ last; at equal values an inclusive edge ends later. */
function compareUpper(a: ExactInterval, b: ExactInterval): number {
  if (a.max === null || b.max === null) return (a.max === null ? 1 : 0) - (b.max === null ? 1 : 0);
  const c = compareRatio(a.max, b.max);
  if (c !== 0) return c;
  return (a.maxInclusive ? 1 : 0) - (b.maxInclusive ? 1 : 0);
}

function checkBandCoverage(code: string, rule: BandsRule, issues: Issues): void {
  const info = MEASURE_INFO[rule.measure];
  const range = toExact(rule.range);
  if (!range || isEmpty(range)) {
    issues.add(code, `Tiêu chí ${code}: khoảng giá trị khai báo ${formatInterval(rule.range, info)} không hợp lệ.`);
    return;
  }
  const domain = toExact(info.domain);
  if (domain && !covers(range, domain)) {
    issues.add(
      code,
      `Tiêu chí ${code}: khoảng khai báo ${formatInterval(rule.range, info)} không phủ hết miền giá trị ${formatInterval(info.domain, info)} của ${info.label}.`,
    );
  }

  const placed: PlacedBand[] = [];
  for (const band of rule.bands) {
    const exact = toExact(band);
    if (!exact || isEmpty(exact)) {
      issues.add(code, `Tiêu chí ${code}: mức điểm ${formatInterval(band, info)} không hợp lệ hoặc rỗng.`);
      return;
    }
    placed.push({ exact, data: band });
  }
  placed.sort((a, b) => compareLower(a.exact, b.exact));

  const first = placed[0];
  const last = placed[placed.length - 1];
  if (!first || !last) return;
  const start = compareLower(first.exact, range);
  if (start !== 0) {
    const startsInside = start > 0;
    issues.add(
      code,
      startsInside
        ? `Tiêu chí ${code}: các mức điểm để hở phần đầu khoảng ${formatInterval(rule.range, info)}, trước ${formatInterval(first.data, info)}.`
        : `Tiêu chí ${code}: mức điểm ${formatInterval(first.data, info)} vượt ra ngoài khoảng khai báo ${formatInterval(rule.range, info)}.`,
    );
  }
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1];
    const b = placed[i];
    if (!a || !b) continue;
    const shown = `${formatInterval(a.data, info)} và ${formatInterval(b.data, info)}`;
    if (a.exact.max === null || b.exact.min === null) {
      issues.add(code, `Tiêu chí ${code}: các mức điểm ${shown} chồng lấn nhau.`);
      continue;
    }
    const aMax = a.data.max ?? 0;
    const bMin = b.data.min ?? 0;
    const c = compareRatio(a.exact.max, b.exact.min);
    if (c > 0) {
      issues.add(code, `Tiêu chí ${code}: các mức điểm ${shown} chồng lấn nhau trong khoảng từ ${formatEdge(bMin, info)} đến ${formatEdge(aMax, info)}.`);
    } else if (c < 0) {
      issues.add(code, `Tiêu chí ${code}: các mức điểm để hở khoảng giữa ${formatEdge(aMax, info)} và ${formatEdge(bMin, info)}.`);
    } else if (a.exact.maxInclusive && b.exact.minInclusive) {
      issues.add(code, `Tiêu chí ${code}: các mức điểm ${shown} chồng lấn nhau (giá trị ${formatEdge(bMin, info)} thuộc cả hai mức).`);
    } else if (!a.exact.maxInclusive && !b.exact.minInclusive) {
      issues.add(code, `Tiêu chí ${code}: các mức điểm để hở giá trị ${formatEdge(bMin, info)} (không thuộc mức nào).`);
    }
  }
  const end = compareUpper(last.exact, range);
  if (end !== 0) {
    issues.add(
      code,
      end < 0
        ? `Tiêu chí ${code}: các mức điểm để hở phần cuối khoảng ${formatInterval(rule.range, info)}, sau ${formatInterval(last.data, info)}.`
        : `Tiêu chí ${code}: mức điểm ${formatInterval(last.data, info)} vượt ra ngoài khoảng khai báo ${formatInterval(rule.range, info)}.`,
    );
  }
}

function checkRules(rubric: Rubric, issues: Issues): void {
  const layouts = situationsOf(rubric);
  for (const group of rubric.groups) {
    for (const c of group.criteria) {
      if (!c.rule) continue;
      // Auto points must fit the criterion's maximum in every situation where it applies.
      const maxima = layouts.flatMap((l) => l.criteria.filter((x) => x.criterion === c && x.applicable).map((x) => x.maxTenths));
      const max = maxima.length > 0 ? Math.min(...maxima) : (Points.parse(c.maxPoints) ?? 0);
      const step = Points.parse(c.step);
      const checkPoints = (what: string, value: number) => {
        const t = issues.points(c.code, `${what} của tiêu chí ${c.code}`, value);
        if (t === null) return;
        if (t > max) issues.add(c.code, `Tiêu chí ${c.code}: ${what.toLowerCase()} ${fmt(t)} vượt điểm tối đa ${fmt(max)}.`);
        else if (step && t % step !== 0) {
          issues.add(c.code, `Tiêu chí ${c.code}: ${what.toLowerCase()} ${fmt(t)} không là bội của bước chấm ${fmt(step)}.`);
        }
      };
      if (c.rule.id === "bands") {
        const rule = c.rule;
        for (const band of rule.bands) checkPoints("Điểm của mức", band.points);
        if (rule.whenMissing !== undefined) checkPoints("Điểm khi thiếu dữ liệu", rule.whenMissing);
        for (const o of rule.overrides ?? []) {
          checkPoints("Điểm trần", o.points);
          const exact = toExact(o);
          if (!exact || isEmpty(exact)) {
            issues.add(c.code, `Tiêu chí ${c.code}: điều kiện trần ${formatInterval(o, MEASURE_INFO[o.measure])} không hợp lệ hoặc rỗng.`);
          }
        }
        for (const o of rule.overrides ?? []) {
          if (o.within) {
            const within = toExact(o.within);
            if (!within || isEmpty(within)) {
              issues.add(c.code, `Tiêu chí ${c.code}: phạm vi áp dụng của điều kiện trần ${formatInterval(o.within, MEASURE_INFO[rule.measure])} không hợp lệ hoặc rỗng.`);
            }
          }
        }
        if (rule.edgeFrom && (rule.bands.length !== 2 || rule.bands[0]?.max !== rule.bands[1]?.min || rule.bands[0]?.max === null)) {
          issues.add(c.code, `Tiêu chí ${c.code}: ngưỡng lấy theo cài đặt chỉ dùng được khi có đúng hai mức liền nhau.`);
        }
        checkBandCoverage(c.code, rule, issues);
      }
    }
  }
}

function checkLevels(rubric: Rubric, issues: Issues): void {
  const rules = rubric.levelRules;
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.level)) issues.add("levelRules", `Mức xếp loại ${LEVEL_LABELS[rule.level]} được khai báo nhiều lần.`);
    seen.add(rule.level);
  }
  const parsed = rules.map((rule) => ({
    rule,
    min: issues.points("levelRules", `Ngưỡng xếp loại ${LEVEL_LABELS[rule.level]}`, rule.minTotal),
  }));
  const byRank = [...parsed].sort((a, b) => levelRank(b.rule.level) - levelRank(a.rule.level));
  for (let i = 1; i < byRank.length; i++) {
    const higher = byRank[i - 1];
    const lower = byRank[i];
    if (!higher || !lower || higher.min === null || lower.min === null || higher.rule.level === lower.rule.level) continue;
    if (lower.min >= higher.min) {
      issues.add(
        "levelRules",
        `Ngưỡng xếp loại phải giảm dần theo thứ tự Tốt, Khá, Trung bình, Kém: ngưỡng ${LEVEL_LABELS[lower.rule.level]} (${fmt(lower.min)}) không thấp hơn ngưỡng ${LEVEL_LABELS[higher.rule.level]} (${fmt(higher.min)}).`,
      );
    }
  }
  const mins = parsed.map((p) => p.min).filter((m): m is Tenths => m !== null);
  if (mins.length === parsed.length && mins.length > 0) {
    const lowest = Math.min(...mins);
    if (lowest > 0) {
      issues.add(
        "levelRules",
        `Ngưỡng xếp loại phải phủ từ 0 đến tổng điểm: tổng điểm dưới ${fmt(lowest)} chưa có mức xếp loại nào (mức thấp nhất cần ngưỡng 0).`,
      );
    }
    const totals = situationsOf(rubric).map((l) => l.totalTenths);
    const total = Math.min(...totals);
    for (const p of parsed) {
      if (p.min !== null && p.min > total) {
        issues.add(
          "levelRules",
          `Ngưỡng xếp loại ${LEVEL_LABELS[p.rule.level]} (${fmt(p.min)}) vượt tổng điểm của khung (${fmt(total)}): không phiếu nào đạt được.`,
        );
      }
    }
    const bottom = parsed.find((p) => p.min === lowest);
    if (bottom && (bottom.rule.conditions?.length ?? 0) > 0) {
      issues.add(
        "levelRules",
        `Mức xếp loại thấp nhất (${LEVEL_LABELS[bottom.rule.level]}) không được kèm điều kiện: phiếu nào cũng phải xếp được loại.`,
      );
    }
  }

  const codes = new Set(rubric.groups.flatMap((g) => [g.code, ...g.criteria.map((c) => c.code)]));
  for (const rule of rules) {
    const label = LEVEL_LABELS[rule.level];
    if (rule.fallbackLevel !== undefined) {
      if (!seen.has(rule.fallbackLevel)) {
        issues.add("levelRules", `Mức thay thế ${LEVEL_LABELS[rule.fallbackLevel]} của mức ${label} chưa được khai báo.`);
      } else if (levelRank(rule.fallbackLevel) >= levelRank(rule.level)) {
        issues.add("levelRules", `Mức thay thế của mức ${label} phải thấp hơn mức ${label}.`);
      }
    }
    for (const condition of rule.conditions ?? []) {
      if (condition.kind !== "fullPoints") continue;
      for (const code of condition.criteria) {
        if (!codes.has(code)) {
          issues.add("levelRules", `Điều kiện ${condition.code} của mức ${label} tham chiếu mã không tồn tại: ${code}.`);
        }
      }
    }
  }
}

/** Semantic checks of a rubric whose shape is already right (a typed value or the output of parseRubric). */
export function validateRubric(rubric: Rubric): RubricValidation {
  const issues = new Issues();
  checkDates(rubric, issues);
  checkCodes(rubric, issues);
  checkCriteria(rubric, issues);
  checkVariants(rubric, issues);
  checkSums(rubric, issues);
  checkRules(rubric, issues);
  checkLevels(rubric, issues);
  return issues.list.length > 0 ? { ok: false, errors: issues.list } : { ok: true, rubric };
}

/** A rubric from JSON (an import): shape first, then the semantic checks. */
export function parseRubric(input: unknown): RubricValidation {
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesFromZod(parsed.error, "Khung tiêu chí") };
  return validateRubric(parsed.data);
}

/** Checks a rubric only once per object (rubrics are treated as immutable values): the engine calls this on every score. */
const cache = new WeakMap<object, RubricValidation>();

export function validateRubricCached(rubric: Rubric): RubricValidation {
  const hit = cache.get(rubric);
  if (hit) return hit;
  const parsed = rubricSchema.safeParse(rubric);
  const result = parsed.success ? validateRubric(parsed.data) : { ok: false as const, errors: issuesFromZod(parsed.error, "Khung tiêu chí") };
  cache.set(rubric, result);
  return result;
}
