import { useTranslations } from "next-intl";
import { meetingKindTone, meetingStateTone } from "@/components/meetings/meeting-badges";
import { MeetingCards, type MeetingCard } from "@/components/meetings/meeting-cards";
import { formatDate, formatTime } from "@/lib/i18n/format";
import type { MeetingListItem } from "@/lib/meetings/meetings";
import { vietnamDayOf } from "@/lib/time/days";

/**
 * Meetings as cards (phones first): date and time in Vietnam, branch, kind and state. The words
 * are worked out here, on the server; the cards are drawn by a client component (meeting-cards.tsx)
 * so the list's markup is not sent a second time in the page's RSC payload.
 */
export function MeetingList({ items, showBranch, labelledBy }: { items: readonly MeetingListItem[]; showBranch: boolean; labelledBy: string }) {
  const t = useTranslations("meetings");
  const cards: MeetingCard[] = items.map((meeting) => {
    const weekday = vietnamDayOf(meeting.plannedStart).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
    return {
      id: meeting.id,
      title: meeting.title,
      kind: { label: t(`kind.${meeting.kind}`), tone: meetingKindTone(meeting.kind) },
      state: { label: t(`state.${meeting.state}`), tone: meetingStateTone(meeting.state) },
      start: meeting.plannedStart.toISOString(),
      when: {
        weekday: t(`weekday.${weekday}`),
        date: formatDate(meeting.plannedStart),
        time: formatTime(meeting.plannedStart),
        end: meeting.plannedEnd ? `–${formatTime(meeting.plannedEnd)}` : "",
      },
      place: meeting.place,
      branch: showBranch ? meeting.branch.name : null,
      topic: meeting.topic ? t("listTopic", { topic: meeting.topic }) : null,
    };
  });
  return <MeetingCards items={cards} labelledBy={labelledBy} />;
}
