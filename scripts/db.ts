// Database commands: `npm run db:migrate`, `npm run db:status`, `npm run db:seed -- --demo`.
// They talk to DATABASE_URL as the owner; without it, to the embedded database (.data/pg) through
// the running app, or by opening the directory for the length of the command.
import { DatabaseTargetError, openDatabaseTarget } from "@/lib/db/target";
import { migrationDatabaseUrl } from "@/lib/env";
import { migrate, migrationStatus } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/seed/demo";

const USAGE = `Usage:
  tsx scripts/db.ts migrate        apply pending migrations
  tsx scripts/db.ts status         list applied, pending (what db:migrate will apply) and changed migrations (exit 1 if any pending or changed)
  tsx scripts/db.ts seed --demo    load the demo tenant (skipped if it already exists)`;

async function runMigrate(): Promise<number> {
  const { applied } = await migrate(migrationDatabaseUrl(), { log: (line) => console.log(line) });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
  return 0;
}

async function runStatus(): Promise<number> {
  const status = await migrationStatus(migrationDatabaseUrl());
  console.log(`Applied: ${status.applied.length}${status.applied.length ? ` (latest: ${status.applied.at(-1)})` : ""}`);
  const sections: [string, string[]][] = [
    ["Pending (npm run db:migrate will apply, in this order)", status.pending],
    ["Changed after being applied", status.changed],
    ["Applied but missing locally", status.missing],
    ["Failed", status.failed],
  ];
  let problems = 0;
  for (const [title, names] of sections) {
    if (names.length === 0) continue;
    problems += names.length;
    console.log(`${title}:`);
    for (const name of names) console.log(`  ${name}`);
  }
  if (problems === 0) console.log("Database is up to date.");
  return problems === 0 ? 0 : 1;
}

async function runSeed(args: string[]): Promise<number> {
  if (!args.includes("--demo")) {
    console.error(USAGE);
    return 2;
  }
  const { created } = await seedDemo({ log: (line) => console.log(line) });
  console.log(created ? "Demo tenant created." : "Demo tenant already exists; nothing to do.");
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  migrate: runMigrate,
  status: runStatus,
  seed: runSeed,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(USAGE);
    return 2;
  }
  let target;
  try {
    target = await openDatabaseTarget();
  } catch (error) {
    if (error instanceof DatabaseTargetError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  try {
    return await run(rest);
  } finally {
    await target.close();
  }
}

main(process.argv.slice(2)).then(
  // Explicit exit: the application's connection pool (used by the seed) would keep the process alive.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
