// Issue 13, finding 8: an XLSX cell bomb. A small workbook whose one cell inflates to megabytes (the
// attack used 300 MB from 300 KB) is refused from the inflated sizes, before the parser holds any of
// it; a workbook over the total budget likewise. The same checks run for the roster dry run route (lib/org/roster-file.ts).
import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { checkXlsxLimits, readRows, RosterFileError, XLSX_LIMITS } from "@/lib/org/roster-file";

/** A real workbook (exceljs) whose first data cell holds `cell`. */
async function workbookWith(cell: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Chi bộ"]);
  sheet.addRow([1, cell, "01/01/1980", "Nam", "01/01/2010", "Chi bộ 1"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<RosterFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterFileError);
  return error as RosterFileError;
}

describe("finding 8: XLSX limits are checked before parsing", () => {
  test("a 4 MB cell in a file of a few KB is refused with a message that says why", async () => {
    const bomb = await workbookWith("A".repeat(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await refusal(readRows(bomb, "XLSX"));
    expect(error.code).toBe("xlsxLimits");
    expect(error.message).toMatch(/32\.767 ký tự/);
  });

  test("a cell of Excel's maximum length still reads", async () => {
    const rows = await readRows(await workbookWith("Ă".repeat(XLSX_LIMITS.maxCellChars)), "XLSX");
    expect(rows[1]?.cells[1]?.text.length).toBe(XLSX_LIMITS.maxCellChars);
  });

  test("a part that inflates past the budget is stopped at the budget, whatever the ZIP declares", async () => {
    const workbook = await workbookWith("Nguyễn Văn A");
    await expect(checkXlsxLimits(workbook)).resolves.toBeUndefined();
    const error = await refusal(checkXlsxLimits(workbook, { ...XLSX_LIMITS, maxPartBytes: 512, maxTotalBytes: 4096 }));
    expect(error.code).toBe("xlsxLimits");
  });

  test("a lying directory (declared sizes small, data a bomb) is caught while inflating", async () => {
    // One stored-as-deflated entry of 8 MB of "<" and letters whose directory claims 10 bytes.
    const data = deflateRawSync(Buffer.alloc(8 * 1024 * 1024, "a"));
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(10, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(10, 24);
    central.writeUInt16LE(name.length, 28);
    const directory = Buffer.concat([central, name]);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    const file = Buffer.concat([local, name, data, directory, end]);
    const error = await refusal(readRows(file, "XLSX"));
    expect(error.code).toBe("xlsxLimits");
  });
});
