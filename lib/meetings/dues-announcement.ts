// The dues situation read out when a meeting opens (SPEC §3.2): who on the meeting day's roll has not
// paid for earlier months of the year, and how close each is to Art. 8.1. It lives with the meetings
// (it is read through the meeting, authorized by loadMeeting); the dues records and their counter
// are lib/dues's.
import type { Principal } from "@/lib/auth/permissions";
import { withTenantReads } from "@/lib/db/tenant";
import { answersForDuesHere, duesBeforeMonthOf, unpaidDuesMonths, type DuesFlag } from "@/lib/dues/dues";
import { loadMeeting } from "@/lib/meetings/access";
import { branchRosterOn } from "@/lib/org/member-lifecycle";
import { settingsFor } from "@/lib/settings/resolve";
import { vietnamDayOf } from "@/lib/time/days";

export interface DuesAnnouncement {
  /** The months before the meeting's month, in its year. */
  throughMonth: number;
  year: number;
  /** Members on the meeting's roll with unpaid months, with the Art. 8.1 status of those months. */
  unpaid: { memberId: string; label: string; months: number[]; goodReasonMonths: number[]; status: DuesFlag }[];
  /** Members of the roll with no status recorded for some earlier month of the year. */
  notRecorded: number;
  thresholds: { warnAt: number; flagAt: number };
}

/**
 * The dues situation read out when the meeting opens (SPEC §3.2): who on the meeting day's roll has
 * not paid for earlier months of the year, wherever the month was recorded (the dues follow the
 * member across transfers), and how close each is to Art. 8.1.
 */
export async function getDuesAnnouncement(user: Principal, meetingId: string): Promise<DuesAnnouncement> {
  return withTenantReads(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, meetingId);
    const day = vietnamDayOf(meeting.actualStart ?? meeting.plannedStart);
    const roll = (await branchRosterOn(tx, user.tenantId, meeting.branchId, day)).filter(answersForDuesHere);
    const settings = await settingsFor(tx, user.tenantId, meeting.branch.path, day);
    const thresholds = { warnAt: settings["attendance.unexcusedMonthsWarn"], flagAt: settings["attendance.unexcusedMonthsFlag"] };
    const { year, throughMonth, byMember } = await duesBeforeMonthOf(
      tx,
      user.tenantId,
      roll.map((r) => r.memberId),
      day,
    );
    const unpaid = roll
      .map((entry) => {
        const records = byMember.get(entry.memberId) ?? [];
        const counted = unpaidDuesMonths(records, thresholds);
        const goodReasonMonths = records.filter((r) => r.status === "UNPAID" && r.goodReason).map((r) => r.month).sort((a, b) => a - b);
        return { memberId: entry.memberId, label: entry.label, months: counted.months, goodReasonMonths, status: counted.status };
      })
      .filter((entry) => entry.months.length + entry.goodReasonMonths.length > 0);
    const notRecorded = roll.filter((entry) => (byMember.get(entry.memberId)?.length ?? 0) < throughMonth).length;
    return { year, throughMonth, unpaid, notRecorded, thresholds };
  });
}
