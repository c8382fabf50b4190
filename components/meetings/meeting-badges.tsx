import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";

export type Tone = "neutral" | "brand" | "muted" | "success";

// Not held yet: neutral / brand; recorded and beyond: success; set aside: muted.
const STATE_TONE: Record<MeetingState, Tone> = {
  PLANNED: "neutral",
  NOTIFIED: "brand",
  HELD: "brand",
  MINUTES_ADOPTED: "success",
  SELF_SCORED: "success",
  CONFIRMED: "success",
  FINALISED: "success",
  POSTPONED: "muted",
  CANCELLED: "muted",
};

export const meetingStateTone = (state: MeetingState): Tone => STATE_TONE[state];
export const meetingKindTone = (kind: MeetingKind): Tone => (kind === "REGULAR" ? "muted" : "brand");

export function MeetingStateBadge({ state }: { state: MeetingState }) {
  const t = useTranslations("meetings.state");
  return <Badge tone={meetingStateTone(state)}>{t(state)}</Badge>;
}

export function MeetingKindBadge({ kind }: { kind: MeetingKind }) {
  const t = useTranslations("meetings.kind");
  return <Badge tone={meetingKindTone(kind)}>{t(kind)}</Badge>;
}
