// Issue 14 item 4: every setting in the registry changes something a user sees. The probes are keyed
// by SettingKey (a key added to the registry without a probe fails to compile and fails here), and each
// computes a visible output through the same function the service calls with the settings snapshot:
// the output under the defaults must differ from the output with that one setting changed. Settings
// that can only be observed through the database name the integration test that changes them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capStatus } from "@/lib/classification/cap";
import { placeDateLine } from "@/lib/documents/model";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { plannedMinutes } from "@/lib/meetings/meetings";
import { attendanceOpensOn, counterThresholds, memberCounters } from "@/lib/meetings/record-rules";
import { quorum, type MemberMeetingRecord } from "@/lib/meetings/rules";
import { needsApproval, quotaFor, visitAlertDue } from "@/lib/oversight/rules";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { HD12_2018, HD42_2025 } from "@/lib/scoring/rubrics";
import { anomalyFlags } from "@/lib/scoring/anomalies";
import { scoringReadings } from "@/lib/scoring/facts";
import { rollupYear, type RatedMeeting } from "@/lib/scoring/rollup";
import { deductionsWithoutReason, scoredKindOn } from "@/lib/scoring/workflow";
import { SETTINGS, defaultSetting, type SettingKey, type SettingValue } from "@/lib/settings/registry";
import type { SettingsSnapshot } from "@/lib/settings/resolve";

const DEFAULTS = Object.fromEntries((Object.keys(SETTINGS) as SettingKey[]).map((key) => [key, defaultSetting(key)])) as SettingsSnapshot;

type Probe<K extends SettingKey> =
  | { value: SettingValue<K>; output: (settings: SettingsSnapshot) => unknown }
  /** Only observable through the database: the integration test (file, test name) that changes it. */
  | { integration: { file: string; test: string } };

const BASE: MeetingFacts = {
  kind: "REGULAR",
  hasThematicPart: false,
  requiredMinutes: 90,
  actualMinutes: 95,
  present: 9,
  attendanceDenominator: 10,
  absentExcused: 1,
  absentUnexcused: 0,
  longestExcusedStreak: 3,
  speakers: 6,
  ideologyMinutes: 15,
  documentsLeadMinutes: 30 * 60,
  finalDocumentsDelayMinutes: 30 * 60,
  hasCommittee: false,
  preMeetingHeld: false,
  preMeetingMinuted: false,
  noticeToAllMembers: true,
  noticeToOverseer: true,
  previousTargets: null,
  draftResolutionExists: true,
  preparedBySecretaryOrDeputy: true,
  minutesComplete: true,
};

/** The HD 42 / HD 12 result of BASE under the settings of the day (the facts carry the readings). */
const scored = (settings: SettingsSnapshot, patch: Partial<MeetingFacts> = {}, rubric = HD42_2025) => {
  const result = score(rubric, { ...BASE, ...patch, readings: scoringReadings(settings) }, {});
  return {
    points: Object.fromEntries(result.perCriterion.filter((c) => c.mode === "AUTO").map((c) => [c.code, c.points])),
    conditions: Object.fromEntries(result.conditions.map((c) => [c.code, c.held])),
  };
};

const monthly = (marks: string): MemberMeetingRecord[] =>
  marks.split(" ").map((code, i) => ({
    date: `2026-${String(i + 1).padStart(2, "0")}-15`,
    kind: "REGULAR" as const,
    mark: ({ E: "ABSENT_EXCUSED", U: "ABSENT_UNEXCUSED", S: "SPECIAL_DUTY", P: "PRESENT" } as const)[code as "E"]!,
  }));
const counters = (settings: SettingsSnapshot, marks: string) =>
  memberCounters(monthly(marks), { date: "2026-12-31", kind: "REGULAR", mark: null }, counterThresholds(settings));

const YEAR: RatedMeeting[] = "T T K T T T K T K T K T".split(" ").map((c, i) => ({
  date: `2026-${String(i + 1).padStart(2, "0")}-10`,
  kind: "REGULAR",
  level: c === "T" ? "GOOD" : "FAIR",
}));

const DAY = new Date("2026-03-05T00:00:00.000Z");

