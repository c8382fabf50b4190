// No ignore rule may hide source. An unanchored "coverage/" in .gitignore once hid
// app/(app)/oversight/coverage/ and app/api/v1/oversight/coverage/: the pages worked on the machine
// that wrote them, were never committed, and every link to them gave a 404 in main.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

/** Folders whose every file belongs in the repository. */
const SOURCE_ROOTS = ["app", "components", "lib", "prisma", "scripts", "public", "tests"];
/** Generated or scratch folders inside them, ignored on purpose. */
const SCRATCH = ["lib/generated/", "tests/.tmp/", "tests/test-results/", "tests/playwright-report/"];

function git(args: string[], input?: string): string {
  // check-ignore answers 1 when nothing matched: that is a result, not a failure.
  try {
    return execFileSync("git", args, { cwd: process.cwd(), encoding: "utf8", input, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { status?: number; stdout?: string };
    if (failed.status === 1 && typeof failed.stdout === "string") return failed.stdout;
    throw error;
  }
}

function lines(text: string): string[] {
  return text.split("\0").flatMap((part) => part.split("\n")).filter((line) => line.length > 0);
}

function isProtectedSource(path: string): boolean {
  const inRoot = SOURCE_ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
  return inRoot && !SCRATCH.some((scratch) => path.startsWith(scratch) || `${path}/` === scratch);
}

describe("ignore rules cannot hide source", () => {
  test("no file present under a source folder is ignored by git", () => {
    // Untracked files that an ignore rule hides: on the machine that wrote them, this is the moment
    // a new page would be left out of the commit.
    const ignored = lines(git(["ls-files", "--others", "--ignored", "--exclude-standard", "-z", "--", ...SOURCE_ROOTS]));
    expect(ignored.filter(isProtectedSource)).toEqual([]);
  });

  test("no committed file under a source folder matches an ignore rule", () => {
    // A tracked file under a rule was force-added; its next new sibling would silently stay out.
    const tracked = lines(git(["ls-files", "--cached", "--ignored", "--exclude-standard", "-z", "--", ...SOURCE_ROOTS]));
    expect(tracked.filter(isProtectedSource)).toEqual([]);
  });

  test("no ignore pattern would hide a folder of its name nested under a source folder", () => {
    // On a fresh clone the hidden files are simply absent, so probe each pattern's name one level
    // deep in every source folder ("app/probe/coverage/file.ts" for "coverage/").
    const patterns = lines(git(["ls-files", "-z", "--", ".gitignore", "**/.gitignore"]))
      .flatMap((file) => readFileSync(file, "utf8").split("\n"))
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#") && !line.startsWith("!"));
    expect(patterns.length).toBeGreaterThan(0);
    const probes = new Set<string>();
    for (const pattern of patterns) {
      const name = pattern.replace(/^\/+|\/+$/g, "").replace(/\*+/g, "probe");
      for (const root of SOURCE_ROOTS) {
        probes.add(`${root}/probe/${name}/file.ts`);
        probes.add(`${root}/probe/${name}`);
      }
    }
    const hidden = lines(git(["check-ignore", "--no-index", "--stdin", "-z"], [...probes].join("\0") + "\0")).filter(isProtectedSource);
    expect(hidden).toEqual([]);
  });
});
