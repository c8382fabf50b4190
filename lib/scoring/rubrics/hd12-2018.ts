// HD 12-HD/BTCTW (06/7/2018) had five criteria and no national points (SPEC §5.1). Provinces turned
// it into 100-point sheets; we use Phú Thọ's groups (preparation 15, attendance 20, conduct 45,
// closing 20, SPEC §5.4). Phú Thọ's sub-items are unconfirmed, so the split below is ours:
//
//   HD 12 criterion                  → group, items (points)                         hard check
//   1 Tỷ lệ đảng viên dự             → A: A1 rate > 85 % (10)                        H1
//                                         A2 no unexcused absence (5)                H2
//                                         A3 no excused streak > 3 (5)               H3
//   2 Công tác chuẩn bị              → P: P1 prepared by bí thư / phó bí thư (2)     H8
//                                         P2 chi ủy met beforehand (3)               H5
//                                         P3 draft resolution (3)                    H6
//                                         P4 content correct and focused (5, manual)
//                                         P5 notice to members (2)
//   3 Tổ chức sinh hoạt              → C: C1 duration ≥ 90 min (10)                  H4
//                                         C2 order of business, content, praise and criticism (10, manual)
//                                         C3 many speakers (5)
//                                         C4 minutes complete (5)                    H7
//   4 Nguyên tắc                     → C: C5 democratic centralism (8, manual)
//                                         C6 self-criticism and criticism (7, manual)
//   5 Kết quả thực hiện nghị quyết   → K: K1 conclusion adopted, tasks assigned (5, manual)
//                                         K2 previous targets met (10)
//                                         K3 scored and minutes adopted at the meeting (5, manual)
//
// Every hard check is an AUTO item, so a failed check always costs points; "Tốt" additionally needs
// all of H1–H8 ("đạt chất lượng", SPEC §5.1), otherwise the meeting falls back to "Khá".
import type { Rubric } from "../model";

