// No cycle between the folders of lib/ (issue 18): a feature folder may use another feature's
// services, but never both ways round, so that generic helpers live in a home of their own (lib/time,
// lib/errors, …) instead of in whichever feature wrote them first. Every import and re-export of
// every .ts/.tsx file under lib/ (type-only ones too; lib/generated aside) is read with the
// TypeScript compiler's pre-processor and mapped to its top-level folder of lib/ (a file directly in
// lib/, such as lib/errors.ts, is a folder of its own); the test fails naming each cycle it finds.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const LIB = join(ROOT, "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" && dir === LIB ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** lib/meetings/rules/x.ts → "meetings"; lib/errors.ts → "errors"; outside lib/ → null. */
function folderOf(absolute: string): string | null {
  const rel = relative(LIB, absolute);
  if (rel.startsWith("..")) return null;
  const head = rel.split(sep)[0]!;
  return head.replace(/\.(tsx?|json)$/, "");
}

function targetOf(from: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return join(ROOT, specifier.slice(2));
  if (specifier.startsWith(".")) return resolve(dirname(from), specifier);
  return null;
}

/** Folder → folders it imports, with one file:line per edge for the failure message. */
export function folderGraph(files: readonly string[] = sourceFiles(LIB)): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    const text = readFileSync(file, "utf8");
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      const target = targetOf(file, ref.fileName);
      const to = target ? folderOf(target) : null;
      if (!to || to === from || to === "generated") continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      graph.set(from, edges);
      if (!edges.has(to)) edges.set(to, `${relative(ROOT, file)}:${text.slice(0, ref.pos).split("\n").length}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan), each sorted. */
export function cyclesOf(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return components;
}

function describeCycle(graph: ReadonlyMap<string, ReadonlyMap<string, string>>, component: readonly string[]): string {
  const inside = new Set(component);
  const edges = component.flatMap((from) =>
    [...(graph.get(from) ?? new Map<string, string>())].filter(([to]) => inside.has(to)).map(([to, where]) => `  ${from} → ${to} (${where})`),
  );
  return `${component.join(" ↔ ")}\n${edges.join("\n")}`;
}

describe("lib/ folder imports", () => {
  it("form no cycle between top-level folders of lib/", () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10); // the walk found the code
    const cycles = cyclesOf(graph).map((c) => describeCycle(graph, c));
    expect(cycles, `cycles between lib/ folders:\n${cycles.join("\n\n")}`).toEqual([]);
  });

  it("finds a cycle when two folders import each other (the check can fail)", () => {
    const graph = new Map([
      ["a", new Map([["b", "a.ts:1"]])],
      ["b", new Map([["c", "b.ts:1"]])],
      ["c", new Map([["a", "c.ts:1"]])],
      ["d", new Map([["a", "d.ts:1"]])],
    ]);
    expect(cyclesOf(graph)).toEqual([["a", "b", "c"]]);
  });
});
