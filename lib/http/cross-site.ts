// Cross-site request forgery, refused in one place: a browser sends the session cookie with any
// request, whichever site made it, so a change that a cookie authenticates must come from our own
// pages. Browsers say where a request comes from in `Sec-Fetch-Site` (all current ones) and
// `Origin` (every non-GET request). The rule is the one Go's net/http CrossOriginProtection uses:
//   - Sec-Fetch-Site present: only "same-origin" (or "none": typed or bookmarked) passes;
//   - else Origin present: its host must be the Host the request was sent to;
//   - neither: not a browser (curl, an integration): no ambient cookie to abuse, so it passes.
// Whatever the body is (JSON, a form, a file, nothing), so bodiless POSTs are covered too.
import { env } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostsOf(headers: Headers): string[] {
  const hosts = [headers.get("host")];
  // Behind trusted proxies, the Host the browser used arrives as X-Forwarded-Host.
  if (env().TRUSTED_PROXY_HOPS > 0) hosts.push(...(headers.get("x-forwarded-host") ?? "").split(","));
  return hosts.map((host) => host?.trim().toLowerCase()).filter((host): host is string => Boolean(host));
}

/** Whether a request is a cross-site attempt at a change (true = refuse it). */
export function isCrossSiteWrite(request: Pick<Request, "method" | "headers">): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return true; // "null" (sandboxed frames, file://) or garbage
  }
  return !hostsOf(request.headers).includes(host);
}
