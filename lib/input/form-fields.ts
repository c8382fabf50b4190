// Field kinds a form sends as text and the API as JSON: a decimal typed the Vietnamese way, an
// optional text, and dotted field names ("criteria.T1.maxPoints") turned into nested objects.
import { z } from "zod";
import messages from "@/lib/i18n/messages";

/** A decimal typed in a form ("4,5" or "4.5") or sent as a JSON number. */
export const decimalField = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === "number") return value;
  const text = value.trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: messages.ruleSetsServer.input.decimal });
    return z.NEVER;
  }
  return Number(text);
});

export const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ?? "").normalize("NFC").trim());

/** "criteria.T1.maxPoints" (form field names) → { criteria: { T1: { maxPoints } } }. */
export function nestDottedKeys(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const parts = key.split(".");
    if (parts.length === 1 || parts.some((part) => part === "" || part === "__proto__" || part === "constructor" || part === "prototype")) {
      out[key] = value;
      continue;
    }
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return out;
}
