// Audit catalog lookups: action and field labels live in the catalog (audit.actions, audit.fields);
// actions are keyed with "_" for "." because next-intl reads dots as nesting.
import messages from "@/lib/i18n/messages";

type Catalog = typeof messages.audit;
export type ActionKey = keyof Catalog["actions"];
export type FieldKey = keyof Catalog["fields"];

export function actionKey(action: string): ActionKey | null {
  const key = action.replaceAll(".", "_");
  return Object.hasOwn(messages.audit.actions, key) ? (key as ActionKey) : null;
}

export function fieldKey(field: string): FieldKey | null {
  return Object.hasOwn(messages.audit.fields, field) ? (field as FieldKey) : null;
}

/** Every action the catalog names, as stored ("orgUnit.move"), for the filter. */
export function knownActions(): string[] {
  return Object.keys(messages.audit.actions).map((key) => key.replaceAll("_", "."));
}

export function isOrgKind(value: string): value is keyof typeof messages.orgKind {
  return Object.hasOwn(messages.orgKind, value);
}
export function isOrgCategory(value: string): value is keyof typeof messages.orgCategory {
  return Object.hasOwn(messages.orgCategory, value);
}
export function isRole(value: string): value is keyof typeof messages.roles {
  return Object.hasOwn(messages.roles, value);
}
export function entityTypeKey(value: string): keyof Catalog["entityTypes"] | null {
  return Object.hasOwn(messages.audit.entityTypes, value) ? (value as keyof Catalog["entityTypes"]) : null;
}
