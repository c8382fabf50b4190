// The score sheet (phiếu đánh giá chất lượng sinh hoạt chi bộ): what a reviewer checks before
// signing — the criteria against the three columns, group and overall totals, the level per column,
// the vote and the reasons — in the model and in the DOCX read back (ZIP → word/document.xml).
import { describe, expect, test } from "vitest";
import { Packer } from "docx";
import { buildScoreSheet, scoreSheetDocx, type ScoreSheet } from "@/lib/documents/score-sheet";
import { docxParagraphs } from "@/tests/fixtures/docx";
import { FULL, scoreColumn, scorecardView } from "@/tests/fixtures/scorecard-view";

const ADJUSTED = { ...FULL, C2: 5 };
const column = scoreColumn;
const view = scorecardView;

const header = { superiorName: "Đảng bộ Sở Tài chính", placeName: "Lâm Đồng", secretary: "Nguyễn Văn An" };

/** The cells of a table row, found by its label, read back from the DOCX paragraphs. */
function rowAfter(paragraphs: string[], label: string, cells: number): string[] {
  const at = paragraphs.indexOf(label);
  expect(at, label).toBeGreaterThan(-1);
  return paragraphs.slice(at + 1, at + 1 + cells);
}

async function paragraphsOf(sheet: ScoreSheet): Promise<string[]> {
  return docxParagraphs(new Uint8Array(await Packer.toBuffer(scoreSheetDocx(sheet))));
}

