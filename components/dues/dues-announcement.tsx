import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { DuesAnnouncement } from "@/lib/meetings/dues-announcement";

/** "Tình hình nộp đảng phí", read out when the meeting opens (SPEC §3.2): who has not paid for earlier months. */
export async function DuesAnnouncementCard({ announcement, branchId }: { announcement: DuesAnnouncement; branchId: string }) {
  const t = await getTranslations("dues");
  const list = (months: number[]) => months.join(", ");
  return (
    <Card title={t("announcement.title")}>
      <div className="flex flex-col gap-3 text-base text-ink-900">
        {announcement.throughMonth === 0 ? (
          <p>{t("announcement.firstMonth")}</p>
        ) : (
          <>
            <p className="text-ink-700">{t("announcement.intro", { year: announcement.year })}</p>
            {announcement.unpaid.length === 0 ? (
              <p>{t("announcement.allPaid")}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {announcement.unpaid.map((member) => (
                  <li key={member.memberId} className="flex flex-col gap-1 border-b border-ink-100 pb-2 last:border-0">
                    <span className="font-semibold">{member.label}</span>
                    <span>
                      {member.months.length > 0 ? t("announcement.months", { months: list(member.months) }) : null}
                      {member.months.length > 0 && member.goodReasonMonths.length > 0 ? "; " : null}
                      {member.goodReasonMonths.length > 0 ? t("announcement.goodReason", { months: list(member.goodReasonMonths) }) : null}
                    </span>
                    {member.status !== "OK" ? (
                      <Badge tone="neutral" className={member.status === "FLAG" ? "self-start bg-danger-50 text-danger-700" : "self-start"}>
                        {t(`flag.${member.status}`, { count: member.months.length })}
                      </Badge>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {announcement.notRecorded > 0 ? <p className="text-ink-700">{t("announcement.notRecorded", { count: announcement.notRecorded })}</p> : null}
          </>
        )}
        <Link href={`/org/${branchId}/dues`} className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
          {t("announcement.open")}
        </Link>
      </div>
    </Card>
  );
}
