// Where the official documents of a meeting are served (engineer A's overview links to these).
// The DOCX routes are GET /api/v1/meetings/{id}/minutes.docx and /resolution.docx; the print view
// is a page. All three check access themselves (404 for a meeting the caller may not read).

export function minutesDocxUrl(meetingId: string): string {
  return `/api/v1/meetings/${encodeURIComponent(meetingId)}/minutes.docx`;
}

export function resolutionDocxUrl(meetingId: string): string {
  return `/api/v1/meetings/${encodeURIComponent(meetingId)}/resolution.docx`;
}

export function printUrl(meetingId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}/print`;
}

/** The iCal feed; the token (a personal access token) goes in the query or an Authorization header. */
export function calendarFeedPath(): string {
  return "/api/v1/calendar.ics";
}

/** The shareable notice of a meeting: a printable page, and the same as an image (PNG). */
export function noticeUrl(meetingId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}/notice`;
}

export function noticeImageUrl(meetingId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}/notice/image`;
}

/**
 * A path of this app that is safe to go to after signing in ("/meetings/…"), or null: never another
 * site ("//evil", "https://…", "/\\evil"), never the login page itself.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 300) return null;
  if (!/^\/(?![/\\])[^\s\\]*$/.test(value) || value.startsWith("/login") || value.startsWith("/api/")) return null;
  return value;
}

/** Where a QR code sends someone: the sign-in page, then the page. */
export function signInThenUrl(origin: string, path: string): string {
  return `${origin}/login?next=${encodeURIComponent(path)}`;
}

/** This deployment's origin as the request reached it (behind a proxy: its forwarded host and scheme). */
export function requestOrigin(headers: { get(name: string): string | null }): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const proto = headers.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}

/** A posted meeting document (engineer B's route). */
export function documentDownloadUrl(meetingId: string, documentId: string): string {
  return `/api/v1/meetings/${encodeURIComponent(meetingId)}/documents/${encodeURIComponent(documentId)}`;
}
