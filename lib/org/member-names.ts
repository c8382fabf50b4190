// Namesakes told apart. A branch may have two "Nguyễn Văn Lộc": wherever its members are listed or
// picked (attendance roll, pickers, speeches, tasks, minutes, the DOCX), a name shared with another
// member of the same list carries the birth year, then, when that is shared too, the last digits of
// the party card number (the whole birth date when there is no card). Pure.
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.orgServer.memberNames;

export interface NamedMember {
  id: string;
  fullName: string;
  birthDate: Date | null;
  partyCardNumber: string | null;
}

const TAIL = 4;

function birthYear(member: NamedMember): string | null {
  return member.birthDate ? String(member.birthDate.getUTCFullYear()) : null;
}

function birthDay(member: NamedMember): string | null {
  if (!member.birthDate) return null;
  const d = member.birthDate;
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
}

function cardTail(member: NamedMember): string | null {
  const digits = member.partyCardNumber?.replace(/\s+/g, "") ?? "";
  return digits ? fill(wording.cardTail, { digits: digits.slice(-TAIL) }) : null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/**
 * The label of each member of one list: the full name alone when nobody else in the list has it
 * (compared as written, ignoring case and spacing), else "Nguyễn Văn Lộc (1975)", else
 * "Nguyễn Văn Lộc (1975 · thẻ …4821)" (no comma: lists of names are split at commas).
 */
export function distinctNames(members: readonly NamedMember[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const group of groupBy(members, (m) => m.fullName.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim()).values()) {
    if (group.length === 1) {
      labels.set(group[0]!.id, group[0]!.fullName);
      continue;
    }
    const years = groupBy(group, (m) => birthYear(m) ?? "");
    for (const member of group) {
      const year = birthYear(member);
      const sameYear = year === null ? group.length : years.get(year)!.length;
      const parts = [year ?? wording.unknownBirthYear];
      if (sameYear > 1) parts.push(cardTail(member) ?? birthDay(member) ?? member.id.slice(-TAIL));
      labels.set(member.id, `${member.fullName} (${parts.join(" · ")})`);
    }
  }
  return labels;
}

/** The fields distinctNames reads, for Prisma selects. */
export const namedMemberSelect = { id: true, fullName: true, birthDate: true, partyCardNumber: true } as const;
