// The classification engine (QĐ 366, SPEC §7) on worked examples written in the SPEC's style: each
// row is a subject, the cells give the marks as they are written on the bản kiểm điểm ("9+9+8,5 =
// 26,5"), the condition facts, the total, the level the record allows and the verdict on a
// proposed level. The cells are parsed below, so the table is the test.
//
// W1–W7, W10 use QD366_DANG_VIEN (C1 C2 C3 | N1 N2 N3 = 10 10 10 | 40 15 15);
// W8, W9 use QD366_TAP_THE (CT TC KT | NV1 NV2 NV3 = 10 10 10 | 40 20 10).
//
// | Case | Frame | General (30)            | Tasks (70)                 | Total | On time | Exceeded | Late | Discipline | Level        | Proposed → verdict                         |
// |------|-------|-------------------------|----------------------------|-------|---------|----------|------|------------|--------------|--------------------------------------------|
// | W1   | member| 9+9+8,5 = 26,5          | 38+14+13,5 = 65,5          | 92    | yes     | 35 %     | 0 %  | —          | Xuất sắc     | Xuất sắc → allowed                         |
// | W2   | member| 9+9+9 = 27              | 36+13,5+13,5 = 63          | 90    | yes     | 30 %     | 0 %  | —          | Xuất sắc     | Xuất sắc → allowed (both edges inclusive)  |
// | W3   | member| 9+9+9 = 27              | 35,5+13,5+13,5 = 62,5      | 89,5  | yes     | 40 %     | 0 %  | —          | Tốt          | Xuất sắc → refused: 89,5 < 90 (no rounding)|
// | W4   | member| 10+9+9,5 = 28,5         | 38+14+14,5 = 66,5          | 95    | yes     | 20 %     | 0 %  | —          | Tốt          | Xuất sắc → refused: XS_VUOT_MUC            |
// | W5   | member| 10+9+9,5 = 28,5         | 38+14+14,5 = 66,5          | 95    | no      | 35 %     | 10 % | —          | Hoàn thành   | Tốt → refused: TOT_DUNG_HAN                |
// | W6   | member| 8+7+7 = 22              | 30+11,5+11,5 = 53          | 75    | no      | 0 %      | 25 % | —          | Không HT     | Hoàn thành → refused: HT_CHAM_TOI_DA       |
// | W7   | member| 6+5+5 = 16              | 20+6+6 = 32                | 48    | yes     | 0 %      | 0 %  | —          | Không HT     | Hoàn thành → refused: 48 < 50              |
// | W8   | org   | 9,5+9,5+9 = 28          | 37+19+9 = 65               | 93    | yes     | 35 %     | 0 %  | yes        | Tốt          | Xuất sắc → refused: XS_KHONG_KY_LUAT       |
// | W9   | org   | 7+7+7 = 21              | 28+14+7 = 49               | 70    | yes     | 0 %      | 0 %  | no         | Tốt          | Hoàn thành → allowed (below what is held)  |
// | W10  | member| as W1 = 26,5            | as W1 = 65,5               | 92    | —       | —        | —    | —          | Không HT     | — (a fact not declared fails its condition)|
//
// Notes: W3 — 89,5 is compared unrounded, as meeting scores are (SPEC §5.2). W4 — 95 points but only
// 20 % exceeded: xuất sắc needs ≥ 30 %. W5 — tasks late: tốt needs all on time, hoàn thành allows
// up to 20 % late. W6 — 25 % late fails even hoàn thành. W8 — the collective frame adds "no
// discipline" to xuất sắc (SPEC §7). W9 — a subject may propose less than the record allows.
import { describe, expect, it } from "vitest";
import { classify, type ClassifyResult } from "@/lib/classification/engine";
import { QD366_COLLECTIVE, QD366_MEMBER } from "@/lib/classification/frames";
import { LEVEL_LABELS, type ClassificationLevel, type ConditionFacts, type Frame } from "@/lib/classification/model";
import { parseFrame } from "@/lib/classification/validate";

const LEVEL_CELL: Record<string, ClassificationLevel> = {
  "Xuất sắc": "EXCELLENT",
  Tốt: "GOOD",
  "Hoàn thành": "COMPLETED",
  "Không HT": "NOT_COMPLETED",
};

