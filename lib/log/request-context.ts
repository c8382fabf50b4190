// What the server knows about the request being handled: its id (set by lib/server/http-server.ts,
// also sent as the X-Request-Id header) and, once the session is read, the user and tenant. Kept in
// an AsyncLocalStorage so every log line written while handling the request carries them.
// The storage lives on globalThis under a registered symbol: the HTTP server (loaded by tsx) and
// the application code (bundled by Next.js) are two copies of this module in one process and must
// share one store.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  readonly requestId: string;
  userId?: string;
  tenantId?: string;
}

const STORE = Symbol.for("sosh.requestContext");
const holder = globalThis as { [STORE]?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  holder[STORE] ??= new AsyncLocalStorage<RequestContext>();
  return holder[STORE];
}

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage().run(context, work);
}

/** The current request's context, or undefined outside a request (scripts, timers). */
export function requestContext(): RequestContext | undefined {
  return storage().getStore();
}

/** Records who is calling, for the request's log line. Called where the principal is loaded. */
export function noteRequestUser(user: { id: string; tenantId: string }): void {
  const context = storage().getStore();
  if (!context) return;
  context.userId = user.id;
  context.tenantId = user.tenantId;
}
