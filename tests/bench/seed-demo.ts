// Demo seeding benchmark (issue 11): how long `seedDemo()` takes into a fresh, migrated database.
// Not part of `npm test` (no test may depend on the machine's speed).
//
//   npm run bench:demo              (3 runs; prints each phase's time and the median total)
//   npm run bench:demo -- --runs 5
//
// Each run gets its own throw-away database (dropped at the end) and its own scratch blob store.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { argValue } from "./dashboard-common";

async function main(): Promise<void> {
  const runs = Number(argValue("--runs") ?? 3);
  const { createTestDatabase, dropTestDatabase } = await import("@/tests/fixtures/database");
  const files = await mkdtemp(join(tmpdir(), "sosh-bench-demo-"));
  process.env.STORAGE_DIR = files;
  process.env.AUTH_SECRET ??= "bench-secret-0123456789-abcdefghijklmnop";
  delete process.env.SOSH_EMBEDDED;
  const totals: number[] = [];
  try {
    for (let run = 1; run <= runs; run += 1) {
      const database = await createTestDatabase("sosh_bench_demo");
      try {
        const { setDatabaseUrl } = await import("@/lib/env");
        setDatabaseUrl(database.url, { embedded: false });
        const { migrate } = await import("@/lib/db/migrate");
        const { closeDb } = await import("@/lib/db/client");
        const { seedDemo } = await import("@/lib/seed/demo");
        await migrate(database.url);
        const started = performance.now();
        let last = started;
        const phases: string[] = [];
        await seedDemo({
          asOf: new Date(Date.UTC(2026, 11, 7)),
          log: (line) => {
            const now = performance.now();
            phases.push(`  +${Math.round(now - last)} ms  ${line.slice(0, 90)}`);
            last = now;
          },
        });
        const total = performance.now() - started;
        totals.push(total);
        console.log(`run ${run}: ${Math.round(total)} ms`);
        for (const line of phases) console.log(line);
        await closeDb();
      } finally {
        await dropTestDatabase(database.name);
      }
    }
  } finally {
    await rm(files, { recursive: true, force: true });
  }
  const sorted = [...totals].sort((a, b) => a - b);
  console.log(`seedDemo median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms over ${runs} runs (min ${Math.round(sorted[0]!)} ms)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
