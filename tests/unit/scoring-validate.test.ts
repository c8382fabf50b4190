// The rubric validator: a tenant editing a rubric's JSON gets the specific Vietnamese error.
import { describe, expect, it } from "vitest";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import type { BandsRule, Criterion, Rubric } from "@/lib/scoring/model";
import { BUILT_IN_RUBRICS, HD42_2025 } from "@/lib/scoring/rubrics";
import { parseRubric, validateRubric } from "@/lib/scoring/validate";

function edited(change: (rubric: Rubric) => void, base: Rubric = HD42_2025): Rubric {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

function criterion(rubric: Rubric, code: string): Criterion {
  const found = rubric.groups.flatMap((g) => g.criteria).find((c) => c.code === code);
  if (!found) throw new Error(`no criterion ${code}`);
  return found;
}

function bands(rubric: Rubric, code: string): BandsRule {
  const rule = criterion(rubric, code).rule;
  if (rule?.id !== "bands") throw new Error(`${code} has no bands`);
  return rule;
}

function messages(rubric: Rubric): string[] {
  const result = validateRubric(rubric);
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe("built-in rubrics", () => {
  it.each(BUILT_IN_RUBRICS.map((r) => [r.code, r] as const))("%s is valid", (_code, rubric) => {
    expect(messages(rubric)).toEqual([]);
  });

  it.each(BUILT_IN_RUBRICS.map((r) => [r.code, r] as const))("%s survives a JSON export and import unchanged", (_code, rubric) => {
    const result = parseRubric(JSON.parse(JSON.stringify(rubric)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.parse(JSON.stringify(result.rubric))).toEqual(JSON.parse(JSON.stringify(rubric)));
  });
});

describe("points must add up", () => {
  it("criteria that do not add up to their group's points, in both thematic situations", () => {
    const rubric = edited((r) => {
      criterion(r, "B2").maxPoints = 3;
    });
    expect(messages(rubric)).toEqual([
      "Nhóm B: tổng điểm tối đa các tiêu chí là 9 nhưng điểm của nhóm là 10 (khi có phần chuyên đề).",
      "Nhóm B: tổng điểm tối đa các tiêu chí là 9 nhưng điểm của nhóm là 10 (khi không có phần chuyên đề).",
    ]);
  });

  it("the pure-thematic variant's own sums are checked, and only where they differ (issue 14)", () => {
    const rubric = edited((r) => {
      const pure = r.thematicVariants!.find((v) => v.pureThematic)!;
      pure.maxPoints = { C3: 10 };
    });
    expect(messages(rubric)).toEqual(["Nhóm C: tổng điểm tối đa các tiêu chí là 25 nhưng điểm của nhóm là 30 (khi sinh hoạt chuyên đề riêng)."]);
  });

  it("without the thematic variant, group C is 25 when C3 does not apply", () => {
    const rubric = edited((r) => {
      delete r.thematicVariants;
    });
    expect(messages(rubric)).toEqual([
      "Nhóm C: tổng điểm tối đa các tiêu chí là 25 nhưng điểm của nhóm là 30 (khi không có phần chuyên đề).",
    ]);
  });

  it("groups that do not add up to the total", () => {
    const rubric = edited((r) => {
      r.totalPoints = 95;
    });
    expect(messages(rubric)).toContain("Tổng điểm các nhóm là 100 nhưng tổng điểm của khung là 95 (khi có phần chuyên đề).");
  });

  it("a step that does not divide the maximum", () => {
    const rubric = edited((r) => {
      criterion(r, "B2").step = 1.5;
    });
    expect(messages(rubric)).toEqual(["Tiêu chí B2: bước chấm 1,5 không chia hết điểm tối đa 4."]);
  });

  it("a maximum with two decimals", () => {
    const rubric = edited((r) => {
      criterion(r, "B1").maxPoints = 1.75;
      criterion(r, "B2").maxPoints = 4.25;
    });
    expect(messages(rubric)).toContain(
      'Điểm tối đa của tiêu chí B1: "1,75" không phải số điểm hợp lệ (số không âm, tối đa một chữ số thập phân).',
    );
  });
});

describe("bands must cover their range without gaps or overlaps", () => {
  it("a gap between two bands", () => {
    const rubric = edited((r) => {
      const band = bands(r, "C5").bands[1];
      if (band) band.max = 38;
    });
    expect(messages(rubric)).toEqual(["Tiêu chí C5: các mức điểm để hở khoảng giữa 38 % và 40 %."]);
  });

  it("a gap of a single value: both edges exclusive at 50 %", () => {
    const rubric = edited((r) => {
      const band = bands(r, "C5").bands[2];
      if (band) band.maxInclusive = false;
    });
    expect(messages(rubric)).toEqual(["Tiêu chí C5: các mức điểm để hở giá trị 50 % (không thuộc mức nào)."]);
  });

  it("an overlap at a single value: both edges inclusive at 50 %", () => {
    const rubric = edited((r) => {
      const band = bands(r, "C5").bands[3];
      if (band) band.minInclusive = true;
    });
    expect(messages(rubric)).toEqual([
      "Tiêu chí C5: các mức điểm [40 %; 50 %] và [50 %; 100 %] chồng lấn nhau (giá trị 50 % thuộc cả hai mức).",
    ]);
  });

  it("an overlapping range", () => {
    const rubric = edited((r) => {
      const band = bands(r, "C5").bands[1];
      if (band) band.max = 45;
    });
    expect(messages(rubric)).toEqual([
      "Tiêu chí C5: các mức điểm [30 %; 45 %) và [40 %; 50 %] chồng lấn nhau trong khoảng từ 40 % đến 45 %.",
    ]);
  });

  it("bands that start after the declared range", () => {
    const rubric = edited((r) => {
      const band = bands(r, "A1").bands[0];
      if (band) band.min = 10;
    });
    expect(messages(rubric)).toEqual([
      "Tiêu chí A1: các mức điểm để hở phần đầu khoảng [0 %; 100 %], trước [10 %; 65 %).",
    ]);
  });

  it("bands that stop before the declared range ends", () => {
    const rubric = edited((r) => {
      const band = bands(r, "R1").bands[5];
      if (band) band.maxInclusive = false;
    });
    expect(messages(rubric)).toEqual([
      "Tiêu chí R1: các mức điểm để hở phần cuối khoảng [0 %; 100 %], sau [90 %; 100 %).",
    ]);
  });

  it("a declared range that leaves part of the measure's domain out", () => {
    const rubric = edited((r) => {
      const rule = bands(r, "A1");
      rule.range = { min: 0, max: 90 };
      rule.bands = rule.bands.slice(0, 3);
    });
    expect(messages(rubric)).toEqual([
      "Tiêu chí A1: khoảng khai báo [0 %; 90 %) không phủ hết miền giá trị [0 %; 100 %] của tỷ lệ đảng viên dự.",
    ]);
  });

  it("band points above the criterion's maximum", () => {
    const rubric = edited((r) => {
      const band = bands(r, "C5").bands[3];
      if (band) band.points = 6;
    });
    expect(messages(rubric)).toEqual(["Tiêu chí C5: điểm của mức 6 vượt điểm tối đa 5."]);
  });
});

describe("levels", () => {
  it("thresholds out of order", () => {
    const rubric = edited((r) => {
      const fair = r.levelRules.find((l) => l.level === "FAIR");
      if (fair) fair.minTotal = 95;
    });
    expect(messages(rubric)).toEqual([
      "Ngưỡng xếp loại phải giảm dần theo thứ tự Tốt, Khá, Trung bình, Kém: ngưỡng Khá (95) không thấp hơn ngưỡng Tốt (90).",
    ]);
  });

  it("a gap below the lowest threshold", () => {
    const rubric = edited((r) => {
      const poor = r.levelRules.find((l) => l.level === "POOR");
      if (poor) poor.minTotal = 10;
    });
    expect(messages(rubric)).toEqual([
      "Ngưỡng xếp loại phải phủ từ 0 đến tổng điểm: tổng điểm dưới 10 chưa có mức xếp loại nào (mức thấp nhất cần ngưỡng 0).",
    ]);
  });

  it("a threshold no scorecard can reach", () => {
    const rubric = edited((r) => {
      const good = r.levelRules.find((l) => l.level === "GOOD");
      if (good) good.minTotal = 110;
    });
    expect(messages(rubric)).toEqual([
      "Ngưỡng xếp loại Tốt (110) vượt tổng điểm của khung (100): không phiếu nào đạt được.",
    ]);
  });

  it("a fallback that is not lower, and a condition on an unknown code", () => {
    const rubric = edited((r) => {
      r.levelRules[1] = {
        level: "FAIR",
        minTotal: 70,
        conditions: [{ kind: "fullPoints", code: "X", criteria: ["Z9"] }],
        fallbackLevel: "GOOD",
      };
    });
    expect(messages(rubric)).toEqual([
      "Mức thay thế của mức Khá phải thấp hơn mức Khá.",
      "Điều kiện X của mức Khá tham chiếu mã không tồn tại: Z9.",
    ]);
  });
});

describe("codes and dates", () => {
  it("a duplicated criterion code", () => {
    const rubric = edited((r) => {
      criterion(r, "C6").code = "C5";
    });
    expect(messages(rubric)).toContain('Mã "C5" bị trùng: mỗi nhóm và tiêu chí cần một mã riêng.');
  });

  it("effective dates out of order", () => {
    const rubric = edited((r) => {
      r.effectiveTo = "2025-01-01";
    });
    expect(messages(rubric)).toEqual(["Ngày hết hiệu lực (2025-01-01) phải từ ngày có hiệu lực (2025-10-28) trở đi."]);
  });

  it("an AUTO criterion without a rule", () => {
    const rubric = edited((r) => {
      delete criterion(r, "C7").rule;
    });
    expect(messages(rubric)).toEqual(["Tiêu chí C7 tính tự động nhưng chưa có quy tắc tính."]);
  });
});

describe("importing JSON", () => {
  it("names the misspelt field and the wrong type", () => {
    const json = JSON.parse(JSON.stringify(HD42_2025)) as { groups: { criteria: Record<string, unknown>[] }[]; effectiveFrom: unknown };
    const first = json.groups[0]?.criteria[0];
    if (first) {
      first.maxpoints = 5;
      first.step = "0.5";
    }
    json.effectiveFrom = "28/10/2025";
    const result = parseRubric(json);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.message)).toEqual(
        expect.arrayContaining([
          'Khung tiêu chí tại "effectiveFrom": Ngày phải có dạng YYYY-MM-DD.',
          'Khung tiêu chí tại "groups.0.criteria.0.step": sai kiểu dữ liệu hoặc bị thiếu.',
          'Khung tiêu chí tại "groups.0.criteria.0": có trường không được phép (maxpoints).',
        ]),
      );
    }
  });

  it("the engine refuses to score with an invalid rubric, without throwing", () => {
    const rubric = edited((r) => {
      r.totalPoints = 95;
    });
    const result = score(rubric, {} as MeetingFacts, {});
    expect(result.level).toBeNull();
    expect(result.errors[0]?.message).toBe("Khung tiêu chí HD42_2025 không hợp lệ, không thể chấm điểm.");
  });
});
