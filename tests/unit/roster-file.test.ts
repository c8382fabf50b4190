// Reading roster files: what is recognised as CSV or XLSX, what is refused as a whole file (with a
// message that says what to do), delimiters, BOMs, line numbers, XLSX dates and formulas, headers.
import ExcelJS from "exceljs";
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { RosterFileError, detectDelimiter, locateHeader, readRows, sniffFormat } from "@/lib/org/roster-file";

const utf8 = (text: string) => new TextEncoder().encode(text);

function refusal(work: () => unknown): RosterFileError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(RosterFileError);
    return error as RosterFileError;
  }
  throw new Error("expected the file to be refused");
}

async function asyncRefusal(work: Promise<unknown>): Promise<RosterFileError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterFileError);
  return error as RosterFileError;
}

async function xlsx(rows: ExcelJS.CellValue[][], configure?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  for (const row of rows) sheet.addRow(row);
  configure?.(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("recognising the file", () => {
  test("CSV with or without BOM, and XLSX by its zip signature", async () => {
    expect(sniffFormat(utf8("Họ và tên,Ngày sinh\n"))).toBe("CSV");
    expect(sniffFormat(utf8("\uFEFFHọ và tên;Ngày sinh\n"))).toBe("CSV");
    expect(sniffFormat(await xlsx([["Họ và tên"]]))).toBe("XLSX");
  });

  test.each([
    ["an empty file", new Uint8Array(0), "empty"],
    ["a BOM and blank lines", utf8("\uFEFF\r\n \n"), "empty"],
    ["more than 10 MB", new Uint8Array(10 * 1024 * 1024 + 1).fill(65), "tooLarge"],
    ["UTF-16 (Excel's 'Unicode text')", Uint8Array.from([0xff, 0xfe, 0x48, 0x00, 0x6f, 0x00]), "utf16"],
    ["an Excel 97-2003 .xls", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "legacyExcel"],
    ["a PDF", utf8("%PDF-1.7\n\u0000\u0001binary"), "notRoster"],
  ])("%s is refused", (_name, bytes, code) => {
    expect(refusal(() => sniffFormat(bytes)).code).toBe(code);
  });

  test("10 MB of garbage is refused as not a roster file at all", () => {
    const garbage = new Uint8Array(randomBytes(10 * 1024 * 1024));
    const error = refusal(() => sniffFormat(garbage));
    expect(error.code).toBe("notRoster");
    expect(error.message).toMatch(/không phải danh sách dạng CSV hay Excel/);
  });

  test("a legacy-encoded file (Windows-1258) is refused as not UTF-8, naming the line", () => {
    // "Nguyễn" in Windows-1258: N g u y 0xD2 (ê + combining tilde in the next byte) n
    const bytes = Uint8Array.from([...utf8("Họ và tên,Ngày sinh\nAn,01/01/1980\n"), 0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x0a]);
    const error = refusal(() => sniffFormat(bytes));
    expect(error.code).toBe("notUtf8");
    expect(error.message).toMatch(/^Tệp không phải UTF-8 \(ký tự lỗi ở dòng 3\)/);
  });

  test.each([
    ["Họ và tên,Ngày sinh;x", ","],
    ["Họ và tên;Ngày sinh;Chi bộ", ";"],
    ['"Họ, và tên";Ngày sinh;Chi bộ', ";"],
    ["Họ và tên", ","],
  ])("delimiter of %s is %s", (line, delimiter) => {
    expect(detectDelimiter(`${line}\n1,2,3,4,5`)).toBe(delimiter);
  });
});

describe("reading CSV", () => {
  test("rows keep their line numbers across quoted line breaks and blank lines; the BOM is dropped", async () => {
    const rows = await readRows(utf8('\uFEFFHọ và tên;Ghi chú\r\nAn;"hai\r\ndòng"\r\n\r\n;\r\nBình;"có ""ngoặc"""\r\n'), "CSV");
    expect(rows.map((row) => [row.line, row.cells.map((cell) => cell?.text)])).toEqual([
      [1, ["Họ và tên", "Ghi chú"]],
      [2, ["An", "hai\r\ndòng"]],
      [6, ["Bình", 'có "ngoặc"']],
    ]);
  });

  test("an unclosed quote is a file-level fault with its line", async () => {
    const error = await asyncRefusal(readRows(utf8('Họ và tên,Ngày sinh\nAn,"01/01/1980\nBình,02/02/1990\n'), "CSV"));
    expect(error.code).toBe("badCsv");
    expect(error.message).toMatch(/dòng/);
  });

  test("more than 200,000 rows is refused", async () => {
    const text = `Họ và tên,Ngày sinh\n${"A,1\n".repeat(200_011)}`;
    expect((await asyncRefusal(readRows(utf8(text), "CSV"))).code).toBe("tooManyRows");
  });
});

describe("reading XLSX", () => {
  test("date cells become dates, formulas are flagged, rich text and links become text", async () => {
    const bytes = await xlsx(
      [
        ["Họ và tên", "Ngày sinh", "Email", "Ghi chú"],
        [{ richText: [{ text: "Nguyễn " }, { text: "Văn An", font: { bold: true } }] }, new Date(Date.UTC(1980, 4, 1)), { text: "an@x.vn", hyperlink: "mailto:an@x.vn" }, { formula: "1+1", result: 2 }],
        ["Bình", "02/03/1990", 79012345, null],
      ],
      (sheet) => {
        sheet.getColumn(2).numFmt = "dd/mm/yyyy";
      },
    );
    const rows = await readRows(bytes, "XLSX");
    expect(rows).toHaveLength(3);
    const [, first, second] = rows;
    expect(first!.line).toBe(2);
    expect(first!.cells[0]).toEqual({ text: "Nguyễn Văn An" });
    expect(first!.cells[1]).toEqual({ text: "01/05/1980", date: new Date("1980-05-01T00:00:00Z") });
    expect(first!.cells[2]).toEqual({ text: "an@x.vn" });
    expect(first!.cells[3]).toEqual({ text: "", formula: true });
    expect(second!.cells.map((cell) => cell?.text)).toEqual(["Bình", "02/03/1990", "79012345"]);
  });

  test("Vietnamese letters survive large files (shared strings and inline strings)", async () => {
    // Almost every byte is part of a multi-byte letter, so the reader's 16 KB chunks split letters.
    const names = Array.from({ length: 6000 }, (_, i) => `Đặng Thị Ứng Ỷ Ữ Ộ ${i}`);
    const shared = await xlsx([["Họ và tên"], ...names.map((name) => [name])]);
    const chunks: Buffer[] = [];
    const stream = new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const sheet = writer.addWorksheet("DS");
    for (const name of ["Họ và tên", ...names]) sheet.addRow([name]).commit();
    sheet.commit();
    await writer.commit();
    const inline = new Uint8Array(Buffer.concat(chunks));
    for (const bytes of [shared, inline]) {
      const rows = await readRows(bytes, "XLSX");
      expect(rows.slice(1).map((row) => row.cells[0]?.text)).toEqual(names);
    }
  });

  test("a zip that is not a workbook is refused", async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(2000)]);
    expect((await asyncRefusal(readRows(broken, "XLSX"))).code).toBe("badXlsx");
  });

  test("the streaming writer's output reads back", async () => {
    const chunks: Buffer[] = [];
    const stream = new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
    const sheet = writer.addWorksheet("DS");
    sheet.addRow(["Họ và tên", "Ngày sinh"]).commit();
    sheet.addRow(["An", new Date(Date.UTC(1999, 11, 31))]).commit();
    sheet.commit();
    await writer.commit();
    const rows = await readRows(new Uint8Array(Buffer.concat(chunks)), "XLSX");
    expect(rows[1]!.cells[1]?.date).toEqual(new Date("1999-12-31T00:00:00Z"));
  });
});

