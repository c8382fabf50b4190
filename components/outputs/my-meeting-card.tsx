"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";

type Tone = "neutral" | "brand" | "muted" | "success";

/** One meeting on the member's page, every word worked out on the server (app/(app)/my/page.tsx). */
export interface MyMeetingCardProps {
  id: string;
  /** "19:30" and "05/12/2026", kept apart: the same text nodes as a server-drawn card. */
  time: string;
  date: string;
  title: string;
  /** The meeting page opens for the member. */
  readable: boolean;
  place: string | null;
  kind: string;
  state: { label: string; tone: Tone };
  mark: { label: string; tone: Tone } | null;
  reason: string | null;
  minutes: { href: string; label: string } | null;
  resolution: { href: string; label: string } | null;
  linkClass: string;
}

/**
 * A client component so /my sends these few strings per meeting in its RSC payload and the card's
 * markup once, in the HTML (a server component's markup went twice).
 */
export function MyMeetingCard(props: MyMeetingCardProps) {
  const { id, time, date, title, readable, place, kind, state, mark, reason, minutes, resolution, linkClass } = props;
  return (
    <li className="flex flex-col gap-1 p-4">
      <p className="text-base font-semibold text-brand-800">
        {time} · {date}
      </p>
      {readable ? (
        <Link href={`/meetings/${id}`} className="text-lg font-semibold text-ink-950 underline-offset-2 hover:underline">
          {title}
        </Link>
      ) : (
        <p className="text-lg font-semibold text-ink-950">{title}</p>
      )}
      {place ? <p className="text-base text-ink-700">{place}</p> : null}
      <p className="flex flex-wrap gap-2">
        <Badge tone="brand">{kind}</Badge>
        <Badge tone={state.tone}>{state.label}</Badge>
        {mark ? <Badge tone={mark.tone}>{mark.label}</Badge> : null}
      </p>
      {reason ? <p className="text-sm text-ink-700">{reason}</p> : null}
      {minutes || resolution ? (
        <p className="flex flex-wrap gap-x-4">
          {minutes ? (
            <a href={minutes.href} download className={linkClass}>
              {minutes.label}
            </a>
          ) : null}
          {resolution ? (
            <a href={resolution.href} download className={linkClass}>
              {resolution.label}
            </a>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
