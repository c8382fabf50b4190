import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  // Same alias as tsconfig's "@/*"; a regex so that scoped packages like "@prisma/…" are untouched.
  resolve: { alias: [{ find: /^@\//, replacement: root }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Pure code without mocks, spies, fake timers or environment changes: the files share worker
          // threads and their module cache (no fresh module graph per file), which is most of the time
          // a unit run used to spend. A file that needs isolation would have to go to its own project.
          pool: "threads",
          isolate: false,
          // Vitest's 5 s default fails bounded pure work (generating the demo) on a busy machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/fixtures/global-setup.ts"],
          setupFiles: ["tests/fixtures/integration-env.ts"],
          // Each file works in its own copy of the run's template database (integration-env.ts), so
          // files run side by side: two at a time suits a 2-core machine (more only queue on it).
          fileParallelism: true,
          maxWorkers: 2,
          // Worker threads, not child processes: each file still gets a fresh module graph and its own
          // process.env copy, but not a new Node process to start and import into. Six files, forks and
          // threads alternated on the busy machine: 20-23 s CPU with threads against 25-28 s with forks
          // (global setup included); wall times were too noisy to rank.
          pool: "threads",
          // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
          // through Vite's resolver the real Auth.js endpoints run in tests (security-login.test.ts).
          server: { deps: { inline: ["next-auth"] } },
          // Safety nets, not speed limits: every test and hook does bounded work, and a busy machine
          // (another suite, a CPU hog) may take many times longer than an idle one without failing.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
