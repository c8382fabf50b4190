// zod schemas of the roster, shared by the server actions, the /api/v1 handlers and the services
// (which parse again at their boundary). They accept form fields (strings, "" for empty, "on" for a
// ticked box) and JSON alike, and are idempotent: parsing an already parsed value gives it back, so
// an action's parsed input can be handed to a service that parses it once more.
import { z } from "zod";
import { Gender, MemberEndReason, MemberStatus, PositionKind } from "@/lib/generated/prisma/enums";
import { addMonths, fullYears, isoDay, parseDay, todayInVietnam } from "@/lib/time/days";

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
    z.string({ error: "Giá trị không hợp lệ." }).max(max, tooLong).nullable(),
  );
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const INVALID_DAY = "Ngày không hợp lệ (định dạng ngày/tháng/năm).";

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
  .number({ error: "Thiếu phiên bản dữ liệu. Vui lòng tải lại trang." })
  .int("Thiếu phiên bản dữ liệu. Vui lòng tải lại trang.")
  .min(1, "Thiếu phiên bản dữ liệu. Vui lòng tải lại trang.");

const memberId = uuid("Không tìm thấy đảng viên.");

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
    .string({ error: "Số thẻ đảng viên không hợp lệ." })
    .regex(/^[0-9A-Z./-]{4,20}$/, "Số thẻ đảng viên gồm 4–20 chữ số hoặc chữ cái (có thể có dấu chấm, gạch).")
    .nullable(),
);

