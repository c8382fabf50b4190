// HD 42-HD/BTCTW (28/10/2025): the 100-point frame of SPEC §5.2 with the detailed sub-criteria of
// Đảng ủy phường An Phú (Kế hoạch 08-KH/ĐU, 19/9/2025) and the conventions of SPEC §5.3:
// bands include their lower edge except C5 (exactly 50 % → 4); a meeting more than 30 min short and
// shorter than half the required time gets T1 = 1; the P5, K3 and A2 edges are the tenant's settings
// on the meeting day (facts.readings); R1 with no task due defaults to 30 (SPEC §10.3); without a thematic
// part C3 does not apply and C2 is worth 15 (SPEC §10.2 default thematicMode).
import type { Rubric } from "../model";

export const HD42_2025: Rubric = {
  code: "HD42_2025",
  version: 1,
  name: "Khung đánh giá chất lượng sinh hoạt chi bộ theo Hướng dẫn 42-HD/BTCTW",
  description:
    "Khung 100 điểm theo Hướng dẫn 42-HD/BTCTW với tiêu chí chi tiết của Đảng ủy phường An Phú (Kế hoạch 08-KH/ĐU). Chưa đối chiếu với văn bản chính thức: các mức điểm là dữ liệu, có thể chỉnh.",
  issuer: "Ban Tổ chức Trung ương",
  legalBasis:
    "Hướng dẫn 42-HD/BTCTW ngày 28/10/2025 thực hiện Chỉ thị 50-CT/TW; tiêu chí chi tiết theo Kế hoạch 08-KH/ĐU ngày 19/9/2025 của Đảng ủy phường An Phú",
  scope: "NATIONAL",
  effectiveFrom: "2025-10-28",
  effectiveTo: null,
  meetingKinds: ["REGULAR", "THEMATIC", "COMBINED"],
  totalPoints: 100,
  groups: [
    {
      code: "T",
      name: "Chấp hành thời gian, thời lượng",
      points: 5,
      criteria: [
        {
          code: "T1",
          name: "Thời lượng sinh hoạt so với thời lượng yêu cầu",
          maxPoints: 5,
          step: 0.5,
          mode: "AUTO",
          guidance: "Thiếu s = R − thực tế: s ≤ 0 → 5; s ≤ 15 → 4; s ≤ 30 → 3; s > 30 và thực tế từ một nửa R trở lên → 2; s > 30 và dưới một nửa R → 1.",
          rule: {
            id: "bands",
            measure: "durationShortfallMinutes",
            range: { min: null, max: null },
            bands: [
              { min: null, max: 0, maxInclusive: true, points: 5 },
              { min: 0, minInclusive: false, max: 15, maxInclusive: true, points: 4 },
              { min: 15, minInclusive: false, max: 30, maxInclusive: true, points: 3 },
              { min: 30, minInclusive: false, max: null, points: 2 },
            ],
            // SPEC §5.3's order: the shortfall bands first; "actual < R/2 → 1" only once s > 30
            // (required 45, held 20: s = 25 → 3). The stricter reading (half first) is the tenant
            // setting scoring.halfDurationFirst.
            overrides: [{ measure: "durationPercentOfRequired", min: 0, max: 50, points: 1, within: { min: 30, minInclusive: false, max: null } }],
          },
        },
      ],
    },
    {
      code: "A",
      name: "Tỷ lệ đảng viên dự",
      points: 5,
      criteria: [
        {
          code: "A1",
          name: "Tỷ lệ đảng viên dự sinh hoạt",
          maxPoints: 4,
          step: 0.5,
          mode: "AUTO",
          guidance: "Có đảng viên vắng không lý do → 1. Ngoài ra: từ 90% → 4; từ 75% → 3; từ 65% → 2; dưới 65% → 1.",
          rule: {
            id: "bands",
            measure: "attendancePercent",
            range: { min: 0, max: 100, maxInclusive: true },
            bands: [
              { min: 0, max: 65, points: 1 },
              { min: 65, max: 75, points: 2 },
              { min: 75, max: 90, points: 3 },
              { min: 90, max: 100, maxInclusive: true, points: 4 },
            ],
            overrides: [{ measure: "unexcusedAbsences", min: 1, max: null, points: 1 }],
          },
        },
        {
          code: "A2",
          name: "Không có đảng viên vắng có lý do quá 3 lần liên tiếp trong năm",
          maxPoints: 1,
          step: 0.5,
          mode: "AUTO",
          rule: {
            id: "bands",
            measure: "longestExcusedStreak",
            range: { min: 0, max: null },
            edgeFrom: "maxExcusedStreak",
            bands: [
              { min: 0, max: 3, maxInclusive: true, points: 1 },
              { min: 3, minInclusive: false, max: null, points: 0 },
            ],
          },
        },
      ],
    },
    {
      code: "P",
      name: "Công tác chuẩn bị",
      points: 10,
      criteria: [
        {
          code: "P1",
          name: "Nội dung đúng, đủ, trọng tâm, sát tình hình cơ sở",
          maxPoints: 3,
          step: 0.5,
          mode: "MANUAL",
        },
        {
          code: "P2",
          name: "Có định hướng thảo luận và dự thảo kết luận hoặc nghị quyết",
          maxPoints: 2,
          step: 0.5,
          mode: "MANUAL",
        },
        {
          code: "P3",
          name: "Chi ủy họp chuẩn bị và có biên bản",
          maxPoints: 2,
          step: 0.5,
          mode: "AUTO",
          guidance: "Đủ điểm khi chi bộ không có chi ủy.",
          rule: { id: "flags", facts: ["preMeetingHeld", "preMeetingMinuted"], notRequiredWhenFalse: "hasCommittee" },
        },
        {
          code: "P4",
          name: "Thông báo đến toàn thể đảng viên và cấp ủy viên cấp trên theo dõi chi bộ",
          maxPoints: 1,
          step: 0.5,
          mode: "AUTO",
          rule: { id: "flags", facts: ["noticeToAllMembers", "noticeToOverseer"] },
        },
        {
          code: "P5",
          name: "Đăng tài liệu lên Sổ tay đảng viên trước ít nhất 01 ngày",
          maxPoints: 2,
          step: 0.5,
          mode: "AUTO",
          rule: {
            id: "bands",
            measure: "documentsLeadHours",
            range: { min: null, max: null },
            edgeFrom: "docsLeadHours",
            bands: [
              { min: null, max: 24, points: 0 },
              { min: 24, max: null, points: 2 },
            ],
            whenMissing: 0,
          },
        },
      ],
    },
    {
      code: "C",
      name: "Tổ chức sinh hoạt",
      points: 30,
      criteria: [
        { code: "C1", name: "Thực hiện đầy đủ các bước của quy trình sinh hoạt", maxPoints: 5, step: 0.5, mode: "MANUAL" },
        {
          code: "C2",
          name: "Nội dung sinh hoạt thường kỳ",
          maxPoints: 10,
          step: 0.5,
          mode: "MANUAL",
          guidance: "Tối đa 15 điểm khi kỳ sinh hoạt không có phần chuyên đề.",
        },
        {
          code: "C3",
          name: "Nội dung sinh hoạt chuyên đề",
          maxPoints: 5,
          step: 0.5,
          mode: "MANUAL",
          appliesWhen: { hasThematicPart: true },
        },
        {
          code: "C4",
          name: "Biểu dương gương điển hình; nhắc nhở đảng viên chưa hoàn thành nhiệm vụ, vi phạm cam kết",
          maxPoints: 2,
          step: 0.5,
          mode: "MANUAL",
        },
        {
          code: "C5",
          name: "Tỷ lệ đảng viên có mặt tham gia phát biểu",
          maxPoints: 5,
          step: 0.5,
          mode: "AUTO",
          guidance: "Trên 50% → 5; từ 40% đến 50% → 4; từ 30% đến dưới 40% → 3; dưới 30% → 2.",
          rule: {
            id: "bands",
            measure: "speakersPercent",
            range: { min: 0, max: 100, maxInclusive: true },
            bands: [
              { min: 0, max: 30, points: 2 },
              { min: 30, max: 40, points: 3 },
              // The one band that includes its upper edge: exactly 50 % scores 4 (SPEC §5.3).
              { min: 40, max: 50, maxInclusive: true, points: 4 },
              { min: 50, minInclusive: false, max: 100, maxInclusive: true, points: 5 },
            ],
          },
        },
        { code: "C6", name: "Biên bản ghi đầy đủ", maxPoints: 1, step: 0.5, mode: "MANUAL" },
        {
          code: "C7",
          name: "Dành 15–30 phút sinh hoạt tư tưởng, tự phê bình và phê bình",
          maxPoints: 1,
          step: 0.5,
          mode: "AUTO",
          rule: {
            id: "bands",
            measure: "ideologyMinutes",
            range: { min: 0, max: null },
            bands: [
              { min: 0, max: 15, points: 0 },
              { min: 15, max: null, points: 1 },
            ],
          },
        },
        {
          code: "C8",
          name: "Tài liệu sinh hoạt được đăng trên Sổ tay đảng viên",
          maxPoints: 1,
          step: 0.5,
          mode: "AUTO",
          rule: { id: "flags", facts: ["documentsPosted"] },
        },
      ],
    },
    {
      code: "B",
      name: "Vai trò chủ trì của bí thư",
      points: 10,
      criteria: [
        { code: "B1", name: "Điều hành linh hoạt", maxPoints: 2, step: 0.5, mode: "MANUAL" },
        { code: "B2", name: "Định hướng, gợi mở thảo luận", maxPoints: 4, step: 0.5, mode: "MANUAL" },
        { code: "B3", name: "Phát huy dân chủ, tạo không khí cởi mở", maxPoints: 3, step: 0.5, mode: "MANUAL" },
        { code: "B4", name: "Tổng hợp ý kiến, kết luận", maxPoints: 1, step: 0.5, mode: "MANUAL" },
      ],
    },
    {
      code: "N",
      name: "Nguyên tắc tổ chức, sinh hoạt đảng",
      points: 5,
      criteria: [
        { code: "N1", name: "Thực hiện nguyên tắc tập trung dân chủ", maxPoints: 1, step: 0.5, mode: "MANUAL" },
        { code: "N2", name: "Tự phê bình và phê bình, không nể nang, né tránh", maxPoints: 2, step: 0.5, mode: "MANUAL" },
        { code: "N3", name: "Bảo đảm tính lãnh đạo, tính giáo dục, tính chiến đấu", maxPoints: 1, step: 0.5, mode: "MANUAL" },
        { code: "N4", name: "Thông tin kịp thời đến đảng viên", maxPoints: 1, step: 0.5, mode: "MANUAL" },
      ],
    },
    {
      code: "R",
      name: "Kết quả thực hiện nghị quyết kỳ trước",
      points: 30,
      criteria: [
        {
          code: "R1",
          name: "Tỷ lệ chỉ tiêu, nhiệm vụ của nghị quyết kỳ trước hoàn thành",
          maxPoints: 30,
          step: 0.5,
          mode: "AUTO",
          guidance: "Từ 90% → 30; từ 80% → 27; từ 70% → 24; từ 60% → 20; từ 50% → 15; dưới 50% → 10. Không có nhiệm vụ đến hạn → 30.",
          rule: {
            id: "bands",
            measure: "targetsMetPercent",
            range: { min: 0, max: 100, maxInclusive: true },
            bands: [
              { min: 0, max: 50, points: 10 },
              { min: 50, max: 60, points: 15 },
              { min: 60, max: 70, points: 20 },
              { min: 70, max: 80, points: 24 },
              { min: 80, max: 90, points: 27 },
              { min: 90, max: 100, maxInclusive: true, points: 30 },
            ],
            whenMissing: 30,
          },
        },
      ],
    },
    {
      code: "K",
      name: "Kết thúc",
      points: 5,
      criteria: [
        { code: "K1", name: "Thông qua kết luận", maxPoints: 2, step: 0.5, mode: "MANUAL" },
        { code: "K2", name: "Thông qua biên bản, nghị quyết; phân công nhiệm vụ", maxPoints: 2, step: 0.5, mode: "MANUAL" },
        {
          code: "K3",
          name: "Đăng văn bản cuối cùng và báo cáo cấp trên trong 02 ngày sau cuộc họp",
          maxPoints: 1,
          step: 0.5,
          mode: "AUTO",
          rule: {
            id: "bands",
            measure: "finalDocumentsDelayHours",
            range: { min: 0, max: null },
            edgeFrom: "postMeetingPostHours",
            bands: [
              { min: 0, max: 48, maxInclusive: true, points: 1 },
              { min: 48, minInclusive: false, max: null, points: 0 },
            ],
            whenMissing: 0,
          },
        },
      ],
    },
  ],
  thematicVariants: [
    {
      hasThematicPart: false,
      description: "Không có phần chuyên đề: tiêu chí C3 không áp dụng, C2 tối đa 15 điểm.",
      maxPoints: { C2: 15 },
    },
    {
      // Issue 14 (our modelling choice): a pure THEMATIC meeting has no regular content, so it is not
      // marked on C2; its thematic content (C3) carries the 15 points instead. Group C stays 30.
      hasThematicPart: true,
      pureThematic: true,
      description: "Sinh hoạt chuyên đề riêng: tiêu chí C2 (nội dung thường kỳ) không áp dụng, C3 (nội dung chuyên đề) tối đa 15 điểm.",
      notApplicable: ["C2"],
      maxPoints: { C3: 15 },
    },
  ],
  levelRules: [
    { level: "GOOD", minTotal: 90 },
    { level: "FAIR", minTotal: 70 },
    { level: "AVERAGE", minTotal: 50 },
    { level: "POOR", minTotal: 0 },
  ],
};