const PROBES: { [K in SettingKey]: Probe<K> } = {
  "meeting.minMinutesRegular": { value: 60, output: (s) => plannedMinutes(s, "REGULAR", 10) },
  "meeting.minMinutesLong": { value: 150, output: (s) => plannedMinutes(s, "COMBINED", 10) },
  "meeting.committeeMinMinutes": { value: 45, output: (s) => plannedMinutes(s, "COMBINED", 40) },
  "meeting.largeBranchSize": { value: 10, output: (s) => plannedMinutes(s, "REGULAR", 12) },
  "meeting.docsLeadHours": { value: 48, output: (s) => scored(s).points.P5 },
  "meeting.postMeetingPostHours": { value: 24, output: (s) => scored(s).points.K3 },
  "meeting.noticeLeadDays": { value: 5, output: (s) => fill(messages.preparation.notice.leadHint, { days: s["meeting.noticeLeadDays"] }) },
  "meeting.quorumRatio": { value: 2 / 3, output: (s) => quorum(5, 9, s["meeting.quorumRatio"]) },
  "attendance.maxExcusedStreak": { value: 2, output: (s) => [scored(s).points.A2, counters(s, "E E E").streak.longestViolates] },
  "attendance.streakNotDue": { value: "BREAK", output: (s) => counters(s, "E E S E E").streak.longest },
  "attendance.unexcusedMonthsWarn": { value: 1, output: (s) => counters(s, "U P").months.status },
  "attendance.unexcusedMonthsFlag": { value: 2, output: (s) => counters(s, "U U").months.status },
  "attendance.openDaysBefore": { value: 2, output: (s) => attendanceOpensOn(DAY, s).toISOString() },
  "attendance.minRatePercent": { value: 90, output: (s) => scored(s, {}, HD12_2018).conditions.H1 },
  "scoring.deductionNeedsReason": {
    value: false,
    output: (s) => deductionsWithoutReason({ perCriterion: [{ code: "C1", name: "", group: "C", mode: "MANUAL", applicable: true, max: 5, points: 4, evidence: "", overridden: false }] }, {}, s["scoring.deductionNeedsReason"]).length,
  },
  "scoring.annualRollup": {
    value: { ...defaultSetting("scoring.annualRollup"), minGoodCount: 9 },
    output: (s) => rollupYear(YEAR, 2026, { ...s["scoring.annualRollup"], throughMonth: 12 }).level,
  },
  "scoring.halfDurationFirst": { value: true, output: (s) => scored(s, { requiredMinutes: 45, actualMinutes: 20 }).points.T1 },
  "scoring.scoreExtraordinary": { value: true, output: (s) => scoredKindOn("EXTRAORDINARY", s) },
  "scoring.anomalyAdjustPoints": {
    value: 3,
    output: (s) =>
      anomalyFlags(
        { selfLevel: "FAIR", selfConditions: [], actualMinutes: 90, requiredMinutes: 90, minutesPresent: true, selfTotalTenths: 800, overseerTotalTenths: 750 },
        { otherMonthTotalsTenths: [] },
        { adjustPoints: s["scoring.anomalyAdjustPoints"], identicalMonths: s["scoring.anomalyIdenticalMonths"] },
      ).length,
  },
  "scoring.anomalyIdenticalMonths": {
    value: 2,
    output: (s) =>
      anomalyFlags(
        { selfLevel: "FAIR", selfConditions: [], actualMinutes: 90, requiredMinutes: 90, minutesPresent: true, selfTotalTenths: 800, overseerTotalTenths: null },
        { otherMonthTotalsTenths: [800] },
        { adjustPoints: s["scoring.anomalyAdjustPoints"], identicalMonths: s["scoring.anomalyIdenticalMonths"] },
      ).length,
  },
  "classification.excellentCap": { value: { percent: 50, base: "GOOD" }, output: (s) => capStatus({ excellent: 2, good: 8 }, s["classification.excellentCap"]).allowed },
  "oversight.quotaProvincial": { value: 4, output: (s) => quotaFor(s, "PROVINCIAL") },
  "oversight.quotaDistrict": { value: 8, output: (s) => quotaFor(s, "DISTRICT") },
  "oversight.quotaGrassroots": { value: 12, output: (s) => quotaFor(s, "GRASSROOTS") },
  "oversight.residenceVisitCounts": {
    integration: { file: "tests/integration/oversight.test.ts", test: "a visit to one's residence branch does not count unless the tenant's rule says so" },
  },
  "oversight.backdateDays": { value: 30, output: (s) => needsApproval(DAY, new Date("2026-03-20T00:00:00.000Z"), s["oversight.backdateDays"]) },
  "oversight.alertMonthsWithoutVisit": { value: 6, output: (s) => visitAlertDue(4, s) },
  "documents.placeName": { value: "Lâm Đồng", output: (s) => placeDateLine(s["documents.placeName"].trim() || null, DAY) },
};

describe("every setting in the registry changes something a user sees", () => {
  it("has a probe for every key and no probe for a key that is gone", () => {
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(SETTINGS).sort());
  });

  it.each(Object.keys(SETTINGS) as SettingKey[])("%s", (key) => {
    const probe = PROBES[key] as Probe<SettingKey>;
    if ("integration" in probe) {
      const source = readFileSync(probe.integration.file, "utf8");
      expect(source).toContain(probe.integration.test);
      expect(source).toContain(key.split(".")[1]);
      return;
    }
    // The changed value is one the registry accepts, not a value no tenant could save.
    expect(SETTINGS[key].schema.safeParse(probe.value).success).toBe(true);
    const changed = { ...DEFAULTS, [key]: probe.value } as SettingsSnapshot;
    expect(probe.output(changed)).not.toEqual(probe.output(DEFAULTS));
  });
});