interface Example {
  id: string;
  frame: Frame;
  general: string;
  tasks: string;
  total: number;
  facts: ConditionFacts;
  level: string;
  proposed?: string;
  /** Null: allowed; otherwise a condition code or the threshold text the refusal names. */
  refusal?: string | null;
}

const EXAMPLES: Example[] = [
  { id: "W1", frame: QD366_MEMBER, general: "9+9+8,5 = 26,5", tasks: "38+14+13,5 = 65,5", total: 92, facts: { allTasksOnTime: true, exceededPercent: 35, latePercent: 0 }, level: "Xuất sắc", proposed: "Xuất sắc", refusal: null },
  { id: "W2", frame: QD366_MEMBER, general: "9+9+9 = 27", tasks: "36+13,5+13,5 = 63", total: 90, facts: { allTasksOnTime: true, exceededPercent: 30, latePercent: 0 }, level: "Xuất sắc", proposed: "Xuất sắc", refusal: null },
  { id: "W3", frame: QD366_MEMBER, general: "9+9+9 = 27", tasks: "35,5+13,5+13,5 = 62,5", total: 89.5, facts: { allTasksOnTime: true, exceededPercent: 40, latePercent: 0 }, level: "Tốt", proposed: "Xuất sắc", refusal: "tổng điểm 89,5 chưa đạt 90 điểm" },
  { id: "W4", frame: QD366_MEMBER, general: "10+9+9,5 = 28,5", tasks: "38+14+14,5 = 66,5", total: 95, facts: { allTasksOnTime: true, exceededPercent: 20, latePercent: 0 }, level: "Tốt", proposed: "Xuất sắc", refusal: "XS_VUOT_MUC" },
  { id: "W5", frame: QD366_MEMBER, general: "10+9+9,5 = 28,5", tasks: "38+14+14,5 = 66,5", total: 95, facts: { allTasksOnTime: false, exceededPercent: 35, latePercent: 10 }, level: "Hoàn thành", proposed: "Tốt", refusal: "TOT_DUNG_HAN" },
  { id: "W6", frame: QD366_MEMBER, general: "8+7+7 = 22", tasks: "30+11,5+11,5 = 53", total: 75, facts: { allTasksOnTime: false, exceededPercent: 0, latePercent: 25 }, level: "Không HT", proposed: "Hoàn thành", refusal: "HT_CHAM_TOI_DA" },
  { id: "W7", frame: QD366_MEMBER, general: "6+5+5 = 16", tasks: "20+6+6 = 32", total: 48, facts: { allTasksOnTime: true, exceededPercent: 0, latePercent: 0 }, level: "Không HT", proposed: "Hoàn thành", refusal: "tổng điểm 48 chưa đạt 50 điểm" },
  { id: "W8", frame: QD366_COLLECTIVE, general: "9,5+9,5+9 = 28", tasks: "37+19+9 = 65", total: 93, facts: { allTasksOnTime: true, exceededPercent: 35, latePercent: 0, disciplined: true }, level: "Tốt", proposed: "Xuất sắc", refusal: "XS_KHONG_KY_LUAT" },
  { id: "W9", frame: QD366_COLLECTIVE, general: "7+7+7 = 21", tasks: "28+14+7 = 49", total: 70, facts: { allTasksOnTime: true, exceededPercent: 0, latePercent: 0, disciplined: false }, level: "Tốt", proposed: "Hoàn thành", refusal: null },
  { id: "W10", frame: QD366_MEMBER, general: "9+9+8,5 = 26,5", tasks: "38+14+13,5 = 65,5", total: 92, facts: {}, level: "Không HT" },
];

const toNumber = (cell: string) => Number(cell.trim().replace(",", "."));

/** "9+9+8,5 = 26,5" → the parts (checked to add up to the written sum). */
function parts(cell: string): number[] {
  const [left, sum] = cell.split("=");
  const values = left!.split("+").map(toNumber);
  expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(toNumber(sum!), 6);
  return values;
}

