// Member search words and ranges: what a query requires, and the index range of a word prefix.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chooseSearchPlan,
  MAX_MERGED_TOKENS,
  MAX_SEARCH_WORDS,
  prefixUpperBound,
  SCOPE_READ_LIMIT,
  searchWords,
  splitWords,
  WORD_COUNT_CAP,
} from "@/lib/org/member-search";

describe("searchWords", () => {
  it("folds accents, đ and case, and splits at spaces and punctuation", () => {
    expect(searchWords("  Nguyễn   VĂN ")).toEqual(["nguyen", "van"]);
    expect(searchWords("Đặng")).toEqual(["dang"]);
    expect(searchWords("H'Hen Niê")).toEqual(["hen", "nie"]); // "h" starts "hen": adds nothing
    expect(searchWords("lê-thị,hà")).toEqual(["thi", "ha", "le"]);
    expect(searchWords("Số 12")).toEqual(["12", "so"]);
  });

  it("drops repeated words and words that begin another query word", () => {
    expect(searchWords("van van")).toEqual(["van"]);
    expect(searchWords("ng nguyen n")).toEqual(["nguyen"]);
    expect(searchWords("an anh")).toEqual(["anh"]);
  });

  it("keeps the longest words when there are too many", () => {
    const words = searchWords("a bb ccc dddd eeeee ffffff ggggggg");
    expect(words).toHaveLength(MAX_SEARCH_WORDS);
    expect(words).toEqual(["ggggggg", "ffffff", "eeeee", "dddd", "ccc"]);
  });

  it("has no words for punctuation or LIKE wildcards alone", () => {
    expect(searchWords("%%")).toEqual([]);
    expect(searchWords("__ -- ''")).toEqual([]);
  });

  it("splits like the database: only ASCII non-alphanumerics separate words", () => {
    expect(splitWords("a\u0000b\tc~d")).toEqual(["a", "b", "c", "d"]);
    expect(splitWords("ñandú 😀x")).toEqual(["ñandú", "😀x"]);
  });
});

describe("prefixUpperBound", () => {
  it("increments the last character", () => {
    expect(prefixUpperBound("nguyen")).toBe("nguyeo");
    expect(prefixUpperBound("z")).toBe("{");
    expect(prefixUpperBound("a9")).toBe("a:");
    expect(prefixUpperBound("ñ")).toBe("ò");
  });

  it("skips surrogates and carries over the last code point", () => {
    expect(prefixUpperBound("a\ud7ff")).toBe("a\ue000");
    expect(prefixUpperBound("a\u{10ffff}")).toBe("b");
    expect(prefixUpperBound("\u{10ffff}")).toBeNull();
  });

  // Code point order is the byte order of UTF-8, i.e. the token column's "C" collation.
  const byCodePoint = (a: string, b: string) => {
    const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };

  it("bounds exactly the strings that start with the prefix", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "y", "z", "0", "9", "ñ", "\u{10ffff}"), maxLength: 5 });
    fc.assert(
      fc.property(text.filter((p) => p.length > 0), text, (prefix, other) => {
        const upper = prefixUpperBound(prefix);
        const inRange = byCodePoint(other, prefix) >= 0 && (upper === null || byCodePoint(other, upper) < 0);
        expect(inRange).toBe(other.startsWith(prefix));
        expect(byCodePoint(prefix + other, prefix) >= 0 && (upper === null || byCodePoint(prefix + other, upper) < 0)).toBe(true);
      }),
    );
  });
});

describe("chooseSearchPlan", () => {
  const row = (scope: number, ...words: [count: number, tokens: number][]) =>
    Object.fromEntries([
      ["scope", scope],
      ["sample", [] as string[]],
      ...words.flatMap(([count, tokens], i) => [
        [`count${i}`, count],
        [`tokens${i}`, Array.from({ length: tokens }, (_, k) => `t${k}`)],
      ]),
    ]);

  it("reads nothing when a word starts no name word", () => {
    expect(chooseSearchPlan(["nguyen", "zz"], row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, 1], [0, 0])).kind).toBe("none");
  });

  it("reads a small scope whole", () => {
    expect(chooseSearchPlan(["nguyen"], row(SCOPE_READ_LIMIT - 1, [WORD_COUNT_CAP, 1])).kind).toBe("scope");
  });

  it("drives a large scope from the rarest word", () => {
    const plan = chooseSearchPlan(["nguyen", "thuy"], row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, 1], [120, 2]));
    expect(plan).toMatchObject({ kind: "tokens", driver: { word: "thuy", count: 120 }, merged: true });
    expect(plan.kind === "tokens" && plan.others.map((w) => w.word)).toEqual(["nguyen"]);
    // Both common: the sample of names ranks them ("quan" a given name, "ngoc" a middle name).
    const sample = ["tran ngoc quan", "le ngoc anh", "pham thi ngoc", "vu ngoc-lan", "do quang"];
    const common = chooseSearchPlan(["ngoc", "quan"], { ...row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, 1], [WORD_COUNT_CAP, 1]), sample });
    expect(common).toMatchObject({ kind: "tokens", driver: { word: "quan", sample: 2 }, others: [{ word: "ngoc", sample: 4 }] });
    // Equal samples: the longer word.
    const tie = chooseSearchPlan(["nguyen", "th"], row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, 1], [WORD_COUNT_CAP, 5]));
    expect(tie).toMatchObject({ kind: "tokens", driver: { word: "nguyen" } });
  });

  it("walks the list for initials that are common together in the sample, not for rare ones", () => {
    const sample = ["tran thi hoa", "le thu ha", "pham van an", "vu thanh hai", "do anh binh"];
    const common = chooseSearchPlan(["t", "h"], { ...row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, 8], [WORD_COUNT_CAP, 7]), sample });
    expect(common.kind).toBe("walk");
    const rare = chooseSearchPlan(["a", "y"], { ...row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, 3], [WORD_COUNT_CAP, 2]), sample });
    expect(rare.kind).toBe("tokens");
  });

  it("sorts a rare prefix with many tokens, and walks the list when such a prefix is common", () => {
    expect(chooseSearchPlan(["t"], row(SCOPE_READ_LIMIT, [300, MAX_MERGED_TOKENS + 1]))).toMatchObject({ kind: "tokens", merged: false });
    expect(chooseSearchPlan(["t"], row(SCOPE_READ_LIMIT, [WORD_COUNT_CAP, MAX_MERGED_TOKENS + 1])).kind).toBe("walk");
  });
});
