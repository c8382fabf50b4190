// One input discipline for every boundary (API handlers, server actions, search actions): text
// that Postgres cannot store or that no person typed is refused before any service sees it. A NUL
// character makes Postgres fail (22021 in text, 22P05 in jsonb) and a lone UTF-16 surrogate is not a
// character at all (it would be stored as U+FFFD, silently changing what was sent). Checking the
// parsed input once at the boundary gives every schema of every service the rule for free; `text()`
// is the same rule for a schema used elsewhere (a CLI, a file reader).
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import errorWords from "@/lib/i18n/messages/vi/server-errors.json";

export const UNSAFE_TEXT_MESSAGE = errorWords.unsafeText;

/** Whether a string holds a NUL or a lone surrogate. */
export function isUnsafeText(value: string): boolean {
  return value.includes("\u0000") || !value.isWellFormed();
}

/** Deeper than any input of ours; a deeper value is refused rather than walked (no stack blow-up). */
const MAX_DEPTH = 32;

/**
 * The path ("minutes.parts.0", "_" for the value itself) of the first unsafe string in a parsed
 * input (strings, arrays and plain objects, keys included), or null when there is none.
 */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return isUnsafeText(value) ? path.join(".") || "_" : null;
  if (typeof value !== "object" || value === null) return null;
  if (depth > MAX_DEPTH) return path.join(".") || "_";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnsafeText(value[i], [...path, String(i)], depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  // FormData values that are files (Blob) carry bytes, not text: their own checks apply.
  if (typeof Blob !== "undefined" && value instanceof Blob) return null;
  for (const [key, item] of Object.entries(value)) {
    if (isUnsafeText(key)) return [...path, key.replace(/[\u0000\ud800-\udfff]/g, "?")].join(".");
    const found = findUnsafeText(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Throws a 422 naming the field when the input holds unsafe text. */
export function assertSafeInput(value: unknown): void {
  const path = findUnsafeText(value);
  if (path !== null) throw new ValidationError(UNSAFE_TEXT_MESSAGE, { [path]: [UNSAFE_TEXT_MESSAGE] });
}

/** A string schema with the same rule, for inputs that do not come through a boundary helper. */
export function text() {
  return z.string().refine((value) => !isUnsafeText(value), UNSAFE_TEXT_MESSAGE);
}
