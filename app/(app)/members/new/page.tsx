import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { branchLabel } from "@/components/members/member-filters";
import { EMPTY_MEMBER_FORM, MemberForm } from "@/components/members/member-form";
import { BackLink } from "@/components/members/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getManagedBranches } from "@/lib/org/members";
import { createMemberAction, searchBranchesAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("newTitle") };
}

export default async function NewMemberPage() {
  const user = await requireUser();
  if (!canAnywhere(user, "member.manage")) notFound();
  // Only open branches in the user's member.manage subtrees; the service checks the choice again.
  const [branches, t] = await Promise.all([getManagedBranches(user), getTranslations("members")]);
  return (
    <>
      <BackLink href="/members" label={t("backToList")} />
      <PageHeader title={t("newTitle")} description={t("newIntro")} />
      {branches !== null && branches.length === 0 ? (
        <EmptyState title={t("noBranchTitle")}>{t("noBranchHint")}</EmptyState>
      ) : (
        <MemberForm
          action={createMemberAction}
          mode="create"
          defaults={EMPTY_MEMBER_FORM}
          branches={branches?.map((branch) => ({ value: branch.id, label: branchLabel(branch) })) ?? null}
          searchBranches={searchBranchesAction}
          cancelHref="/members"
        />
      )}
    </>
  );
}
