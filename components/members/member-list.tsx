import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";
import type { MemberListItem } from "@/lib/org/members";

/** What a reader needs at a glance: status, positions held and what is in force today. */
export function MemberBadges({
  member,
}: {
  member: Pick<MemberListItem, "status" | "positions" | "exempt" | "suspended" | "temporarilyAway" | "endedOn">;
}) {
  const t = useTranslations("members");
  return (
    <span className="flex flex-wrap gap-1.5">
      {member.endedOn ? <Badge tone="muted">{t("badges.ended", { date: formatCalendarDate(member.endedOn) })}</Badge> : null}
      {member.status === "PROBATIONARY" ? <Badge tone="brand">{t("status.PROBATIONARY")}</Badge> : null}
      {member.positions.map((kind) => (
        <Badge key={kind} tone="success">
          {t(`position.${kind}`)}
        </Badge>
      ))}
      {member.exempt ? <Badge>{t("badges.exempt")}</Badge> : null}
      {member.suspended ? <Badge>{t("badges.suspended")}</Badge> : null}
      {member.temporarilyAway ? <Badge>{t("badges.away")}</Badge> : null}
    </span>
  );
}

export function MemberList({
  items,
  nextHref,
  firstHref,
  total,
}: {
  items: readonly MemberListItem[];
  nextHref: string | null;
  /** Set on every page but the first. */
  firstHref: string | null;
  total: { count: number; more: boolean };
}) {
  const t = useTranslations("members");
  return (
    <section aria-labelledby="member-list-summary" className="flex flex-col gap-4">
      <p id="member-list-summary" className="text-base text-ink-700" aria-live="polite">
        {total.more ? t("list.countMore", { count: formatNumber(total.count) }) : t("list.count", { count: total.count })}
      </p>
      <ul className="flex flex-col gap-2">
        {items.map((member) => (
          <li key={member.id}>
            <Link
              href={`/members/${member.id}`}
              className="flex min-h-12 flex-col gap-1 rounded-xl border border-ink-200 bg-white px-4 py-3 no-underline shadow-sm hover:border-brand-300 hover:bg-ink-50"
            >
              <span className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                <span className="text-lg font-semibold text-ink-950 underline-offset-4 hover:underline">{member.fullName}</span>
                <MemberBadges member={member} />
              </span>
              <span className="text-base text-ink-700">
                {member.branchName}
                {" · "}
                {t("list.born", { year: member.birthDate.getUTCFullYear() })}
                {member.partyCardNumber ? (
                  <>
                    {" · "}
                    {t("list.card", { card: member.partyCardNumber })}
                  </>
                ) : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {nextHref || firstHref ? (
        <nav aria-label={t("list.pages")} className="flex flex-wrap gap-3">
          {firstHref ? (
            <Link href={firstHref} className={buttonClass("secondary")}>
              <span aria-hidden="true">«</span> {t("list.firstPage")}
            </Link>
          ) : null}
          {nextHref ? (
            <Link href={nextHref} className={buttonClass("secondary")}>
              {t("list.nextPage")} <span aria-hidden="true">»</span>
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
