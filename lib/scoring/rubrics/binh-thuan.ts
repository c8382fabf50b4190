// Bình Thuận (former province, kept as a named template after the 2025 merger, SPEC §0): the HD 42
// frame with a stricter "Tốt": total ≥ 90 and full points on (a) attendance A = 5, (b) time T1 = 5,
// (c) members' participation C5 = 5 and (d) minutes C6 = 1; otherwise Khá (SPEC §5.4).
import type { Rubric } from "../model";
import { HD42_2025 } from "./hd42-2025";

export const BINH_THUAN_HD42: Rubric = {
  ...HD42_2025,
  code: "BINH_THUAN_HD42",
  version: 1,
  name: "Khung đánh giá chất lượng sinh hoạt chi bộ (Bình Thuận, trên khung Hướng dẫn 42)",
  description:
    "Khung Hướng dẫn 42 với cách xếp loại của Bình Thuận: loại Tốt phải đạt từ 90 điểm và đủ điểm tối đa về tỷ lệ dự (A), thời gian (T1), đảng viên tham gia phát biểu (C5) và biên bản (C6); thiếu một trong bốn điều kiện thì xếp loại Khá.",
  issuer: "Đảng ủy Khối tỉnh Bình Thuận (mẫu của tỉnh trước hợp nhất 2025)",
  legalBasis:
    "Sổ tay điện tử Đảng ủy Khối Bình Thuận, mục đánh giá chất lượng sinh hoạt chi bộ; áp trên khung Hướng dẫn 42-HD/BTCTW",
  scope: "TENANT",
  levelRules: [
    {
      level: "GOOD",
      minTotal: 90,
      conditions: [
        { kind: "fullPoints", code: "A", criteria: ["A"] },
        { kind: "fullPoints", code: "T1", criteria: ["T1"] },
        { kind: "fullPoints", code: "C5", criteria: ["C5"] },
        { kind: "fullPoints", code: "C6", criteria: ["C6"] },
      ],
      fallbackLevel: "FAIR",
    },
    { level: "FAIR", minTotal: 70 },
    { level: "AVERAGE", minTotal: 50 },
    { level: "POOR", minTotal: 0 },
  ],
};
