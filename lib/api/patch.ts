// PATCH changes only what is sent. The services' update schemas describe a whole form (a form
// always sends every field, and an unticked checkbox is simply absent), so a PATCH route fills in
// the fields the body leaves out from the record as it is now, then calls the same service. The
// body's `version` still guards the write: if the record changed since the caller read it, the
// service refuses with 409, so the filled-in values can never overwrite a newer change.
import { ValidationError } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.apiServer.patch;

/**
 * `current` (the editable fields as the update schema takes them) overlaid with the fields the
 * body sends. A field the route does not edit is a 422 that names it, rather than silently ignored.
 */
export function mergePatch(
  body: Record<string, unknown>,
  current: Record<string, unknown>,
  options: { extra?: readonly string[]; hint?: string } = {},
): Record<string, unknown> {
  const allowed = new Set([...Object.keys(current), "version", ...(options.extra ?? [])]);
  const unknown = Object.keys(body).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    const refused = fill(wording.unknownFields, { fields: unknown.join(", ") });
    const message = options.hint ? `${refused} ${options.hint}` : refused;
    throw new ValidationError(message, Object.fromEntries(unknown.map((key) => [key, [message]])));
  }
  const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  return { ...current, ...sent };
}
