import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { LogoutEverywhere } from "@/components/account/logout-everywhere";
import { TokensPanel } from "@/components/outputs/tokens-panel";
import { RoleList } from "@/components/roles/role-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getGrantedUnits } from "@/lib/org/tree";
import { tokenStatus } from "@/lib/auth/token-json";
import { listTokens } from "@/lib/auth/tokens";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { changePasswordAction } from "./actions";
import { logoutEverywhereAction } from "./session-actions";
import { createTokenAction, revokeTokenAction } from "./token-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ done?: string | string[] }> }) {
  const user = await requireUser({ allowTemporaryPassword: true });
  const { done } = await searchParams;
  const [t, grants, tokens] = await Promise.all([getTranslations(), getGrantedUnits(user), listTokens(user)]);
  return (
    <>
      <PageHeader title={t("account.title")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-6">
          <Card title={t("account.profile")}>
            <dl className="flex flex-col gap-3">
              <div>
                <dt className="text-base text-ink-600">{t("account.displayName")}</dt>
                <dd className="text-lg font-semibold text-ink-950">{user.displayName}</dd>
              </div>
              <div>
                <dt className="text-base text-ink-600">{t("account.username")}</dt>
                <dd className="font-mono text-lg text-ink-950">{user.username}</dd>
              </div>
              <div>
                <dt className="text-base text-ink-600">{t("account.tenant")}</dt>
                <dd className="text-lg text-ink-950">{user.tenantName}</dd>
              </div>
            </dl>
          </Card>
          <Card title={t("roleList.title")}>
            <RoleList grants={grants} />
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <div id="change-password" className="scroll-mt-6">
            <Card title={t("account.changePassword")}>
              {user.mustChangePassword ? (
                <Alert tone="warning" className="mb-5">
                  {t("account.mustChange")}
                </Alert>
              ) : null}
              {done === "password" && !user.mustChangePassword ? (
                <Alert tone="success" className="mb-5">
                  {t("account.success")}
                </Alert>
              ) : null}
              <ChangePasswordForm action={changePasswordAction} />
            </Card>
          </div>
          <div id="sessions" className="scroll-mt-6">
            <Card title={t("account.sessions.title")}>
              <LogoutEverywhere action={logoutEverywhereAction} />
            </Card>
          </div>
        </div>
        <div id="tokens" className="scroll-mt-6 lg:col-span-2">
          <Card title={t("outputs.tokens.title")}>
            <TokensPanel
              tokens={tokens.map((token) => ({
                id: token.id,
                name: token.name,
                prefix: token.prefix,
                createdAt: formatDateTime(token.createdAt),
                lastUsedAt: token.lastUsedAt ? formatDateTime(token.lastUsedAt) : null,
                expiresAt: token.expiresAt ? formatDate(token.expiresAt) : null,
                status: tokenStatus(token),
                scope: token.scope,
              }))}
              createAction={createTokenAction}
              revokeAction={revokeTokenAction}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
