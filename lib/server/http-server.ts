// The web server of `npm start`: Next.js's production server, in this process, behind node:http.
// Kept to what one serving process needs, so a cluster primary can run one per worker:
//   - each request gets an id (X-Request-Id on the answer and on the request as Next.js sees it,
//     so pages and handlers can read it with headers()), and runs in a request context
//     (lib/log/request-context.ts) that the session code fills with the user and tenant;
//   - one JSON line per request when it ends: time, requestId, userId, tenantId, method, route
//     (the path, never the query string, which may carry a token), status, duration, bytes;
//   - console output of Next.js and the application becomes JSON lines with the request id;
//   - the socket's peer address is appended to X-Forwarded-For before Next.js sees the request, so
//     the login throttle knows whom it really talked to (lib/http/client-address.ts);
//   - close() stops accepting, lets requests in flight finish (up to a grace period), then ends.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { format } from "node:util";
import next from "next";
import { stampPeerAddress } from "@/lib/http/client-address";
import { log, runWithRequestContext, type RequestContext } from "@/lib/log";

export const REQUEST_ID_HEADER = "x-request-id";

export interface HttpServer {
  port: number;
  /** Stops accepting connections, waits for requests in flight (at most `graceMs`), closes Next.js. */
  close(graceMs?: number): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  /** Interface to listen on; all interfaces by default (the app sits behind a proxy or is used on a LAN). */
  hostname?: string;
  /** Project directory holding .next (the build). */
  dir?: string;
}

/** Static assets and health probes are logged at debug level: they would drown the rest. */
function quietRoute(path: string): boolean {
  return path.startsWith("/_next/") || path === "/favicon.ico" || path === "/api/health" || path === "/api/ready";
}

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end < 0 ? raw : raw.slice(0, end);
}

/** Sends what Next.js and the application print with console.* through the JSON logger. */
function routeConsoleToLog(): void {
  const as = (level: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => {
    const err = args.find((arg) => arg instanceof Error);
    const rest = args.filter((arg) => arg !== err);
    const message = rest.length > 0 ? format(...rest) : err instanceof Error ? err.message : "";
    log[level](message.replace(/^\s*[⨯⚠▲✓]\s*/u, ""), err ? { err } : undefined);
  };
  console.log = as("info");
  console.info = as("info");
  console.warn = as("warn");
  console.error = as("error");
  console.debug = as("debug");
}

function logRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext, started: bigint): void {
  const route = pathOf(request.url);
  const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
  const status = response.writableFinished ? response.statusCode : 499; // 499: the client went away first
  const fields = {
    requestId: context.requestId,
    userId: context.userId,
    tenantId: context.tenantId,
    method: request.method,
    route,
    status,
    durationMs,
    bytes: Number(response.getHeader("content-length") ?? 0) || undefined,
  };
  const level = status >= 500 ? "error" : quietRoute(route) ? "debug" : "info";
  log[level]("request", fields);
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  routeConsoleToLog();
  const app = next({ dev: false, dir: options.dir ?? process.cwd(), hostname: options.hostname ?? "localhost", port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    // Our own id, always: a client-sent one could collide with or impersonate another request's.
    const context: RequestContext = { requestId: randomUUID() };
    request.headers[REQUEST_ID_HEADER] = context.requestId;
    stampPeerAddress(request);
    response.setHeader("X-Request-Id", context.requestId);
    inFlight += 1;
    response.once("close", () => {
      inFlight -= 1;
      logRequest(request, response, context, started);
      if (inFlight === 0) drained?.();
    });
    runWithRequestContext(context, () => {
      handle(request, response).catch((error: unknown) => {
        log.error("request handler failed", { err: error });
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
    });
  });
  // Behind a proxy, keep connections longer than the proxy's own idle timeout (nginx: 60 s).
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  let closing: Promise<void> | undefined;
  return {
    port,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          const finished = new Promise<void>((resolve) => (drained = resolve));
          const timer = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
          await Promise.race([finished, timer]);
        }
        server.closeAllConnections();
        await stopped;
        await app.close();
      })();
      return closing;
    },
  };
}
