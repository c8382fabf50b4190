import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache, type ReactNode } from "react";
import { DisableForm, GrantForm, ProfileForm, ResetPasswordForm, RevokeButton } from "@/components/admin/users/user-forms";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getUserDetail } from "@/lib/accounts/users";
import { formatDateTime, formatTime, formatDate } from "@/lib/i18n/format";
import {
  grantRoleAction,
  resetPasswordAction,
  revokeRoleAction,
  searchGrantUnitsAction,
  searchMembersAction,
  setDisabledAction,
  updateUserAction,
} from "../actions";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string | string[] }>;
}

const DONE = ["updated", "disabled", "enabled", "granted", "revoked"] as const;

const loadUser = cache(async (id: string) => getUserDetail(await requireUser(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await loadUser((await params).id);
  const t = await getTranslations("users");
  return { title: user?.displayName ?? t("title") };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 border-b border-ink-100 py-3 last:border-b-0 sm:flex-row sm:gap-4">
      <dt className="text-base text-ink-600 sm:w-48 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 text-lg font-medium break-words text-ink-950">{children}</dd>
    </div>
  );
}

export default async function UserPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { done } = await searchParams;
  // Null unless the signed-in admin manages this account (same tenant, anchored in their subtree).
  const user = await loadUser(id);
  if (!user) notFound();
  const t = await getTranslations();
  const doneKey = DONE.find((key) => key === done);
  return (
    <>
      <BackLink href="/admin/users" label={t("users.title")} />
      <PageHeader title={user.displayName}>
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-lg text-ink-800">{user.username}</span>
          {user.disabled ? <Badge tone="neutral">{t("users.status.disabled")}</Badge> : <Badge tone="success">{t("users.status.active")}</Badge>}
          {user.mustChangePassword ? <Badge tone="muted">{t("users.status.mustChange")}</Badge> : null}
        </p>
      </PageHeader>
      {doneKey ? (
        <Alert tone="success" className="mb-4">
          {t(`users.done.${doneKey}`)}
        </Alert>
      ) : null}
      {user.loginDelayUntil ? (
        <Alert tone="warning" className="mb-4">
          {t("users.detail.loginDelay", { time: formatTime(user.loginDelayUntil), date: formatDate(user.loginDelayUntil) })}
        </Alert>
      ) : null}
      <div className="mb-6">
        <ButtonLink href={`/audit?entityType=User&entityId=${user.id}`}>{t("users.detail.history")}</ButtonLink>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-6">
          <Card title={t("users.detail.facts")}>
            <dl>
              <Fact label={t("users.fields.member")}>
                {user.member ? (
                  <Link href={`/members/${user.member.id}`} className="text-brand-800 underline">
                    {user.member.fullName}
                  </Link>
                ) : (
                  <span className="font-normal text-ink-600">{t("users.detail.noMember")}</span>
                )}
                {user.member ? <span className="block text-base font-normal text-ink-700">{user.member.branchName}</span> : null}
              </Fact>
              <Fact label={t("users.detail.lastLogin")}>
                {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : <span className="font-normal text-ink-600">{t("users.list.neverLoggedIn")}</span>}
              </Fact>
              <Fact label={t("users.detail.createdAt")}>{formatDateTime(user.createdAt)}</Fact>
            </dl>
          </Card>
          <Card title={t("users.detail.roles")}>
            {user.grants.length === 0 ? (
              <p className="mb-4 text-base text-ink-700">{t("users.detail.noRoles")}</p>
            ) : (
              <ul className="mb-6 flex flex-col gap-3">
                {user.grants.map((grant) => (
                  <li key={grant.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-ink-50 px-4 py-3">
                    <span className="flex min-w-0 flex-col">
                      <span className="text-base font-semibold text-ink-950">{t(`roles.${grant.role}`)}</span>
                      <span className="text-base break-words text-ink-700">
                        {t("roleList.onUnit", { unit: grant.unit.name })}
                        {grant.unit.closed ? <> · {t("org.inactive")}</> : null}
                      </span>
                    </span>
                    {grant.revocable ? (
                      <RevokeButton
                        action={revokeRoleAction}
                        userId={user.id}
                        grantId={grant.id}
                        label={t("users.detail.revokeLabel", { role: t(`roles.${grant.role}`), unit: grant.unit.name })}
                      />
                    ) : (
                      <span className="text-sm text-ink-600">{t("users.detail.keepLastAdmin")}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mb-3 text-lg font-semibold text-ink-900">{t("users.detail.grantTitle")}</h3>
            <GrantForm action={grantRoleAction} userId={user.id} searchUnits={searchGrantUnitsAction} />
          </Card>
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          <Card title={t("users.detail.profile")}>
            <ProfileForm action={updateUserAction} user={user} searchMembers={searchMembersAction} />
          </Card>
          <Card title={t("users.detail.password")}>
            <ResetPasswordForm action={resetPasswordAction} user={user} />
          </Card>
          <Card title={t("users.detail.status")}>
            <DisableForm action={setDisabledAction} user={user} />
          </Card>
        </div>
      </div>
    </>
  );
}
