// Input schemas of planning and the meeting lifecycle, shared by the server actions, the /api/v1
// twins (and their OpenAPI entries) and the services, which parse again at their boundary. Every
// schema accepts its own output, so a parsed value parses again. Times are entered as local times
// in Vietnam ("2026-03-05T14:00", what <input type="datetime-local"> sends) or as ISO instants with
// an offset (JSON clients).
import { z } from "zod";
import { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { parseLocalDateTime } from "@/lib/i18n/format";
import { TRANSITIONS, type MeetingTransition } from "@/lib/meetings/states";
import messages from "@/lib/i18n/messages";
import { vietnamDayOf } from "@/lib/time/days";

const wording = messages.meetingsServer.schemas;
const shared = messages.meetingsServer.common;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A local date-time in Vietnam, an ISO instant with offset, or a Date → the instant. */
export function instant(message: string) {
  return z.union([z.date(), z.string()], { error: message }).transform((value, ctx) => {
    const date =
      value instanceof Date ? value : ISO_INSTANT.test(value.trim()) ? new Date(value.trim()) : parseLocalDateTime(value);
    if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return date;
  });
}

/** Like instant(), but "" / null / missing mean "not given". */
export function optionalInstant(message: string) {
  return z
    .union([z.literal(""), z.null(), instant(message)], { error: message })
    .optional()
    .transform((value) => (value instanceof Date ? value : null));
}

/** Free text: NFC (the database fold only strips precomposed accents), trimmed, "" → null. */
function optionalText(max: number, message: string) {
  return z
    .string()
    .nullish()
    .transform((value) => value?.normalize("NFC").trim() || null)
    .pipe(z.string().max(max, message).nullable());
}

function requiredText(min: number, max: number, missing: string, tooLong: string) {
  return z
    .string({ error: missing })
    .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(z.string().min(min, missing).max(max, tooLong));
}

const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

const uuidLike = (message: string) => z.string({ error: message }).trim().min(1, message);

export const versionField = z.coerce
  .number({ error: wording.versionMissing })
  .int(wording.versionMissing)
  .min(1, wording.versionMissing);

const kindField = z.enum(MeetingKind, { error: wording.kindRequired });

// ─── Meetings ───────────────────────────────────────────────────────────────────────────────────

export const meetingFields = {
  kind: kindField,
  title: requiredText(3, 200, wording.titleRequired, wording.titleTooLong),
  hasThematicPart: checkbox,
  topic: optionalText(300, wording.topicTooLong),
  plannedStart: instant(wording.plannedStartRequired),
  plannedEnd: optionalInstant(wording.plannedEndInvalid),
  place: optionalText(300, wording.placeTooLong),
};

type MeetingFieldsOut = {
  kind: MeetingKind;
  hasThematicPart: boolean;
  topic: string | null;
  plannedStart: Date;
  plannedEnd: Date | null;
};

/** Rules across fields: end after start; a thematic or combined meeting names its topic. */
function meetingRefinements(value: MeetingFieldsOut, ctx: z.RefinementCtx): void {
  if (value.plannedEnd && value.plannedEnd.getTime() <= value.plannedStart.getTime()) {
    ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: wording.endBeforeStart });
  }
  if ((value.kind === "THEMATIC" || value.kind === "COMBINED") && !value.topic) {
    ctx.addIssue({ code: "custom", path: ["topic"], message: wording.topicRequired });
  }
}

/** A COMBINED (and a THEMATIC) meeting always has a thematic part. */
function forceThematic<T extends { kind: MeetingKind; hasThematicPart: boolean }>(value: T): T {
  return value.kind === "COMBINED" || value.kind === "THEMATIC" ? { ...value, hasThematicPart: true } : value;
}

export const createMeetingSchema = z
  .object({ branchId: uuidLike(shared.branchRequired), ...meetingFields })
  .superRefine(meetingRefinements)
  .transform(forceThematic);
export type CreateMeetingInput = z.input<typeof createMeetingSchema>;

export const updateMeetingSchema = z
  .object({ id: uuidLike(shared.meetingIdMissing), version: versionField, ...meetingFields })
  .superRefine(meetingRefinements)
  .transform(forceThematic);
export type UpdateMeetingInput = z.input<typeof updateMeetingSchema>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Filters of the meeting list (query string of /meetings and GET /api/v1/meetings). */
export const meetingListQuerySchema = z.object({
  month: z
    .string()
    .optional()
    .transform((value) => (value && MONTH.test(value) ? value : undefined)),
  state: z
    .string()
    .optional()
    .transform((value) => (value && Object.hasOwn(MeetingState, value) ? (value as MeetingState) : undefined)),
  kind: z
    .string()
    .optional()
    .transform((value) => (value && Object.hasOwn(MeetingKind, value) ? (value as MeetingKind) : undefined)),
  branchId: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  /** Page of the past meetings (50 each), from 1. */
  page: z.coerce.number().int().min(1).max(1000).catch(1).optional(),
});
export type MeetingListQuery = z.input<typeof meetingListQuerySchema>;

