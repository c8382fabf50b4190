// The biên bản and nghị quyết: the fields a secretary checks before signing, in the model and in
// the DOCX read back (ZIP → word/document.xml).
import { describe, expect, test } from "vitest";
import { buildMinutesDocument, buildResolutionDocument, minutesNumber, voteSentence } from "@/lib/documents/builders";
import { officialDocxBuffer } from "@/lib/documents/docx";
import type { MeetingRecordData } from "@/lib/documents/meeting-record";
import { documentText, placeDateLine, vietnameseDateWords } from "@/lib/documents/model";
import { computeAttendance } from "@/lib/meetings/rules";
import { docxParagraphs, docxXml, unzip } from "@/tests/fixtures/docx";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

function record(overrides: Partial<MeetingRecordData> = {}): MeetingRecordData {
  const people = [
    { memberId: "m1", fullName: "Nguyễn Văn An", status: "PRESENT" },
    { memberId: "m2", fullName: "Trần Thị Bình", status: "PRESENT" },
    { memberId: "m3", fullName: "Lê Văn Cường", status: "PRESENT" },
    { memberId: "m4", fullName: "Phạm Thị Dung", status: "ABSENT_EXCUSED", reason: "Ốm" },
    { memberId: "m5", fullName: "Hoàng Văn Em", status: "PRESENT" },
    { memberId: "m6", fullName: "Đỗ Văn Phúc", status: "EXEMPT" },
  ] as const;
  const summary = computeAttendance(
    people.map((p) => ({ memberId: p.memberId, status: "OFFICIAL" as const, exempt: p.status === "EXEMPT", suspended: false, attachedElsewhere: false })),
    people.map((p) => ({ memberId: p.memberId, mark: p.status })),
  );
  if (!summary.ok) throw new Error("fixture attendance");
  return {
    meeting: {
      id: "00000000-0000-0000-0000-000000000001",
      kind: "REGULAR",
      state: "MINUTES_ADOPTED",
      title: "Sinh hoạt chi bộ thường kỳ tháng 11/2026",
      topic: null,
      hasThematicPart: false,
      plannedStart: new Date("2026-11-05T07:00:00.000Z"),
      plannedEnd: new Date("2026-11-05T09:00:00.000Z"),
      actualStart: new Date("2026-11-05T07:05:00.000Z"),
      actualEnd: new Date("2026-11-05T08:50:00.000Z"),
      place: "Phòng họp tầng 2, Sở Tài chính",
      ideologyMinutes: 20,
      content: null,
    },
    day: day("2026-11-05"),
    branch: { id: "b", name: "Chi bộ Phòng Ngân sách", hasCommittee: true, superiorName: "Đảng bộ Sở Tài chính" },
    placeName: "Lâm Đồng",
    chair: "Nguyễn Văn An",
    clerk: "Trần Thị Bình",
    secretary: "Nguyễn Văn An",
    attendance: people.map((p) => ({
      memberId: p.memberId,
      fullName: p.fullName,
      status: p.status,
      reason: "reason" in p ? p.reason : null,
      exempt: p.status === "EXEMPT",
      memberStatus: "OFFICIAL",
    })),
    summary: summary.value,
    roll: { total: 6, official: 6, probationary: 0 },
    guests: [{ name: "Võ Thị Hạnh", title: "Đảng ủy viên, Đảng bộ Sở Tài chính" }],
    minutes: {
      opening: "Đồng chí Bí thư nêu mục đích, yêu cầu; giới thiệu đại biểu.",
      proceedings: "Đánh giá kết quả tháng 10.\nPhương hướng tháng 11.",
      closing: "Chủ trì kết luận.",
      adoptedAt: new Date("2026-11-05T08:45:00.000Z"),
    },
    speeches: [
      { memberId: "m2", speaker: "Trần Thị Bình", summary: "Đề nghị đẩy nhanh giải ngân vốn đầu tư công.", isDiscussion: true },
      { memberId: "m3", speaker: "Lê Văn Cường", summary: "Thống nhất với dự thảo nghị quyết.", isDiscussion: true },
    ],
    resolution: {
      number: "05-NQ/CB",
      body: "Tập trung hoàn thành dự toán ngân sách năm 2027.\nMỗi đảng viên đăng ký một việc làm cụ thể.",
      votesFor: 4,
      votesAgainst: 0,
      votesAbstain: 0,
      voteDenominator: 4,
      voteMethod: "SHOW_OF_HANDS",
      voteValid: true,
      adoptedAt: new Date("2026-11-05T08:40:00.000Z"),
    },
    tasks: [
      { memberName: "Lê Văn Cường", content: "Tổng hợp dự toán các đơn vị", deadline: day("2026-11-30"), reportMeeting: null },
      { memberName: "Hoàng Văn Em", content: "Rà soát hồ sơ thanh toán", deadline: day("2026-12-03"), reportMeeting: null },
    ],
    reportedTasks: [],
    ...overrides,
  };
}

