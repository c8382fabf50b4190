import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateUserForm } from "@/components/admin/users/create-user-form";
import { BackLink } from "@/components/org/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { createUserAction, searchGrantUnitsAction, searchMembersAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.create");
  return { title: t("title") };
}

export default async function NewUserPage({ searchParams }: { searchParams: Promise<{ again?: string }> }) {
  const user = await requireUser();
  // The service decides per account and unit; this only keeps the page from non-admins.
  if (!canAnywhere(user, "user.manage")) notFound();
  const { again } = await searchParams;
  const t = await getTranslations("users");
  return (
    <>
      <BackLink href="/admin/users" label={t("title")} />
      <PageHeader title={t("create.title")} description={t("create.intro")} />
      {/* A new key after each creation gives an empty form for the next account. */}
      <CreateUserForm key={again ?? "first"} action={createUserAction} searchMembers={searchMembersAction} searchUnits={searchGrantUnitsAction} />
    </>
  );
}
