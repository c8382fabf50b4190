// Vote validity (QĐ 24 point 9.3 as kept by SPEC §4.1 item 2 and §4.2). A resolution, conclusion or
// score vote is valid when votes in favour are more than half of D_vote, where
//   D_vote = official members summoned − temporarily attached elsewhere − exempt and absent
//            − suspended − prosecuted/detained − absent throughout with an approved reason.
// Exempt members who attend count; probationary members never vote.
import { formatPercent, formatRatio, percentOf, type Ratio } from "@/lib/exact/ratio";
import { fill } from "@/lib/i18n/fill";
import catalog from "@/lib/i18n/messages/vi/meetings-rules.json";
import { resolveAttendance, type ResolvedMember } from "./attendance";
import type { AttendanceEntry, RollEntry, RuleError, RuleResult } from "./types";

const words = catalog.vote;

export interface VoteTally {
  for: number;
  against: number;
  abstain: number;
}

export interface VoteDenominator {
  officialSummoned: number;
  attachedElsewhere: number;
  exemptAbsent: number;
  suspended: number;
  absentWithApprovedReason: number;
  /** D_vote */
  value: number;
}

export interface VoteValidity {
  denominator: VoteDenominator;
  /** Official members present: the only people who may vote. */
  votersPresent: number;
  tally: VoteTally;
  /** for / D_vote, exact; null when D_vote is 0. */
  shareInFavour: Ratio | null;
  valid: boolean;
  /** Vietnamese sentence for the minutes: how D_vote was formed and why the vote is (in)valid. */
  explanation: string;
}

/**
 * D_vote from resolved attendance. SPECIAL_DUTY absentees are treated as absent with an approved
 * reason (their absence is ordered, not chosen; our modelling choice).
 */
export function voteDenominator(members: readonly ResolvedMember[]): VoteDenominator {
  const officials = members.filter((m) => m.status === "OFFICIAL");
  const count = (predicate: (m: ResolvedMember) => boolean) => officials.filter(predicate).length;
  const attachedElsewhere = count((m) => m.mark === "ELSEWHERE");
  const exemptAbsent = count((m) => m.mark === "EXEMPT");
  const suspended = count((m) => m.mark === "SUSPENDED");
  const absentWithApprovedReason = count(
    (m) => m.mark === "SPECIAL_DUTY" || (m.mark === "ABSENT_EXCUSED" && m.reasonApproved),
  );
  return {
    officialSummoned: officials.length,
    attachedElsewhere,
    exemptAbsent,
    suspended,
    absentWithApprovedReason,
    value: officials.length - attachedElsewhere - exemptAbsent - suspended - absentWithApprovedReason,
  };
}

function tallyErrors(tally: VoteTally, votersPresent: number): RuleError[] {
  const errors: RuleError[] = [];
  for (const [key, label] of [
    ["for", words.for],
    ["against", words.against],
    ["abstain", words.abstain],
  ] as const) {
    const value = tally[key];
    if (!Number.isInteger(value) || value < 0) {
      errors.push({ code: "TALLY_INVALID", message: fill(words.tallyInvalid, { label }) });
    }
  }
  const cast = tally.for + tally.against + tally.abstain;
  if (errors.length === 0 && cast > votersPresent) {
    errors.push({
      code: "TALLY_EXCEEDS_VOTERS",
      message: fill(words.tallyExceeds, { for: tally.for, against: tally.against, abstain: tally.abstain, cast, present: votersPresent }),
    });
  }
  return errors;
}

function explain(d: VoteDenominator, tally: VoteTally, valid: boolean): string {
  const parts = [fill(words.summoned, { count: d.officialSummoned })];
  const minus = (n: number, label: string) => {
    if (n > 0) parts.push(fill(words.minus, { count: n, label }));
  };
  minus(d.attachedElsewhere, words.attachedElsewhere);
  minus(d.exemptAbsent, words.exemptAbsent);
  minus(d.suspended, words.suspended);
  minus(d.absentWithApprovedReason, words.approvedAbsence);
  const base = fill(words.base, { parts: parts.join(" "), value: d.value });
  if (d.value === 0) return fill(words.noVoters, { base });
  const half = formatRatio({ num: d.value, den: 2 }, d.value % 2 === 0 ? 0 : 1);
  const share = formatPercent(percentOf(tally.for, d.value));
  return valid
    ? fill(words.valid, { base, for: tally.for, half, share })
    : fill(words.invalid, { base, for: tally.for, half, share });
}

/** Validity of one vote from the roll and marks of the meeting and the counted hands. */
export function voteValidity(
  roll: readonly RollEntry[],
  entries: readonly AttendanceEntry[],
  tally: VoteTally,
): RuleResult<VoteValidity> {
  const resolved = resolveAttendance(roll, entries);
  if (!resolved.ok) return resolved;
  const members = resolved.value;
  const votersPresent = members.filter((m) => m.status === "OFFICIAL" && m.mark === "PRESENT").length;
  const errors = tallyErrors(tally, votersPresent);
  if (errors.length > 0) return { ok: false, errors };

  const denominator = voteDenominator(members);
  // More than half, compared in integers: for > D_vote / 2 ⇔ 2·for > D_vote.
  const valid = denominator.value > 0 && 2 * tally.for > denominator.value;
  return {
    ok: true,
    value: {
      denominator,
      votersPresent,
      tally: { ...tally },
      shareInFavour: denominator.value > 0 ? { num: tally.for, den: denominator.value } : null,
      valid,
      explanation: explain(denominator, tally, valid),
    },
  };
}