describe("score sheet: self-score, an overseer's adjustment, the reviewer's approval", () => {
  const self = column(FULL, { by: { id: "u1", name: "Nguyễn Văn An" }, at: "2025-11-05T09:00:00.000Z" });
  const overseer = column(ADJUSTED, {
    remarks: { C2: "Nội dung thường kỳ chưa gắn với nhiệm vụ chính trị của phòng" },
    by: { id: "u2", name: "Trần Thị Bình" },
    at: "2025-11-10T02:00:00.000Z",
    reason: "Nội dung sinh hoạt còn chung chung",
  });
  const final = column(ADJUSTED, { remarks: overseer.remarks, by: { id: "u3", name: "Lê Văn Cường" }, at: "2025-11-20T03:00:00.000Z" });
  const v = view({ self, overseer, final }, { effective: { column: "final", total: final.result.total, totalTenths: final.result.totalTenths, level: final.result.level } });

  test("the engine gives 95 (Tốt) for full marks on these facts and 85 (Khá) with C2 at 5", () => {
    expect(self.result).toMatchObject({ total: 95, level: "GOOD" });
    expect(overseer.result).toMatchObject({ total: 85, level: "FAIR" });
  });

  test("the DOCX carries the party header, the title, the totals and the level of each column", async () => {
    const sheet = buildScoreSheet(v, header);
    expect(sheet.fileName).toBe("phieu-cham-chi-bo-phong-ngan-sach-2025-11-05.docx");
    const paragraphs = await paragraphsOf(sheet);
    for (const line of ["ĐẢNG BỘ SỞ TÀI CHÍNH", "CHI BỘ PHÒNG NGÂN SÁCH", "ĐẢNG CỘNG SẢN VIỆT NAM", "Lâm Đồng, ngày 05 tháng 11 năm 2025", "PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT CHI BỘ"]) {
      expect(paragraphs).toContain(line);
    }
    // Header row, then a criterion and the overall rows: maximum, self, overseer, final.
    expect(rowAfter(paragraphs, "Mã", 5)).toEqual(["Tiêu chí", "Tối đa", "Chi bộ tự chấm", "Cấp ủy cấp trên", "Thẩm định"]);
    // Without a thematic part C2 is worth 15 and C3 does not apply.
    expect(rowAfter(paragraphs, "Nội dung sinh hoạt thường kỳ", 4)).toEqual(["15", "15", "5", "5"]);
    expect(rowAfter(paragraphs, "Nội dung sinh hoạt chuyên đề (không áp dụng)", 4)).toEqual(["—", "—", "—", "—"]);
    expect(rowAfter(paragraphs, "Cộng nhóm C", 4)).toEqual(["30", "30", "20", "20"]);
    expect(rowAfter(paragraphs, "TỔNG ĐIỂM", 4)).toEqual(["100", "95", "85", "85"]);
    expect(rowAfter(paragraphs, "XẾP LOẠI", 4)).toEqual(["", "Tốt", "Khá", "Khá"]);
    const text = paragraphs.join("\n");
    expect(text).toContain("Chi bộ biểu quyết kết quả tự chấm: 18/20 đồng chí tán thành, 1 đồng chí không tán thành, 1 đồng chí không biểu quyết.");
    expect(text).toContain("Cấp ủy viên cấp trên điều chỉnh: 85 điểm, xếp loại Khá (đồng chí Trần Thị Bình, ngày 10/11/2025). Lý do điều chỉnh: Nội dung sinh hoạt còn chung chung");
    expect(text).toContain("Ban Tổ chức thẩm định, giữ nguyên kết quả: 85 điểm, xếp loại Khá");
    expect(text).toContain("Kết quả đánh giá: 85 điểm, xếp loại Khá (theo thẩm định).");
    // The reviewer kept the overseer's column: its remark is said once, under the overseer.
    expect(text.match(/Nội dung thường kỳ chưa gắn/g)).toHaveLength(1);
    expect(text).toContain("- C2 (cấp ủy viên cấp trên): Nội dung thường kỳ chưa gắn với nhiệm vụ chính trị của phòng");
    // Three signatures: the branch secretary, the overseer, the reviewer.
    for (const line of ["BÍ THƯ CHI BỘ", "CẤP ỦY VIÊN CẤP TRÊN", "BAN TỔ CHỨC", "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]) {
      expect(paragraphs).toContain(line);
    }
  });
});

describe("score sheet: a draft and a plain confirmation", () => {
  test("a draft self column leaves unmarked criteria blank and says it is a draft", async () => {
    const partial = column({ C1: 4.5 });
    const sheet = buildScoreSheet(view({ self: partial, overseer: null, final: null }, { vote: null, card: null }), { ...header, secretary: null });
    const paragraphs = await paragraphsOf(sheet);
    expect(rowAfter(paragraphs, "Thực hiện đầy đủ các bước của quy trình sinh hoạt", 4)).toEqual(["5", "4,5", "", ""]);
    expect(rowAfter(paragraphs, "XẾP LOẠI", 4)).toEqual(["", "Chưa xếp loại", "", ""]);
    expect(paragraphs.join("\n")).toContain("Kết quả chi bộ tự chấm chưa được gửi (đang là bản nháp).");
  });

  test("an overseer who confirms has the self-score's points and no adjustment reason", async () => {
    const self = column(FULL, { at: "2025-11-05T09:00:00.000Z", remarks: {} });
    const overseer = column(FULL, { at: "2025-11-10T02:00:00.000Z", by: { id: "u2", name: "Trần Thị Bình" } });
    const sheet = buildScoreSheet(
      view({ self, overseer, final: null }, { effective: { column: "overseer", total: 95, totalTenths: 950, level: "GOOD" } }),
      header,
    );
    const paragraphs = await paragraphsOf(sheet);
    expect(rowAfter(paragraphs, "TỔNG ĐIỂM", 4)).toEqual(["100", "95", "95", ""]);
    const text = paragraphs.join("\n");
    expect(text).toContain("Cấp ủy viên cấp trên xác nhận kết quả tự chấm (đồng chí Trần Thị Bình, ngày 10/11/2025).");
    expect(text).not.toContain("Lý do điều chỉnh");
    expect(text).toContain("Kết quả đánh giá: 95 điểm, xếp loại Tốt (theo cấp ủy viên cấp trên).");
  });

  test("a meeting with nothing to score with has no sheet", () => {
    expect(() => buildScoreSheet(view({ self: null, overseer: null, final: null }, { definition: null, rubric: null, facts: null, notScorable: "Kỳ sinh hoạt chưa diễn ra." }), header)).toThrow(
      "Kỳ sinh hoạt chưa diễn ra.",
    );
  });
});
