// The JSON shapes of the dashboard and review desk answers and their query strings, for the OpenAPI
// document (lib/api/openapi-routes/dashboard.ts). The services parse their queries leniently
// (nonsense is ignored with a note), so these describe what is understood.
import { z } from "zod";
import { Level, MeetingKind, MeetingState, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { ANOMALY_CODES } from "@/lib/scoring/anomalies";
import { INDICATORS } from "./indicators";
import { ANOMALY_FILTERS } from "./review";
import { TABLE_IDS } from "./tables";
import { dashboardMessages } from "./messages";

const wording = dashboardMessages.apiFields;

const ratio = z.object({ value: z.number().int(), of: z.number().int(), rate: z.number().nullable().describe(wording.rate) });
const levels = z.object({ GOOD: z.number().int(), FAIR: z.number().int(), AVERAGE: z.number().int(), POOR: z.number().int(), unscored: z.number().int() });
const figures = z.object({
  branches: z.number().int().describe(wording.branches),
  meetingsHeld: z.number().int(),
  regular: ratio.nullable().describe(wording.regular),
  attendance: ratio.describe(wording.attendance),
  absentExcused: z.number().int(),
  absentUnexcused: z.number().int(),
  levels,
  goodShare: ratio,
  fairOrBetterShare: ratio,
  coverage: ratio.describe(wording.coverage),
  visits: z.number().int(),
  resolutionsOnTime: ratio.describe(wording.resolutionsOnTime),
  minutesOnTime: ratio.describe(wording.minutesOnTime),
  awaitingReview: z.number().int(),
});

export const dashboardQuerySchema = z.object({
  unit: z.string().optional().describe(wording.unit),
  year: z.string().optional().describe(wording.year),
  month: z.string().optional().describe(wording.month),
});

export const dashboardResponseSchema = z.object({
  period: z.looseObject({ year: z.number().int(), month: z.number().int(), inProgress: z.boolean(), completeThrough: z.number().int(), quartersEnded: z.number().int(), quarter: z.number().int() }),
  notes: z.array(z.string()).describe(wording.notes),
  unit: z.looseObject({ id: z.string(), name: z.string(), kind: z.enum(OrgUnitKind), path: z.string(), isBranch: z.boolean() }),
  trail: z.array(z.object({ id: z.string(), name: z.string() })),
  roots: z.array(z.object({ id: z.string(), name: z.string() })),
  members: z.object({ members: z.number().int(), officials: z.number().int() }),
  month: figures,
  ytd: figures,
  thematicEveryQuarter: ratio.nullable(),
  quarters: z.array(z.object({ quarter: z.number().int(), met: ratio, ended: z.boolean(), ahead: z.boolean() })),
  trend: z.array(
    z.object({
      month: z.number().int(),
      branches: z.number().int(),
      meetingsHeld: z.number().int(),
      regular: ratio,
      thematicHeld: z.number().int(),
      attendance: ratio,
      absentUnexcused: z.number().int(),
      levels,
      coverage: ratio,
      visits: z.number().int(),
      resolutionsOnTime: ratio,
      minutesOnTime: ratio,
    }),
  ),
  children: z
    .array(z.object({ id: z.string(), name: z.string(), kind: z.enum(OrgUnitKind), isBranch: z.boolean(), branches: z.number().int(), members: z.number().int(), month: figures, ytd: figures, quarter: ratio }))
    .nullable(),
  meetings: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(MeetingKind),
        state: z.enum(MeetingState),
        day: z.string(),
        month: z.number().int(),
        held: z.boolean(),
        present: z.number().int(),
        attendanceDenominator: z.number().int(),
        absentUnexcused: z.number().int(),
        effective: z.object({ level: z.enum(Level), total: z.number().nullable(), source: z.enum(["final", "overseer", "self"]) }).nullable(),
        notScored: z.boolean(),
        awaitingReview: z.boolean(),
        resolutionOnTime: z.boolean().nullable(),
        minutesOnTime: z.boolean().nullable(),
        visits: z.number().int(),
      }),
    )
    .nullable(),
  targets: z.array(z.object({ indicator: z.enum(INDICATORS), unit: z.enum(["percent", "count"]), target: z.number(), actual: z.number().nullable(), status: z.enum(["met", "behind", "noData"]) })),
});

export const exportQuerySchema = dashboardQuerySchema.extend({
  table: z.enum([...TABLE_IDS, "all"]).optional().describe(wording.table),
});

const targetRow = z.object({ indicator: z.enum(INDICATORS), unit: z.enum(["percent", "count"]), target: z.number() });
export const targetsQuerySchema = z.object({ year: z.string().optional() });
export const targetsRequestSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  targets: z.partialRecord(z.enum(INDICATORS), z.union([z.number(), z.string(), z.null()])).describe(wording.target),
});
export const targetsResponseSchema = z.object({ targets: z.array(targetRow) });

export const reviewQuerySchema = z.object({
  month: z.string().optional().describe("yyyy-mm"),
  unit: z.string().optional(),
  level: z.enum(Level).optional().describe(wording.level),
  anomaly: z.enum(ANOMALY_FILTERS).optional().describe(wording.anomaly),
  state: z.enum(["SELF_SCORED", "CONFIRMED"]).optional(),
  page: z.string().optional(),
});

const score = z.object({ total: z.number().nullable(), level: z.enum(Level).nullable() });
export const reviewResponseSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  filters: z.object({ month: z.string().nullable(), unit: z.string().nullable(), level: z.enum(Level).nullable(), anomaly: z.enum(ANOMALY_FILTERS).nullable(), state: z.enum(MeetingState).nullable() }),
  notes: z.array(z.string()),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      meetingId: z.string(),
      title: z.string(),
      kind: z.enum(MeetingKind),
      state: z.enum(MeetingState),
      day: z.string(),
      branch: z.object({ id: z.string(), name: z.string(), parentName: z.string().nullable() }),
      cardVersion: z.number().int().describe(wording.reason),
      self: score,
      overseer: score.nullable(),
      effective: score,
      flags: z.array(z.object({ code: z.enum(ANOMALY_CODES), message: z.string() })),
    }),
  ),
});

export const bulkApproveRequestSchema = z.object({
  items: z.array(z.object({ meetingId: z.string(), version: z.number().int().describe(wording.cardVersion) })).min(1).max(100),
});
export const bulkApproveResponseSchema = z.object({
  approved: z.array(z.object({ meetingId: z.string(), title: z.string() })),
  skipped: z.array(z.object({ meetingId: z.string(), title: z.string().nullable(), reason: z.string() })),
});

export const sheetQuerySchema = z.object({
  unit: z.string().optional().describe(wording.committee),
  month: z.string().optional().describe(wording.monthOrCurrent),
});
