// Every address the app writes for its own pages resolves to a page or route handler of the app.
// The coverage page was once linked from the menu, a redirect, the dashboard and two back links
// while its folder was missing from main: every one of those gave a 404 and no test noticed.
//
// Sources are parsed with the TypeScript compiler (no regex over code), so comments, quotes in
// text and nested template literals cannot hide or fake a link.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const ROOT = process.cwd();
/** A `${…}` of a template literal, or a "[id]"/"{id}" written in the address: any one segment. */
const ANY = "\u0000";

function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || full === join(ROOT, "lib", "generated")) continue;
      walk(full, keep, out);
    } else if (keep(full)) out.push(full);
  }
  return out;
}

type Segment = { kind: "static"; name: string } | { kind: "dynamic" } | { kind: "catchAll"; optional: boolean };

/** The app's routes: every page.tsx and route.ts(x) under app/, route groups removed; plus public/ files and metadata routes. */
function appRoutes(): Segment[][] {
  const routes: Segment[][] = [];
  for (const file of walk(join(ROOT, "app"), (path) => /[\\/](page|route)\.[jt]sx?$/.test(path))) {
    const parts = relative(join(ROOT, "app"), file).split(sep).slice(0, -1);
    routes.push(
      parts
        .filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith("@"))
        .map((part): Segment => {
          if (/^\[\[\.\.\..+\]\]$/.test(part)) return { kind: "catchAll", optional: true };
          if (/^\[\.\.\..+\]$/.test(part)) return { kind: "catchAll", optional: false };
          if (/^\[.+\]$/.test(part)) return { kind: "dynamic" };
          return { kind: "static", name: part };
        }),
    );
  }
  // Metadata routes Next.js serves from files of app/ (manifest.ts → /manifest.webmanifest, icon.svg → /icon.svg …).
  for (const entry of readdirSync(join(ROOT, "app"))) {
    if (entry === "manifest.ts") routes.push([{ kind: "static", name: "manifest.webmanifest" }]);
    else if (/^(icon|apple-icon|favicon)\.(ico|png|svg|jpg)$/.test(entry)) routes.push([{ kind: "static", name: entry }]);
  }
  const publicDir = join(ROOT, "public");
  if (existsSync(publicDir)) {
    for (const file of walk(publicDir, () => true)) routes.push(relative(publicDir, file).split(sep).map((name) => ({ kind: "static", name })));
  }
  return routes;
}

function matches(route: Segment[], target: string[]): boolean {
  const [head, ...rest] = route;
  if (!head) return target.length === 0;
  if (head.kind === "catchAll") {
    const min = head.optional ? 0 : 1;
    for (let taken = target.length; taken >= min; taken--) if (matches(rest, target.slice(taken))) return true;
    return false;
  }
  const [first, ...others] = target;
  if (first === undefined) return false;
  if (head.kind === "static" && first !== head.name && !first.includes(ANY)) return false;
  return matches(rest, others);
}

/** "/meetings/\0/edit?x=1#top" → ["meetings", "\0", "edit"]. */
function segmentsOf(address: string): string[] {
  const path = address.split(/[?#]/, 1)[0]!;
  return path
    .split("/")
    .filter((part) => part.length > 0)
    .map((part) => (/^\[.+\]$|^\{.+\}$/.test(part) ? ANY : decodeURIComponent(part.replace(/%(?![0-9a-f]{2})/gi, "%25"))));
}

interface Link {
  file: string;
  line: number;
  address: string;
  /** Written where a browser goes (href, redirect, router.push…), not merely a path-looking string. */
  navigates: boolean;
}

const NAVIGATING_CALLS = new Set(["redirect", "permanentRedirect", "push", "replace", "prefetch"]);
const NAVIGATING_NAMES = new Set(["href", "action", "formAction", "callbackUrl", "redirectTo"]);

/** The text of a literal with each `${…}` replaced by ANY. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => ANY + span.literal.text).join("");
  return null;
}

/** Is the literal the value of an href / action attribute or property, or an argument of redirect()/router.push()? */
function isNavigating(node: ts.Node): boolean {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isJsxAttribute(parent)) return NAVIGATING_NAMES.has(parent.name.getText());
    if (ts.isPropertyAssignment(parent) && parent.initializer === current) return NAVIGATING_NAMES.has(parent.name.getText());
    if (ts.isCallExpression(parent) && parent.arguments.includes(current as ts.Expression)) {
      const callee = parent.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      if (name === "push" || name === "replace" || name === "prefetch") return ts.isPropertyAccessExpression(callee) && /router$/i.test(callee.expression.getText());
      return NAVIGATING_CALLS.has(name);
    }
    // Conditionals and concatenations pass the address through; anything else ends the search.
    if (!(ts.isConditionalExpression(parent) || ts.isBinaryExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isJsxExpression(parent))) return false;
  }
  return false;
}

function linksIn(file: string): Link[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const links: Link[] = [];
  const visit = (node: ts.Node) => {
    const text = literalText(node);
    // An app address: "/x…" (not "//host", not "/" followed by a placeholder such as `/${base}`).
    if (text !== null && /^\/[a-z0-9_.-]/i.test(text) && !text.startsWith("//")) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      links.push({ file: relative(ROOT, file), line, address: text, navigates: isNavigating(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return links;
}

const ROUTES = appRoutes();
const resolves = (address: string) => ROUTES.some((route) => matches(route, segmentsOf(address)));
const show = (link: Link) => `${link.file}:${link.line} ${link.address.replaceAll(ANY, "${…}")}`;

describe("route integrity", () => {
  const files = ["app", "components", "lib"].flatMap((dir) => walk(join(ROOT, dir), (path) => /\.tsx?$/.test(path) && !path.endsWith(".d.ts")));
  const links = files.flatMap(linksIn);
  const topSegments = new Set(ROUTES.map((route) => (route[0]?.kind === "static" ? route[0].name : null)).filter((name): name is string => name !== null));

  test("the scan sees the app's routes and links", () => {
    // Guards the scanner itself: the menu's, the back links' and the redirects' addresses are found.
    expect(ROUTES.length).toBeGreaterThan(100);
    expect(resolves("/oversight/coverage")).toBe(true);
    expect(resolves("/meetings/\u0000/edit")).toBe(true);
    expect(resolves("/api/auth/callback/credentials")).toBe(true);
    expect(resolves("/meetings/\u0000/nowhere")).toBe(false);
    expect(resolves("/nowhere")).toBe(false);
    const navigating = links.filter((link) => link.navigates).map((link) => link.address);
    expect(navigating).toContain("/oversight/coverage");
    expect(navigating.length).toBeGreaterThan(150);
  });

  test("every link, redirect and router.push target in app/, components/ and lib/ is a route of the app", () => {
    const dead = links.filter((link) => link.navigates && !resolves(link.address)).map(show);
    expect(dead).toEqual([]);
  });

  test("every other address of a page of the app written in the source exists (hrefs built in services, nav lists)", () => {
    // A string that starts like one of the app's top-level folders ("/meetings/…", "/oversight/…")
    // and is not handed straight to a link: inbox steps, audit links, notification targets.
    const dead = links
      .filter((link) => !link.navigates && topSegments.has(segmentsOf(link.address)[0] ?? "") && !resolves(link.address))
      // "/api/" and the like: prefixes tested with startsWith, not addresses.
      .filter((link) => !link.address.endsWith("/"))
      .map(show);
    expect(dead).toEqual([]);
  });
});
