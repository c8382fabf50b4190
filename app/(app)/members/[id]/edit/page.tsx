import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { MemberForm } from "@/components/members/member-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getMemberForEdit } from "@/lib/org/members";
import { orNotFound } from "@/lib/pages/page-load";
import { updateMemberAction } from "../../actions";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("editTitle") };
}

export default async function EditMemberPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser();
  // 404 unless the user manages the member's branch (a reader or an outsider learns nothing more).
  const member = await orNotFound(getMemberForEdit(user, id));
  const t = await getTranslations("members");
  const { id: memberId, version, branchName, ...values } = member;
  return (
    <>
      <BackLink href={`/members/${memberId}`} label={t("backToMember", { name: values.fullName })} />
      <PageHeader title={t("editTitle")} description={t("editIntro", { branch: branchName })} />
      <MemberForm
        action={updateMemberAction}
        mode="edit"
        defaults={values}
        hidden={{ id: memberId, version: String(version) }}
        cancelHref={`/members/${memberId}`}
      />
    </>
  );
}
