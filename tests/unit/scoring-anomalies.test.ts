// Reviewers' anomaly flags (issue 5): each flag on its own, at and just past its threshold.
import { describe, expect, it } from "vitest";
import { anomalyFlags, type AnomalyCard } from "@/lib/scoring/anomalies";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { HD12_2018 } from "@/lib/scoring/rubrics";
import { SETTINGS } from "@/lib/settings/registry";

/** A card nobody should look at twice: 95 of 90 minutes, minutes written, overseer close to self. */
const clean: AnomalyCard = {
  selfLevel: "GOOD",
  selfConditions: [{ code: "H1", name: "Tỷ lệ đảng viên dự trên 85%", held: true }],
  actualMinutes: 95,
  requiredMinutes: 90,
  minutesPresent: true,
  selfTotalTenths: 920,
  overseerTotalTenths: 900,
};
const noHistory = { otherMonthTotalsTenths: [] };
const codes = (card: Partial<AnomalyCard>, others: number[] = [], options = {}) =>
  anomalyFlags({ ...clean, ...card }, { otherMonthTotalsTenths: others }, options).map((f) => f.code);

describe("anomalyFlags", () => {
  it("raises nothing on an ordinary card", () => {
    expect(anomalyFlags(clean, noHistory)).toEqual([]);
  });

  describe("Tốt proposed while a level condition fails", () => {
    it("names every failed condition of the self result", () => {
      const flags = anomalyFlags(
        {
          ...clean,
          selfConditions: [
            { code: "H1", name: "Tỷ lệ đảng viên dự trên 85%", held: false },
            { code: "H2", name: "Không có đảng viên vắng không lý do", held: true },
            { code: "H4", name: "Thời lượng sinh hoạt từ 90 phút trở lên", held: false },
          ],
        },
        noHistory,
      );
      expect(flags).toEqual([
        {
          code: "GOOD_WITH_FAILED_CONDITION",
          message: "Tự xếp loại Tốt nhưng điều kiện H1 (Tỷ lệ đảng viên dự trên 85%), H4 (Thời lượng sinh hoạt từ 90 phút trở lên) không đạt.",
        },
      ]);
    });

    it("reads the conditions of a real HD 12 result (SPEC E7 fails H1, H4, H6)", () => {
      const facts: MeetingFacts = {
        kind: "REGULAR",
        hasThematicPart: false,
        requiredMinutes: 90,
        actualMinutes: 55,
        present: 7,
        attendanceDenominator: 9,
        absentExcused: 2,
        absentUnexcused: 0,
        longestExcusedStreak: 2,
        speakers: 2,
        ideologyMinutes: 5,
        documentsLeadMinutes: 600,
        finalDocumentsDelayMinutes: 4 * 24 * 60,
        hasCommittee: true,
        preMeetingHeld: true,
        preMeetingMinuted: true,
        noticeToAllMembers: true,
        noticeToOverseer: true,
        previousTargets: { met: 6, total: 10 },
        draftResolutionExists: false,
        preparedBySecretaryOrDeputy: true,
        minutesComplete: true,
      };
      const result = score(HD12_2018, facts, {});
      const flag = anomalyFlags({ ...clean, selfConditions: result.conditions, actualMinutes: 55 }, noHistory).find(
        (f) => f.code === "GOOD_WITH_FAILED_CONDITION",
      );
      expect(flag?.message).toMatch(/^Tự xếp loại Tốt nhưng điều kiện H1 \(.*\), H4 \(.*\), H6 \(.*\) không đạt\.$/);
    });

    it("is silent when the proposal is not Tốt, or when every condition held", () => {
      const failing = [{ code: "H2", name: "Không có đảng viên vắng không lý do", held: false }];
      expect(codes({ selfLevel: "FAIR", selfConditions: failing })).toEqual([]);
      expect(codes({ selfLevel: null, selfConditions: failing })).toEqual([]);
      expect(codes({ selfConditions: [{ code: "H2", name: "x", held: true }] })).toEqual([]);
    });
  });

  describe("duration under the minimum", () => {
    it("75 of 90 minutes is flagged with both figures", () => {
      expect(anomalyFlags({ ...clean, actualMinutes: 75 }, noHistory)).toEqual([
        { code: "SHORT_DURATION", message: "Thời lượng 75/90 phút, dưới mức tối thiểu." },
      ]);
    });

    it("exactly the minimum is not, nor a meeting without times yet", () => {
      expect(codes({ actualMinutes: 90 })).toEqual([]);
      expect(codes({ actualMinutes: 89 })).toEqual(["SHORT_DURATION"]);
      expect(codes({ actualMinutes: null })).toEqual([]);
      expect(codes({ actualMinutes: 100, requiredMinutes: 120 })).toEqual(["SHORT_DURATION"]);
    });
  });

  it("no minutes", () => {
    expect(anomalyFlags({ ...clean, minutesPresent: false }, noHistory)).toEqual([{ code: "NO_MINUTES", message: "Chưa có biên bản." }]);
  });

  describe("overseer adjustment", () => {
    it("10 points is within the default threshold, 10,5 is past it", () => {
      expect(codes({ selfTotalTenths: 920, overseerTotalTenths: 820 })).toEqual([]);
      const flags = anomalyFlags({ ...clean, selfTotalTenths: 920, overseerTotalTenths: 815 }, noHistory);
      expect(flags).toEqual([
        {
          code: "OVERSEER_ADJUSTED",
          message: "Cấp ủy cấp trên điều chỉnh 10,5 điểm (> 10): chi bộ tự chấm 92, cấp trên chấm 81,5.",
        },
      ]);
    });

    it("counts a raise as much as a cut, and waits for both scores", () => {
      expect(codes({ selfTotalTenths: 700, overseerTotalTenths: 820 })).toEqual(["OVERSEER_ADJUSTED"]);
      expect(anomalyFlags({ ...clean, selfTotalTenths: 700, overseerTotalTenths: 820 }, noHistory)[0]?.message).toBe(
        "Cấp ủy cấp trên điều chỉnh 12 điểm (> 10): chi bộ tự chấm 70, cấp trên chấm 82.",
      );
      expect(codes({ selfTotalTenths: 700, overseerTotalTenths: null })).toEqual([]);
      expect(codes({ selfTotalTenths: null, overseerTotalTenths: 820 })).toEqual([]);
    });

    it("takes the threshold as a parameter (a tenant setting), halves included", () => {
      expect(codes({ selfTotalTenths: 900, overseerTotalTenths: 850 }, [], { adjustPoints: 5 })).toEqual([]);
      expect(codes({ selfTotalTenths: 900, overseerTotalTenths: 845 }, [], { adjustPoints: 5 })).toEqual(["OVERSEER_ADJUSTED"]);
      expect(codes({ selfTotalTenths: 900, overseerTotalTenths: 825 }, [], { adjustPoints: 7.5 })).toEqual([]);
      expect(codes({ selfTotalTenths: 900, overseerTotalTenths: 824 }, [], { adjustPoints: 7.5 })).toEqual(["OVERSEER_ADJUSTED"]);
    });
  });

  describe("identical totals across the year's months", () => {
    const same = { selfTotalTenths: 950, overseerTotalTenths: 950 };

    it("three scored months with one total are flagged, two are not (default 3)", () => {
      expect(codes(same, [950])).toEqual([]);
      expect(anomalyFlags({ ...clean, ...same }, { otherMonthTotalsTenths: [950, 950] })).toEqual([
        { code: "IDENTICAL_MONTHS", message: "Điểm giống hệt nhau ở cả 3 tháng đã chấm (95 điểm)." },
      ]);
    });

    it("one different month, even by half a point, clears it", () => {
      expect(codes(same, [950, 950, 950, 945, 950])).toEqual([]);
    });

    it("compares this card's effective total: final, else overseer, else self", () => {
      expect(codes({ selfTotalTenths: 900, overseerTotalTenths: 950 }, [950, 950])).toEqual(["IDENTICAL_MONTHS"]);
      expect(codes({ selfTotalTenths: 950, overseerTotalTenths: 950, finalTotalTenths: 900 }, [950, 950])).toEqual([]);
      expect(codes({ selfTotalTenths: 950, overseerTotalTenths: null }, [950, 950])).toEqual(["IDENTICAL_MONTHS"]);
      expect(codes({ selfTotalTenths: null, overseerTotalTenths: null }, [950, 950, 950])).toEqual([]);
    });

    it("takes the minimum count as a parameter and says how many months", () => {
      expect(codes(same, [950, 950, 950, 950], { identicalMonths: 6 })).toEqual([]);
      expect(anomalyFlags({ ...clean, ...same }, { otherMonthTotalsTenths: [950, 950, 950, 950, 950] }, { identicalMonths: 6 })).toEqual([
        { code: "IDENTICAL_MONTHS", message: "Điểm giống hệt nhau ở cả 6 tháng đã chấm (95 điểm)." },
      ]);
    });
  });

  it("reports every flag of a card at once, in a stable order", () => {
    expect(
      codes(
        { selfConditions: [{ code: "H4", name: "x", held: false }], actualMinutes: 60, minutesPresent: false, selfTotalTenths: 950, overseerTotalTenths: 700 },
        [700, 700],
      ),
    ).toEqual(["GOOD_WITH_FAILED_CONDITION", "SHORT_DURATION", "NO_MINUTES", "OVERSEER_ADJUSTED", "IDENTICAL_MONTHS"]);
  });

  it("has tenant settings with the documented defaults", () => {
    expect(SETTINGS["scoring.anomalyAdjustPoints"].default).toBe(10);
    expect(SETTINGS["scoring.anomalyIdenticalMonths"].default).toBe(3);
    expect(SETTINGS["scoring.anomalyIdenticalMonths"].schema.safeParse(1).success).toBe(false);
  });
});
