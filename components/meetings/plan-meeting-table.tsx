import Link from "next/link";
import { useTranslations } from "next-intl";
import { HeaderRow } from "@/components/ui/table";
import { MeetingKindBadge, MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { formatDate, formatTime } from "@/lib/i18n/format";
import type { PlanMeeting } from "@/lib/meetings/plans";
import { vietnamDayOf } from "@/lib/time/days";

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The year's meetings: a list on phones, a table from the md breakpoint. Weekends are flagged. */
export function PlanMeetingTable({ meetings }: { meetings: readonly PlanMeeting[] }) {
  const t = useTranslations("meetings");
  const when = (m: PlanMeeting) =>
    `${t(`weekday.${vietnamDayOf(m.plannedStart).getUTCDay() as Weekday}`)}, ${formatDate(m.plannedStart)} · ${formatTime(m.plannedStart)}`;
  const weekend = (m: PlanMeeting) =>
    m.weekend !== null ? <span className="block text-sm font-medium text-warning-900">{t("detail.weekend", { weekday: t(`weekday.${m.weekend as Weekday}`) })}</span> : null;
  return (
    <>
      <ul className="flex flex-col gap-2 md:hidden">
        {meetings.map((m) => (
          <li key={m.id}>
            <Link
              href={`/meetings/${m.id}`}
              className="flex min-h-12 flex-col gap-1 rounded-lg border border-ink-200 bg-white px-4 py-3 no-underline hover:bg-ink-50"
            >
              <span className="text-base font-semibold text-ink-950">{m.title}</span>
              <span className="text-base text-ink-800">{when(m)}</span>
              {weekend(m)}
              {m.topic ? <span className="text-sm text-ink-700">{t("listTopic", { topic: m.topic })}</span> : null}
              <span className="flex flex-wrap gap-1.5">
                <MeetingKindBadge kind={m.kind} />
                <MeetingStateBadge state={m.state} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <table className="hidden w-full border-collapse text-left text-base md:table">
        <thead>
          <HeaderRow className="border-b border-ink-300"
            cells={[
              { label: t("plans.list.date"), className: "py-2 pr-4 font-semibold text-ink-900" },
              { label: t("plans.list.name"), className: "py-2 pr-4 font-semibold text-ink-900" },
              { label: t("plans.list.kind"), className: "py-2 pr-4 font-semibold text-ink-900" },
              { label: t("plans.list.state"), className: "py-2 font-semibold text-ink-900" },
            ]}
          />
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id} className="border-b border-ink-100 align-top">
              <td className="py-2 pr-4 whitespace-nowrap text-ink-800">
                {when(m)}
                {weekend(m)}
              </td>
              <td className="py-2 pr-4">
                <Link href={`/meetings/${m.id}`} className="font-semibold text-brand-800 underline">
                  {m.title}
                </Link>
                {m.topic ? <span className="block text-sm text-ink-700">{t("listTopic", { topic: m.topic })}</span> : null}
                {!m.inPlan ? <span className="block text-sm text-ink-600">{t("plans.list.outOfPlan")}</span> : null}
              </td>
              <td className="py-2 pr-4">
                <MeetingKindBadge kind={m.kind} />
              </td>
              <td className="py-2">
                <MeetingStateBadge state={m.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
