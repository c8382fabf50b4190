"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/meetings/meeting-badges";

/** One meeting of a list, as shown: every word worked out on the server (meeting-list.tsx). */
export interface MeetingCard {
  id: string;
  title: string;
  kind: { label: string; tone: Tone };
  state: { label: string; tone: Tone };
  /** ISO start, for <time dateTime>. */
  start: string;
  /** "Thứ Ba", "05/01/2027", "08:00" and "–10:00" or "" (kept apart: the same text nodes as before). */
  when: { weekday: string; date: string; time: string; end: string };
  place: string | null;
  /** The branch (when the list spans several) and the topic line. */
  branch: string | null;
  topic: string | null;
}

/**
 * The cards of a meeting list. A client component on purpose: a page sends its props (a few
 * strings per meeting) once in the RSC payload and the markup once in the HTML, where a server
 * component's markup went twice (HTML and payload) — a long list on a phone on mobile data.
 */
export function MeetingCards({ items, labelledBy }: { items: readonly MeetingCard[]; labelledBy: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="flex flex-col gap-2">
      {items.map((meeting) => (
        <li key={meeting.id}>
          <Link
            href={`/meetings/${meeting.id}`}
            className="flex min-h-12 flex-col gap-1.5 rounded-xl border border-ink-200 bg-white px-4 py-3 no-underline shadow-sm hover:border-brand-300 hover:bg-ink-50"
          >
            <span className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <span className="text-lg font-semibold text-ink-950">{meeting.title}</span>
              <span className="flex flex-wrap gap-1.5">
                <Badge tone={meeting.kind.tone}>{meeting.kind.label}</Badge>
                <Badge tone={meeting.state.tone}>{meeting.state.label}</Badge>
              </span>
            </span>
            <span className="text-base text-ink-800">
              <time dateTime={meeting.start}>
                {meeting.when.weekday}, {meeting.when.date} · {meeting.when.time}
                {meeting.when.end || null}
              </time>
              {meeting.place ? ` · ${meeting.place}` : null}
            </span>
            {meeting.branch || meeting.topic ? (
              <span className="text-base text-ink-700">
                {meeting.branch}
                {meeting.branch && meeting.topic ? " · " : null}
                {meeting.topic}
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
