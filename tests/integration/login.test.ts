// Login: password verification, the same answer for unknown users, and the Postgres-backed
// progressive delay (the abuse cases are in security-login.test.ts).
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { changePassword } from "@/lib/auth/account";
import { authenticate } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { IP_POLICY, PAIR_POLICY, pairKey } from "@/lib/auth/throttle";
import { withTenant } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors";
import { makeTenant, ownerDb } from "../fixtures/db";

async function makeUser(password = "Dung@2026", options: { disabled?: boolean } = {}) {
  const tenant = await makeTenant();
  const id = randomUUID();
  const username = `u${id.slice(0, 8)}`;
  const passwordHash = await hashPassword(password);
  await withTenant(tenant.tenantId, (tx) =>
    tx.user.create({
      data: { tenantId: tenant.tenantId, id, username, passwordHash, displayName: "Người dùng thử", disabled: options.disabled ?? false },
    }),
  );
  return { ...tenant, userId: id, username, password };
}

const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("authenticate", () => {
  // The delays are seconds long: the clock stands still in these tests (only Date is faked; timers
  // and I/O run as usual), so a busy machine cannot let a delay run out between two attempts.
  beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"], now: new Date() }));
  afterEach(() => void vi.useRealTimers());

  it("lets the right password in, with any letter case in the username, and records the login", async () => {
    const user = await makeUser();
    const result = await authenticate({ username: user.username.toUpperCase(), password: user.password, ip: ip() });
    expect(result).toEqual({
      ok: true,
      user: { id: user.userId, tenantId: user.tenantId, username: user.username, displayName: "Người dùng thử", sessionVersion: 0 },
    });
    const audit = await ownerDb().auditEntry.findMany({ where: { tenantId: user.tenantId, action: "auth.login" } });
    expect(audit).toHaveLength(1);
  });

  it("answers a wrong password and an unknown username identically", async () => {
    const user = await makeUser();
    const wrong = await authenticate({ username: user.username, password: "sai", ip: ip() });
    const unknown = await authenticate({ username: `khong-co-${randomUUID()}`, password: "sai", ip: ip() });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("delays, never locks: failures from one address slow that address down, the owner elsewhere still gets in", async () => {
    const user = await makeUser();
    const attacker = ip();
    const results = [];
    for (let i = 0; i <= PAIR_POLICY.free; i++) results.push(await authenticate({ username: user.username, password: `sai-${i}`, ip: attacker }));
    expect(results.slice(0, PAIR_POLICY.free).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    // The attempt after the free ones counted and set a delay: the next one from there must wait,
    // even with the right password (a waiting key never gets to test a guess).
    const waiting = await authenticate({ username: user.username, password: user.password, ip: attacker });
    expect(waiting).toMatchObject({ ok: false, reason: "wait" });
    if (waiting.ok || waiting.reason !== "wait") throw new Error("expected a delay");
    expect(waiting.until.getTime() - Date.now()).toBeLessThanOrEqual(PAIR_POLICY.baseSeconds * 1000);
    // The delay lives in Postgres, so another app replica sees it too.
    const row = await ownerDb().loginThrottle.findUnique({ where: { key: pairKey(user.username, attacker) } });
    expect(row?.retryAfter?.getTime()).toBe(waiting.until.getTime());
    // The owner, from their own address, is not affected.
    expect((await authenticate({ username: user.username, password: user.password, ip: ip() })).ok).toBe(true);
  });

  it("lets the account in again once the delay has passed", async () => {
    const user = await makeUser();
    const address = ip();
    for (let i = 0; i <= PAIR_POLICY.free; i++) await authenticate({ username: user.username, password: "sai", ip: address });
    await ownerDb().loginThrottle.update({ where: { key: pairKey(user.username, address) }, data: { retryAfter: new Date(Date.now() - 1000) } });
    const result = await authenticate({ username: user.username, password: user.password, ip: address });
    expect(result.ok).toBe(true);
  });

  it("delays an IP that guesses across many usernames", async () => {
    const address = ip();
    let last;
    for (let i = 0; i <= IP_POLICY.free; i++) {
      last = await authenticate({ username: `doan-${i}-${randomUUID()}`, password: "sai", ip: address });
    }
    expect(last).toMatchObject({ ok: false, reason: "invalid" });
    const user = await makeUser();
    const fromThatIp = await authenticate({ username: user.username, password: user.password, ip: address });
    expect(fromThatIp).toMatchObject({ ok: false, reason: "wait" });
    const fromElsewhere = await authenticate({ username: user.username, password: user.password, ip: ip() });
    expect(fromElsewhere.ok).toBe(true);
  });

  it("never slows an address whose users all sign in successfully (one office behind one address)", async () => {
    const address = ip();
    const user = await makeUser();
    for (let i = 0; i < IP_POLICY.free + 5; i++) {
      const result = await authenticate({ username: user.username, password: user.password, ip: address });
      expect(result.ok).toBe(true);
    }
    // Its wrong guesses are still counted from where they stood.
    const row = await ownerDb().loginThrottle.findUnique({ where: { key: `ip:${address}` } });
    expect(row?.failures ?? 0).toBe(0);
  });

  it("counts concurrent failures without losing any", async () => {
    const user = await makeUser();
    await Promise.all(
      Array.from({ length: 3 }, () => authenticate({ username: user.username, password: "sai", ip: ip() })),
    );
    const row = await ownerDb().loginThrottle.findUnique({ where: { key: `account:${user.username}` } });
    expect(row?.failures).toBe(3);
  });

  it("refuses a disabled account after a correct password", async () => {
    const user = await makeUser("Dung@2026", { disabled: true });
    expect(await authenticate({ username: user.username, password: user.password, ip: ip() })).toEqual({ ok: false, reason: "disabled" });
  });
});

describe("changePassword", () => {
  it("replaces the password, clears the must-change flag and audits the change", async () => {
    const user = await makeUser();
    await ownerDb().user.update({ where: { tenantId_id: { tenantId: user.tenantId, id: user.userId } }, data: { mustChangePassword: true } });
    await changePassword(
      { id: user.userId, tenantId: user.tenantId },
      { currentPassword: user.password, newPassword: "MoiHon2027", confirmPassword: "MoiHon2027" },
    );
    expect((await authenticate({ username: user.username, password: user.password, ip: ip() })).ok).toBe(false);
    expect((await authenticate({ username: user.username, password: "MoiHon2027", ip: ip() })).ok).toBe(true);
    const stored = await ownerDb().user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: user.userId } } });
    expect(stored?.mustChangePassword).toBe(false);
    const audit = await ownerDb().auditEntry.count({ where: { tenantId: user.tenantId, action: "user.changePassword" } });
    expect(audit).toBe(1);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await makeUser();
    await expect(
      changePassword(
        { id: user.userId, tenantId: user.tenantId },
        { currentPassword: "khong-dung", newPassword: "MoiHon2027", confirmPassword: "MoiHon2027" },
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await authenticate({ username: user.username, password: user.password, ip: ip() })).ok).toBe(true);
  });
});
