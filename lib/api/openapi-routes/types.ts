// The OpenAPI registry: every /api/v1 route is described by one entry in a file of this folder
// (one file per area, e.g. members.ts, meetings.ts), and lib/api/openapi.ts turns the entries into
// the OpenAPI 3.1 document at /api/v1/openapi.json with zod 4's z.toJSONSchema. Describe the
// schemas the route really parses (the service's zod schema), so the document cannot drift.
//
// An area file exports one or more arrays of entries (any export name, e.g.
// `export const meetingRoutes: OpenApiRoute[] = [...]`) and is listed once in ./index.ts.
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface OpenApiRoute {
  method: HttpMethod;
  /** OpenAPI path with {param} placeholders, e.g. "/api/v1/meetings/{id}/attendance". */
  path: string;
  /** One line, English or Vietnamese. */
  summary: string;
  /** Optional longer text. */
  description?: string;
  /** Groups routes in the document (defaults to the file's area). */
  tag?: string;
  /** JSON request body schema (POST/PUT/PATCH). */
  request?: z.ZodType;
  /** Body fields the route fills from the path (e.g. "memberId"); path parameter names are left out anyway. */
  bodyFromPath?: readonly string[];
  /** Default "application/json"; "multipart/form-data" for uploads (then `request` describes the form fields). */
  requestContentType?: "application/json" | "multipart/form-data";
  /** Query string schema (an object of string fields). */
  query?: z.ZodType;
  /** 2xx JSON response schema; omit when the answer is not JSON or not yet described. */
  response?: z.ZodType;
  /** Status of the success answer (default 200; 201 for creations). */
  status?: number;
  /** Non-JSON success answer, e.g. "text/calendar" or a DOCX media type. */
  produces?: string;
  /** True for the few routes that need no authentication (the OpenAPI document itself). */
  public?: boolean;
}
