import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";

type Tone = "neutral" | "brand" | "muted" | "success";

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

export function MeetingStateBadge({ state }: { state: MeetingState }) {
  const t = useTranslations("meetings.state");
  return <Badge tone={STATE_TONE[state]}>{t(state)}</Badge>;
}

export function MeetingKindBadge({ kind }: { kind: MeetingKind }) {
  const t = useTranslations("meetings.kind");
  return <Badge tone={kind === "REGULAR" ? "muted" : "brand"}>{t(kind)}</Badge>;
}
