// zod schemas of the roster, shared by the server actions, the /api/v1 handlers and the services
// (which parse again at their boundary). They accept form fields (strings, "" for empty, "on" for a
// ticked box) and JSON alike, and are idempotent: parsing an already parsed value gives it back, so
// an action's parsed input can be handed to a service that parses it once more.
import { z } from "zod";
import { Gender, MemberEndReason, MemberStatus, PositionKind } from "@/lib/generated/prisma/enums";
import { addMonths, fullYears, isoDay, parseDay, todayInVietnam } from "@/lib/time/days";
import messages from "@/lib/i18n/messages";

const wording = messages.orgServer.members;
const shared = messages.orgServer.common;

/**
 * What a caller may hand to a service: the schema's field names, each with any value (a form string,
 * a JSON value, or an already parsed one); the schema decides.
 */
export type InputOf<S extends z.ZodType> = { [K in keyof z.output<S>]?: unknown };

// Same test as lib/db/tenant's isUuid, kept here so that the schemas stay free of database code.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

// ─── Field helpers ──────────────────────────────────────────────────────────────────────────────

function trimmed(value: unknown): unknown {
  return typeof value === "string" ? value.trim() : value;
}

function emptyToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    const text = value.trim();
    return text === "" ? null : text;
  }
  return value;
}

