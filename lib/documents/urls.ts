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

/** A posted meeting document (engineer B's route). */
export function documentDownloadUrl(meetingId: string, documentId: string): string {
  return `/api/v1/meetings/${encodeURIComponent(meetingId)}/documents/${encodeURIComponent(documentId)}`;
}
