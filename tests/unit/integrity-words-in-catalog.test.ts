// Every user-facing word of lib/, app/ and components/ lives in the catalog (issue 18): services
// raise errors with a code and parameters, lib/i18n/messages/vi/*.json says the words, pages and
// components read it through next-intl. Every .ts/.tsx file there (lib/generated aside) is parsed with the TypeScript compiler and each string literal, template
// literal part, regular expression and JSX text is checked for Vietnamese letters; comments are not
// code and may quote a source. Data files keep their Vietnamese: the demo data (lib/seed), the
// official rubric and frame texts (lib/scoring/rubrics, lib/classification/frames) and the API
// documentation registry (lib/api/openapi-routes).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const LIB = join(ROOT, "lib");
const APP = join(ROOT, "app");
const COMPONENTS = join(ROOT, "components");

/** Files that may hold Vietnamese: data, not code. */
const DATA_FILES = [/^lib\/seed\//, /^lib\/scoring\/rubrics\//, /^lib\/classification\/frames\//, /^lib\/api\/openapi-routes\//];


/** A letter only Vietnamese (of the languages this code base writes) spells: a vowel with a tone or hat, or đ. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" && dir === LIB ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function isLiteral(node: ts.Node): boolean {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node) ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isJsxText(node)
  );
}

/** The 1-based lines of `text` that hold a literal with a Vietnamese letter (comments never count). */
export function vietnameseLiteralLines(fileName: string, text: string): number[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const lines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (isLiteral(node) && VIETNAMESE.test(node.getText(source).normalize("NFC"))) {
      lines.add(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...lines].sort((a, b) => a - b);
}

function offenders(): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const file of [LIB, APP, COMPONENTS].flatMap(sourceFiles)) {
    const rel = relative(ROOT, file).split(sep).join("/");
    if (DATA_FILES.some((pattern) => pattern.test(rel))) continue;
    const lines = vietnameseLiteralLines(rel, readFileSync(file, "utf8"));
    if (lines.length > 0) found.set(rel, lines);
  }
  return found;
}

describe("words in the catalog", () => {
  it("finds Vietnamese in strings, templates, regular expressions and JSX text, not in comments", () => {
    const text = [
      "// Theo Hướng dẫn 12: a comment quoting a source",
      "/** Điều 8 */",
      'const a = "Chi bộ";',
      "const b = `Có ${n} đảng viên`;",
      "const c = `${n} ok ${m} dòng`;",
      "const d = /chi bộ/i;",
      'const e = "plain ascii";',
      "const f = <p>Đóng</p>;",
    ].join("\n");
    expect(vietnameseLiteralLines("sample.tsx", text)).toEqual([3, 4, 5, 6, 8]);
  });

  it("has no Vietnamese literal in lib/, app/ or components/ outside the catalog and the data files", () => {
    const problems = [...offenders()].map(([file, lines]) => `${file}: a Vietnamese literal on line(s) ${lines.join(", ")}`);
    expect(problems).toEqual([]);
  });
});
