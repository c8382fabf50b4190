// The digest that marks "the database cannot be reached" on an error Next.js forwards to the
// browser, and its test for error boundaries. No imports: the error boundaries are on every page,
// and whatever this module imported (lib/errors pulls zod and its Vietnamese messages, ~67 KB gzip)
// would be in every page's first-load JavaScript.
export const DB_UNAVAILABLE_DIGEST = "DB_UNAVAILABLE";

/** For error boundaries: the value Next.js hands them (`error.digest` survives production builds). */
export function isDatabaseUnavailableDigest(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { digest?: unknown }).digest === DB_UNAVAILABLE_DIGEST;
}
