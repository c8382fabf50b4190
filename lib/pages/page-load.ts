// The one way a page reads what it shows: for the signed-in user, once per request (the metadata
// and the page share the read through React's cache), and with what the user may not see turned
// into Next's 404 page. A foreign id, one outside the user's subtree and one that does not exist
// are the same "not found" (ARCHITECTURE §3); a page that must also hide a refusal or a malformed
// query names it in `hide`.
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

export interface HideOptions {
  /** A ForbiddenError is a 404 too (a page the user's grants do not reach). */
  forbidden?: boolean;
  /** A ValidationError is a 404 too (a malformed period or query in the address). */
  invalid?: boolean;
}

/** `read`'s result, or notFound() for a NotFoundError (and the errors `hide` names). */
export async function orNotFound<T>(read: Promise<T>, hide: HideOptions = {}): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError || (hide.forbidden && error instanceof ForbiddenError) || (hide.invalid && error instanceof ValidationError)) notFound();
    throw error;
  }
}

/** A page's read for the signed-in user, cached per request by its arguments, with orNotFound's 404s. */
export function pageLoader<Args extends unknown[], T>(read: (user: CurrentUser, ...args: Args) => Promise<T>, hide: HideOptions = {}): (...args: Args) => Promise<T> {
  return cache(async (...args: Args) => {
    const user = await requireUser();
    return orNotFound(read(user, ...args), hide);
  });
}
