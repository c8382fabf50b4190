// What kind of value each setting takes, read from its own zod schema in the registry, so the
// settings screen renders every key — including keys added later — without a form per key: a
// whole number with its bounds, a number, yes/no, a text, a choice, or an object of those.
import { z } from "zod";
import { SETTINGS, type SettingKey } from "@/lib/settings/registry";

export type SettingField =
  | { kind: "integer" | "number"; min: number | null; max: number | null; nullable: boolean }
  | { kind: "boolean" }
  | { kind: "text"; maxLength: number | null; nullable: boolean }
  | { kind: "choice"; options: string[]; nullable: boolean }
  | { kind: "object"; fields: { name: string; field: SettingField }[] }
  | { kind: "json" };

const finite = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

export function describeSchema(schema: z.ZodType, nullable = false): SettingField {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return describeSchema(schema.unwrap() as z.ZodType, true);
  if (schema instanceof z.ZodDefault) return describeSchema(schema.unwrap() as z.ZodType, nullable);
  if (schema instanceof z.ZodNumber) {
    return { kind: schema.isInt ? "integer" : "number", min: finite(schema.minValue), max: finite(schema.maxValue), nullable };
  }
  if (schema instanceof z.ZodBoolean) return { kind: "boolean" };
  if (schema instanceof z.ZodString) return { kind: "text", maxLength: finite(schema.maxLength), nullable };
  if (schema instanceof z.ZodEnum) return { kind: "choice", options: schema.options.map(String), nullable };
  if (schema instanceof z.ZodObject) {
    return { kind: "object", fields: Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({ name, field: describeSchema(field) })) };
  }
  return { kind: "json" };
}

/** Optional descriptive fields a registry entry may carry (unit, unconfirmed, catalogKey). */
interface Descriptive {
  unit?: string;
  unconfirmed?: boolean;
  catalogKey?: string;
}

export interface SettingDescription {
  key: SettingKey;
  /** "meeting", "attendance"…: the screen groups keys by it. */
  group: string;
  field: SettingField;
  default: unknown;
  /** SPEC marks the rule unconfirmed: the default is our modelling choice. */
  unconfirmed: boolean;
  /** Where the screen looks up the key's label and help (settings.keys.<key> unless the registry says). */
  catalogKey: string;
}

export function describeSetting(key: SettingKey): SettingDescription {
  const entry = SETTINGS[key] as (typeof SETTINGS)[SettingKey] & Descriptive;
  return {
    key,
    group: key.split(".")[0] ?? key,
    field: describeSchema(entry.schema as z.ZodType),
    default: entry.default,
    unconfirmed: entry.unconfirmed === true,
    catalogKey: entry.catalogKey ?? key,
  };
}

export function allSettings(): SettingDescription[] {
  return (Object.keys(SETTINGS) as SettingKey[]).map(describeSetting);
}

/** A number typed in a form ("1,5" or "1.5"), or null for "". */
function numberOf(raw: string): number | null {
  const text = raw.trim().replace(/\s+/g, "").replace(",", ".");
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The value a form posted for a field (flat names: "value", "value.minGoodCount"), before the
 * registry's schema checks it. Unreadable input becomes a value the schema refuses.
 */
export function valueFromForm(field: SettingField, read: (name: string) => string | null, name = "value"): unknown {
  switch (field.kind) {
    case "integer":
    case "number": {
      const parsed = numberOf(read(name) ?? "");
      return parsed === null ? (field.nullable ? null : undefined) : parsed;
    }
    case "boolean": {
      const raw = read(name);
      return raw === "on" || raw === "true" || raw === "1";
    }
    case "text": {
      const raw = (read(name) ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
      return raw === "" && field.nullable ? null : raw;
    }
    case "choice": {
      const raw = read(name) ?? "";
      return raw === "" && field.nullable ? null : raw;
    }
    case "object":
      return Object.fromEntries(field.fields.map((sub) => [sub.name, valueFromForm(sub.field, read, `${name}.${sub.name}`)]));
    case "json": {
      try {
        return JSON.parse(read(name) ?? "");
      } catch {
        return undefined;
      }
    }
  }
}
