import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionLinks, type HomeAction } from "@/components/home/action-links";
import { RoleList } from "@/components/roles/role-list";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getGrantedUnits } from "@/lib/org/tree";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("title") };
}

export default async function HomePage() {
  const user = await requireUser();
  const [t, grants] = await Promise.all([getTranslations(), getGrantedUnits(user)]);
  const actions: HomeAction[] = [
    ...(canAnywhere(user, "org.read") ? [{ href: "/org", title: t("home.orgAction"), hint: t("home.orgActionHint") }] : []),
    { href: "/account", title: t("home.accountAction"), hint: t("home.accountActionHint") },
  ];
  return (
    <>
      <PageHeader
        title={t("home.greeting", { name: user.displayName })}
        description={t("home.intro", { tenant: user.tenantName })}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="home-actions">
          <h2 id="home-actions" className="mb-3 text-xl font-semibold text-ink-900">
            {t("home.actionsTitle")}
          </h2>
          <ActionLinks actions={actions} />
        </section>
        <Card title={t("roleList.title")}>
          <RoleList grants={grants} />
        </Card>
      </div>
    </>
  );
}
