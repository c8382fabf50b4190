// The one way to write a server action: require a signed-in user who has no temporary password left
// to change, refuse unsafe text (lib/input/unsafe-text.ts), parse the form with its zod schema, run
// the handler (which authorizes and calls a service), and return a serialisable result with
// Vietnamese messages. Unexpected errors are logged with a request id, never shown. The same checks
// as apiRoute; Next.js itself refuses a server action posted from another origin. Actions called
// with arguments rather than a form (the pickers' searches) are written with defineSearch.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError, fieldErrorsOf, INVALID_INPUT, PasswordChangeRequiredError, UnauthenticatedError, unexpectedErrorMessage, ValidationError } from "@/lib/errors";
import { assertSafeInput } from "@/lib/input/unsafe-text";
import { requestContext } from "@/lib/log/request-context";

export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export interface ActionContext<I> {
  user: CurrentUser;
  input: I;
  requestId: string;
}

export interface ActionOptions {
  /**
   * Also run for a user who still has a temporary password (mustChangePassword). Everything else
   * refuses them, as pages send them to /account; only the password change itself opts out.
   */
  allowTemporaryPassword?: boolean;
}

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue; // React's own fields
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}


export function toActionError(error: unknown, requestId: string): ActionResult<never> {
  if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { ok: false, error: error.message };
  // A service that parsed with .parse(): the person's input all the same.
  if (error instanceof z.ZodError) return { ok: false, error: INVALID_INPUT, fieldErrors: fieldErrorsOf(error) };
  console.error(`[action ${requestId}]`, error);
  return { ok: false, error: unexpectedErrorMessage(requestId) };
}

/**
 * Builds a server action usable with useActionState: (previousState, formData) → ActionResult.
 * The handler must call authorize() for the org unit it touches; the user is guaranteed present
 * (and, unless `options.allowTemporaryPassword`, done with any temporary password).
 */
export function defineAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: ActionContext<z.infer<S>>) => Promise<T | ActionResult<T>>,
  options: ActionOptions = {},
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const requestId = requestContext()?.requestId ?? randomUUID(); // the server's id, as in its log lines
    try {
      const user = await getCurrentUser();
      if (!user) throw new UnauthenticatedError();
      if (user.mustChangePassword && !options.allowTemporaryPassword) throw new PasswordChangeRequiredError();
      const raw = formDataToObject(formData);
      assertSafeInput(raw);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: INVALID_INPUT, fieldErrors: fieldErrorsOf(parsed.error) };
      }
      const result = await handler({ user, input: parsed.data, requestId });
      if (result && typeof result === "object" && "ok" in result && typeof result.ok === "boolean") {
        return result as ActionResult<T>;
      }
      return { ok: true, data: result as T };
    } catch (error) {
      // Next.js signals redirects and notFound() by throwing; let them through.
      if (error instanceof Error && "digest" in error && typeof error.digest === "string" && error.digest.startsWith("NEXT_")) {
        throw error;
      }
      return toActionError(error, requestId);
    }
  };
}

/**
 * A server action called with arguments (a picker's search as the person types): the same checks
 * as defineAction (signed in, no temporary password, safe text, arguments parsed with their zod
 * tuple schema), and an answer that is always the handler's kind of value: `fallback` (an empty
 * list) when any check fails or the service refuses, so nothing malformed ever becomes a 500 and
 * nothing is read for a caller who may not.
 */
export function defineSearch<S extends z.ZodType<unknown[]>, T>(
  argsSchema: S,
  handler: (ctx: { user: CurrentUser; args: z.output<S> }) => Promise<T>,
  fallback: T,
) {
  return async (...args: unknown[]): Promise<T> => {
    const requestId = randomUUID();
    try {
      const user = await getCurrentUser();
      if (!user || user.mustChangePassword) return fallback;
      assertSafeInput(args);
      const parsed = argsSchema.safeParse(args);
      if (!parsed.success) return fallback;
      return await handler({ user, args: parsed.data });
    } catch (error) {
      if (!(error instanceof AppError) && !(error instanceof z.ZodError)) console.error(`[search ${requestId}]`, error);
      return fallback;
    }
  };
}
