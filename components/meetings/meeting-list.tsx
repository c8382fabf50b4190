import Link from "next/link";
import { useTranslations } from "next-intl";
import { MeetingKindBadge, MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { formatDate, formatTime } from "@/lib/i18n/format";
import type { MeetingListItem } from "@/lib/meetings/meetings";
import { vietnamDayOf } from "@/lib/time/days";

/** Meetings as cards (phones first): date and time in Vietnam, branch, kind and state. */
export function MeetingList({ items, showBranch, labelledBy }: { items: readonly MeetingListItem[]; showBranch: boolean; labelledBy: string }) {
  const t = useTranslations("meetings");
  return (
    <ul aria-labelledby={labelledBy} className="flex flex-col gap-2">
      {items.map((meeting) => {
        const weekday = vietnamDayOf(meeting.plannedStart).getUTCDay();
        return (
          <li key={meeting.id}>
            <Link
              href={`/meetings/${meeting.id}`}
              className="flex min-h-12 flex-col gap-1.5 rounded-xl border border-ink-200 bg-white px-4 py-3 no-underline shadow-sm hover:border-brand-300 hover:bg-ink-50"
            >
              <span className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <span className="text-lg font-semibold text-ink-950">{meeting.title}</span>
                <span className="flex flex-wrap gap-1.5">
                  <MeetingKindBadge kind={meeting.kind} />
                  <MeetingStateBadge state={meeting.state} />
                </span>
              </span>
              <span className="text-base text-ink-800">
                <time dateTime={meeting.plannedStart.toISOString()}>
                  {t(`weekday.${weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)}, {formatDate(meeting.plannedStart)} · {formatTime(meeting.plannedStart)}
                  {meeting.plannedEnd ? `–${formatTime(meeting.plannedEnd)}` : null}
                </time>
                {meeting.place ? ` · ${meeting.place}` : null}
              </span>
              {showBranch || meeting.topic ? (
                <span className="text-base text-ink-700">
                  {showBranch ? meeting.branch.name : null}
                  {showBranch && meeting.topic ? " · " : null}
                  {meeting.topic ? t("listTopic", { topic: meeting.topic }) : null}
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