/** Text a person typed: NFC (the database fold only strips precomposed accents), single spaces. */
export function normalizeText(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

function requiredText(max: number, messages: { required: string; tooLong: string }) {
  return z.preprocess(
    (value) => (typeof value === "string" ? normalizeText(value) : value),
    z.string({ error: messages.required }).min(1, messages.required).max(max, messages.tooLong),
  );
}

function optionalText(max: number, tooLong: string) {
  return z.preprocess(
    (value) => {
      const empty = emptyToNull(value);
      return typeof empty === "string" ? normalizeText(empty) : empty;
    },
    z.string({ error: shared.invalidValue }).max(max, tooLong).nullable(),
  );
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const INVALID_DAY = wording.dayInvalid;

function toDayString(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "invalid" : isoDay(value);
  return trimmed(value);
}

const dayString = z
  .string({ error: INVALID_DAY })
  .regex(DAY_PATTERN, INVALID_DAY)
  .transform((text, ctx) => {
    const day = parseDay(text);
    if (!day || day.getUTCFullYear() < 1900 || day.getUTCFullYear() > 2200) {
      ctx.addIssue({ code: "custom", message: INVALID_DAY });
      return z.NEVER;
    }
    return day;
  });

/** A calendar day ("yyyy-mm-dd" or a Date at UTC midnight) → Date at UTC midnight. */
export function requiredDay(required: string) {
  return z.preprocess(
    (value) => {
      const text = toDayString(value);
      return text === "" || text === null ? undefined : text;
    },
    z.string({ error: required }).pipe(dayString),
  );
}

export function optionalDay() {
  return z.preprocess(
    (value) => {
      const text = toDayString(value);
      return text === "" || text === undefined ? null : text;
    },
    dayString.nullable(),
  );
}

const uuid = (message: string) => z.preprocess(trimmed, z.string({ error: message }).refine(isUuid, message));

const optionalUuid = (message: string) =>
  z.preprocess(emptyToNull, z.string({ error: message }).refine(isUuid, message).nullable());

/** A ticked checkbox sends "on"; JSON sends true. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());

const version = z.coerce
  .number({ error: shared.versionMissing })
  .int(shared.versionMissing)
  .min(1, shared.versionMissing);

const memberId = uuid(wording.notFound);

function enumField<const T extends Record<string, string>>(values: T, message: string) {
  return z.preprocess(emptyToNull, z.enum(values, { error: message }));
}

function optionalEnum<const T extends Record<string, string>>(values: T, message: string) {
  return z.preprocess(emptyToNull, z.enum(values, { error: message }).nullable());
}

// ─── Member fields ──────────────────────────────────────────────────────────────────────────────

/** Party card numbers are kept without spaces, upper-case: "79 012345" and "79012345" are one card. */
export function normalizeCardNumber(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

const partyCardNumber = z.preprocess(
  (value) => {
    const empty = emptyToNull(value);
    return typeof empty === "string" ? normalizeCardNumber(empty) : empty;
  },
  z
    .string({ error: wording.cardInvalid })
    .regex(/^[0-9A-Z./-]{4,20}$/, wording.cardFormat)
    .nullable(),
);

const memberFields = {
  fullName: requiredText(120, {
    required: wording.fullNameRequired,
    tooLong: wording.fullNameTooLong,
  }),
  gender: enumField(Gender, wording.genderRequired),
  birthDate: requiredDay(wording.birthDateRequired),
  partyCardNumber,
  admittedOn: requiredDay(wording.admittedOnRequired),
  officialOn: optionalDay(),
  status: enumField(MemberStatus, wording.statusRequired),
  ethnicity: optionalText(50, wording.ethnicityTooLong),
  hometown: optionalText(200, wording.hometownTooLong),
  occupation: optionalText(200, wording.occupationTooLong),
  phone: z.preprocess(
    emptyToNull,
    z
      .string({ error: wording.phoneInvalid })
      .regex(/^\+?[0-9 .()-]{8,20}$/, wording.phoneFormat)
      .nullable(),
  ),
  email: z.preprocess(
    (value) => {
      const empty = emptyToNull(value);
      return typeof empty === "string" ? empty.toLowerCase() : empty;
    },
    z
      .string({ error: wording.emailInvalid })
      .max(200, wording.emailTooLong)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, wording.emailExample)
      .nullable(),
  ),
};

interface MemberDates {
  birthDate: Date;
  admittedOn: Date;
  officialOn: Date | null;
  status: MemberStatus;
}

function isDay(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * Date rules of a member record, as zod issues on the fields a person must fix. zod runs object
 * refinements even when a field already failed, so each rule runs only when its days were parsed.
 */
export function checkMemberDates(input: MemberDates, ctx: z.RefinementCtx, today: Date = todayInVietnam()): void {
  if (!isDay(input.birthDate) || !isDay(input.admittedOn) || (input.officialOn !== null && !isDay(input.officialOn))) return;
  const value = input;
  const issue = (path: keyof MemberDates, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (value.birthDate.getTime() > today.getTime()) issue("birthDate", wording.birthInFuture);
  if (value.admittedOn.getTime() > today.getTime()) issue("admittedOn", wording.admittedInFuture);
  const ageAtAdmission = fullYears(value.birthDate, value.admittedOn);
  if (ageAtAdmission < 18) {
    issue("birthDate", wording.admittedUnder18);
  } else if (ageAtAdmission > 100) {
    issue("birthDate", wording.admittedOver100);
  }
  if (value.status === "PROBATIONARY" && value.officialOn) {
    issue("officialOn", wording.probationaryOfficialOn);
  }
  if (value.status === "OFFICIAL" && !value.officialOn) {
    issue("officialOn", wording.officialOnRequired);
  }
  if (value.officialOn) {
    if (value.officialOn.getTime() < value.admittedOn.getTime()) {
      issue("officialOn", wording.officialBeforeAdmitted);
    } else if (value.officialOn.getTime() > today.getTime()) {
      issue("officialOn", wording.officialInFuture);
    }
  }
}

export const createMemberSchema = z
  .object({
    ...memberFields,
    branchId: uuid(shared.branchRequired),
    /** First day in the branch; default: the later of admittedOn and the branch's founding day. */
    membershipFrom: optionalDay(),
  })
  .superRefine((value, ctx) => {
    checkMemberDates(value, ctx);
    if (isDay(value.membershipFrom) && isDay(value.admittedOn)) {
      if (value.membershipFrom.getTime() < value.admittedOn.getTime()) {
        ctx.addIssue({ code: "custom", path: ["membershipFrom"], message: wording.membershipBeforeAdmitted });
      } else if (value.membershipFrom.getTime() > todayInVietnam().getTime()) {
        ctx.addIssue({ code: "custom", path: ["membershipFrom"], message: wording.membershipInFuture });
      }
    }
  });
export type CreateMemberInput = InputOf<typeof createMemberSchema>;
export type CreateMemberData = z.output<typeof createMemberSchema>;

/** The branch is not edited here: a change of branch is a transfer, with its own date and history. */
export const updateMemberSchema = z
  .object({ ...memberFields, id: memberId, version })
  .superRefine((value, ctx) => checkMemberDates(value, ctx));
export type UpdateMemberInput = InputOf<typeof updateMemberSchema>;
export type UpdateMemberData = z.output<typeof updateMemberSchema>;

/** The fields shared by the create and edit forms (in form order). */
export const MEMBER_FORM_FIELDS = Object.keys(memberFields) as (keyof typeof memberFields)[];

// ─── Lifecycle ──────────────────────────────────────────────────────────────────────────────────

function endNotBeforeStart<T extends Record<string, unknown>>(from: keyof T & string, to: keyof T & string, message: string) {
  return (value: T, ctx: z.RefinementCtx) => {
    const start = value[from];
    const end = value[to];
    if (start instanceof Date && end instanceof Date && end.getTime() < start.getTime()) {
      ctx.addIssue({ code: "custom", path: [to], message });
    }
  };
}

export const transferMemberSchema = z.object({
  memberId,
  version,
  targetBranchId: uuid(wording.transferBranchRequired),
  effectiveOn: requiredDay(wording.transferDayRequired),
  note: optionalText(500, wording.noteTooLong),
});
export type TransferMemberInput = InputOf<typeof transferMemberSchema>;

const reason = (required: string) => requiredText(500, { required, tooLong: wording.reasonTooLong });

export const addExemptionSchema = z
  .object({
    memberId,
    fromDate: requiredDay(wording.exemptionFromRequired),
    toDate: optionalDay(),
    reason: reason(wording.exemptionReasonRequired),
    /** SPEC §7: the branch meeting that decided it (recorded in its resolution book). */
    decidedAtMeetingId: optionalUuid(wording.exemptionMeetingNotFound),
  })
  .superRefine(endNotBeforeStart("fromDate", "toDate", wording.endBeforeStart));
export type AddExemptionInput = InputOf<typeof addExemptionSchema>;

export const addTemporaryTransferSchema = z
  .object({
    memberId,
    hostBranchId: optionalUuid(wording.attachmentBranchInvalid),
    hostName: optionalText(200, wording.attachmentNameTooLong),
    fromDate: requiredDay(wording.attachmentFromRequired),
    toDate: optionalDay(),
    reason: optionalText(500, wording.reasonTooLong),
  })
  .superRefine((value, ctx) => {
    if (!value.hostBranchId && !value.hostName) {
      ctx.addIssue({
        code: "custom",
        path: ["hostName"],
        message: wording.attachmentBranchRequired,
      });
    }
    if (value.hostBranchId && value.hostName) {
      ctx.addIssue({
        code: "custom",
        path: ["hostName"],
        message: wording.attachmentBranchOrName,
      });
    }
  })
  .superRefine(endNotBeforeStart("fromDate", "toDate", wording.endBeforeStart));
export type AddTemporaryTransferInput = InputOf<typeof addTemporaryTransferSchema>;

export const addSuspensionSchema = z
  .object({
    memberId,
    fromDate: requiredDay(wording.suspensionFromRequired),
    toDate: optionalDay(),
    reason: reason(wording.suspensionReasonRequired),
  })
  .superRefine(endNotBeforeStart("fromDate", "toDate", wording.endBeforeStart));
export type AddSuspensionInput = InputOf<typeof addSuspensionSchema>;

export const PERIOD_KINDS = ["exemption", "temporaryTransfer", "suspension"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Ends an open exemption, temporary transfer or suspension (toDate is its last day). */
export const endPeriodSchema = z.object({
  memberId,
  kind: z.enum(PERIOD_KINDS, { error: wording.recordKindInvalid }),
  periodId: uuid(wording.recordNotFound),
  toDate: requiredDay(wording.endRequired),
});
export type EndPeriodInput = InputOf<typeof endPeriodSchema>;

export const makeOfficialSchema = z.object({
  memberId,
  version,
  officialOn: requiredDay(wording.officialDayRequired),
  partyCardNumber,
});
export type MakeOfficialInput = InputOf<typeof makeOfficialSchema>;

export const endMembershipSchema = z.object({
  memberId,
  version,
  endedOn: requiredDay(wording.leftDayRequired),
  endReason: enumField(MemberEndReason, wording.leftReasonRequired),
});
export type EndMembershipInput = InputOf<typeof endMembershipSchema>;

export const assignPositionSchema = z
  .object({
    memberId,
    orgUnitId: uuid(wording.unitRequired),
    kind: enumField(PositionKind, wording.postRequired),
    termFrom: requiredDay(wording.termFromRequired),
    termTo: optionalDay(),
  })
  .superRefine(endNotBeforeStart("termFrom", "termTo", wording.termEndBeforeStart));
export type AssignPositionInput = InputOf<typeof assignPositionSchema>;

export const endPositionSchema = z.object({
  memberId,
  positionId: uuid(wording.postNotFound),
  termTo: requiredDay(wording.termEndRequired),
});
export type EndPositionInput = InputOf<typeof endPositionSchema>;

// ─── QĐ 213 residence links ─────────────────────────────────────────────────────────────────────

/** HD 33-HD/BTCTW grounds for not meeting and not being commented on (suggestions, free text allowed). */
export const RESIDENCE_EXEMPT_SUGGESTIONS = [
  wording.residenceArmed,
  wording.residenceMobile,
  wording.residenceStudy,
  wording.residenceStudent,
] as const;

const residenceLinkFields = {
  memberId,
  residenceBranchId: optionalUuid(wording.residenceBranchInvalid),
  residenceBranchName: optionalText(200, wording.residenceNameTooLong),
  address: optionalText(300, wording.residenceAddressTooLong),
  fromDate: requiredDay(wording.residenceFromRequired),
  toDate: optionalDay(),
  exempt: checkbox,
  exemptReason: optionalText(300, wording.residenceReasonTooLong),
};

function checkResidenceLink(
  value: { residenceBranchId: string | null; residenceBranchName: string | null; exempt: boolean; exemptReason: string | null },
  ctx: z.RefinementCtx,
): void {
  if (!value.residenceBranchId && !value.residenceBranchName) {
    ctx.addIssue({
      code: "custom",
      path: ["residenceBranchName"],
      message: wording.residenceBranchOrName,
    });
  }
  if (value.residenceBranchId && value.residenceBranchName) {
    ctx.addIssue({
      code: "custom",
      path: ["residenceBranchName"],
      message: wording.attachmentBranchOrName,
    });
  }
  if (value.exempt && !value.exemptReason) {
    ctx.addIssue({ code: "custom", path: ["exemptReason"], message: wording.residenceReasonRequired });
  }
}

export const addResidenceLinkSchema = z
  .object(residenceLinkFields)
  .superRefine(checkResidenceLink)
  .superRefine(endNotBeforeStart("fromDate", "toDate", wording.endBeforeStart));
export type AddResidenceLinkInput = InputOf<typeof addResidenceLinkSchema>;

export const updateResidenceLinkSchema = z
  .object({ ...residenceLinkFields, linkId: uuid(wording.residenceNotFound), version })
  .superRefine(checkResidenceLink)
  .superRefine(endNotBeforeStart("fromDate", "toDate", wording.endBeforeStart));
export type UpdateResidenceLinkInput = InputOf<typeof updateResidenceLinkSchema>;

export const residenceCommentSchema = z.object({
  memberId,
  linkId: uuid(wording.residenceNotFound),
  year: z.coerce
    .number({ error: wording.remarkYearRequired })
    .int(wording.remarkYearInvalid)
    .min(2000, wording.remarkYearInvalid)
    .refine((year) => year <= todayInVietnam().getUTCFullYear(), wording.remarkYearFuture),
  comment: requiredText(4000, {
    required: wording.remarkTextRequired,
    tooLong: wording.remarkTextTooLong,
  }),
  commentedBy: optionalText(200, wording.remarkByTooLong),
  receivedOn: requiredDay(wording.remarkReceivedRequired),
});
export type ResidenceCommentInput = InputOf<typeof residenceCommentSchema>;

// ─── List ───────────────────────────────────────────────────────────────────────────────────────

export const MEMBER_PAGE_SIZE = 50;
export const MEMBER_SEARCH_MIN_LENGTH = 2;
export const MEMBER_ROLLS = ["current", "ended", "all"] as const;
export type MemberRoll = (typeof MEMBER_ROLLS)[number];

export const memberListQuerySchema = z.object({
  q: z.preprocess(emptyToNull, z.string({ error: wording.queryInvalid }).max(100, wording.queryTooLong).nullable()),
  status: optionalEnum(MemberStatus, wording.filterStatusInvalid),
  position: optionalEnum(PositionKind, wording.filterPostInvalid),
  branch: optionalUuid(wording.filterBranchInvalid),
  exempt: checkbox,
  roll: z.preprocess((value) => emptyToNull(value) ?? "current", z.enum(MEMBER_ROLLS, { error: wording.filterInvalid })),
  cursor: z.preprocess(emptyToNull, z.string({ error: wording.cursorInvalid }).max(1000, wording.cursorInvalid).nullable()),
  limit: z.preprocess(
    (value) => emptyToNull(value) ?? MEMBER_PAGE_SIZE,
    z.coerce.number({ error: wording.pageSizeInvalid }).int().min(1, wording.pageSizeRange).max(100, wording.pageSizeRange),
  ),
});
export type MemberListQueryInput = InputOf<typeof memberListQuerySchema>;
export type MemberListQuery = z.output<typeof memberListQuerySchema>;

/** Where a list page starts: after this (sortKey, id). Opaque to clients (base64url JSON). */
export interface Cursor {
  sortKey: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortKey, cursor.id]), "utf8").toString("base64url");
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [sortKey, id] = value as unknown[];
    if (typeof sortKey !== "string" || sortKey.length > 1000 || !isUuid(id)) return null;
    return { sortKey, id };
  } catch {
    return null;
  }
}

// ─── Parsing at a service boundary ──────────────────────────────────────────────────────────────


/** One year of probation (Điều lệ Đảng, Điều 5): the usual earliest day to become official. */
export function probationEnds(admittedOn: Date): Date {
  return addMonths(admittedOn, 12);
}
