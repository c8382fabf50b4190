// The built-in QĐ 366-QĐ/TW (30/8/2025) frames: one for party organisations (annex 1), one for
// members with a leadership or management post (annex 3), one for members without one (annex 4).
// SPEC §7: the 30 general + 70 task points and the level conditions are the text's; the split of the
// 30 among its themes and the items of the task part are NOT confirmed (our modelling choice, with
// the themes the SPEC lists as default items). They ship read-only: a tenant clones and edits them.
import type { Frame, LevelRule } from "../model";

const BASIS = "Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị";
const ISSUER = "Bộ Chính trị (khung mặc định của phần mềm; chia điểm từng tiêu chí chưa được đối chiếu văn bản gốc)";
const EFFECTIVE_FROM = "2025-08-30";

/** Hoàn thành xuất sắc ≥ 90, tốt 70–<90, hoàn thành 50–<70, không hoàn thành < 50 (SPEC §7). */
function levels(collective: boolean): LevelRule[] {
  return [
    {
      level: "EXCELLENT",
      minTotal: 90,
      conditions: [
        { code: "XS_DUNG_HAN", fact: "allTasksOnTime", test: "true" },
        { code: "XS_VUOT_MUC", fact: "exceededPercent", test: "atLeast", value: 30 },
        ...(collective ? [{ code: "XS_KHONG_KY_LUAT", fact: "disciplined" as const, test: "false" as const, name: "Tập thể và cá nhân trong tập thể không bị thi hành kỷ luật trong kỳ" }] : []),
      ],
    },
    { level: "GOOD", minTotal: 70, conditions: [{ code: "TOT_DUNG_HAN", fact: "allTasksOnTime", test: "true" }] },
    { level: "COMPLETED", minTotal: 50, conditions: [{ code: "HT_CHAM_TOI_DA", fact: "latePercent", test: "atMost", value: 20 }] },
    { level: "NOT_COMPLETED", minTotal: 0 },
  ];
}

const GENERAL_MEMBER = {
  code: "G",
  name: "Tiêu chí chung",
  part: "GENERAL",
  points: 30,
  criteria: [
    {
      code: "C1",
      name: "Phẩm chất chính trị, đạo đức, lối sống; ý thức tổ chức kỷ luật, tinh thần nêu gương",
      maxPoints: 10,
      step: 0.5,
      guidance: "Chấp hành chủ trương, điều lệ, quy định; sinh hoạt đảng đầy đủ; lối sống giản dị, gương mẫu.",
      evidence: ["memberAttendance", "exemptions"],
    },
    {
      code: "C2",
      name: "Tư duy đổi mới, tầm nhìn; khát vọng cống hiến, dám nghĩ, dám làm, dám chịu trách nhiệm",
      maxPoints: 10,
      step: 0.5,
      guidance: "Tự đánh giá, ghi nhận xét cụ thể (sáng kiến, đề xuất, việc khó đã làm).",
    },
    {
      code: "C3",
      name: "Tự phê bình và phê bình; tự sửa chữa hạn chế, khuyết điểm đã được chỉ ra",
      maxPoints: 10,
      step: 0.5,
      guidance: "Tham gia ý kiến trong sinh hoạt chi bộ; kết quả khắc phục hạn chế của kỳ trước.",
      evidence: ["speeches"],
    },
  ],
} as const satisfies Frame["groups"][number];

export const QD366_COLLECTIVE: Frame = {
  code: "QD366_TAP_THE",
  version: 1,
  name: "Khung đánh giá, xếp loại tổ chức đảng (QĐ 366, phụ lục 1)",
  description:
    "Chi bộ, đảng bộ bộ phận, đảng bộ cơ sở và chi bộ cơ sở: 30 điểm tiêu chí chung về xây dựng Đảng và 70 điểm kết quả lãnh đạo thực hiện nhiệm vụ. Các mức và điều kiện theo QĐ 366; cách chia điểm là mặc định của phần mềm.",
  issuer: ISSUER,
  legalBasis: BASIS,
  subject: "COLLECTIVE",
  effectiveFrom: EFFECTIVE_FROM,
  periods: ["YEAR", "QUARTER", "TERM"],
  totalPoints: 100,
  groups: [
    {
      code: "G",
      name: "Tiêu chí chung: xây dựng Đảng",
      part: "GENERAL",
      points: 30,
      criteria: [
        {
          code: "CT",
          name: "Xây dựng Đảng về chính trị, tư tưởng, đạo đức; học tập, quán triệt nghị quyết",
          maxPoints: 10,
          step: 0.5,
          guidance: "Sinh hoạt chuyên đề đủ chỉ tiêu mỗi quý; nắm tình hình tư tưởng đảng viên.",
          evidence: ["thematic"],
        },
        {
          code: "TC",
          name: "Xây dựng tổ chức: chế độ và chất lượng sinh hoạt chi bộ, công tác đảng viên",
          maxPoints: 10,
          step: 0.5,
          guidance: "Sinh hoạt đủ kỳ, chất lượng sinh hoạt hằng tháng, tỷ lệ đảng viên dự.",
          evidence: ["meetings", "unitAttendance"],
        },
        {
          code: "KT",
          name: "Kiểm tra, giám sát; nguyên tắc tập trung dân chủ, tự phê bình và phê bình",
          maxPoints: 10,
          step: 0.5,
          guidance: "Tiếp thu ý kiến của cấp ủy cấp trên khi dự sinh hoạt; xử lý các việc cần theo dõi.",
          evidence: ["oversight"],
        },
      ],
    },
    {
      code: "N",
      name: "Kết quả thực hiện nhiệm vụ",
      part: "TASKS",
      points: 70,
      criteria: [
        {
          code: "NV1",
          name: "Lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan, đơn vị",
          maxPoints: 40,
          step: 0.5,
          guidance: "Kết quả các chỉ tiêu chuyên môn của cơ quan, đơn vị trong năm; ghi nhận xét cụ thể.",
        },
        {
          code: "NV2",
          name: "Thực hiện nghị quyết, chỉ tiêu, nhiệm vụ chi bộ đề ra trong kỳ",
          maxPoints: 20,
          step: 0.5,
          guidance: "Tỷ lệ nhiệm vụ phân công trong nghị quyết được hoàn thành.",
          evidence: ["resolutions"],
        },
        {
          code: "NV3",
          name: "Lãnh đạo các đoàn thể; khắc phục hạn chế, khuyết điểm đã được cấp trên chỉ ra",
          maxPoints: 10,
          step: 0.5,
          guidance: "Ghi nhận xét cụ thể.",
        },
      ],
    },
  ],
  levels: levels(true),
};

