// Shared by the dashboard benchmark's generator (dashboard-seed.ts, `npm run bench:seed`) and the
// benchmark itself (dashboard.ts, `npm run bench`): where the province-sized tenant lives.
import { adminUrl, databaseUrlFor } from "@/tests/fixtures/database";

/** The benchmark database on the test server (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432). */
export const BENCH_DATABASE = "sosh_bench_dashboard";
export const BENCH_TENANT_CODE = "bench-province";

export function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `--database-url <url>` (a database the bench may fill), else the dedicated bench database. */
export function benchDatabaseUrl(): string {
  return argValue("--database-url") ?? databaseUrlFor(adminUrl(), BENCH_DATABASE);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}