describe("date and number lines", () => {
  test("days below 10 and January/February carry a leading zero, as party documents write them", () => {
    expect(vietnameseDateWords(day("2026-11-05"))).toBe("ngày 05 tháng 11 năm 2026");
    expect(vietnameseDateWords(day("2027-02-14"))).toBe("ngày 14 tháng 02 năm 2027");
    expect(vietnameseDateWords(day("2027-03-01"))).toBe("ngày 01 tháng 3 năm 2027");
    expect(placeDateLine("Lâm Đồng", day("2026-11-05"))).toBe("Lâm Đồng, ngày 05 tháng 11 năm 2026");
    expect(placeDateLine(null, day("2026-11-05"))).toBe("Ngày 05 tháng 11 năm 2026");
  });

  test("the minutes take the resolution's number with BB; without one the number is left blank to fill", () => {
    expect(minutesNumber("05-NQ/CB")).toBe("Số 05-BB/CB");
    expect(minutesNumber("12-NQ/CBNS")).toBe("Số 12-BB/CBNS");
    expect(minutesNumber(null)).toMatch(/^Số\s+-BB\/CB$/);
  });
});

describe("biên bản", () => {
  test("header, attendance with its denominator, chair, clerk, guests, the three parts, speakers, vote line", () => {
    const text = documentText(buildMinutesDocument(record()));
    expect(text).toContain("ĐẢNG BỘ SỞ TÀI CHÍNH");
    expect(text).toContain("CHI BỘ PHÒNG NGÂN SÁCH");
    expect(text).toContain("Số 05-BB/CB");
    expect(text).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(text).toContain("Lâm Đồng, ngày 05 tháng 11 năm 2026");
    expect(text).toContain("BIÊN BẢN");
    expect(text).toContain("Bắt đầu lúc 14 giờ 05 phút");
    // The exempt member is out of D_att: 4 present of 5 due.
    expect(text).toContain("Số đảng viên phải dự sinh hoạt: 5 đồng chí (không tính 1 đồng chí miễn sinh hoạt).");
    expect(text).toContain("Có mặt: 4/5 đồng chí, đạt tỷ lệ 80,0%.");
    expect(text).toContain("Vắng có lý do: 1 đồng chí (Phạm Thị Dung (Ốm)).");
    expect(text).toContain("Vắng không lý do: 0 đồng chí.");
    expect(text).toContain("đồng chí Võ Thị Hạnh – Đảng ủy viên, Đảng bộ Sở Tài chính");
    expect(text).toContain("Chủ trì: đồng chí Nguyễn Văn An.");
    expect(text).toContain("Thư ký: đồng chí Trần Thị Bình.");
    for (const part of ["I. PHẦN MỞ ĐẦU", "II. PHẦN NỘI DUNG", "III. PHẦN KẾT THÚC", "Phương hướng tháng 11."]) expect(text).toContain(part);
    expect(text).toContain("- Đồng chí Trần Thị Bình: Đề nghị đẩy nhanh giải ngân vốn đầu tư công.");
    expect(text).toContain("Số đảng viên phát biểu: 2/4 đồng chí có mặt, đạt tỷ lệ 50,0%.");
    expect(text).toContain("Chi bộ thông qua nghị quyết với 4/4 đồng chí tán thành, đạt tỷ lệ 100,0%.");
    expect(text).toContain("Tổng hợp dự toán các đơn vị | 30/11/2026");
    expect(text).toContain("Buổi sinh hoạt kết thúc lúc 15 giờ 50 phút cùng ngày. Biên bản đã được đọc lại cho chi bộ nghe và thông qua.");
    const doc = buildMinutesDocument(record());
    expect(doc.signatures.left).toEqual({ lines: ["THƯ KÝ"], name: "Trần Thị Bình" });
    expect(doc.signatures.right).toEqual({ lines: ["CHỦ TRÌ"], name: "Nguyễn Văn An" });
    expect(doc.fileName).toBe("bien-ban-chi-bo-phong-ngan-sach-2026-11-05.docx");
  });

  test("incomplete marks are said, not counted wrong", () => {
    const text = documentText(buildMinutesDocument(record({ summary: null })));
    expect(text).toContain("Chưa điểm danh đủ đảng viên");
    expect(text).not.toContain("Có mặt:");
  });
});

