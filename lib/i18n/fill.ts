/** Fills "{name}" placeholders of a catalog message: the same syntax next-intl reads, without its plural forms. */
export function fill(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
