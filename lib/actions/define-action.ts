// The one way to write a server action: parse the form with its zod schema, require a signed-in
// user who has no temporary password left to change, run the handler (which authorizes and calls
// a service), and return a serialisable result with Vietnamese messages. Unexpected errors are
// logged with a request id, never shown.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError, fieldErrorsOf, PasswordChangeRequiredError, UnauthenticatedError, ValidationError } from "@/lib/errors";
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

export { fieldErrorsOf } from "@/lib/errors";

export function toActionError(error: unknown, requestId: string): ActionResult<never> {
  if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { ok: false, error: error.message };
  console.error(`[action ${requestId}]`, error);
  return { ok: false, error: `Đã có lỗi ngoài dự kiến. Vui lòng thử lại sau (mã tra cứu: ${requestId.slice(0, 8)}).` };
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
      const parsed = schema.safeParse(formDataToObject(formData));
      if (!parsed.success) {
        return { ok: false, error: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các ô được đánh dấu.", fieldErrors: fieldErrorsOf(parsed.error) };
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
