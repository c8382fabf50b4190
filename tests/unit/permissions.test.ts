import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { childPath, rootPath } from "@/lib/domain/org-path";

const ROOT = "00000000-0000-4000-8000-000000000001";
const GRASSROOTS = "00000000-0000-4000-8000-000000000002";
const BRANCH_X = "00000000-0000-4000-8000-000000000003";
const BRANCH_Y = "00000000-0000-4000-8000-000000000004";
const TENANT = "00000000-0000-4000-8000-0000000000aa";

const rootUnit = { path: rootPath(ROOT) };
const grassroots = { path: childPath(rootUnit.path, GRASSROOTS) };
const branchX = { path: childPath(grassroots.path, BRANCH_X) };
const branchY = { path: childPath(rootUnit.path, BRANCH_Y) };

function user(grants: Principal["grants"]): Principal {
  return { id: "u", tenantId: TENANT, grants };
}

describe("authorize", () => {
  const recorderOfX = user([{ role: "RECORDER", orgUnitId: BRANCH_X, path: branchX.path }]);
  const adminAtRoot = user([{ role: "TENANT_ADMIN", orgUnitId: ROOT, path: rootUnit.path }]);

  it.each([
    ["a recorder records meetings of their own branch", recorderOfX, "meeting.record", branchX, true],
    ["a recorder cannot record in a sibling branch", recorderOfX, "meeting.record", branchY, false],
    ["a recorder cannot act on the committee above their branch", recorderOfX, "member.read", grassroots, false],
    ["a recorder cannot manage members even in their branch", recorderOfX, "member.manage", branchX, false],
    ["an admin at the root manages members anywhere below", adminAtRoot, "member.manage", branchX, true],
    ["an admin is no recorder: recording needs its own grant", adminAtRoot, "meeting.record", branchX, false],
  ] as const)("%s", (_name, principal, permission, unit, expected) => {
    expect(authorize(principal, permission, unit)).toBe(expected);
  });

  it("fails closed without a user, without a unit, or for a unit of another tenant", () => {
    expect(authorize(null, "org.read", rootUnit)).toBe(false);
    expect(authorize(adminAtRoot, "org.read", null)).toBe(false);
    expect(authorize(adminAtRoot, "org.read", { ...branchX, tenantId: "00000000-0000-4000-8000-0000000000bb" })).toBe(false);
  });

  it("does not confuse a unit whose id merely starts like a granted one", () => {
    const lookalike = { path: childPath(rootUnit.path, `${BRANCH_Y.slice(0, 30)}ffffff`) };
    const recorderOfY = user([{ role: "RECORDER", orgUnitId: BRANCH_Y, path: branchY.path }]);
    expect(authorize(recorderOfY, "meeting.record", lookalike)).toBe(false);
  });

  it("grants cover exactly the subtree: allowed iff some granted path is a prefix of the unit's path", () => {
    const segment = fc.constantFrom("a", "b", "c");
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((ids) => `/${ids.join("/")}/`);
    fc.assert(
      fc.property(fc.array(path, { maxLength: 3 }), path, (grantPaths, unitPath) => {
        const principal = user(grantPaths.map((p) => ({ role: "LEADER" as const, orgUnitId: p, path: p })));
        const expected = grantPaths.some((p) => unitPath.startsWith(p));
        expect(authorize(principal, "dashboard.read", { path: unitPath })).toBe(expected);
      }),
    );
  });
});

describe("scopeRoots", () => {
  it("keeps only the highest grants, so a subtree is never listed twice", () => {
    const principal = user([
      { role: "LEADER", orgUnitId: BRANCH_X, path: branchX.path },
      { role: "LEADER", orgUnitId: GRASSROOTS, path: grassroots.path },
      { role: "LEADER", orgUnitId: BRANCH_Y, path: branchY.path },
      { role: "MEMBER", orgUnitId: ROOT, path: rootUnit.path },
    ]);
    expect(scopeRoots(principal, "dashboard.read").map((g) => g.orgUnitId).sort()).toEqual([GRASSROOTS, BRANCH_Y].sort());
  });
});
