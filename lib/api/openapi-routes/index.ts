// Every area's registry file, listed once. Each module may export any number of route arrays; all
// of them are collected, so an area file names its arrays as it likes.
import type { OpenApiRoute } from "./types";
import * as classification from "./classification";
import * as dashboard from "./dashboard";
import * as dues from "./dues";
import * as meetings from "./meetings";
import * as members from "./members";
import * as orgUnits from "./org-units";
import * as outputs from "./outputs";
import * as oversight from "./oversight";
import * as preparation from "./preparation";
import * as record from "./record";
import * as rubrics from "./rubrics";
import * as scoring from "./scoring";
import * as scorecards from "./scorecards";
import * as users from "./users";

function isRouteList(value: unknown): value is OpenApiRoute[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((entry) => entry && typeof entry === "object" && "method" in entry && "path" in entry && "summary" in entry)
  );
}

function collect(module: Record<string, unknown>): OpenApiRoute[] {
  return Object.values(module).filter(isRouteList).flat();
}

/** Area (the document's tag when an entry names none) → its routes. */
export const OPENAPI_ROUTES: Record<string, readonly OpenApiRoute[]> = {
  members: collect(members),
  "org-units": collect(orgUnits),
  users: collect(users),
  meetings: collect(meetings),
  preparation: collect(preparation),
  record: collect(record),
  scoring: collect(scoring),
  scorecards: collect(scorecards),
  rubrics: collect(rubrics),
  outputs: collect(outputs),
  oversight: collect(oversight),
  dashboard: collect(dashboard),
  classification: collect(classification),
  dues: collect(dues),
};
