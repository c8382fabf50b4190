import type { CommitteeOn } from "@/lib/org/committee";

type Translate = (key: "today" | "todayOverride" | "has" | "hasNot", values?: Record<string, string | number>) => string;

/** "Hôm nay: có chi ủy, theo số đảng viên chính thức (12 đồng chí)." — what the rule says and why. */
export function committeeTodayText(committee: CommitteeOn | null, t: Translate): string | null {
  if (!committee) return null;
  const answer = committee.hasCommittee ? t("has") : t("hasNot");
  return committee.source === "override"
    ? t("todayOverride", { answer, officials: committee.officials, reason: committee.reason ?? "" })
    : t("today", { answer, officials: committee.officials });
}
