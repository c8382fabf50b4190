// zod's messages in Vietnamese (serverErrors.zod), for every schema of the app. Most schemas write their own message
// for each rule; this covers the rest (a missing field, a number out of range, an unknown choice),
// so no English "Invalid input" ever reaches a person. zod's own Vietnamese locale is the fallback
// for what is not worded here. Installed once, globally, by importing this module: lib/errors.ts (the
// home of parseInput and ValidationError, which every service and action imports) and lib/env.ts.
import { z } from "zod";
import { fill } from "@/lib/i18n/fill";
// The words alone (as lib/errors.ts reads them), not the whole catalog.
import errorWords from "@/lib/i18n/messages/vi/server-errors.json";

const wording = errorWords.zod;

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

/** The unit of a sized value, by zod's origin. */
const SIZED: Readonly<Record<string, string>> = wording.units;

function isBlank(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === "string" && input.trim() === "");
}

const number = (value: number | bigint) => (typeof value === "bigint" ? value.toString() : value.toLocaleString("vi-VN"));

/** The wording for one issue, or undefined to let zod's Vietnamese locale word it. */
export function vietnameseIssueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (isBlank(issue.input)) return wording.required;
      if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") return wording.number;
      if (issue.expected === "date") return wording.date;
      if (issue.expected === "boolean") return wording.boolean;
      return wording.type;
    case "too_small": {
      const unit = SIZED[issue.origin ?? ""];
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return wording.required;
      if (unit) return fill(wording.atLeast, { minimum: number(issue.minimum), unit });
      return issue.inclusive ? fill(wording.min, { minimum: number(issue.minimum) }) : fill(wording.above, { minimum: number(issue.minimum) });
    }
    case "too_big": {
      const unit = SIZED[issue.origin ?? ""];
      if (unit) return fill(wording.atMost, { maximum: number(issue.maximum), unit });
      return issue.inclusive ? fill(wording.max, { maximum: number(issue.maximum) }) : fill(wording.below, { maximum: number(issue.maximum) });
    }
    case "invalid_value":
      return issue.values.length === 1 ? wording.invalid : wording.choose;
    case "invalid_format":
      if (issue.format === "email") return wording.email;
      if (issue.format === "url") return wording.url;
      if (issue.format === "date" || issue.format === "datetime") return wording.dateTime;
      return wording.format;
    case "not_multiple_of":
      return fill(wording.multipleOf, { divisor: number(issue.divisor) });
    case "unrecognized_keys":
      return fill(wording.unrecognizedKeys, { keys: issue.keys.join(", ") });
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return wording.invalid;
    default:
      return undefined;
  }
}

z.config(z.locales.vi());
z.config({ customError: (issue) => vietnameseIssueMessage(issue) });
