// Recognises "the database cannot be reached" among the errors Prisma, its pg driver adapter and
// node-postgres throw, and turns it into one typed error. That error carries a fixed `digest`:
// Next.js keeps a digest that is already set when it forwards a Server Component error to the
// browser (the message itself is hidden in production), so error boundaries can show a specific
// Vietnamese page for it (the digest and its test: lib/db/error-digest.ts, which error boundaries
// import). No Prisma or pg imports here.
import { DB_UNAVAILABLE_DIGEST } from "@/lib/db/error-digest";
import { AppError } from "@/lib/errors";
import errorWords from "@/lib/i18n/messages/vi/server-errors.json";

export { DB_UNAVAILABLE_DIGEST, isDatabaseUnavailableDigest } from "@/lib/db/error-digest";

export class DatabaseUnavailableError extends AppError {
  readonly digest = DB_UNAVAILABLE_DIGEST;

  constructor(options?: { cause?: unknown }) {
    super(errorWords.databaseUnavailable, 503);
    if (options && "cause" in options) this.cause = options.cause;
  }
}

/** Prisma codes for failures to connect or authenticate (P1xxx), not for a query that failed. */
const PRISMA_CODES = new Set(["P1000", "P1001", "P1002", "P1003", "P1010", "P1011", "P1017"]);

/** `kind` of @prisma/adapter-pg's DriverAdapterError when the connection itself failed. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "ConnectionClosed",
  "SocketTimeout",
  "TlsConnectionError",
  "TooManyConnections",
]);

/** Node socket errors and PostgreSQL SQLSTATEs of connection trouble. */
const RAW_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "53300", // too_many_connections
  "3D000", // invalid_catalog_name (database does not exist)
  "28000", // invalid_authorization_specification
  "28P01", // invalid_password
]);

const RAW_MESSAGES = [/^Connection terminated/i, /timeout exceeded when trying to connect/i, /Can't reach database server/i];

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Whether an error (or anything in its cause chain) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof DatabaseUnavailableError || field(current, "digest") === DB_UNAVAILABLE_DIGEST) return true;
    const code = field(current, "code");
    if (typeof code === "string") {
      if (PRISMA_CODES.has(code) || RAW_CODES.has(code) || /^08/.test(code)) return true; // class 08: connection exception
    }
    const kind = field(current, "kind");
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    const message = field(current, "message");
    if (typeof message === "string" && RAW_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // Prisma: meta.driverAdapterError.cause; Auth.js: cause.err; AggregateError: errors[].
    queue.push(field(current, "cause"), field(current, "err"), field(field(current, "meta"), "driverAdapterError"));
    const errors = field(current, "errors");
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}

/** The error to rethrow: connection failures become DatabaseUnavailableError, the rest unchanged. */
export function toDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error)) return error;
  return new DatabaseUnavailableError({ cause: error });
}
