// Parsing a service's input with its zod schema: a failure is a ValidationError with the same
// per-field messages the forms show. (Not imported from lib/actions: services must not pull in
// the session and Auth.js.)
import type { z } from "zod";
import { ValidationError } from "@/lib/errors";

export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fieldErrors;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các ô được đánh dấu.", fieldErrorsFrom(parsed.error));
  }
  return parsed.data;
}
