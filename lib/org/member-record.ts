// A party member's own record as stored: the fields the member page shows, the member form and
// the roster file write, and the audit trail keeps. One list (the columns of the Member model).
import type { Member } from "@/lib/generated/prisma/client";

/** The member's own fields, as a person: what a form or a roster row fills in. */
export type MemberOwnFields = Pick<
  Member,
  "fullName" | "gender" | "birthDate" | "partyCardNumber" | "admittedOn" | "officialOn" | "status" | "ethnicity" | "hometown" | "occupation" | "phone" | "email"
>;

/** What a create, an edit or an import writes: the own fields and the branch. */
export type MemberValues = MemberOwnFields & Pick<Member, "branchId">;

/** A stored member as read back: the own fields with its id, version and end. */
export type MemberRecord = MemberOwnFields & Pick<Member, "id" | "version" | "endedOn">;
