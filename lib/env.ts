// The one place that reads process.env. Parsed once with zod; a bad value stops the process with
// a message that names the variable.
import { z } from "zod";
import "@/lib/i18n/zod-errors";
import { fill } from "@/lib/i18n/fill";
import appWords from "@/lib/i18n/messages/vi/app.json";
import opsWords from "@/lib/i18n/messages/vi/ops-server.json";

const wording = opsWords.env;

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, wording.postgresUrl);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl.optional(),
    /**
     * A streaming replica of DATABASE_URL (or a pooler in front of one). When set, reads that may lag
     * (dashboards, exports, the review sheet, coverage, classification overviews) go there;
     * writes and everything read right after a write stay on DATABASE_URL.
     */
    DATABASE_REPLICA_URL: postgresUrl.optional(),
    /**
     * The same database as DATABASE_URL reached directly, not through a transaction-mode pooler
     * (PgBouncer): migrations hold a session advisory lock, which such a pooler cannot keep.
     * Default: DATABASE_URL.
     */
    DATABASE_DIRECT_URL: postgresUrl.optional(),
    /** Set by scripts/start.ts when it launched the embedded database. */
    SOSH_EMBEDDED: z.enum(["0", "1"]).default("0"),
    AUTH_SECRET: z.string().min(32, wording.secretLength).optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** `npm start`'s web server processes (node:cluster, one port); default: one per core with DATABASE_URL, 1 on the embedded database. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    STORAGE_DIR: z.string().trim().min(1).default(".data/files"),
    /** Where `npm run backup` writes its archives (and prunes old ones with --keep). */
    BACKUP_DIR: z.string().trim().min(1).default("backups"),
    UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
    SMTP_URL: z.string().trim().regex(/^smtps?:\/\/\S+$/, wording.smtpUrl).optional(),
    MAIL_FROM: z.string().trim().min(3).default(`${appWords.name} <no-reply@localhost>`),
    /**
     * How many reverse proxies of ours stand in front of the app (each appends to X-Forwarded-For).
     * 0: clients connect directly and every X-Forwarded-For they send is ignored.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  })
  .superRefine((value, ctx) => {
    // Serving needs a secret to sign sessions; scripts (migrate, seed, cli) do not.
    if (value.NODE_ENV === "production" && value.DATABASE_URL && value.SOSH_EMBEDDED === "0" && !value.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: wording.authSecretRequired,
      });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(fill(wording.invalid, { issues: issues.map((line) => `  - ${line}`).join("\n") }));
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * For scripts that found their database themselves (the embedded one, started here or by a running
 * `npm start`): makes it the configured DATABASE_URL for this process and the processes it starts,
 * and forgets the cached configuration so the next env() sees it.
 */
export function setDatabaseUrl(url: string, options: { embedded: boolean; poolMax?: number }): void {
  process.env.DATABASE_URL = url;
  process.env.SOSH_EMBEDDED = options.embedded ? "1" : "0";
  if (options.poolMax !== undefined) process.env.DB_POOL_MAX = String(options.poolMax);
  cached = undefined;
}

/** For tests and scripts that start their own replica: sets (or, with undefined, clears) DATABASE_REPLICA_URL. */
export function setReplicaUrl(url: string | undefined): void {
  if (url) process.env.DATABASE_REPLICA_URL = url;
  else delete process.env.DATABASE_REPLICA_URL;
  cached = undefined;
}

/** Where migrations run and are read: DATABASE_DIRECT_URL when set, else DATABASE_URL. */
export function migrationDatabaseUrl(): string {
  return env().DATABASE_DIRECT_URL ?? databaseUrl();
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new EnvError([wording.databaseUrlMissing]);
  }
  return url;
}
