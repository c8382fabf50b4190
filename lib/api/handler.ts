// The one way to write an /api/v1 route handler: authenticate the caller (a caller who still has a
// temporary password is refused with a 403 until they change it), run the handler (which
// calls a service; services authorize), and answer JSON. Errors a person can act on (AppError)
// become { error, fieldErrors? } with their HTTP status; anything else is logged with a request id
// and answered 500 with that id, never a stack trace or SQL. Every answer carries X-Request-Id.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { authenticateToken, bearerTokenOf } from "@/lib/auth/tokens";
import { AppError, PasswordChangeRequiredError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf, type ActionOptions } from "@/lib/actions/define-action";
import { requestContext } from "@/lib/log/request-context";

export interface ApiContext<P> {
  request: Request;
  /** Who is calling (tenant, id, grants). */
  user: Principal;
  requestId: string;
  params: P;
}

export interface ApiErrorBody {
  error: string;
  fieldErrors?: Record<string, string[]>;
  requestId?: string;
}

/**
 * Who is calling: an `Authorization: Bearer <personal access token>` header (lib/auth/tokens.ts;
 * a header that is present but not a live token is refused, never a fallback to the cookie), else
 * the browser's session cookie (Auth.js). Either way the grants are read fresh from the database.
 */
export async function authenticate(request: Request): Promise<(Principal & Pick<CurrentUser, "mustChangePassword">) | null> {
  const bearer = bearerTokenOf(request);
  if (bearer !== undefined) return bearer ? authenticateToken(bearer) : null;
  return getCurrentUser();
}

/** A JSON answer with the request id header. */
export function json(body: unknown, init: { status?: number; requestId: string; headers?: HeadersInit }): Response {
  const headers = new Headers(init.headers);
  headers.set("X-Request-Id", init.requestId);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { status: init.status ?? 200, headers });
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ValidationError) {
    const body: ApiErrorBody = { error: error.message, fieldErrors: error.fieldErrors };
    return json(body, { status: error.status, requestId });
  }
  if (error instanceof AppError) return json({ error: error.message } satisfies ApiErrorBody, { status: error.status, requestId });
  console.error(`[api ${requestId}]`, error);
  const body: ApiErrorBody = {
    error: `Đã có lỗi ngoài dự kiến. Vui lòng thử lại sau (mã tra cứu: ${requestId.slice(0, 8)}).`,
    requestId,
  };
  return json(body, { status: 500, requestId });
}

/**
 * The request body as a JSON object. A body that is not JSON is a 415 or a 400. Requiring the JSON
 * media type also keeps plain HTML forms of other sites (which cannot send it) away from
 * cookie-authenticated writes. Services parse the object with their zod schema (422 with the same
 * field errors as the forms).
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("Nội dung yêu cầu phải là JSON (Content-Type: application/json).", 415);
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("Nội dung yêu cầu không phải JSON hợp lệ.", 400);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("Nội dung yêu cầu phải là một đối tượng JSON.", 400);
  }
  return body as Record<string, unknown>;
}

/** The body parsed with a schema: failures are a 422 with field errors. */
export async function readJsonWith<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJson(request));
  if (!parsed.success) {
    throw new ValidationError("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được nêu.", fieldErrorsOf(parsed.error));
  }
  return parsed.data;
}

/** Query string as a plain object (the first value of each key). */
export function searchParamsOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (!(key in out)) out[key] = value;
  }
  return out;
}

/**
 * Wraps a handler: `(request, { params }) → Response` as Next.js calls it. The handler returns a
 * body (answered 200, or `status`) or a ready Response. `options.allowTemporaryPassword` works as
 * for defineAction (no route needs it yet: the password is changed through the account page).
 */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  handler: (ctx: ApiContext<P>) => Promise<Response | { body: unknown; status?: number }>,
  options: ActionOptions = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestContext()?.requestId ?? randomUUID(); // the server's id, as in its log lines
    try {
      const user = await authenticate(request);
      if (!user) throw new UnauthenticatedError();
      if (user.mustChangePassword && !options.allowTemporaryPassword) throw new PasswordChangeRequiredError();
      const params = await context.params;
      const result = await handler({ request, user, requestId, params });
      if (result instanceof Response) {
        try {
          result.headers.set("X-Request-Id", requestId);
        } catch {
          // Immutable headers (a Response passed through from fetch): answer it as it is.
        }
        return result;
      }
      return json(result.body, { status: result.status ?? 200, requestId });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
