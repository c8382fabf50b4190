// Frame validator: everything a tenant could get wrong when editing a classification frame's JSON,
// reported in Vietnamese (as lib/scoring/validate.ts does for rubrics). The engine refuses to
// classify with a frame that does not pass.
import { Points, type Tenths } from "@/lib/exact/ratio";
import {
  COLLECTIVE_EVIDENCE,
  CONDITION_FACTS,
  LEVEL_LABELS,
  MEMBER_EVIDENCE,
  PARTS,
  frameSchema,
  isPercentFact,
  issuesFromZod,
  levelRank,
  type Frame,
  type FrameIssue,
} from "./model";

export type FrameValidation = { ok: true; frame: Frame } | { ok: false; errors: FrameIssue[] };

const fmt = (t: Tenths) => Points.format(t, "vi");

export const PART_LABELS = { GENERAL: "tiêu chí chung", TASKS: "kết quả thực hiện nhiệm vụ" } as const;

class Issues {
  readonly list: FrameIssue[] = [];
  add(path: string, message: string): void {
    if (!this.list.some((i) => i.message === message)) this.list.push({ path, message });
  }
  points(path: string, what: string, value: number): Tenths | null {
    const t = Points.parse(value);
    if (t === null) this.add(path, `${what}: "${String(value).replace(".", ",")}" không phải số điểm hợp lệ (số không âm, tối đa một chữ số thập phân).`);
    return t;
  }
}

function checkHeader(frame: Frame, issues: Issues): void {
  if (frame.effectiveTo && frame.effectiveTo < frame.effectiveFrom) {
    issues.add("effectiveTo", `Ngày hết hiệu lực (${frame.effectiveTo}) phải từ ngày có hiệu lực (${frame.effectiveFrom}) trở đi.`);
  }
  if (new Set(frame.periods).size !== frame.periods.length) issues.add("periods", "Mỗi kỳ đánh giá chỉ khai báo một lần.");
}

function checkCriteria(frame: Frame, issues: Issues): void {
  const seen = new Set<string>();
  const allowed = frame.subject === "COLLECTIVE" ? COLLECTIVE_EVIDENCE : MEMBER_EVIDENCE;
  const whom = frame.subject === "COLLECTIVE" ? "tổ chức đảng" : "đảng viên";
  for (const group of frame.groups) {
    for (const c of [group, ...group.criteria]) {
      if (seen.has(c.code)) issues.add(c.code, `Mã "${c.code}" bị trùng: mỗi nhóm và tiêu chí cần một mã riêng.`);
      seen.add(c.code);
    }
    const groupPoints = issues.points(group.code, `Điểm của nhóm ${group.code}`, group.points);
    let sum = 0;
    for (const c of group.criteria) {
      const max = issues.points(c.code, `Điểm tối đa của tiêu chí ${c.code}`, c.maxPoints);
      const step = issues.points(c.code, `Bước chấm của tiêu chí ${c.code}`, c.step);
      if (step === 0) issues.add(c.code, `Tiêu chí ${c.code}: bước chấm phải lớn hơn 0.`);
      if (max !== null && step && max % step !== 0) issues.add(c.code, `Tiêu chí ${c.code}: bước chấm ${fmt(step)} không chia hết điểm tối đa ${fmt(max)}.`);
      if (max === 0) issues.add(c.code, `Tiêu chí ${c.code}: điểm tối đa phải lớn hơn 0.`);
      sum += max ?? 0;
      for (const key of c.evidence ?? []) {
        if (!allowed.includes(key)) issues.add(c.code, `Tiêu chí ${c.code}: căn cứ "${key}" không dùng được cho khung đánh giá ${whom}.`);
      }
    }
    if (groupPoints !== null && sum !== groupPoints) {
      issues.add(group.code, `Nhóm ${group.code}: tổng điểm tối đa các tiêu chí là ${fmt(sum)} nhưng điểm của nhóm là ${fmt(groupPoints)}.`);
    }
  }
}

function checkTotals(frame: Frame, issues: Issues): void {
  const total = issues.points("totalPoints", "Tổng điểm của khung", frame.totalPoints);
  let sum = 0;
  for (const part of PARTS) {
    const groups = frame.groups.filter((g) => g.part === part);
    if (groups.length === 0) issues.add("groups", `Khung chưa có nhóm nào thuộc phần ${PART_LABELS[part]} (QĐ 366: 30 điểm tiêu chí chung và 70 điểm kết quả thực hiện nhiệm vụ).`);
    sum += groups.reduce((acc, g) => acc + (Points.parse(g.points) ?? 0), 0);
  }
  if (total !== null && sum !== total) issues.add("totalPoints", `Tổng điểm các nhóm là ${fmt(sum)} nhưng tổng điểm của khung là ${fmt(total)}.`);
}

