// Retention: `npm run backup -- --keep N` keeps the N newest archives of the folder, by the time in
// their names, and never touches anything else there.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { pruneBackups } from "@/lib/backup/backup";
import { ARCHIVE_NAME, archiveName } from "@/lib/backup/manifest";

let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("archive names", () => {
  test("carry the UTC time to the millisecond and sort in time order", () => {
    const names = ["2026-12-07T06:00:00.000Z", "2026-12-07T06:00:00.001Z", "2026-12-07T16:00:00.000Z", "2027-01-01T00:00:00.000Z"].map((iso) =>
      archiveName(new Date(iso)),
    );
    expect(names[0]).toBe("sosh-backup-20261207T060000000Z.tar");
    expect([...names].reverse().sort()).toEqual(names);
    for (const name of names) expect(ARCHIVE_NAME.test(name)).toBe(true);
    expect(ARCHIVE_NAME.test("sosh-backup-20261207T060000000Z.tar.partial")).toBe(false);
  });
});

describe("pruneBackups", () => {
  test("keeps the newest N archives and leaves other files alone", async () => {
    dir = await mkdtemp(join(tmpdir(), "sosh-retention-"));
    const days = ["2026-12-01", "2026-12-03", "2026-12-02", "2026-12-05", "2026-12-04"];
    for (const day of days) await writeFile(join(dir, archiveName(new Date(`${day}T02:00:00Z`))), "x");
    const others = ["notes.txt", "sosh-backup-20261130T020000000Z.tar.partial", "my-copy.tar"];
    for (const name of others) await writeFile(join(dir, name), "x");

    const removed = await pruneBackups(dir, 2);
    expect(removed).toEqual(["2026-12-03", "2026-12-02", "2026-12-01"].map((day) => archiveName(new Date(`${day}T02:00:00Z`))));
    expect((await readdir(dir)).sort()).toEqual(
      [...others, archiveName(new Date("2026-12-05T02:00:00Z")), archiveName(new Date("2026-12-04T02:00:00Z"))].sort(),
    );
    expect(await pruneBackups(dir, 2)).toEqual([]);
  });

  test("refuses a keep below one", async () => {
    dir = await mkdtemp(join(tmpdir(), "sosh-retention-"));
    await expect(pruneBackups(dir, 0)).rejects.toThrow(RangeError);
  });
});
