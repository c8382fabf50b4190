// The boundary primitives of issue 13: unsafe text, the client address behind trusted proxies, the
// cross-site check, and the login delay schedule.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { delayAfter, ACCOUNT_POLICY, PAIR_POLICY } from "@/lib/auth/throttle";
import { clientAddress } from "@/lib/http/client-address";
import { isCrossSiteWrite } from "@/lib/http/cross-site";
import { findUnsafeText, isUnsafeText, text } from "@/lib/input/unsafe-text";

describe("unsafe text", () => {
  test("a NUL or a lone surrogate anywhere in a string, a key or a nested value is found, with its path", () => {
    fc.assert(
      // A surrogate is "lone" when no partner stands next to it: "x" keeps it apart from either side.
      fc.property(fc.string(), fc.string(), fc.constantFrom("\u0000", "x\ud800x", "x\udc00x", "x\udbffx"), (left, right, bad) => {
        expect(isUnsafeText(left + bad + right)).toBe(true);
        expect(findUnsafeText({ deep: [{ value: left + bad + right }] })).toBe("deep.0.value");
      }),
      { numRuns: 200 },
    );
    expect(findUnsafeText({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toBe("a.1.c");
    expect(findUnsafeText({ "k\ud800": 1 })).toBe("k?");
    expect(findUnsafeText("\udfff")).toBe("_");
  });

  test("every well-formed string without NUL passes, Vietnamese and emoji included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (value) => {
        const clean = value.replaceAll("\u0000", "");
        expect(isUnsafeText(clean)).toBe(false);
        expect(findUnsafeText({ value: clean, list: [clean] })).toBeNull();
      }),
      { numRuns: 200 },
    );
    expect(text().safeParse("Nguyễn Thị Ánh 🌸").success).toBe(true);
    expect(text().safeParse("a\u0000").success).toBe(false);
  });
});

describe("client address", () => {
  const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

  test("with no trusted proxy, only the peer our server appended counts, whatever the client wrote", () => {
    expect(clientAddress(headers("1.2.3.4, 10.0.0.9"), 0)).toBe("10.0.0.9");
    expect(clientAddress(headers("10.0.0.9"), 0)).toBe("10.0.0.9");
    expect(clientAddress(headers(), 0)).toBe("unknown");
  });

  test("behind n proxies, the address the first of them saw", () => {
    expect(clientAddress(headers("6.6.6.6, 203.0.113.5, 10.0.0.2"), 1)).toBe("203.0.113.5");
    expect(clientAddress(headers("203.0.113.5, 10.0.0.3, 10.0.0.2"), 2)).toBe("203.0.113.5");
    expect(clientAddress(headers("10.0.0.2"), 3)).toBe("10.0.0.2");
  });
});

describe("cross-site writes", () => {
  const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers({ host: "so.example", ...headers }) });

  test("refused from another site, by Sec-Fetch-Site or Origin; reads and non-browsers pass", () => {
    expect(isCrossSiteWrite(request("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteWrite(request("DELETE", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteWrite(request("PUT", { origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteWrite(request("PATCH", { origin: "null" }))).toBe(true);
    expect(isCrossSiteWrite(request("POST", { "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteWrite(request("POST", { origin: "https://so.example" }))).toBe(false);
    expect(isCrossSiteWrite(request("POST", {}))).toBe(false);
    expect(isCrossSiteWrite(request("GET", { "sec-fetch-site": "cross-site" }))).toBe(false);
  });
});

describe("login delays", () => {
  test("free failures cost nothing, then the delay doubles up to the ceiling; the account's never passes 36 s", () => {
    expect([1, 2, 3].map((n) => delayAfter(n, PAIR_POLICY))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => delayAfter(n, PAIR_POLICY))).toEqual([1, 2, 4, 8]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (failures) => {
        expect(delayAfter(failures, ACCOUNT_POLICY)).toBeLessThanOrEqual(36);
        expect(delayAfter(failures + 1, ACCOUNT_POLICY)).toBeGreaterThanOrEqual(delayAfter(failures, ACCOUNT_POLICY));
      }),
      { numRuns: 200 },
    );
    // At most 100 failed attempts an hour reach one account once past the free ones (ASVS 2.2.1).
    expect(3600 / ACCOUNT_POLICY.maxSeconds).toBeLessThanOrEqual(100);
  });
});
