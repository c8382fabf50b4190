import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/app-shell/app-frame";
import type { NavItem } from "@/components/app-shell/main-nav";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { logout } from "./actions";

// The frame only: which links to show. Every page still checks the user and permissions itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  // The frame also wraps /account, where a temporary password gets changed; pages redirect themselves.
  const user = await requireUser({ allowTemporaryPassword: true });
  const t = await getTranslations("nav");
  const navItems: NavItem[] = [
    { href: "/", label: t("home") },
    ...(canAnywhere(user, "org.read") ? [{ href: "/org", label: t("org") }] : []),
    ...(canAnywhere(user, "member.read") ? [{ href: "/members", label: t("members") }] : []),
    ...(canAnywhere(user, "member.manage") ? [{ href: "/members/import", label: t("rosterImport") }] : []),
    ...(canAnywhere(user, "user.manage") ? [{ href: "/admin/users", label: t("users") }] : []),
    ...(canAnywhere(user, "audit.read") ? [{ href: "/audit", label: t("audit") }] : []),
    { href: "/account", label: t("account") },
  ];
  return (
    <AppFrame
      tenantName={user.tenantName}
      displayName={user.displayName}
      navItems={navItems}
      logoutAction={logout}
      mustChangePassword={user.mustChangePassword}
    >
      {children}
    </AppFrame>
  );
}
