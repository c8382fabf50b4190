// Prisma CLI configuration. The CLI is only used for `generate` here (see scripts/prisma-generate.mjs);
// migrations are applied by our own runner (lib/db/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
