// `npm run db:diff [-- --from <git-ref>|--from-empty]`: prints the SQL that takes the database
// from the schema.prisma of a git ref (default HEAD) to the working copy's schema.prisma.
// It runs Prisma's own schema engine compiled to WebAssembly (the native engine cannot be
// downloaded here), so the generated SQL is what `prisma migrate dev` would write. Use it as the
// start of a new migration, then add what Prisma cannot express (RLS, grants, checks, exclusions).
// Needs a reachable PostgreSQL (DATABASE_URL, else the local test server), which it only pings.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const SCHEMA = "prisma/schema.prisma";
const { values } = parseArgs({ options: { from: { type: "string", default: "HEAD" }, "from-empty": { type: "boolean", default: false } } });

interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
}
interface WasmRuntime {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, debug: (line: string) => void, adapter: object) => Promise<WasmSchemaEngine> };
}

async function loadEngine(datamodel: string): Promise<WasmSchemaEngine> {
  const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WasmRuntime;
  const require = createRequire(import.meta.url);
  const wasmFile = new URL("schema_engine_bg.wasm", `file://${require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmFile)), {
    "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  // The engine checks that a server answers even when it only diffs two datamodels; it changes nothing there.
  const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  return runtime.SchemaEngine.new({ datamodels: [[SCHEMA, datamodel]] }, () => undefined, adapter);
}

const target = readFileSync(SCHEMA, "utf8");
const source = values["from-empty"] ? null : execFileSync("git", ["show", `${values.from}:${SCHEMA}`], { encoding: "utf8" });
const engine = await loadEngine(target);
const datamodel = (path: string, content: string) => ({ tag: "schemaDatamodel", files: [{ path, content }] });
const result = await engine.diff({
  from: source === null ? { tag: "empty" } : datamodel(`${values.from}:${SCHEMA}`, source),
  to: datamodel(SCHEMA, target),
  script: true,
  shadowDatabaseUrl: null,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
process.stdout.write(result.stdout ?? "");
