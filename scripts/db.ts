// Database commands: `npm run db:migrate`, `npm run db:status`, `npm run db:seed -- --demo`.
// They talk to DATABASE_URL as the owner; the embedded database is handled by scripts/start.ts.
import { databaseUrl } from "@/lib/env";
import { migrate, migrationStatus } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/seed/demo";

const USAGE = `Usage:
  tsx scripts/db.ts migrate        apply pending migrations
  tsx scripts/db.ts status         list pending or changed migrations (exit 1 if any)
  tsx scripts/db.ts seed --demo    load the demo tenant (skipped if it already exists)`;

async function runMigrate(): Promise<number> {
  const { applied } = await migrate(databaseUrl(), { log: (line) => console.log(line) });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
  return 0;
}

async function runStatus(): Promise<number> {
  const status = await migrationStatus(databaseUrl());
  console.log(`Applied: ${status.applied.length}`);
  const sections: [string, string[]][] = [
    ["Pending", status.pending],
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate":
      return runMigrate();
    case "status":
      return runStatus();
    case "seed":
      return runSeed(rest);
    default:
      console.error(USAGE);
      return 2;
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
