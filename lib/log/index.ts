// The application's logger: one JSON object per line on stdout (pino), at LOG_LEVEL. Lines written
// while a request is handled carry its requestId, userId and tenantId. Secrets never reach a line:
// nothing here logs headers or bodies, and fields named like secrets are censored wherever they sit.
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { requestContext } from "@/lib/log/request-context";
import opsWords from "@/lib/i18n/messages/vi/ops-server.json";

export { noteRequestUser, requestContext, runWithRequestContext, type RequestContext } from "@/lib/log/request-context";

export type LogFields = Record<string, unknown> & { err?: unknown };

const SECRET_KEYS = ["password", "newPassword", "currentPassword", "passwordHash", "token", "secret", "cookie", "authorization", "smtpUrl"];

const holder = globalThis as { sosLogger?: Logger };

function logger(): Logger {
  holder.sosLogger ??= pino({
    level: env().LOG_LEVEL,
    base: undefined,
    messageKey: "msg",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
    redact: { paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), censor: opsWords.log.redacted },
  });
  return holder.sosLogger;
}

function write(level: "debug" | "info" | "warn" | "error", msg: string, fields: LogFields = {}): void {
  const context = requestContext();
  const line = context
    ? { requestId: context.requestId, userId: context.userId, tenantId: context.tenantId, ...fields }
    : fields;
  logger()[level](line, msg);
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
  isLevelEnabled: (level: "debug" | "info" | "warn" | "error") => logger().isLevelEnabled(level),
};
