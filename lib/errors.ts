import type { z } from "zod";
// zod speaks Vietnamese wherever a schema is parsed (every service and action imports this module).
import "@/lib/i18n/zod-errors";
import errorWords from "@/lib/i18n/messages/vi/server-errors.json";

/** The one wording of "the input has errors; see the fields" (forms, actions and the JSON API). */
export const INVALID_INPUT = errorWords.invalidInput;

/** The catalog's words for errors raised outside any feature (lib/i18n/messages/vi/errors.json). */
export const ERROR_WORDS = errorWords;

/** The answer to an error nobody foresaw: a short reference to the server's log line. */
export function unexpectedErrorMessage(requestId: string): string {
  return errorWords.unexpected.replace("{reference}", requestId.slice(0, 8));
}

// Errors a person can act on. Services throw them; the action helper and API handlers turn them
// into { ok: false, error, fieldErrors } or HTTP statuses. Anything else is logged and shown generically.
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Also used for rows of another tenant or outside the caller's subtree: never reveal that they exist. */
export class NotFoundError extends AppError {
  constructor(message: string = errorWords.notFoundData) {
    super(message, 404);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string = errorWords.forbidden) {
    super(message, 403);
  }
}

/** The user still has a temporary password: until they change it, they may only do that (or log out). */
export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super(errorWords.passwordChangeRequired);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: string = errorWords.sessionExpired) {
    super(message, 401);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 422);
  }
}

/** A stale version or a uniqueness clash: the user must reload or choose another value. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** zod issues by field path ("marks.C1"; "_" for the form as a whole), for forms and JSON answers. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fieldErrors;
}

/** Parses a service's input or throws a ValidationError whose field errors name the fields to fix. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(INVALID_INPUT, fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** parseInput for one-field forms: the banner repeats the first field's message (else `fallback`). */
export function parseInputShowingFirst<S extends z.ZodType>(schema: S, input: unknown, fallback: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new ValidationError(Object.values(fieldErrors)[0]?.[0] ?? fallback, fieldErrors);
  }
  return parsed.data;
}

/** A ValidationError about one field, with the message shown both as the banner and next to the field. */
export function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(message, { [field]: [message] });
}

/** Whether an error is Prisma's unique-constraint violation, on the named constraint (or column) when one is given. */
export function isUniqueViolation(error: unknown, constraintOrField?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: Record<string, unknown> };
  if (constraintOrField === undefined) return code === "P2002" || sqlStateOf(error) === "23505";
  if (code !== "P2002") return false;
  // With driver adapters the details sit in meta.driverAdapterError.cause; without, in meta.target.
  const cause = (meta?.driverAdapterError as { cause?: Record<string, unknown> } | undefined)?.cause;
  const constraint = cause?.constraint as { index?: unknown; fields?: unknown } | undefined;
  const names: unknown[] = [
    constraint?.index,
    cause?.originalMessage,
    ...(Array.isArray(constraint?.fields) ? constraint.fields : []),
    ...(Array.isArray(meta?.target) ? meta.target : [meta?.target]),
  ];
  return names.some((name) => typeof name === "string" && name.includes(constraintOrField));
}

/** The Postgres SQLSTATE behind a (Prisma or driver) error, looking through its causes; null when none. */
export function sqlStateOf(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 6; depth += 1) {
    const record = current as Record<string, unknown>;
    const code = record.code ?? (record.meta as Record<string, unknown> | undefined)?.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = record.cause ?? (record.meta as Record<string, unknown> | undefined)?.driverAdapterError;
  }
  return null;
}