function marksOf(example: Example): Record<string, number> {
  const codes = example.frame.groups.flatMap((g) => g.criteria.map((c) => c.code));
  const values = [...parts(example.general), ...parts(example.tasks)];
  expect(values).toHaveLength(codes.length);
  return Object.fromEntries(codes.map((code, i) => [code, values[i]!]));
}

/** Judged criteria need a remark in a self-assessment; the examples give each one. */
function remarksOf(frame: Frame): Record<string, string> {
  return Object.fromEntries(frame.groups.flatMap((g) => g.criteria.filter((c) => !c.evidence?.length).map((c) => [c.code, "Tự nhận xét"])));
}

describe("built-in QĐ 366 frames", () => {
  it.each([QD366_COLLECTIVE, QD366_MEMBER])("$code is valid, 30 general + 70 task points", (frame) => {
    expect(parseFrame(frame)).toEqual({ ok: true, frame });
    const result = classify(frame, { marks: {}, facts: {} }, { complete: false });
    expect(result.parts).toEqual({ GENERAL: { max: 30, points: 0 }, TASKS: { max: 70, points: 0 } });
  });
});

describe("worked examples W1–W10", () => {
  it.each(EXAMPLES)("$id: $total points → $level", (example) => {
    const proposedLevel = example.proposed ? LEVEL_CELL[example.proposed]! : null;
    const result: ClassifyResult = classify(
      example.frame,
      { marks: marksOf(example), remarks: remarksOf(example.frame), facts: example.facts, proposedLevel },
      { requireJudgedRemarks: true },
    );
    expect(result.total).toBe(example.total);
    expect(result.parts.GENERAL.points + result.parts.TASKS.points).toBe(example.total);
    if (example.refusal === undefined || example.refusal === null) {
      expect(result.errors).toEqual([]);
      expect(result.level).toBe(LEVEL_CELL[example.level]);
      expect(result.levelLabel).toBe(LEVEL_LABELS[LEVEL_CELL[example.level]!]);
      if (proposedLevel) expect(result.proposed).toEqual({ level: proposedLevel, allowed: true, reasons: [] });
      return;
    }
    // A refused proposal is an error naming what failed; the level the record allows stays readable.
    expect(result.level).toBe(LEVEL_CELL[example.level]);
    expect(result.proposed?.allowed).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.path).toBe("proposedLevel");
    expect(result.errors[0]!.message).toContain(`Chưa đủ điều kiện xếp loại "${LEVEL_LABELS[proposedLevel!]}"`);
    expect(result.errors[0]!.message).toContain(example.refusal);
    const withoutProposal = classify(example.frame, { marks: marksOf(example), facts: example.facts });
    expect(withoutProposal.level).toBe(LEVEL_CELL[example.level]);
  });

  it("W10: every condition on an undeclared fact fails and says so", () => {
    const example = EXAMPLES.find((e) => e.id === "W10")!;
    const result = classify(example.frame, { marks: marksOf(example), facts: {} });
    expect(result.conditions.every((c) => !c.held)).toBe(true);
    expect(result.conditions.map((c) => c.explanation)).toContain("Chưa khai báo: tất cả chỉ tiêu, nhiệm vụ hoàn thành đúng tiến độ, bảo đảm chất lượng.");
  });

  it("W5 names every failed condition of the proposed level, with the declared value", () => {
    const example = EXAMPLES.find((e) => e.id === "W5")!;
    const result = classify(example.frame, { marks: marksOf(example), facts: example.facts, proposedLevel: "EXCELLENT" });
    expect(result.proposed?.reasons).toEqual([
      'điều kiện XS_DUNG_HAN "Tất cả chỉ tiêu, nhiệm vụ hoàn thành đúng tiến độ" chưa đạt (Tất cả chỉ tiêu, nhiệm vụ hoàn thành đúng tiến độ, bảo đảm chất lượng: không)',
    ]);
    const w4 = EXAMPLES.find((e) => e.id === "W4")!;
    const four = classify(w4.frame, { marks: marksOf(w4), facts: w4.facts, proposedLevel: "EXCELLENT" });
    expect(four.proposed?.reasons).toEqual([
      'điều kiện XS_VUOT_MUC "Có từ 30 % chỉ tiêu, nhiệm vụ hoàn thành vượt mức" chưa đạt (Tỷ lệ chỉ tiêu, nhiệm vụ hoàn thành vượt mức: 20 % (cần từ 30 %))',
    ]);
  });
});

