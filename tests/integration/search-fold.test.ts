// Member search folds names in the database (generated column) and queries in JavaScript; if the
// two folds ever differ, "nguyen van" stops finding "Nguyễn Văn". Checked over every Vietnamese letter.
import { describe, expect, it } from "vitest";
import { foldForSearch } from "@/lib/i18n/format";
import { ownerDb } from "../fixtures/db";

const VIETNAMESE_LETTERS =
  "aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹđ";

describe("accent-insensitive folding", () => {
  it("folds every Vietnamese letter, upper and lower case, the same way in Postgres and in the app", async () => {
    const samples = [...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.toUpperCase()];
    const rows = await ownerDb().$queryRaw<{ folded: string[] }[]>`SELECT array_agg(app_fold(x) ORDER BY n) AS folded FROM unnest(${samples}::text[]) WITH ORDINALITY AS t(x, n)`;
    expect(rows[0]!.folded).toEqual(samples.map(foldForSearch));
  });

  it("folds whole names with odd spacing identically", async () => {
    const names = ["  Nguyễn   Văn  Ân ", "ĐẶNG THỊ THU HƯƠNG", "Hoàng Đức Thắng", "Lý Thị Ngọc Ánh"];
    const rows = await ownerDb().$queryRaw<{ folded: string[] }[]>`SELECT array_agg(app_fold(x) ORDER BY n) AS folded FROM unnest(${names}::text[]) WITH ORDINALITY AS t(x, n)`;
    expect(rows[0]!.folded).toEqual(names.map(foldForSearch));
    expect(rows[0]!.folded[0]).toBe("nguyen van an");
  });
});
