// The one way to write an /api/v1 route handler. In order, for every request:
//   1. a cookie-authenticated change from another site is refused (403; lib/http/cross-site.ts),
//      whatever its body, so bodiless POSTs are covered too;
//   2. the caller is authenticated: a bearer token (with its scope checked against the route:
//      CALENDAR only where the route says so, READ only for GET, no token where the route says
//      "session only") or the session cookie; a caller who still has a temporary password is
//      refused with a 403 until they change it;
//   3. the path parameters and the query string are checked for unsafe text (NUL, lone
//      surrogates: lib/input/unsafe-text.ts), as readJson does for the body;
//   4. the handler runs (it calls a service; services authorize) and its answer becomes JSON.
// Errors a person can act on (AppError, and a zod error of a service that parsed with .parse)
// become { error, fieldErrors? } with their HTTP status; anything else is logged with a request id
// and answered 500 with that id, never a stack trace or SQL. Every answer carries X-Request-Id.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { canAnywhere, type Permission, type Principal } from "@/lib/auth/permissions";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { authenticateToken, bearerTokenOf } from "@/lib/auth/tokens";
import { AppError, ERROR_WORDS, fieldErrorsOf, ForbiddenError, INVALID_INPUT, PasswordChangeRequiredError, sqlStateOf, UnauthenticatedError, unexpectedErrorMessage, ValidationError } from "@/lib/errors";
import type { TokenScope } from "@/lib/generated/prisma/enums";
import { isCrossSiteWrite } from "@/lib/http/cross-site";
import { assertSafeInput } from "@/lib/input/unsafe-text";

/** How the caller proved who they are. */
export type Credential = { kind: "session" } | { kind: "token"; scope: TokenScope };
import { requestContext } from "@/lib/log/request-context";

export interface ApiContext<P> {
  request: Request;
  /** Who is calling (tenant, id, grants). */
  user: Principal;
  credential: Credential;
  requestId: string;
  params: P;
}

export interface ApiErrorBody {
  error: string;
  fieldErrors?: Record<string, string[]>;
  requestId?: string;
}

export interface ApiRouteOptions {
  /** Also run for a user who still has a temporary password (no route needs it yet). */
  allowTemporaryPassword?: boolean;
  /**
   * Which personal access tokens the route takes besides the session: "any" (default: FULL tokens,
   * and READ tokens on GET), "calendar" (the calendar routes: CALENDAR tokens too), "none" (token
   * management: the session only, so no token can make or revoke tokens).
   */
  tokens?: "any" | "calendar" | "none";
  /**
   * A permission the caller must hold somewhere, checked before the handler reads the request (a
   * 403 before an upload is read). The service still decides for the unit concerned.
   */
  permission?: Permission;
}

export type Caller = Principal & Pick<CurrentUser, "mustChangePassword"> & { credential: Credential };

export const CROSS_SITE_MESSAGE = ERROR_WORDS.crossSite;

/**
 * Who is calling: an `Authorization: Bearer <personal access token>` header (lib/auth/tokens.ts;
 * a header that is present but not a live token is refused, never a fallback to the cookie), else
 * the browser's session cookie (Auth.js). Either way the grants are read fresh from the database.
 */
export async function authenticate(request: Request): Promise<Caller | null> {
  const bearer = bearerTokenOf(request);
  if (bearer !== undefined) {
    const user = bearer ? await authenticateToken(bearer) : null;
    return user ? { ...user, credential: { kind: "token", scope: user.tokenScope } } : null;
  }
  const user = await getCurrentUser();
  return user ? { ...user, credential: { kind: "session" } } : null;
}

/** Whether a token of `scope` may call a route with these options by this method. */
export function tokenAllows(scope: TokenScope, method: string, tokens: ApiRouteOptions["tokens"] = "any"): boolean {
  if (tokens === "none") return false;
  const read = method === "GET" || method === "HEAD";
  if (scope === "CALENDAR") return tokens === "calendar" && read;
  if (scope === "READ") return read;
  return true;
}

export function tokenScopeMessage(scope: TokenScope, tokens: ApiRouteOptions["tokens"]): string {
  if (tokens === "none") return ERROR_WORDS.tokenNotForTokens;
  if (scope === "CALENDAR") return ERROR_WORDS.tokenCalendarOnly;
  return ERROR_WORDS.tokenReadOnly;
}

