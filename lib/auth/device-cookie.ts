// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// signed in to an account gets a signed cookie naming that account. Its later attempts on the same
// account skip the account-wide delay of the throttle (lib/auth/throttle.ts), so someone guessing
// the account's password from elsewhere cannot slow its owner down. The cookie proves nothing else
// and grants nothing: the password is still checked, and its own address keeps its own delay.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export const DEVICE_COOKIE = "sosh_device";
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is required for device cookies");
  return value;
}

function sign(payload: string): string {
  return createHmac("sha256", `${secret()}:device-cookie`).update(payload).digest("base64url");
}

function normalize(username: string): string {
  return username.trim().toLowerCase();
}

/** The cookie for a browser that just signed in as `username` (`secure` when the site is served over HTTPS). */
export function deviceCookieFor(
  username: string,
  secure: boolean,
): { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; maxAge: number; secure: boolean } } {
  const payload = Buffer.from(JSON.stringify({ u: normalize(username), n: randomBytes(12).toString("base64url") })).toString("base64url");
  return {
    name: DEVICE_COOKIE,
    value: `${payload}.${sign(payload)}`,
    options: { httpOnly: true, sameSite: "lax", path: "/", maxAge: MAX_AGE_SECONDS, secure },
  };
}

/** Whether a Cookie header holds a valid device cookie of `username`. */
export function trustedDeviceFor(cookieHeader: string | null | undefined, username: string): boolean {
  if (!cookieHeader || !username) return false;
  const raw = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${DEVICE_COOKIE}=`))
    ?.slice(DEVICE_COOKIE.length + 1);
  if (!raw) return false;
  const [payload, signature] = raw.split(".");
  if (!payload || !signature) return false;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u?: unknown };
    return data.u === normalize(username);
  } catch {
    return false;
  }
}
