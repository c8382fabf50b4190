// Namesakes told apart wherever a branch's members are listed or picked.
import { describe, expect, test } from "vitest";
import { usernameBase, usernameCandidates } from "@/lib/accounts/member-accounts";
import { distinctNames, type NamedMember } from "@/lib/org/member-names";

const m = (id: string, fullName: string, birth: string | null, card: string | null = null): NamedMember => ({
  id,
  fullName,
  birthDate: birth ? new Date(`${birth}T00:00:00.000Z`) : null,
  partyCardNumber: card,
});

describe("distinctNames", () => {
  test("a name nobody else in the list has stays as it is", () => {
    const labels = distinctNames([m("a", "Nguyễn Văn Lộc", "1980-01-02"), m("b", "Trần Thị Hoa", "1990-05-06")]);
    expect([...labels.values()]).toEqual(["Nguyễn Văn Lộc", "Trần Thị Hoa"]);
  });

  test("two Nguyễn Văn Lộc are told apart by birth year", () => {
    const labels = distinctNames([m("a", "Nguyễn Văn Lộc", "1980-01-02"), m("b", "Nguyễn Văn Lộc", "1981-03-04"), m("c", "Lê Thị Mai", "1975-01-01")]);
    expect(labels.get("a")).toBe("Nguyễn Văn Lộc (1980)");
    expect(labels.get("b")).toBe("Nguyễn Văn Lộc (1981)");
    expect(labels.get("c")).toBe("Lê Thị Mai");
  });

  test("same name and birth year: the card number's last digits; no card: the birth date", () => {
    const labels = distinctNames([
      m("a", "Nguyễn Văn Lộc", "1980-01-02", "012345678"),
      m("b", "nguyễn  văn lộc", "1980-07-08", "098765432"),
      m("c", "Nguyễn Văn Lộc", "1980-09-10", null),
    ]);
    expect(labels.get("a")).toBe("Nguyễn Văn Lộc (1980 · thẻ …5678)");
    expect(labels.get("b")).toBe("nguyễn  văn lộc (1980 · thẻ …5432)");
    expect(labels.get("c")).toBe("Nguyễn Văn Lộc (1980 · 10/09/1980)");
    // No label contains a comma: lists of names are split at commas (the pre-meeting's attendees).
    for (const label of labels.values()) expect(label).not.toContain(",");
  });

  test("names that differ only by an accent are different people, not namesakes", () => {
    const labels = distinctNames([m("a", "Lê Văn Lộc", "1980-01-02"), m("b", "Lê Văn Lọc", "1981-01-02")]);
    expect(labels.get("a")).toBe("Lê Văn Lộc");
    expect(labels.get("b")).toBe("Lê Văn Lọc");
  });
});

describe("usernames for members' accounts", () => {
  test("given name first, then the initials; then the birth year; then a number", () => {
    expect(usernameBase("Nguyễn Văn Lộc")).toBe("locnv");
    expect(usernameBase("Đặng Thị Ánh Tuyết")).toBe("tuyetdta");
    const candidates = usernameCandidates("Nguyễn Văn Lộc", 1980);
    expect([candidates.next().value, candidates.next().value, candidates.next().value]).toEqual(["locnv", "locnv80", "locnv80.2"]);
  });
});
