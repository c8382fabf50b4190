// Where a server's CPU time went: reads a V8 .cpuprofile (node --cpu-prof) and prints self time by
// package / area and the top functions. Used with `npm run bench:pages -- --profile <dir>`:
//   npx tsx tests/bench/cpu-profile.ts <file.cpuprofile> [--top 25]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    if (pkg[1] === "next") {
      if (/react-server-dom|rsc|server\.runtime/.test(url)) return "next (react server / rsc)";
      if (/app-render|render/.test(url)) return "next (render)";
      return "next (other)";
    }
    return pkg[1]!;
  }
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/.next/server/chunks/ssr/")) return "app (server chunks, ssr)";
  if (url.includes("/.next/server/")) return "app (server chunks)";
  if (url.includes("/lib/")) return "app lib";
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const key = `${functionName || "(anonymous)"}  ${area}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
  }
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
  const lines = [`total sampled ${(total / 1e6).toFixed(1)} s`, "", "self time by area:"];
  for (const [area, v] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${pct(v)}  ${area}`);
  lines.push("", `top ${top} functions (self):`);
  for (const [fn, v] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${fn}`);
  return lines.join("\n");
}

if (process.argv[1]?.endsWith("cpu-profile.ts")) {
  const { values, positionals } = parseArgs({ options: { top: { type: "string", default: "25" } }, allowPositionals: true });
  for (const file of positionals) {
    console.log(`── ${file}`);
    console.log(summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(values.top)));
  }
}
