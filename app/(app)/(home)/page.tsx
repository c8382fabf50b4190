import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminSection, LeaderSection, MemberSection, OverseerSection, ReviewerSection, SecretarySection } from "@/components/home/inbox";
import { RoleList } from "@/components/roles/role-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getInbox } from "@/lib/home/inbox";
import { getGrantedUnits } from "@/lib/org/tree";
import { registerAction } from "../oversight/actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("title") };
}

/** The home page is the user's work inbox: one section per role held, each item one tap from its work. */
export default async function HomePage() {
  const user = await requireUser();
  const [t, inbox, grants] = await Promise.all([getTranslations("home"), getInbox(user), getGrantedUnits(user)]);
  const hasWork = inbox.secretary || inbox.member !== null || user.grants.some((g) => g.role === "MEMBER") || inbox.overseer || inbox.reviewer || inbox.leader || inbox.admin;
  return (
    <>
      <PageHeader title={t("greeting", { name: user.displayName })} description={t("intro", { tenant: user.tenantName })} />
      <div className="flex flex-col gap-6">
        {inbox.secretary ? <SecretarySection inbox={inbox.secretary} /> : null}
        {user.grants.some((g) => g.role === "MEMBER") ? <MemberSection overview={inbox.member} today={inbox.today} /> : null}
        {inbox.overseer ? <OverseerSection desk={inbox.overseer} register={registerAction} /> : null}
        {inbox.reviewer ? <ReviewerSection summary={inbox.reviewer} /> : null}
        {inbox.leader ? <LeaderSection d={inbox.leader} /> : null}
        {inbox.admin ? <AdminSection inbox={inbox.admin} /> : null}
        {!hasWork ? <EmptyState title={t("rolesTitle")}>{t("nothing")}</EmptyState> : null}
        <Card title={t("rolesTitle")} titleAs="h2">
          <RoleList grants={grants} />
        </Card>
      </div>
    </>
  );
}
