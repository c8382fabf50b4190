// Which message namespaces the client components of each route segment use, read from the source
// (Node only: used by the unit test that keeps lib/i18n/client-namespaces.ts true and by
// `npx tsx scripts/i18n-client-namespaces.ts`, never by the app).
//
// From the files of a segment (its pages, layouts and the modules they import), the walk follows
// imports; a module with "use client", and everything it imports, runs in the browser. Those
// modules' useTranslations("a.b") calls name what the browser needs; a bare useTranslations()
// reads the whole catalog, so its string literals that start with a namespace ("users.create.x")
// name the namespaces it reads.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import messages from "@/lib/i18n/messages";
import { CLIENT_SEGMENTS } from "@/lib/i18n/client-namespaces";

const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];

function resolveImport(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  if (/\.(tsx?|json|css)$/.test(base)) return existsSync(base) && /\.tsx?$/.test(base) ? base : null;
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return base + ext;
  return null;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(root: string, file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    if (match[2]) continue; // import type: erased
    const target = resolveImport(root, file, match[3]!);
    if (target) found.push(target);
  }
  for (const match of source.matchAll(DYNAMIC_IMPORT)) {
    const target = resolveImport(root, file, match[1]!);
    if (target) found.push(target);
  }
  return found;
}

const TOP_LEVEL = new Set(Object.keys(messages));


type Tree = { [key: string]: string | Tree };

/** The longest prefix of a dotted path that names something in the catalog. */
function existingPrefix(dotted: string): string | null {
  let node: string | Tree = messages as unknown as Tree;
  const kept: string[] = [];
  for (const part of dotted.split(".")) {
    if (typeof node !== "object" || !(part in node)) break;
    node = node[part]!;
    kept.push(part);
  }
  return kept.length > 0 ? kept.join(".") : null;
}

/** Every dotted path of the catalog that ends with `suffix` (".import"). */
function pathsEndingWith(suffix: string): string[] {
  const out: string[] = [];
  const walk = (node: string | Tree, path: string) => {
    if (path.endsWith(suffix)) out.push(path.slice(1));
    if (typeof node === "object") for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`);
  };
  walk(messages as unknown as Tree, "");
  return out;
}

const KEY_CALL = /^(?:\.(?:rich|markup|raw|has))?\(\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)(\$\{)?[^`]*`)?/;

/**
 * The message paths (dotted; a namespace or a single key) one browser-side module reads. For each
 * `const t = useTranslations("ns")`, the calls of `t` up to the next declaration of the same name
 * are read: literal keys give "ns.key", a template literal its fixed prefix, anything else (a key
 * in a variable, `t` handed to another function) the whole namespace.
 */
export function namespacesOfSource(source: string): string[] {
  const found = new Set<string>();
  const declarations = [...source.matchAll(/(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*useTranslations\(\s*(?:["'`]([A-Za-z0-9_.]*)["'`])?\s*\)/g)];
  for (const [index, declaration] of declarations.entries()) {
    const name = declaration[1]!;
    const namespace = declaration[2] ?? "";
    const start = declaration.index + declaration[0].length;
    const nextSame = declarations.slice(index + 1).find((other) => other[1] === name);
    const body = source.slice(start, nextSame?.index ?? source.length);
    const usage = new RegExp(`(?<![\\w$.-])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
    for (const match of body.matchAll(usage)) {
      const after = body.slice(match.index + name.length);
      const call = KEY_CALL.exec(after);
      const literal = call?.[1] ?? call?.[2] ?? (call?.[3] !== undefined && !call[4] ? call[3] : undefined);
      const ternary = /^(?:\.(?:rich|markup|raw|has))?\(\s*[\w$.!\s]+\?\s*"([^"]*)"\s*:\s*"([^"]*)"\s*[,)]/.exec(after);
      if (ternary) {
        for (const key of [ternary[1]!, ternary[2]!]) {
          const existing = existingPrefix([namespace, key].filter(Boolean).join("."));
          if (existing) found.add(existing);
        }
        continue;
      }
      let path: string | null;
      if (call && literal !== undefined) path = [namespace, literal].filter(Boolean).join(".");
      else if (call && call[3] !== undefined) path = [namespace, call[3].replace(/\.?[^.]*$/, "")].filter(Boolean).join(".");
      else path = namespace; // a dynamic key, or `t` passed on
      if (!path) {
        // The whole catalog through a bare useTranslations() and a dynamic key: every namespace.
        for (const top of TOP_LEVEL) found.add(top);
        continue;
      }
      const existing = existingPrefix(path);
      if (existing) found.add(existing);
    }
  }
  // A namespace built at run time (useTranslations(`${catalog}.import`)): every namespace of the
  // catalog that ends the same way, whole.
  for (const match of source.matchAll(/useTranslations\(\s*`\$\{[^}]+\}((?:\.[A-Za-z0-9_]+)+)`/g)) {
    for (const path of pathsEndingWith(match[1]!)) found.add(path);
  }
  // A hook used without a declaration (useTranslations("ns")("key") or passed on directly).
  for (const match of source.matchAll(/useTranslations\(\s*["'`]([A-Za-z0-9_.]+)["'`]\s*\)/g)) {
    const before = source.slice(Math.max(0, match.index - 40), match.index);
    if (!/(?:const|let)\s+[A-Za-z_$][\w$]*\s*=\s*$/.test(before)) found.add(match[1]!);
  }
  return [...found];
}

function filesUnder(dir: string, skip: (dir: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "api" && !skip(full)) out.push(...filesUnder(full, skip));
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

/** Smallest set of dotted paths covering the given ones ("a" covers "a.b"). */
export function coverNamespaces(names: Iterable<string>): string[] {
  const sorted = [...new Set(names)].sort();
  return sorted.filter((name) => !sorted.some((other) => other !== name && name.startsWith(`${other}.`)));
}

/**
 * For each segment of CLIENT_SEGMENTS (a folder under app/ whose layout gives its own messages to
 * the browser), the namespaces its client modules read. A segment's own files exclude those of
 * deeper segments in the list, which get their own provider. The root segment ("") covers the
 * root layout, error pages and whatever is outside every other segment.
 */
export function clientNamespacesBySegment(root: string = process.cwd()): Record<string, string[]> {
  const appDir = path.join(root, "app");
  const segments = Object.keys(CLIENT_SEGMENTS);
  const result: Record<string, string[]> = {};
  for (const segment of segments) {
    const dir = path.join(appDir, segment);
    const deeper = segments.filter((other) => other !== segment && (segment === "" || other.startsWith(`${segment}/`)));
    const skip = (candidate: string) => deeper.some((other) => path.join(appDir, other) === candidate);
    const entries = filesUnder(dir, skip);
    const seen = new Map<string, boolean>(); // file → reached as client
    const stack: [string, boolean][] = entries.map((file) => [file, false]);
    const namespaces = new Set<string>();
    while (stack.length > 0) {
      const [file, parentClient] = stack.pop()!;
      const source = readFileSync(file, "utf8");
      const client = parentClient || /^\s*["']use client["']/.test(source);
      const before = seen.get(file);
      if (before === true || (before === false && !client)) continue;
      seen.set(file, client);
      if (client) for (const name of namespacesOfSource(source)) namespaces.add(name);
      for (const target of importsOf(root, file, source)) stack.push([target, client]);
    }
    result[segment] = coverNamespaces(namespaces);
  }
  return result;
}
