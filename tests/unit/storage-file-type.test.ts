// What a file is, from its bytes: the allow-list holds whatever the name says.
import { describe, expect, test } from "vitest";
import { detectFileType, fileNameFor, oleEntryNames, zipEntryNames } from "@/lib/storage/file-type";
import {
  EXE_BYTES,
  ELF_BYTES,
  HTML_BYTES,
  JPEG_BYTES,
  PDF_BYTES,
  PNG_BYTES,
  macroDocx,
  odtFile,
  oleFile,
  plainZip,
  realDocx,
  realXlsx,
} from "@/tests/fixtures/preparation-files";

describe("detectFileType", () => {
  test("recognises the allowed documents and pictures", async () => {
    expect(detectFileType(PDF_BYTES)).toBe("pdf");
    expect(detectFileType(PNG_BYTES)).toBe("png");
    expect(detectFileType(JPEG_BYTES)).toBe("jpg");
    expect(detectFileType(await realDocx())).toBe("docx");
    expect(detectFileType(await realXlsx())).toBe("xlsx");
    expect(detectFileType(odtFile())).toBe("odt");
    expect(detectFileType(oleFile("WordDocument"))).toBe("doc");
  });

  test("refuses programs and scripts, whatever they are called", () => {
    expect(detectFileType(EXE_BYTES)).toBe("executable");
    expect(detectFileType(ELF_BYTES)).toBe("executable");
    expect(detectFileType(HTML_BYTES)).toBe("script");
    expect(detectFileType(Buffer.from("#!/bin/sh\nrm -rf /\n"))).toBe("script");
  });

  test("opens containers: a plain zip, a macro document, an old Excel file are not accepted", () => {
    expect(detectFileType(plainZip())).toBe("archive");
    expect(detectFileType(macroDocx())).toBe("macro");
    expect(detectFileType(oleFile("Workbook"))).toBe("otherOffice");
    // A ZIP head with a broken directory (e.g. a truncated upload).
    expect(detectFileType(odtFile().subarray(0, 60))).toBe("corrupt");
  });

  test("refuses empty and unknown content", () => {
    expect(detectFileType(new Uint8Array(0))).toBe("empty");
    expect(detectFileType(Buffer.from("Biên bản họp chi bộ (văn bản thường)"))).toBe("unknown");
    // "%PDF" later in the file is not a PDF.
    expect(detectFileType(Buffer.concat([Buffer.from("xx"), PDF_BYTES]))).toBe("unknown");
  });

  test("reads entry names from the containers' directories", async () => {
    expect(zipEntryNames(odtFile())).toEqual(["mimetype", "content.xml", "META-INF/manifest.xml"]);
    expect(zipEntryNames(await realDocx())).toContain("word/document.xml");
    expect(oleEntryNames(oleFile("WordDocument"))).toEqual(["Root Entry", "WordDocument"]);
  });
});

describe("fileNameFor", () => {
  test("keeps a correct name, fixes the extension to the real type", () => {
    expect(fileNameFor("Nội dung tháng 11.docx", "docx")).toBe("Nội dung tháng 11.docx");
    expect(fileNameFor("anh.JPEG", "jpg")).toBe("anh.JPEG");
    expect(fileNameFor("bao-cao.docx", "pdf")).toBe("bao-cao.pdf");
    expect(fileNameFor("bien-ban", "pdf")).toBe("bien-ban.pdf");
    expect(fileNameFor("ke.hoach.2026", "xlsx")).toBe("ke.hoach.2026.xlsx");
  });

  test("removes path separators and control characters", () => {
    expect(fileNameFor("../../etc/passwd.pdf", "pdf")).toBe(".._.._etc_passwd.pdf");
    expect(fileNameFor("a\u0000b\"c.pdf", "pdf")).toBe("abc.pdf");
    expect(fileNameFor("   ", "png")).toBe("tai-lieu.png");
  });
});