const memberFields = {
  fullName: requiredText(120, {
    required: "Vui lòng nhập họ và tên.",
    tooLong: "Họ và tên không được dài quá 120 ký tự.",
  }),
  gender: enumField(Gender, "Vui lòng chọn giới tính."),
  birthDate: requiredDay("Vui lòng nhập ngày sinh."),
  partyCardNumber,
  admittedOn: requiredDay("Vui lòng nhập ngày vào Đảng."),
  officialOn: optionalDay(),
  status: enumField(MemberStatus, "Vui lòng chọn đảng viên chính thức hay dự bị."),
  ethnicity: optionalText(50, "Dân tộc không được dài quá 50 ký tự."),
  hometown: optionalText(200, "Quê quán không được dài quá 200 ký tự."),
  occupation: optionalText(200, "Nghề nghiệp, chức vụ không được dài quá 200 ký tự."),
  phone: z.preprocess(
    emptyToNull,
    z
      .string({ error: "Số điện thoại không hợp lệ." })
      .regex(/^\+?[0-9 .()-]{8,20}$/, "Số điện thoại chỉ gồm chữ số (8–20 ký tự), ví dụ 0912 345 678.")
      .nullable(),
  ),
  email: z.preprocess(
    (value) => {
      const empty = emptyToNull(value);
      return typeof empty === "string" ? empty.toLowerCase() : empty;
    },
    z
      .string({ error: "Địa chỉ thư điện tử không hợp lệ." })
      .max(200, "Địa chỉ thư điện tử quá dài.")
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Địa chỉ thư điện tử không hợp lệ, ví dụ ten@coquan.gov.vn.")
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
  if (value.birthDate.getTime() > today.getTime()) issue("birthDate", "Ngày sinh không được sau ngày hôm nay.");
  if (value.admittedOn.getTime() > today.getTime()) issue("admittedOn", "Ngày vào Đảng không được sau ngày hôm nay.");
  const ageAtAdmission = fullYears(value.birthDate, value.admittedOn);
  if (ageAtAdmission < 18) {
    issue("birthDate", "Người vào Đảng phải đủ 18 tuổi: kiểm tra lại ngày sinh và ngày vào Đảng.");
  } else if (ageAtAdmission > 100) {
    issue("birthDate", "Ngày sinh và ngày vào Đảng cách nhau quá 100 năm: kiểm tra lại.");
  }
  if (value.status === "PROBATIONARY" && value.officialOn) {
    issue("officialOn", "Đảng viên dự bị chưa có ngày chính thức: để trống ô này, hoặc chọn “Chính thức”.");
  }
  if (value.status === "OFFICIAL" && !value.officialOn) {
    issue("officialOn", "Đảng viên chính thức cần có ngày chuyển chính thức.");
  }
  if (value.officialOn) {
    if (value.officialOn.getTime() < value.admittedOn.getTime()) {
      issue("officialOn", "Ngày chính thức không được trước ngày vào Đảng.");
    } else if (value.officialOn.getTime() > today.getTime()) {
      issue("officialOn", "Ngày chính thức không được sau ngày hôm nay.");
    }
  }
}

export const createMemberSchema = z
  .object({
    ...memberFields,
    branchId: uuid("Vui lòng chọn chi bộ."),
    /** First day in the branch; default: the later of admittedOn and the branch's founding day. */
    membershipFrom: optionalDay(),
  })
  .superRefine((value, ctx) => {
    checkMemberDates(value, ctx);
    if (isDay(value.membershipFrom) && isDay(value.admittedOn)) {
      if (value.membershipFrom.getTime() < value.admittedOn.getTime()) {
        ctx.addIssue({ code: "custom", path: ["membershipFrom"], message: "Ngày bắt đầu sinh hoạt không được trước ngày vào Đảng." });
      } else if (value.membershipFrom.getTime() > todayInVietnam().getTime()) {
        ctx.addIssue({ code: "custom", path: ["membershipFrom"], message: "Ngày bắt đầu sinh hoạt không được sau ngày hôm nay." });
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
  targetBranchId: uuid("Vui lòng chọn chi bộ chuyển đến."),
  effectiveOn: requiredDay("Vui lòng nhập ngày chuyển sinh hoạt."),
  note: optionalText(500, "Ghi chú không được dài quá 500 ký tự."),
});
export type TransferMemberInput = InputOf<typeof transferMemberSchema>;

const reason = (required: string) => requiredText(500, { required, tooLong: "Lý do không được dài quá 500 ký tự." });

export const addExemptionSchema = z
  .object({
    memberId,
    fromDate: requiredDay("Vui lòng nhập ngày bắt đầu miễn sinh hoạt."),
    toDate: optionalDay(),
    reason: reason("Vui lòng nhập lý do miễn công tác và sinh hoạt đảng."),
    /** SPEC §7: the branch meeting that decided it (recorded in its resolution book). */
    decidedAtMeetingId: optionalUuid("Không tìm thấy kỳ sinh hoạt đã quyết định việc miễn sinh hoạt."),
  })
  .superRefine(endNotBeforeStart("fromDate", "toDate", "Ngày kết thúc không được trước ngày bắt đầu."));
export type AddExemptionInput = InputOf<typeof addExemptionSchema>;

export const addTemporaryTransferSchema = z
  .object({
    memberId,
    hostBranchId: optionalUuid("Chi bộ nơi sinh hoạt tạm thời không hợp lệ."),
    hostName: optionalText(200, "Tên chi bộ không được dài quá 200 ký tự."),
    fromDate: requiredDay("Vui lòng nhập ngày bắt đầu sinh hoạt tạm thời."),
    toDate: optionalDay(),
    reason: optionalText(500, "Lý do không được dài quá 500 ký tự."),
  })
  .superRefine((value, ctx) => {
    if (!value.hostBranchId && !value.hostName) {
      ctx.addIssue({
        code: "custom",
        path: ["hostName"],
        message: "Chọn chi bộ trong đơn vị, hoặc nhập tên chi bộ nơi sinh hoạt tạm thời nếu ở ngoài đơn vị.",
      });
    }
    if (value.hostBranchId && value.hostName) {
      ctx.addIssue({
        code: "custom",
        path: ["hostName"],
        message: "Đã chọn chi bộ trong đơn vị thì để trống tên chi bộ ngoài đơn vị.",
      });
    }
  })
  .superRefine(endNotBeforeStart("fromDate", "toDate", "Ngày kết thúc không được trước ngày bắt đầu."));
export type AddTemporaryTransferInput = InputOf<typeof addTemporaryTransferSchema>;

export const addSuspensionSchema = z
  .object({
    memberId,
    fromDate: requiredDay("Vui lòng nhập ngày bắt đầu đình chỉ sinh hoạt."),
    toDate: optionalDay(),
    reason: reason("Vui lòng nhập lý do đình chỉ sinh hoạt đảng."),
  })
  .superRefine(endNotBeforeStart("fromDate", "toDate", "Ngày kết thúc không được trước ngày bắt đầu."));
export type AddSuspensionInput = InputOf<typeof addSuspensionSchema>;

export const PERIOD_KINDS = ["exemption", "temporaryTransfer", "suspension"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Ends an open exemption, temporary transfer or suspension (toDate is its last day). */
export const endPeriodSchema = z.object({
  memberId,
  kind: z.enum(PERIOD_KINDS, { error: "Loại bản ghi không hợp lệ." }),
  periodId: uuid("Không tìm thấy bản ghi."),
  toDate: requiredDay("Vui lòng nhập ngày kết thúc."),
});
export type EndPeriodInput = InputOf<typeof endPeriodSchema>;

export const makeOfficialSchema = z.object({
  memberId,
  version,
  officialOn: requiredDay("Vui lòng nhập ngày chuyển đảng viên chính thức."),
  partyCardNumber,
});
export type MakeOfficialInput = InputOf<typeof makeOfficialSchema>;

export const endMembershipSchema = z.object({
  memberId,
  version,
  endedOn: requiredDay("Vui lòng nhập ngày ra khỏi danh sách."),
  endReason: enumField(MemberEndReason, "Vui lòng chọn lý do."),
});
export type EndMembershipInput = InputOf<typeof endMembershipSchema>;

export const assignPositionSchema = z
  .object({
    memberId,
    orgUnitId: uuid("Vui lòng chọn tổ chức đảng."),
    kind: enumField(PositionKind, "Vui lòng chọn chức vụ."),
    termFrom: requiredDay("Vui lòng nhập ngày bắt đầu nhiệm kỳ."),
    termTo: optionalDay(),
  })
  .superRefine(endNotBeforeStart("termFrom", "termTo", "Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu."));
export type AssignPositionInput = InputOf<typeof assignPositionSchema>;

export const endPositionSchema = z.object({
  memberId,
  positionId: uuid("Không tìm thấy chức vụ."),
  termTo: requiredDay("Vui lòng nhập ngày kết thúc nhiệm kỳ."),
});
export type EndPositionInput = InputOf<typeof endPositionSchema>;

// ─── QĐ 213 residence links ─────────────────────────────────────────────────────────────────────

/** HD 33-HD/BTCTW grounds for not meeting and not being commented on (suggestions, free text allowed). */
export const RESIDENCE_EXEMPT_SUGGESTIONS = [
  "Quân đội, công an ở trong doanh trại",
  "Làm việc lưu động, không ổn định nơi cư trú",
  "Đi học tập trung từ 12 tháng trở lên",
  "Học sinh, sinh viên học xa nơi cư trú",
] as const;

const residenceLinkFields = {
  memberId,
  residenceBranchId: optionalUuid("Chi bộ nơi cư trú không hợp lệ."),
  residenceBranchName: optionalText(200, "Tên chi bộ nơi cư trú không được dài quá 200 ký tự."),
  address: optionalText(300, "Địa chỉ nơi cư trú không được dài quá 300 ký tự."),
  fromDate: requiredDay("Vui lòng nhập ngày bắt đầu giữ mối liên hệ."),
  toDate: optionalDay(),
  exempt: checkbox,
  exemptReason: optionalText(300, "Lý do miễn không được dài quá 300 ký tự."),
};

function checkResidenceLink(
  value: { residenceBranchId: string | null; residenceBranchName: string | null; exempt: boolean; exemptReason: string | null },
  ctx: z.RefinementCtx,
): void {
  if (!value.residenceBranchId && !value.residenceBranchName) {
    ctx.addIssue({
      code: "custom",
      path: ["residenceBranchName"],
      message: "Chọn chi bộ nơi cư trú trong đơn vị, hoặc nhập tên chi bộ nơi cư trú ở ngoài đơn vị.",
    });
  }
  if (value.residenceBranchId && value.residenceBranchName) {
    ctx.addIssue({
      code: "custom",
      path: ["residenceBranchName"],
      message: "Đã chọn chi bộ trong đơn vị thì để trống tên chi bộ ngoài đơn vị.",
    });
  }
  if (value.exempt && !value.exemptReason) {
    ctx.addIssue({ code: "custom", path: ["exemptReason"], message: "Vui lòng ghi lý do được miễn (theo Hướng dẫn 33)." });
  }
}

export const addResidenceLinkSchema = z
  .object(residenceLinkFields)
  .superRefine(checkResidenceLink)
  .superRefine(endNotBeforeStart("fromDate", "toDate", "Ngày kết thúc không được trước ngày bắt đầu."));
export type AddResidenceLinkInput = InputOf<typeof addResidenceLinkSchema>;

export const updateResidenceLinkSchema = z
  .object({ ...residenceLinkFields, linkId: uuid("Không tìm thấy mối liên hệ nơi cư trú."), version })
  .superRefine(checkResidenceLink)
  .superRefine(endNotBeforeStart("fromDate", "toDate", "Ngày kết thúc không được trước ngày bắt đầu."));
export type UpdateResidenceLinkInput = InputOf<typeof updateResidenceLinkSchema>;

export const residenceCommentSchema = z.object({
  memberId,
  linkId: uuid("Không tìm thấy mối liên hệ nơi cư trú."),
  year: z.coerce
    .number({ error: "Vui lòng nhập năm nhận xét." })
    .int("Năm nhận xét không hợp lệ.")
    .min(2000, "Năm nhận xét không hợp lệ.")
    .refine((year) => year <= todayInVietnam().getUTCFullYear(), "Chưa thể nhận xét cho một năm chưa đến."),
  comment: requiredText(4000, {
    required: "Vui lòng nhập nội dung nhận xét.",
    tooLong: "Nội dung nhận xét không được dài quá 4.000 ký tự.",
  }),
  commentedBy: optionalText(200, "Người/nơi nhận xét không được dài quá 200 ký tự."),
  receivedOn: requiredDay("Vui lòng nhập ngày nhận bản nhận xét."),
});
export type ResidenceCommentInput = InputOf<typeof residenceCommentSchema>;

// ─── List ───────────────────────────────────────────────────────────────────────────────────────

export const MEMBER_PAGE_SIZE = 50;
export const MEMBER_SEARCH_MIN_LENGTH = 2;
export const MEMBER_ROLLS = ["current", "ended", "all"] as const;
export type MemberRoll = (typeof MEMBER_ROLLS)[number];

export const memberListQuerySchema = z.object({
  q: z.preprocess(emptyToNull, z.string({ error: "Từ khóa không hợp lệ." }).max(100, "Từ khóa tìm kiếm quá dài.").nullable()),
  status: optionalEnum(MemberStatus, "Trạng thái đảng viên không hợp lệ."),
  position: optionalEnum(PositionKind, "Chức vụ không hợp lệ."),
  branch: optionalUuid("Chi bộ không hợp lệ."),
  exempt: checkbox,
  roll: z.preprocess((value) => emptyToNull(value) ?? "current", z.enum(MEMBER_ROLLS, { error: "Bộ lọc danh sách không hợp lệ." })),
  cursor: z.preprocess(emptyToNull, z.string({ error: "Con trỏ trang không hợp lệ." }).max(1000, "Con trỏ trang không hợp lệ.").nullable()),
  limit: z.preprocess(
    (value) => emptyToNull(value) ?? MEMBER_PAGE_SIZE,
    z.coerce.number({ error: "Số dòng mỗi trang không hợp lệ." }).int().min(1, "Số dòng mỗi trang từ 1 đến 100.").max(100, "Số dòng mỗi trang từ 1 đến 100."),
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

export { fieldErrorsOf, parseInput } from "@/lib/errors";

/** One year of probation (Điều lệ Đảng, Điều 5): the usual earliest day to become official. */
export function probationEnds(admittedOn: Date): Date {
  return addMonths(admittedOn, 12);
}