// ─── Transitions ────────────────────────────────────────────────────────────────────────────────

const transitionNames = Object.keys(TRANSITIONS) as [MeetingTransition, ...MeetingTransition[]];

export const transitionSchema = z.object({
  id: uuidLike(shared.meetingIdMissing),
  transition: z.enum(transitionNames, { error: wording.transitionInvalid }),
  version: versionField,
  reason: optionalText(1000, wording.reasonTooLong),
  /** postpone / replan: the new planned start (the planned length is kept). */
  newStart: optionalInstant(wording.newStartInvalid),
  /** hold: the actual times, when not recorded yet on the attendance screen. */
  actualStart: optionalInstant(wording.actualStartInvalid),
  actualEnd: optionalInstant(wording.actualEndInvalid),
});
export type TransitionInput = z.input<typeof transitionSchema>;

// ─── Annual plan and branch defaults ────────────────────────────────────────────────────────────

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const meetingDefaultsSchema = z.object({
  branchId: uuidLike(shared.branchRequired),
  version: versionField,
  meetingDay: z
    .union([z.literal(""), z.null(), z.coerce.number({ error: wording.meetingDayNumber })])
    .optional()
    .transform((value) => (typeof value === "number" ? value : null))
    .pipe(
      z
        .number()
        .int(wording.meetingDayInteger)
        .min(1, wording.meetingDayRange)
        .max(28, wording.meetingDayRangeFebruary)
        .nullable(),
    ),
  meetingTime: z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .pipe(z.string().regex(TIME, wording.meetingTimeFormat).nullable()),
  meetingPlace: optionalText(300, wording.placeTooLong),
});
export type MeetingDefaultsInput = z.input<typeof meetingDefaultsSchema>;

const quarterTopicSchema = z.object({
  quarter: z.coerce.number().int().min(1).max(4),
  title: optionalText(300, wording.topicTooLong),
  description: optionalText(2000, wording.descriptionTooLong),
  /** The quarter's thematic part is held inside a regular meeting (COMBINED) instead of separately. */
  combined: checkbox,
});
export type QuarterTopicInput = z.input<typeof quarterTopicSchema>;

/** Forms send flat fields (topic1, topic1Description, topic1Combined …); JSON clients send `topics`. */
function flatTopics(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input) || "topics" in input) return input;
  const source = input as Record<string, unknown>;
  // Without any flat field (a JSON body that leaves the topics alone) there is nothing to map.
  if (![1, 2, 3, 4].some((quarter) => `topic${quarter}` in source)) return input;
  const topics = [1, 2, 3, 4].map((quarter) => ({
    quarter,
    title: source[`topic${quarter}`],
    description: source[`topic${quarter}Description`],
    combined: source[`topic${quarter}Combined`],
  }));
  return { ...source, topics };
}

/** The JSON shape of a plan request (the form's flat topic fields are mapped onto it). */
export const generatePlanBodySchema = z.object({
  branchId: uuidLike(shared.branchRequired),
  year: z.coerce
    .number({ error: wording.yearRequired })
    .int(shared.yearInvalid)
    .min(2000, wording.yearRange)
    .max(2100, wording.yearRange),
  /** The plan's version when regenerating an existing plan (stale → refused). */
  version: z
    .union([z.literal(""), z.null(), versionField])
    .optional()
    .transform((value) => (typeof value === "number" ? value : null)),
  note: optionalText(2000, wording.noteTooLong),
  topics: z
    .array(quarterTopicSchema)
    .max(4)
    .default([])
    .superRefine((topics, ctx) => {
      const seen = new Set<number>();
      topics.forEach((topic, index) => {
        if (seen.has(topic.quarter)) ctx.addIssue({ code: "custom", path: [index, "quarter"], message: wording.quarterTwice });
        seen.add(topic.quarter);
      });
    }),
});

export const generatePlanSchema = z.preprocess(flatTopics, generatePlanBodySchema);
export type GeneratePlanInput = z.input<typeof generatePlanSchema>;

export const planQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

/** The `year` of a plan query, or the current year in Vietnam. */
export function planYear(query: Record<string, unknown>, now: Date = new Date()): number {
  return planQuerySchema.parse(query).year ?? vietnamDayOf(now).getUTCFullYear();
}
