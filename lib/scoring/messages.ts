// The Vietnamese texts that scoring services put into answers (preview errors, anomaly flags, the
// annual rating), read from the catalog's `scoring` namespace so every visible string lives there.
import messages from "@/lib/i18n/messages";

export const scoringMessages = messages.scoring;

/** Fills "{name}" placeholders: the same syntax next-intl reads, without its plural forms. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
