// Runs `prisma generate` on machines where Prisma's native schema engine cannot be downloaded.
// Generation does not use the schema engine, but the CLI insists on locating one; when none is
// installed we point PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits with an error if ever called.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = join(process.cwd(), "node_modules", ".cache", "prisma-stub");
  const stub = join(dir, "schema-engine");
  if (!existsSync(stub)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      stub,
      "#!/bin/sh\necho 'schema engine unavailable on this machine: use npm run db:migrate' >&2\nexit 1\n",
    );
    chmodSync(stub, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const prismaBin = join(process.cwd(), "node_modules", ".bin", "prisma");
const result = spawnSync(prismaBin, ["generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
