"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { Tone } from "@/components/meetings/meeting-badges";
import { Badge } from "@/components/ui/badge";

/**
 * One meeting on the overseer's desk as drawn: every word comes worked out from DeskMeetingItem
 * (oversight-views.tsx, on the server). A client component so the page sends these few strings in
 * its RSC payload and the markup once, in the HTML.
 */
export function DeskMeetingCard({
  id,
  title,
  branch,
  when,
  place,
  state,
  visitBadges,
  onBehalf,
  extra,
  children,
}: {
  id: string;
  title: string;
  branch: string;
  when: string;
  place: string | null;
  state: { label: string; tone: Tone };
  visitBadges: { label: string; tone: Tone }[] | null;
  onBehalf: string | null;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-lg font-semibold break-words text-ink-950">
          <Link href={`/oversight/visits/${id}`} className="text-brand-800 underline">
            {title}
          </Link>
        </p>
        <p className="text-base text-ink-800">{branch}</p>
        <p className="text-base text-ink-700">
          {when}
          {place ? ` · ${place}` : ""}
        </p>
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone={state.tone}>{state.label}</Badge>
          {visitBadges ? (
            <span className="flex flex-wrap gap-2">
              {visitBadges.map((badge) => (
                <Badge key={badge.label} tone={badge.tone}>
                  {badge.label}
                </Badge>
              ))}
            </span>
          ) : null}
          {onBehalf ? <Badge tone="muted">{onBehalf}</Badge> : null}
        </p>
        {extra}
      </div>
      {children ? <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">{children}</div> : null}
    </li>
  );
}
