// Issue 13, findings 3, 11 and 13: login throttling that can be neither dodged nor abused, equal
// work for known and unknown usernames, and one log line for a garbage session cookie. The login
// goes through Auth.js's real credentials endpoint (handlers.POST), as the login form's does.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { handlers } from "@/lib/auth/auth";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { makeTenant, ownerDb } from "@/tests/fixtures/db";

// Counts the work a login does (statements, transactions, password hashing and verification),
// without changing it: the counts must not depend on whether the username exists.
const work = vi.hoisted(() => ({ log: [] as string[] }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    hashPassword: (password: string) => (work.log.push("hash"), real.hashPassword(password)),
    verifyPassword: (hash: string, password: string) => (work.log.push("verify"), real.verifyPassword(hash, password)),
  };
});
vi.mock("@/lib/db/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db/client")>();
  const counted = new Set(["$queryRaw", "$executeRaw", "$transaction"]);
  let proxy: unknown;
  return {
    ...real,
    db: () =>
      (proxy ??= new Proxy(real.db(), {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof property === "string" && counted.has(property)) work.log.push(property);
          return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      })),
  };
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function makeUser(password = "Dung@2026") {
  const tenant = await makeTenant();
  const id = randomUUID();
  const username = `u${id.slice(0, 8)}`;
  const passwordHash = await hashPassword(password);
  await withTenant(tenant.tenantId, (tx) => tx.user.create({ data: { tenantId: tenant.tenantId, id, username, passwordHash, displayName: "Người dùng thử" } }));
  return { ...tenant, userId: id, username, password };
}

const ORIGIN = "http://localhost";

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

let csrf: { token: string; cookie: string } | undefined;

/** One sign-in through Auth.js's credentials endpoint: true when a session cookie came back. */
async function login(username: string, password: string, headers: Record<string, string> = {}): Promise<{ ok: boolean; location: string }> {
  const { NextRequest } = await import("next/server");
  if (!csrf) {
    const response = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
    csrf = { token: ((await response.json()) as { csrfToken: string }).csrfToken, cookie: cookiesOf(response) };
  }
  const response = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: [csrf.cookie, headers.cookie].filter(Boolean).join("; ") },
      body: new URLSearchParams({ username, password, csrfToken: csrf.token, callbackUrl: `${ORIGIN}/` }),
    }),
  );
  const location = response.headers.get("location") ?? "";
  return { ok: response.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c) && !/session-token=;/.test(c)), location };
}

describe("finding 3: throttling that cannot be dodged or abused", () => {
  // The delays are seconds long: the clock stands still in these tests, so a busy machine cannot let
  // a delay run out between two attempts (only Date is faked; timers and I/O run as usual).
  afterEach(() => void vi.useRealTimers());
  const freezeClock = () => vi.useFakeTimers({ toFake: ["Date"], now: new Date() });

  test("forging X-Forwarded-For buys no fresh budget: the address is the peer our server saw", async () => {
    freezeClock();
    const peer = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    // Our server (lib/server/http-server.ts) appends the socket's address; the client wrote the rest.
    const forged = () => ({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}, ${peer}` });
    for (let i = 0; i <= 30; i += 1) expect((await login(`khong-co-${randomUUID()}`, "sai", forged())).ok).toBe(false);
    const user = await makeUser();
    const attempt = await login(user.username, user.password, forged());
    expect(attempt.ok).toBe(false);
    expect(attempt.location).toMatch(/code=wait/);
    expect((await login(user.username, user.password, { "x-forwarded-for": "203.0.113.7" })).ok).toBe(true);
  });

  test("anyone's wrong passwords do not lock the owner out", async () => {
    freezeClock();
    const user = await makeUser();
    for (let i = 0; i < 12; i += 1) {
      await login(user.username, `sai-${i}`, { "x-forwarded-for": `192.0.2.${i + 1}` });
    }
    // An account-wide delay is in force now, but it is a few seconds, never a lockout: the owner's
    // browser, which signed in before (device cookie), is not delayed at all.
    const row = await ownerDb().loginThrottle.findUnique({ where: { key: `account:${user.username}` } });
    expect(row?.retryAfter).not.toBeNull();
    expect(row!.retryAfter!.getTime() - Date.now()).toBeLessThanOrEqual(36_000);
    const { deviceCookieFor } = await import("@/lib/auth/device-cookie");
    const device = deviceCookieFor(user.username, false);
    const owner = await login(user.username, user.password, { "x-forwarded-for": "198.18.0.1", cookie: `${device.name}=${device.value}` });
    expect(owner.ok).toBe(true);
  });
});

describe("finding 11: the same work for existing and unknown usernames", () => {
  test("a wrong password and an unknown name make the same statements, transactions and one password check", async () => {
    const user = await makeUser();
    const address = () => ({ "x-forwarded-for": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
    const traced = async (username: string) => {
      work.log = [];
      await login(username, "khong-dung-2026", address());
      return [...work.log];
    };
    await traced(`khong-co-${randomUUID()}`); // warm-up: first use of every module
    const known = await traced(user.username);
    const unknown = await traced(`khong-co-${randomUUID()}`);
    expect(known).toEqual(unknown);
    expect(known.filter((step) => step === "verify")).toHaveLength(1);
    expect(known).not.toContain("hash");
  });
});

describe("finding 13: a garbage session cookie is one short log line", () => {
  test("no stack trace, at most one line, and the request is simply signed out", async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => lines.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(" "));
    const spies = [vi.spyOn(console, "error").mockImplementation(capture), vi.spyOn(console, "warn").mockImplementation(capture)];
    try {
      const { NextRequest } = await import("next/server");
      const response = await handlers.GET(
        new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: `authjs.session-token=${"garbage".repeat(20)}` } }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toBeNull();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.length).toBeLessThanOrEqual(1);
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
    expect(lines.join("\n").length).toBeLessThan(200);
  });
});
