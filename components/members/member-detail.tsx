import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/members/action-form";
import { MemberBadges } from "@/components/members/member-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { MemberEndReason } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { MemberDetail, MemberManageOptions } from "@/lib/org/members";
import { ExemptionsCard, MembershipsCard, PersonCards, PositionsCard, ResidenceCard, SuspensionsCard, TemporaryTransfersCard } from "./member-detail-cards";
import { detailKit, Disclosure, type MemberPageActions } from "./member-detail-kit";

export type { MemberPageActions };

export function MemberDetailView({
  member,
  options,
  actions,
}: {
  member: MemberDetail;
  /** Present when the user manages the member (edit controls are shown). */
  options: MemberManageOptions | null;
  actions: MemberPageActions;
}) {
  const t = useTranslations("members");
  const kit = detailKit(t, member, options, actions);
  const { writable, common, memberField } = kit;

  return (
    <div className="flex flex-col gap-6">
      {member.endedOn ? (
        <Alert tone="info" title={t("detail.endedTitle", { date: formatCalendarDate(member.endedOn) })}>
          {member.endReason ? t(`endReason.${member.endReason}`) : null}
        </Alert>
      ) : null}

      <PersonCards kit={kit} />

      <MembershipsCard kit={kit} />

      <PositionsCard kit={kit} />

      <ExemptionsCard kit={kit} />

      <TemporaryTransfersCard kit={kit} />

      <SuspensionsCard kit={kit} />

      <ResidenceCard kit={kit} />

      {writable ? (
        <Card title={t("detail.endMembership")}>
          <p className="text-base text-ink-700">{t("detail.endMembershipIntro")}</p>
          <Disclosure summary={t("detail.endMembershipOpen")}>
            <ActionForm
              action={actions.endMembership}
              {...common}
              submitLabel={t("detail.endMembershipSubmit")}
              fields={[
                memberField,
                { kind: "hidden", name: "version", value: String(member.version) },
                { kind: "date", name: "endedOn", label: t("fields.endedOn"), hint: t("detail.endedOnHint"), required: true },
                {
                  kind: "select",
                  name: "endReason",
                  label: t("fields.endReason"),
                  required: true,
                  options: [
                    { value: "", label: t("form.choose") },
                    ...Object.values(MemberEndReason).map((reason) => ({ value: reason, label: t(`endReason.${reason}`) })),
                  ],
                },
              ]}
            />
          </Disclosure>
        </Card>
      ) : null}
    </div>
  );
}


/** The page header's badges and links (name is the page title). */
export function MemberHeaderBadges({ member }: { member: MemberDetail }) {
  return (
    <MemberBadges
      member={{
        status: member.status,
        positions: [...new Set(member.positions.filter((p) => p.current).map((p) => p.kind))],
        exempt: member.exemptions.some((e) => e.current),
        suspended: member.suspensions.some((s) => s.current),
        temporarilyAway: member.temporaryTransfers.some((tt) => tt.current),
        endedOn: member.endedOn,
      }}
    />
  );
}
