// HD 12 hard checks H1–H8 (SPEC §5.1). A rubric uses them as level conditions; their thresholds are
// parameters of the condition so a tenant can change them without code.
import { compareRatio, formatPercent, percentOf, ratioFromDecimal } from "@/lib/exact/ratio";
import type { MeetingFacts } from "./facts";
import type { HardCheckId } from "./model";

export const HARD_CHECK_NAMES: Record<HardCheckId, string> = {
  H1: "Tỷ lệ đảng viên dự trên 85%",
  H2: "Không có đảng viên vắng không lý do",
  H3: "Không có đảng viên vắng có lý do quá 3 lần liên tiếp trong năm",
  H4: "Thời lượng sinh hoạt từ 90 phút trở lên",
  H5: "Chi ủy họp trước để chuẩn bị",
  H6: "Có dự thảo nghị quyết",
  H7: "Biên bản ghi đầy đủ",
  H8: "Bí thư hoặc phó bí thư trực tiếp chuẩn bị",
};

/** Defaults of the parameters each check reads. */
export const HARD_CHECK_DEFAULTS = {
  H1: { ratePercent: 85 },
  H3: { maxConsecutive: 3 },
  H4: { minMinutes: 90 },
} as const;

export interface HardCheckOutcome {
  held: boolean;
  explanation: string;
}

function param(params: Readonly<Record<string, number>> | undefined, key: string, fallback: number): number {
  return params?.[key] ?? fallback;
}

export function evaluateHardCheck(
  check: HardCheckId,
  f: MeetingFacts,
  params?: Readonly<Record<string, number>>,
): HardCheckOutcome {
  switch (check) {
    case "H1": {
      // One source per threshold: the tenant's attendance.minRatePercent on the meeting day, when the
      // facts carry it, is the value the attendance page shows; else the condition's parameter.
      const threshold = f.readings?.minRatePercent ?? param(params, "ratePercent", HARD_CHECK_DEFAULTS.H1.ratePercent);
      const rate = percentOf(f.present, f.attendanceDenominator);
      // HD 12 says "trên 85%": strictly more than the threshold (E5: 86.36 % passes).
      const edge = ratioFromDecimal(threshold);
      const held = edge !== null && compareRatio(rate, edge) > 0;
      const shown = `${f.present}/${f.attendanceDenominator} = ${formatPercent(rate)}`;
      return { held, explanation: held ? `Tỷ lệ dự ${shown}, trên ${threshold} %.` : `Tỷ lệ dự ${shown}, không vượt ${threshold} %.` };
    }
    case "H2":
      return f.absentUnexcused === 0
        ? { held: true, explanation: "Không có đảng viên vắng không lý do." }
        : { held: false, explanation: `Có ${f.absentUnexcused} đảng viên vắng không lý do.` };
    case "H3": {
      const max = f.readings?.maxExcusedStreak ?? param(params, "maxConsecutive", HARD_CHECK_DEFAULTS.H3.maxConsecutive);
      const held = f.longestExcusedStreak <= max;
      return {
        held,
        explanation: held
          ? `Chuỗi vắng có lý do liên tiếp dài nhất ${f.longestExcusedStreak} kỳ, không quá ${max} kỳ.`
          : `Có đảng viên vắng có lý do ${f.longestExcusedStreak} kỳ liên tiếp, quá ${max} kỳ.`,
      };
    }
    case "H4": {
      const min = param(params, "minMinutes", HARD_CHECK_DEFAULTS.H4.minMinutes);
      const held = f.actualMinutes >= min;
      return {
        held,
        explanation: held ? `Thời lượng ${f.actualMinutes} phút, đạt tối thiểu ${min} phút.` : `Thời lượng ${f.actualMinutes} phút, dưới ${min} phút.`,
      };
    }
    case "H5":
      if (!f.hasCommittee) return { held: true, explanation: "Chi bộ không có chi ủy; bí thư, phó bí thư thống nhất nội dung." };
      return f.preMeetingHeld
        ? { held: true, explanation: "Chi ủy đã họp trước để chuẩn bị." }
        : { held: false, explanation: "Chi ủy không họp trước để chuẩn bị." };
    case "H6":
      return f.draftResolutionExists
        ? { held: true, explanation: "Có dự thảo nghị quyết." }
        : { held: false, explanation: "Không có dự thảo nghị quyết." };
    case "H7":
      return f.minutesComplete
        ? { held: true, explanation: "Biên bản ghi đầy đủ." }
        : { held: false, explanation: "Biên bản chưa ghi đầy đủ." };
    case "H8":
      return f.preparedBySecretaryOrDeputy
        ? { held: true, explanation: "Bí thư hoặc phó bí thư trực tiếp chuẩn bị." }
        : { held: false, explanation: "Không do bí thư hoặc phó bí thư chuẩn bị." };
  }
}