export const HD12_2018: Rubric = {
  code: "HD12_2018",
  version: 1,
  name: "Khung đánh giá chất lượng sinh hoạt chi bộ theo Hướng dẫn 12-HD/BTCTW (nhóm tiêu chí kiểu Phú Thọ)",
  description:
    "Năm tiêu chí của Hướng dẫn 12-HD/BTCTW quy ra 100 điểm theo bốn nhóm của Phú Thọ: chuẩn bị 15, tỷ lệ dự 20, tổ chức sinh hoạt 45, kết thúc 20. " +
    "Tiêu chí 1 (tỷ lệ dự) → nhóm A: A1 tỷ lệ dự trên 85% (10), A2 không vắng không lý do (5), A3 không vắng có lý do quá 3 lần liên tiếp (5). " +
    "Tiêu chí 2 (chuẩn bị) → nhóm P: P1 bí thư hoặc phó bí thư chuẩn bị (2), P2 chi ủy họp trước (3), P3 có dự thảo nghị quyết (3), P4 nội dung đúng, trọng tâm (5, chấm tay), P5 thông báo đảng viên (2). " +
    "Tiêu chí 3 (tổ chức sinh hoạt) → nhóm C: C1 thời lượng từ 90 phút (10), C2 trình tự, nội dung, biểu dương và phê bình (10, chấm tay), C3 nhiều đảng viên phát biểu (5), C4 biên bản đầy đủ (5). " +
    "Tiêu chí 4 (nguyên tắc) → nhóm C: C5 tập trung dân chủ (8, chấm tay), C6 tự phê bình và phê bình (7, chấm tay). " +
    "Tiêu chí 5 (kết quả thực hiện nghị quyết) → nhóm K: K1 thông qua kết luận, phân công nhiệm vụ (5, chấm tay), K2 tỷ lệ chỉ tiêu kỳ trước hoàn thành (10), K3 chấm điểm, thông qua biên bản tại cuộc họp (5, chấm tay). " +
    "Loại Tốt phải đạt từ 90 điểm và qua cả tám điều kiện H1–H8; nếu không thì xếp loại Khá. Tiểu mục của Phú Thọ chưa được xác nhận: đây là cách chia của phần mềm, có thể chỉnh.",
  issuer: "Ban Tổ chức Trung ương",
  legalBasis:
    "Hướng dẫn 12-HD/BTCTW ngày 06/7/2018 \"Một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ\"; nhóm tiêu chí theo Đảng ủy Khối các cơ quan tỉnh Phú Thọ",
  scope: "NATIONAL",
  effectiveFrom: "2018-07-06",
  effectiveTo: "2025-10-27",
  meetingKinds: ["REGULAR", "THEMATIC", "COMBINED"],
  totalPoints: 100,
  groups: [
    {
      code: "P",
      name: "Công tác chuẩn bị",
      points: 15,
      criteria: [
        {
          code: "P1",
          name: "Bí thư hoặc phó bí thư trực tiếp chuẩn bị",
          maxPoints: 2,
          step: 0.5,
          mode: "AUTO",
          rule: { id: "flags", facts: ["preparedBySecretaryOrDeputy"] },
        },
        {
          code: "P2",
          name: "Chi ủy họp trước để thống nhất nội dung",
          maxPoints: 3,
          step: 0.5,
          mode: "AUTO",
          guidance: "Đủ điểm khi chi bộ không có chi ủy.",
          rule: { id: "flags", facts: ["preMeetingHeld"], notRequiredWhenFalse: "hasCommittee" },
        },
        {
          code: "P3",
          name: "Có dự thảo nghị quyết",
          maxPoints: 3,
          step: 0.5,
          mode: "AUTO",
          rule: { id: "flags", facts: ["draftResolutionExists"] },
        },
        { code: "P4", name: "Nội dung sinh hoạt đúng, trọng tâm, phù hợp", maxPoints: 5, step: 0.5, mode: "MANUAL" },
        {
          code: "P5",
          name: "Thông báo cho đảng viên trước kỳ sinh hoạt",
          maxPoints: 2,
          step: 0.5,
          mode: "AUTO",
          rule: { id: "flags", facts: ["noticeToAllMembers"] },
        },
      ],
    },
    {
      code: "A",
      name: "Tỷ lệ đảng viên dự",
      points: 20,
      criteria: [
        {
          code: "A1",
          name: "Tỷ lệ đảng viên dự sinh hoạt trên 85%",
          maxPoints: 10,
          step: 0.5,
          mode: "AUTO",
          guidance: "Trên 85% → 10; từ 75% đến 85% → 7; từ 65% đến dưới 75% → 4; dưới 65% → 0.",
          rule: {
            id: "bands",
            measure: "attendancePercent",
            range: { min: 0, max: 100, maxInclusive: true },
            bands: [
              { min: 0, max: 65, points: 0 },
              { min: 65, max: 75, points: 4 },
              { min: 75, max: 85, maxInclusive: true, points: 7 },
              { min: 85, minInclusive: false, max: 100, maxInclusive: true, points: 10 },
            ],
          },
        },
        {
          code: "A2",
          name: "Không có đảng viên vắng không lý do",
          maxPoints: 5,
          step: 0.5,
          mode: "AUTO",
          rule: {
            id: "bands",
            measure: "unexcusedAbsences",
            range: { min: 0, max: null },
            bands: [
              { min: 0, max: 1, points: 5 },
              { min: 1, max: null, points: 0 },
            ],
          },
        },
        {
          code: "A3",
          name: "Không có đảng viên vắng có lý do quá 3 lần liên tiếp trong năm",
          maxPoints: 5,
          step: 0.5,
          mode: "AUTO",
          rule: {
            id: "bands",
            measure: "longestExcusedStreak",
            range: { min: 0, max: null },
            edgeFrom: "maxExcusedStreak",
            bands: [
              { min: 0, max: 3, maxInclusive: true, points: 5 },
              { min: 3, minInclusive: false, max: null, points: 0 },
            ],
          },
        },
      ],
    },
    {
      code: "C",
      name: "Tổ chức sinh hoạt và nguyên tắc sinh hoạt đảng",
      points: 45,
      criteria: [
        {
          code: "C1",
          name: "Thời lượng sinh hoạt từ 90 phút",
          maxPoints: 10,
          step: 0.5,
          mode: "AUTO",
          guidance: "Từ 90 phút → 10; từ 75 phút → 7; từ 60 phút → 4; dưới 60 phút → 0.",
          rule: {
            id: "bands",
            measure: "actualMinutes",
            range: { min: 0, max: null },
            bands: [
              { min: 0, max: 60, points: 0 },
              { min: 60, max: 75, points: 4 },
              { min: 75, max: 90, points: 7 },
              { min: 90, max: null, points: 10 },
            ],
          },
        },
        {
          code: "C2",
          name: "Thực hiện đúng trình tự; nội dung tư tưởng và nhiệm vụ chính trị; biểu dương, phê bình",
          maxPoints: 10,
          step: 0.5,
          mode: "MANUAL",
        },
        {
          code: "C3",
          name: "Nhiều đảng viên tham gia phát biểu",
          maxPoints: 5,
          step: 0.5,
          mode: "AUTO",
          guidance: "Trên 50% → 5; từ 40% đến 50% → 4; từ 30% → 3; dưới 30% → 2.",
          rule: {
            id: "bands",
            measure: "speakersPercent",
            range: { min: 0, max: 100, maxInclusive: true },
            bands: [
              { min: 0, max: 30, points: 2 },
              { min: 30, max: 40, points: 3 },
              { min: 40, max: 50, maxInclusive: true, points: 4 },
              { min: 50, minInclusive: false, max: 100, maxInclusive: true, points: 5 },
            ],
          },
        },
        {
          code: "C4",
          name: "Biên bản ghi đầy đủ",
          maxPoints: 5,
          step: 0.5,
          mode: "AUTO",
          rule: { id: "flags", facts: ["minutesComplete"] },
        },
        { code: "C5", name: "Thực hiện nguyên tắc tập trung dân chủ", maxPoints: 8, step: 0.5, mode: "MANUAL" },
        { code: "C6", name: "Tự phê bình và phê bình", maxPoints: 7, step: 0.5, mode: "MANUAL" },
      ],
    },
    {
      code: "K",
      name: "Kết thúc và kết quả thực hiện nghị quyết",
      points: 20,
      criteria: [
        { code: "K1", name: "Kết luận, nghị quyết được thông qua; phân công nhiệm vụ cụ thể", maxPoints: 5, step: 0.5, mode: "MANUAL" },
        {
          code: "K2",
          name: "Kết quả thực hiện nghị quyết kỳ trước",
          maxPoints: 10,
          step: 0.5,
          mode: "AUTO",
          guidance: "Từ 90% → 10; từ 80% → 9; từ 70% → 8; từ 60% → 7; từ 50% → 5; dưới 50% → 3. Không có nhiệm vụ đến hạn → 10.",
          rule: {
            id: "bands",
            measure: "targetsMetPercent",
            range: { min: 0, max: 100, maxInclusive: true },
            bands: [
              { min: 0, max: 50, points: 3 },
              { min: 50, max: 60, points: 5 },
              { min: 60, max: 70, points: 7 },
              { min: 70, max: 80, points: 8 },
              { min: 80, max: 90, points: 9 },
              { min: 90, max: 100, maxInclusive: true, points: 10 },
            ],
            whenMissing: 10,
          },
        },
        { code: "K3", name: "Chấm điểm, thông qua biên bản tại cuộc họp", maxPoints: 5, step: 0.5, mode: "MANUAL" },
      ],
    },
  ],
  levelRules: [
    {
      level: "GOOD",
      minTotal: 90,
      conditions: [
        { kind: "hardCheck", code: "H1", check: "H1", params: { ratePercent: 85 } },
        { kind: "hardCheck", code: "H2", check: "H2" },
        { kind: "hardCheck", code: "H3", check: "H3", params: { maxConsecutive: 3 } },
        { kind: "hardCheck", code: "H4", check: "H4", params: { minMinutes: 90 } },
        { kind: "hardCheck", code: "H5", check: "H5" },
        { kind: "hardCheck", code: "H6", check: "H6" },
        { kind: "hardCheck", code: "H7", check: "H7" },
        { kind: "hardCheck", code: "H8", check: "H8" },
      ],
      fallbackLevel: "FAIR",
    },
    { level: "FAIR", minTotal: 70 },
    { level: "AVERAGE", minTotal: 50 },
    { level: "POOR", minTotal: 0 },
  ],
};
