// What the audit view shows as changed.
import { describe, expect, it } from "vitest";
import { diffFields, referencedIds } from "@/lib/audit/diff";

describe("diffFields", () => {
  it("lists only fields whose value changed, with missing sides as null", () => {
    expect(diffFields({ name: "A", code: "X", hasCommittee: false }, { name: "B", code: "X", hasCommittee: true })).toEqual([
      { field: "name", before: "A", after: "B" },
      { field: "hasCommittee", before: false, after: true },
    ]);
    expect(diffFields(null, { username: "lan" })).toEqual([{ field: "username", before: null, after: "lan" }]);
    expect(diffFields({ role: "RECORDER" }, null)).toEqual([{ field: "role", before: "RECORDER", after: null }]);
  });

  it("hides bookkeeping fields and compares nested values by content", () => {
    expect(diffFields({ path: "/a/", depth: 1, tags: ["x"] }, { path: "/b/a/", depth: 2, tags: ["x"] })).toEqual([]);
    expect(diffFields({ tags: ["x"] }, { tags: ["y"] })).toEqual([{ field: "tags", before: ["x"], after: ["y"] }]);
  });

  it("collects the ids that reference other records, by kind", () => {
    const a = "0195f7a4-0000-7000-8000-000000000001";
    const b = "0195f7a4-0000-7000-8000-000000000002";
    const refs = referencedIds(diffFields({ parentId: a, memberId: null, name: a }, { parentId: b, memberId: b, name: "x" }));
    expect([...refs.OrgUnit].sort()).toEqual([a, b]);
    expect([...refs.Member]).toEqual([b]);
    expect([...refs.User]).toEqual([]);
  });
});
