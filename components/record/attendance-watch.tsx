// Who to watch on the attendance screen: members whose excused absences run too long, whose
// unexcused months add up, or whose dues are late (Art. 8.1), with where each absence was recorded.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { AttendanceSheet } from "@/lib/meetings/attendance";
import { memberCounters, type CounterThresholds } from "@/lib/meetings/record-rules";
import type { MemberMeetingRecord } from "@/lib/meetings/rules/counters";
import type { AttendanceMark } from "@/lib/meetings/rules/types";

function duesWatch(dues: AttendanceSheet["dues"][string] | undefined, day: string) {
  if (!dues || dues.status === "OK") return null;
  return { status: dues.status, words: { count: dues.months.length, months: dues.months.join(", "), year: Number(day.slice(0, 4)) } };
}

export function AttendanceWatch({
  sheet,
  summoned,
  marks,
}: {
  sheet: AttendanceSheet;
  summoned: AttendanceSheet["roll"];
  marks: Record<string, { status: AttendanceMark } | undefined>;
}) {
  const t = useTranslations("record.attendance");
  const thresholds: CounterThresholds = sheet.thresholds;
  // Where each counted absence was recorded: the counters follow the member across branches.
  const sourceList = (records: readonly MemberMeetingRecord[]) =>
    records.map((r) => t("sourceItem", { date: formatCalendarDate(r.date), branch: r.branchName ?? sheet.meeting.branchName })).join("; ");
  const watch = summoned
    .map((member) => ({
      member,
      // The dues half of Art. 8.1, counted on the server (WARN or FLAG only).
      dues: duesWatch(sheet.dues[member.memberId], sheet.meeting.day),
      counters: memberCounters(
        sheet.history[member.memberId] ?? [],
        {
          date: sheet.meeting.day,
          kind: sheet.meeting.kind,
          mark: marks[member.memberId]?.status ?? null,
          meetingId: sheet.meeting.id,
          branchName: sheet.meeting.branchName,
        },
        thresholds,
      ),
    }))
    .filter(
      ({ counters, dues }) => counters.streak.longest >= thresholds.maxExcusedStreak || counters.months.status !== "OK" || dues !== null,
    );
  return (
      <section aria-labelledby="watch-title" className="rounded-xl border border-ink-200 bg-white p-4">
        <h2 id="watch-title" className="text-xl font-semibold text-ink-900">
          {t("watchTitle")}
        </h2>
        <p className="mt-1 text-base text-ink-700">
          {t("watchIntro", {
            streak: thresholds.maxExcusedStreak,
            warn: thresholds.unexcusedMonthsWarn,
            flag: thresholds.unexcusedMonthsFlag,
          })}
        </p>
        {watch.length === 0 ? (
          <p className="mt-2 text-base text-ink-700">{t("watchNone")}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2">
            {watch.map(({ member, counters, dues }) => (
              <li key={member.memberId} className="rounded-lg border border-ink-200 p-3">
                <p className="font-semibold text-ink-900">{member.label}</p>
                {counters.streak.longest >= thresholds.maxExcusedStreak ? (
                  <p className={clsx("text-base", counters.streak.longestViolates ? "font-semibold text-danger-700" : "text-warning-900")}>
                    {counters.streak.longestViolates
                      ? t("streakViolates", { count: counters.streak.longest, max: thresholds.maxExcusedStreak })
                      : t("streakAtLimit", { count: counters.streak.longest })}
                  </p>
                ) : null}
                {counters.streak.longest >= thresholds.maxExcusedStreak ? (
                  <p className="text-sm text-ink-700">{t("streakFrom", { list: sourceList(counters.streak.longestRun) })}</p>
                ) : null}
                {counters.months.status !== "OK" ? (
                  <p className={clsx("text-base", counters.months.status === "FLAG" ? "font-semibold text-danger-700" : "text-warning-900")}>
                    {counters.months.explanation}
                  </p>
                ) : null}
                {counters.months.status !== "OK" ? (
                  <p className="text-sm text-ink-700">{t("unexcusedFrom", { list: sourceList(counters.months.sources) })}</p>
                ) : null}
                {dues ? (
                  <p className={clsx("text-base", dues.status === "FLAG" ? "font-semibold text-danger-700" : "text-warning-900")}>
                    {dues.status === "FLAG" ? t("duesFlag", dues.words) : t("duesWarn", dues.words)}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
  );
}
