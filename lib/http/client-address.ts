// The address of the person at the other end, for the login throttle and the audit of a login.
// X-Forwarded-For is a list each proxy appends to; only the entries added by proxies we run can be
// believed, the rest is whatever the client wrote. Our HTTP server (lib/server/http-server.ts) appends the
// address of the socket it accepted, so the list always ends with the peer we really talked to:
//   TRUSTED_PROXY_HOPS = 0 (default, no proxy): the client is that last entry;
//   TRUSTED_PROXY_HOPS = n (n proxies in front, e.g. nginx): the client is the entry n places
//   before it, the one the first of our proxies saw.
// Entries further left are never used, so a forged X-Forwarded-For buys no fresh address.
import type { IncomingMessage } from "node:http";
import { env } from "@/lib/env";

const MAX_ADDRESS_LENGTH = 64;

function entriesOf(header: string | null | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The client's address as far as the configured proxies can vouch for it ("unknown" without one). */
export function clientAddress(headers: Pick<Headers, "get">, hops: number = env().TRUSTED_PROXY_HOPS): string {
  const entries = entriesOf(headers.get("x-forwarded-for"));
  if (entries.length === 0) return "unknown";
  // Fewer entries than proxies: the first proxy saw a client that sent none; take the leftmost.
  const index = Math.max(0, entries.length - 1 - hops);
  return entries[index]!.slice(0, MAX_ADDRESS_LENGTH).toLowerCase();
}

/** For our HTTP server: append the socket's peer address to X-Forwarded-For, before Next.js sees it. */
export function stampPeerAddress(request: IncomingMessage): void {
  const peer = request.socket.remoteAddress ?? "unknown";
  const existing = request.headers["x-forwarded-for"];
  const list = Array.isArray(existing) ? existing.join(", ") : existing;
  request.headers["x-forwarded-for"] = list ? `${list}, ${peer}` : peer;
}
