// Scoring (issue 5): the scoring preview and a branch's annual rating.
import { planQuerySchema } from "@/lib/meetings/schemas";
import { annualRatingSchema } from "@/lib/scoring/annual";
import { previewRequestSchema, scoreResultSchema } from "@/lib/scoring/preview";
import type { OpenApiRoute } from "./types";

export const scoringRoutes: OpenApiRoute[] = [
  {
    method: "POST",
    path: "/api/v1/scoring/preview",
    summary: "Chấm thử một kỳ sinh hoạt theo khung tiêu chí (không lưu gì)",
    description:
      "Gửi mã khung tiêu chí của đơn vị (rubricCode, tùy chọn rubricVersion; mặc định phiên bản mới nhất) hoặc toàn bộ khung tiêu chí (rubric), " +
      "cùng dữ kiện kỳ sinh hoạt (facts), điểm chấm tay (manualMarks) và ghi đè điểm tự động (overrides, kèm lý do). " +
      "Trả về kết quả chấm: điểm từng tiêu chí kèm căn cứ, tổng điểm, xếp loại và các điều kiện. " +
      "Mã khung không có: 404. Dữ kiện sai, khung tiêu chí không hợp lệ, điểm vượt tối đa hoặc sai bước điểm, ghi đè thiếu lý do: 422 nêu mọi lỗi. " +
      "Còn tiêu chí chấm tay chưa có điểm: vẫn 200, level là null và errors nêu các tiêu chí còn thiếu.",
    tag: "scoring",
    request: previewRequestSchema,
    response: scoreResultSchema,
    status: 200,
  },
  {
    method: "GET",
    path: "/api/v1/branches/{id}/rating",
    summary: "Xếp loại chất lượng sinh hoạt năm của chi bộ: kết quả từng tháng, xếp loại năm, chỉ tiêu chuyên đề theo quý",
    description:
      "Mỗi kỳ lấy kết quả thẩm định, nếu chưa có thì kết quả cấp trên chấm, nếu chưa có nữa thì kết quả chi bộ tự chấm, theo trạng thái của kỳ. " +
      "Cách xếp loại năm theo thiết lập scoring.annualRollup (mặc định: quy định của Phú Thọ). Năm chưa kết thúc: kết quả tạm tính.",
    tag: "scoring",
    query: planQuerySchema,
    response: annualRatingSchema,
  },
];
