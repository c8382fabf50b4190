// The browser gets only the messages its segment's client components read
// (lib/i18n/client-namespaces.ts). These tests keep those lists true to the source, so a client
// component that reads a namespace its page does not send fails here instead of showing a raw key.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespacesBySegment, coverNamespaces, namespacesOfSource } from "@/lib/i18n/client-usage";
import { ALWAYS_SENT, CLIENT_SEGMENTS, pickMessages, segmentMessages, type ClientSegment } from "@/lib/i18n/client-namespaces";
import messages from "@/lib/i18n/messages";

const covered = (name: string, list: readonly string[]) => list.some((sent) => name === sent || name.startsWith(`${sent}.`));

describe("messages sent to the browser", () => {
  const used = clientNamespacesBySegment();

  it.each(Object.keys(CLIENT_SEGMENTS) as ClientSegment[])("segment %j sends every message its client components read", (segment) => {
    const sent = [...ALWAYS_SENT, ...CLIENT_SEGMENTS[segment]];
    expect(used[segment]!.filter((name) => !covered(name, sent))).toEqual([]);
  });

  it.each(Object.keys(CLIENT_SEGMENTS).filter((s) => s !== "") as ClientSegment[])("segment %j has a layout that sends its list", (segment) => {
    const layout = path.join("app", segment, "layout.tsx");
    expect(existsSync(layout)).toBe(true);
    expect(readFileSync(layout, "utf8")).toContain(`segment="${segment}"`);
  });

  it("the root layout sends only the root list, never the whole catalog", () => {
    const source = readFileSync("app/layout.tsx", "utf8");
    expect(source).toContain('<SegmentMessages segment="">');
    expect(source).not.toMatch(/<NextIntlClientProvider>/);
  });

  it("no segment sends more than 20 KB of messages (the whole catalog is about 170 KB)", () => {
    expect(JSON.stringify(messages).length).toBeGreaterThan(100_000);
    for (const segment of Object.keys(CLIENT_SEGMENTS) as ClientSegment[]) {
      expect(JSON.stringify(segmentMessages(segment)).length, segment).toBeLessThan(20_000);
    }
  });
});

describe("reading what a client component uses", () => {
  it("keeps literal keys, the fixed part of template keys and whole namespaces for dynamic keys", () => {
    const source = `"use client";
      function A() { const t = useTranslations("login"); return t("username") + t.rich("submit"); }
      function B({ s }) { const t = useTranslations("meetings"); return t(\`state.\${s}\`); }
      function C({ k }) { const t = useTranslations("oversight.registration"); return t(k); }
      function D({ open }) { const t = useTranslations(); return t("app.name") + t(open ? "org.collapse" : "org.expand"); }`;
    expect(namespacesOfSource(source).sort()).toEqual(
      ["app.name", "login.submit", "login.username", "meetings.state", "org.collapse", "org.expand", "oversight.registration"].sort(),
    );
  });

  it("sends every namespace a run-time namespace could name (found in Chromium: rubrics.import)", () => {
    const found = namespacesOfSource("const t = useTranslations(`${catalog}.import` as \"rubrics.import\");");
    expect(found).toEqual(expect.arrayContaining(["rubrics.import", "classification.frameForms.import"]));
  });

  it("does not take a class name such as border-t for a use of t (it sent the score page all of scorecard)", () => {
    const source = `const t = useTranslations("scorecard"); return <li className="border-t first:border-t-0">{t("totals.title")}</li>;`;
    expect(namespacesOfSource(source)).toEqual(["scorecard.totals.title"]);
  });

  it("takes the whole namespace when the translator is handed to other code", () => {
    expect(namespacesOfSource(`const t = useTranslations("record"); return format(t);`)).toEqual(["record"]);
  });

  it("picks nested paths in the catalog's shape and refuses unknown ones", () => {
    expect(pickMessages(["login.username", "common"])).toEqual({ login: { username: messages.login.username }, common: messages.common });
    expect(() => pickMessages(["nope.x"])).toThrow(/nope/);
    expect(coverNamespaces(["a.b", "a", "c.d"])).toEqual(["a", "c.d"]);
  });
});
