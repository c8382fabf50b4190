import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { MemberDetailView, MemberHeaderBadges } from "@/components/members/member-detail";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getMemberDetail, getMemberManageOptions } from "@/lib/org/members";
import { pageLoader } from "@/lib/pages/page-load";
import {
  addExemptionAction,
  addResidenceLinkAction,
  addSuspensionAction,
  addTemporaryTransferAction,
  assignPositionAction,
  endMembershipAction,
  endPeriodAction,
  endPositionAction,
  makeOfficialAction,
  saveResidenceCommentAction,
  searchBranchesAction,
  transferMemberAction,
  updateResidenceLinkAction,
} from "../actions";

interface Props {
  params: Promise<{ id: string }>;
}

// Metadata and page read the member once per request. A malformed id, another tenant's member or
// one outside the user's member.read subtrees are all the same 404.
const loadMember = pageLoader(async (user, id: string) => ({ user, member: await getMemberDetail(user, id) }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { member } = await loadMember((await params).id);
  return { title: member.fullName };
}

export default async function MemberPage({ params }: Props) {
  const { id } = await params;
  const { user, member } = await loadMember(id);
  const [t, options] = await Promise.all([
    getTranslations("members"),
    member.canManage ? getMemberManageOptions(user, member.id) : Promise.resolve(null),
  ]);
  return (
    <>
      <BackLink href="/members" label={t("backToList")} />
      <PageHeader title={member.fullName}>
        <MemberHeaderBadges member={member} />
        {member.canManage || member.canReadAudit ? (
          <p className="mt-2 flex flex-wrap gap-3">
            {member.canManage ? (
              <ButtonLink href={`/members/${member.id}/edit`} variant="primary">
                {t("detail.edit")}
              </ButtonLink>
            ) : null}
            {member.canReadAudit ? (
              <ButtonLink href={`/audit?entityType=Member&entityId=${member.id}`}>{t("detail.history")}</ButtonLink>
            ) : null}
          </p>
        ) : null}
      </PageHeader>
      <MemberDetailView
        member={member}
        options={options}
        actions={{
          transfer: transferMemberAction,
          addExemption: addExemptionAction,
          addTemporaryTransfer: addTemporaryTransferAction,
          addSuspension: addSuspensionAction,
          endPeriod: endPeriodAction,
          makeOfficial: makeOfficialAction,
          endMembership: endMembershipAction,
          assignPosition: assignPositionAction,
          endPosition: endPositionAction,
          addResidenceLink: addResidenceLinkAction,
          updateResidenceLink: updateResidenceLinkAction,
          saveResidenceComment: saveResidenceCommentAction,
          searchBranches: searchBranchesAction,
        }}
      />
    </>
  );
}