/** The caller under the route's rules (cross-site, token scope, temporary password), or the error to answer. */
export async function callerFor(request: Request, options: ApiRouteOptions = {}): Promise<Caller> {
  const bearer = bearerTokenOf(request) !== undefined;
  // A bearer token is not sent by browsers on their own: only cookie requests can be forged.
  if (!bearer && isCrossSiteWrite(request)) throw new ForbiddenError(CROSS_SITE_MESSAGE);
  const user = await authenticate(request);
  if (!user) throw new UnauthenticatedError();
  if (user.credential.kind === "token" && !tokenAllows(user.credential.scope, request.method.toUpperCase(), options.tokens)) {
    throw new ForbiddenError(tokenScopeMessage(user.credential.scope, options.tokens));
  }
  if (user.mustChangePassword && !options.allowTemporaryPassword) throw new PasswordChangeRequiredError();
  if (options.permission && !canAnywhere(user, options.permission)) throw new ForbiddenError();
  return user;
}

/** A JSON answer with the request id header. */
export function json(body: unknown, init: { status?: number; requestId: string; headers?: HeadersInit }): Response {
  const headers = new Headers(init.headers);
  headers.set("X-Request-Id", init.requestId);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { status: init.status ?? 200, headers });
}

/** SQLSTATEs of text Postgres cannot store: a last net behind the boundary check (never a 500). */
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);


export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ValidationError) {
    const body: ApiErrorBody = { error: error.message, fieldErrors: error.fieldErrors };
    return json(body, { status: error.status, requestId });
  }
  if (error instanceof AppError) return json({ error: error.message } satisfies ApiErrorBody, { status: error.status, requestId });
  // A service that parsed its input with .parse(): still the person's input, still a 422.
  if (error instanceof z.ZodError) return json({ error: INVALID_INPUT, fieldErrors: fieldErrorsOf(error) } satisfies ApiErrorBody, { status: 422, requestId });
  const state = sqlStateOf(error);
  if (state && UNSTORABLE_TEXT.has(state)) {
    console.warn(`[api ${requestId}] text Postgres cannot store reached the database (${state})`);
    return json({ error: ERROR_WORDS.unstorableText } satisfies ApiErrorBody, { status: 422, requestId });
  }
  console.error(`[api ${requestId}]`, error);
  const body: ApiErrorBody = {
    error: unexpectedErrorMessage(requestId),
    requestId,
  };
  return json(body, { status: 500, requestId });
}

/**
 * The request body as a JSON object. A body that is not JSON is a 415 or a 400; unsafe text in it
 * is a 422. Requiring the JSON media type also keeps plain HTML forms of other sites away. Services
 * parse the object with their zod schema (422 with the same field errors as the forms).
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(ERROR_WORDS.jsonContentType, 415);
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError(ERROR_WORDS.jsonInvalid, 400);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError(ERROR_WORDS.jsonNotObject, 400);
  }
  assertSafeInput(body);
  return body as Record<string, unknown>;
}

/** Query string as a plain object (the first value of each key); unsafe text is a 422. */
export function searchParamsOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (!(key in out)) out[key] = value;
  }
  assertSafeInput(out);
  return out;
}

/** The query string parsed with a schema (safeParse): failures are a 422 with field errors, never a 500. */
export function queryWith<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const parsed = schema.safeParse(searchParamsOf(request));
  if (!parsed.success) throw new ValidationError(INVALID_INPUT, fieldErrorsOf(parsed.error));
  return parsed.data;
}

/**
 * Wraps a handler: `(request, { params }) → Response` as Next.js calls it. The handler returns a
 * body (answered 200, or `status`) or a ready Response (a stream: check every input before it starts).
 */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  handler: (ctx: ApiContext<P>) => Promise<Response | { body: unknown; status?: number }>,
  options: ApiRouteOptions = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestContext()?.requestId ?? randomUUID(); // the server's id, as in its log lines
    try {
      const user = await callerFor(request, options);
      const params = await context.params;
      assertSafeInput(params);
      searchParamsOf(request);
      const result = await handler({ request, user, credential: user.credential, requestId, params });
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