function checkLevels(frame: Frame, issues: Issues): void {
  const seen = new Set<string>();
  const conditionCodes = new Set<string>();
  const parsed = frame.levels.map((rule) => {
    const label = LEVEL_LABELS[rule.level];
    if (seen.has(rule.level)) issues.add("levels", `Mức xếp loại "${label}" được khai báo nhiều lần.`);
    seen.add(rule.level);
    for (const c of rule.conditions ?? []) {
      if (conditionCodes.has(c.code)) issues.add("levels", `Mã điều kiện "${c.code}" bị trùng.`);
      conditionCodes.add(c.code);
      const percent = isPercentFact(c.fact);
      const factLabel = CONDITION_FACTS[c.fact].label.toLowerCase();
      if (percent && c.test !== "atLeast" && c.test !== "atMost") {
        issues.add("levels", `Điều kiện ${c.code} của mức "${label}": ${factLabel} là một tỷ lệ, cần so sánh "từ" (atLeast) hoặc "không quá" (atMost).`);
      }
      if (!percent && c.test !== "true" && c.test !== "false") {
        issues.add("levels", `Điều kiện ${c.code} của mức "${label}": "${factLabel}" là câu hỏi có/không, cần kiểm tra "true" hoặc "false".`);
      }
      if (percent && (c.value === undefined || c.value < 0 || c.value > 100)) {
        issues.add("levels", `Điều kiện ${c.code} của mức "${label}" cần một tỷ lệ từ 0 đến 100 (value).`);
      }
      if (!percent && c.value !== undefined) issues.add("levels", `Điều kiện ${c.code} của mức "${label}" không dùng giá trị (value).`);
    }
    return { rule, min: issues.points("levels", `Ngưỡng xếp loại "${label}"`, rule.minTotal) };
  });
  const byRank = [...parsed].sort((a, b) => levelRank(b.rule.level) - levelRank(a.rule.level));
  for (let i = 1; i < byRank.length; i++) {
    const higher = byRank[i - 1]!;
    const lower = byRank[i]!;
    if (higher.min === null || lower.min === null || higher.rule.level === lower.rule.level) continue;
    if (lower.min >= higher.min) {
      issues.add(
        "levels",
        `Ngưỡng xếp loại phải giảm dần từ xuất sắc đến không hoàn thành: ngưỡng "${LEVEL_LABELS[lower.rule.level]}" (${fmt(lower.min)}) không thấp hơn ngưỡng "${LEVEL_LABELS[higher.rule.level]}" (${fmt(higher.min)}).`,
      );
    }
  }
  const total = Points.parse(frame.totalPoints);
  for (const p of parsed) {
    if (p.min !== null && total !== null && p.min > total) {
      issues.add("levels", `Ngưỡng "${LEVEL_LABELS[p.rule.level]}" (${fmt(p.min)}) vượt tổng điểm của khung (${fmt(total)}).`);
    }
  }
  const bottom = byRank.at(-1);
  if (bottom && bottom.min !== null && bottom.min > 0) {
    issues.add("levels", `Mức thấp nhất ("${LEVEL_LABELS[bottom.rule.level]}") cần ngưỡng 0 để mọi kết quả đều xếp được loại.`);
  }
  if (bottom && (bottom.rule.conditions?.length ?? 0) > 0) {
    issues.add("levels", `Mức thấp nhất ("${LEVEL_LABELS[bottom.rule.level]}") không được kèm điều kiện: kết quả nào cũng phải xếp được loại.`);
  }
}

/** Semantic checks of a frame whose shape is already right. */
export function validateFrame(frame: Frame): FrameValidation {
  const issues = new Issues();
  checkHeader(frame, issues);
  checkCriteria(frame, issues);
  checkTotals(frame, issues);
  checkLevels(frame, issues);
  return issues.list.length > 0 ? { ok: false, errors: issues.list } : { ok: true, frame };
}

/** A frame from JSON (an import or the editor): shape first, then the semantic checks. */
export function parseFrame(input: unknown): FrameValidation {
  const parsed = frameSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesFromZod(parsed.error, "Khung đánh giá") };
  return validateFrame(parsed.data);
}

const cache = new WeakMap<object, FrameValidation>();

/** Checks a frame once per object (frames are immutable values): the engine calls this every time. */
export function validateFrameCached(frame: Frame): FrameValidation {
  const hit = cache.get(frame);
  if (hit) return hit;
  const result = parseFrame(frame);
  cache.set(frame, result);
  return result;
}
