// A JSON object typed by a person (an editor, an uploaded file) or sent by the API, with the
// Vietnamese message that says where the text breaks. Shared by the rubric and the classification
// frame editors, which both take whole definitions as JSON.
import { fieldError } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import errorWords from "@/lib/i18n/messages/vi/server-errors.json";

const words = errorWords.jsonText;

/** " (lỗi ở dòng 3, cột 7)" from JSON.parse's English message, which is not shown as such. */
export function whereJsonFails(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return fill(words.jsonAt, { line: lineColumn[1]!, column: lineColumn[2]! });
  const position = /position (\d+)/.exec(message);
  if (!position) return /end of JSON input/i.test(message) ? words.jsonTruncated : "";
  const before = text.slice(0, Number(position[1])).split("\n");
  return fill(words.jsonAt, { line: before.length, column: before.at(-1)!.length + 1 });
}

/**
 * The object in `value` (JSON text, or an object already parsed by the API), or a field error on
 * `field`. `what` names the object expected ("khung tiêu chí") in the message for a non-object.
 */
export function jsonObjectInput(value: string | Record<string, unknown>, field: string, what: string): Record<string, unknown> {
  let parsed: unknown = value;
  if (typeof value === "string") {
    if (!value.trim()) throw fieldError(field, words.jsonEmpty);
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw fieldError(field, fill(words.jsonUnreadable, { where: whereJsonFails(value, error) }));
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw fieldError(field, fill(words.jsonNotObjectOf, { what }));
  }
  return parsed as Record<string, unknown>;
}
