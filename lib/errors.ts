import type { z } from "zod";
// zod speaks Vietnamese wherever a schema is parsed (every service and action imports this module).
import "@/lib/i18n/zod-errors";

// Errors a person can act on. Services throw them; the action helper and API handlers turn them
// into { ok: false, error, fieldErrors } or HTTP statuses. Anything else is logged and shown generically.
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Also used for rows of another tenant or outside the caller's subtree: never reveal that they exist. */
export class NotFoundError extends AppError {
  constructor(message = "Không tìm thấy dữ liệu yêu cầu.") {
    super(message, 404);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Bạn không có quyền thực hiện thao tác này.") {
    super(message, 403);
  }
}

/** The user still has a temporary password: until they change it, they may only do that (or log out). */
export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super("Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.");
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.") {
    super(message, 401);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 422);
  }
}

/** A stale version or a uniqueness clash: the user must reload or choose another value. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** zod issues by field path ("marks.C1"; "_" for the form as a whole), for forms and JSON answers. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fieldErrors;
}

/** Parses a service's input or throws a ValidationError whose field errors name the fields to fix. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các ô được đánh dấu.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** A ValidationError about one field, with the message shown both as the banner and next to the field. */
export function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(message, { [field]: [message] });
}