describe("bad marks", () => {
  const base = marksOf(EXAMPLES[0]!);
  const run = (marks: Record<string, number | string>, options = {}) => classify(QD366_MEMBER, { marks, facts: EXAMPLES[0]!.facts }, options);

  it("refuses a mark above the maximum, off the step, negative or not a number, naming the criterion", () => {
    expect(run({ ...base, N1: 40.5 }).errors.map((e) => e.message)).toEqual(["Điểm tiêu chí N1 (40,5) vượt điểm tối đa 40."]);
    expect(run({ ...base, C1: "8,3" }).errors.map((e) => e.message)).toEqual(["Điểm tiêu chí C1 (8,3) phải là bội số của 0,5."]);
    expect(run({ ...base, C2: -1 }).errors.map((e) => e.message)).toEqual(["Điểm tiêu chí C2 không được âm."]);
    expect(run({ ...base, C3: "tám" }).errors.map((e) => e.message)).toEqual(['Điểm tiêu chí C3 không hợp lệ: "tám" (cần số không âm, tối đa một chữ số thập phân).']);
    expect(run({ ...base, X9: 1 }).errors.map((e) => e.message)).toEqual(["Khung QD366_DANG_VIEN không có tiêu chí mã X9."]);
  });

  it("a submitted column needs every criterion; a draft shows its running total", () => {
    const { N3: _n3, ...partial } = base;
    expect(run(partial).errors.map((e) => e.message)).toEqual(["Chưa chấm tiêu chí N3 (Nhận xét của chi ủy, ban công tác mặt trận nơi cư trú (QĐ 213))."]);
    const draft = run(partial, { complete: false });
    expect(draft.errors).toEqual([]);
    expect(draft.total).toBe(92 - 13.5);
    expect(draft.perCriterion.find((c) => c.code === "N3")!.points).toBeNull();
  });

  it("a judged criterion (no record beside it) needs a remark in the self-assessment", () => {
    const result = run(base, { requireJudgedRemarks: true });
    expect(result.errors.map((e) => e.path)).toEqual(["C2"]);
    expect(result.errors[0]!.message).toContain("cần ghi nhận xét");
    expect(run(base, { requireJudgedRemarks: true }).perCriterion.filter((c) => c.judged).map((c) => c.code)).toEqual(["C2"]);
  });
});

describe("frame validation", () => {
  const broken = (change: (frame: Frame) => void) => {
    const frame = structuredClone(QD366_MEMBER) as Frame;
    change(frame);
    const result = parseFrame(frame);
    return result.ok ? [] : result.errors.map((e) => e.message);
  };

  it("points must add up per group, per part and to the total", () => {
    expect(broken((f) => (f.groups[0]!.criteria[0]!.maxPoints = 12))).toEqual(["Nhóm G: tổng điểm tối đa các tiêu chí là 32 nhưng điểm của nhóm là 30."]);
    expect(broken((f) => (f.totalPoints = 95))).toEqual(["Tổng điểm các nhóm là 100 nhưng tổng điểm của khung là 95."]);
    expect(broken((f) => (f.groups[1]!.part = "GENERAL"))[0]).toContain("chưa có nhóm nào thuộc phần kết quả thực hiện nhiệm vụ");
  });

  it("thresholds descend to 0 and conditions fit their facts", () => {
    expect(broken((f) => (f.levels[1]!.minTotal = 95))[0]).toContain("Ngưỡng xếp loại phải giảm dần");
    expect(broken((f) => (f.levels[3]!.minTotal = 10))).toEqual(['Mức thấp nhất ("Không hoàn thành nhiệm vụ") cần ngưỡng 0 để mọi kết quả đều xếp được loại.']);
    expect(broken((f) => (f.levels[0]!.conditions![1]!.test = "true"))[0]).toContain("là một tỷ lệ");
    expect(broken((f) => (f.groups[1]!.criteria[0]!.evidence = ["resolutions"]))[0]).toContain('căn cứ "resolutions" không dùng được cho khung đánh giá đảng viên');
  });
});