describe("the header row", () => {
  const row = (line: number, ...texts: string[]) => ({ line, cells: texts.map((text) => ({ text })) });

  test("is found under a title, whatever the accents, case and column order; unknown columns are ignored", () => {
    const header = locateHeader([
      row(1, "DANH SÁCH ĐẢNG VIÊN"),
      row(2, "Đảng bộ Khối"),
      row(3, "stt", "CHI BO", "ho va ten", "Ngay sinh", "Gioi tinh", "Ngay vao Dang", "Ghi chú"),
      row(4, "1", "Chi bộ 1", "An", "01/01/1980", "Nam", "01/01/2005"),
    ]);
    expect(header.line).toBe(3);
    expect(Object.fromEntries(header.columns)).toEqual({ index: 0, branchName: 1, fullName: 2, birthDate: 3, gender: 4, admittedOn: 5 });
    expect(header.ignored).toEqual(["Ghi chú"]);
  });

  test("missing required columns are named", () => {
    const error = refusal(() => locateHeader([row(1, "Họ và tên", "Ngày sinh", "Email")]));
    expect(error.code).toBe("missingColumns");
    expect(error.message).toContain("“Giới tính”, “Ngày vào Đảng”, “Chi bộ (hoặc Mã chi bộ)”");
  });

  test("a column twice is refused", () => {
    const error = refusal(() => locateHeader([row(1, "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Chi bộ", "Họ tên")]));
    expect(error.code).toBe("duplicateColumn");
  });

  test("no header at all", () => {
    expect(refusal(() => locateHeader([row(1, "a", "b"), row(2, "1", "2")])).code).toBe("noHeader");
  });
});