describe("nghị quyết", () => {
  test("number, the vote line with the denominator, recipients and the committee's signature", () => {
    const doc = buildResolutionDocument(record());
    const text = documentText(doc);
    expect(text).toContain("Số 05-NQ/CB");
    expect(text).toContain("NGHỊ QUYẾT");
    expect(text).toContain("CHI BỘ PHÒNG NGÂN SÁCH QUYẾT NGHỊ:");
    expect(text).toContain("với 4/5 đảng viên có mặt");
    expect(text).toContain("Chi bộ thông qua nghị quyết này với 4/4 đồng chí tán thành, đạt tỷ lệ 100,0%.");
    expect(doc.recipients).toContain("- Đảng bộ Sở Tài chính (để báo cáo),");
    expect(doc.recipients?.at(-1)).toBe("- Lưu chi bộ.");
    expect(doc.signatures.right).toEqual({ lines: ["T/M CHI ỦY", "BÍ THƯ"], name: "Nguyễn Văn An" });
    expect(doc.signatures.left).toBeNull();
  });

  test("a branch without a chi ủy signs for the branch", () => {
    const data = record();
    const doc = buildResolutionDocument({ ...data, branch: { ...data.branch, hasCommittee: false } });
    expect(doc.signatures.right.lines).toEqual(["T/M CHI BỘ", "BÍ THƯ"]);
  });

  test("a vote without a majority is not written as adopted", () => {
    const data = record();
    const resolution = { ...data.resolution!, votesFor: 2, votesAgainst: 1, votesAbstain: 1, voteValid: false };
    const sentence = voteSentence(resolution, "nghị quyết");
    expect(sentence).toContain("Chi bộ biểu quyết nghị quyết với 2/4 đồng chí tán thành, đạt tỷ lệ 50,0%; 1 đồng chí không tán thành, 1 đồng chí không biểu quyết.");
    expect(sentence).toContain("chưa được thông qua");
  });
});

describe("DOCX", () => {
  test("opens as a Word package and carries the fields, in Times New Roman on A4 with the party name underlined", async () => {
    const bytes = await officialDocxBuffer(buildResolutionDocument(record()));
    const files = unzip(bytes);
    expect(files.has("[Content_Types].xml")).toBe(true);
    expect(files.has("word/styles.xml")).toBe(true);
    const paragraphs = docxParagraphs(bytes);
    for (const expected of [
      "ĐẢNG BỘ SỞ TÀI CHÍNH",
      "CHI BỘ PHÒNG NGÂN SÁCH",
      "*",
      "Số 05-NQ/CB",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Lâm Đồng, ngày 05 tháng 11 năm 2026",
      "NGHỊ QUYẾT",
      "T/M CHI ỦY",
      "BÍ THƯ",
      "Nguyễn Văn An",
      "Nơi nhận:",
    ]) {
      expect(paragraphs).toContain(expected);
    }
    expect(paragraphs.some((p) => p.includes("với 4/4 đồng chí tán thành, đạt tỷ lệ 100,0%"))).toBe(true);
    const xml = docxXml(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    // The party name is the underlined run.
    expect(xml).toMatch(/<w:u w:val="single"\/>[\s\S]{0,200}<w:t[^>]*>ĐẢNG CỘNG SẢN VIỆT NAM<\/w:t>/);
  });

  test("the minutes DOCX has the thư ký and chủ trì signatures and the speakers", async () => {
    const paragraphs = docxParagraphs(await officialDocxBuffer(buildMinutesDocument(record())));
    expect(paragraphs).toContain("THƯ KÝ");
    expect(paragraphs).toContain("CHỦ TRÌ");
    expect(paragraphs).toContain("Số 05-BB/CB");
    expect(paragraphs.some((p) => p.startsWith("- Đồng chí Lê Văn Cường: Thống nhất"))).toBe(true);
  });
});