export const QD366_MEMBER_LEADER: Frame = {
  code: "QD366_LANH_DAO",
  version: 1,
  name: "Khung đánh giá, xếp loại đảng viên giữ chức vụ lãnh đạo, quản lý (QĐ 366, phụ lục 3)",
  description:
    "Đảng viên là cán bộ lãnh đạo, quản lý (bí thư, phó bí thư, cấp ủy viên; trưởng, phó cơ quan, đơn vị): 30 điểm tiêu chí chung và 70 điểm kết quả thực hiện chức trách, nhiệm vụ.",
  issuer: ISSUER,
  legalBasis: BASIS,
  subject: "MEMBER_LEADER",
  effectiveFrom: EFFECTIVE_FROM,
  periods: ["YEAR", "QUARTER", "TERM"],
  totalPoints: 100,
  groups: [
    GENERAL_MEMBER,
    {
      code: "N",
      name: "Kết quả thực hiện chức trách, nhiệm vụ",
      part: "TASKS",
      points: 70,
      criteria: [
        {
          code: "N1",
          name: "Kết quả thực hiện nhiệm vụ của lĩnh vực, cơ quan, đơn vị được giao phụ trách",
          maxPoints: 30,
          step: 0.5,
          guidance: "Ghi các chỉ tiêu chủ yếu và mức hoàn thành.",
        },
        {
          code: "N2",
          name: "Năng lực lãnh đạo, quản lý, tổ chức thực hiện; xây dựng tập thể đoàn kết",
          maxPoints: 15,
          step: 0.5,
          guidance: "Ghi nhận xét cụ thể.",
        },
        {
          code: "N3",
          name: "Thực hiện nhiệm vụ chi bộ phân công và cam kết tu dưỡng, rèn luyện, phấn đấu đầu năm",
          maxPoints: 15,
          step: 0.5,
          evidence: ["tasks", "commitments"],
        },
        {
          code: "N4",
          name: "Nhận xét của chi ủy, ban công tác mặt trận nơi cư trú (QĐ 213)",
          maxPoints: 10,
          step: 0.5,
          evidence: ["residence"],
        },
      ],
    },
  ],
  levels: levels(false),
};

export const QD366_MEMBER: Frame = {
  code: "QD366_DANG_VIEN",
  version: 1,
  name: "Khung đánh giá, xếp loại đảng viên không giữ chức vụ lãnh đạo, quản lý (QĐ 366, phụ lục 4)",
  description:
    "Đảng viên không giữ chức vụ lãnh đạo, quản lý: 30 điểm tiêu chí chung và 70 điểm kết quả thực hiện nhiệm vụ (nhiệm vụ chi bộ phân công, cam kết đầu năm, nhận xét nơi cư trú).",
  issuer: ISSUER,
  legalBasis: BASIS,
  subject: "MEMBER",
  effectiveFrom: EFFECTIVE_FROM,
  periods: ["YEAR", "QUARTER", "TERM"],
  totalPoints: 100,
  groups: [
    GENERAL_MEMBER,
    {
      code: "N",
      name: "Kết quả thực hiện nhiệm vụ",
      part: "TASKS",
      points: 70,
      criteria: [
        {
          code: "N1",
          name: "Thực hiện nhiệm vụ chi bộ phân công",
          maxPoints: 40,
          step: 0.5,
          guidance: "Các nhiệm vụ được giao trong nghị quyết hằng tháng và kết quả.",
          evidence: ["tasks"],
        },
        {
          code: "N2",
          name: "Thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu đăng ký đầu năm",
          maxPoints: 15,
          step: 0.5,
          evidence: ["commitments"],
        },
        {
          code: "N3",
          name: "Nhận xét của chi ủy, ban công tác mặt trận nơi cư trú (QĐ 213)",
          maxPoints: 15,
          step: 0.5,
          evidence: ["residence"],
        },
      ],
    },
  ],
  levels: levels(false),
};
