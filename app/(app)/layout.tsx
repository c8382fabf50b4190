import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/app-shell/app-frame";
import type { NavItem } from "@/components/app-shell/main-nav";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { NotificationBell } from "@/components/preparation/notification-bell";
import { countUnreadNotifications } from "@/lib/notifications/notifications";
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
    ...(canAnywhere(user, "meeting.read") || canAnywhere(user, "meeting.attendOwn") ? [{ href: "/meetings", label: (await getTranslations("meetings"))("nav") }] : []),
    ...(canAnywhere(user, "meeting.read") || canAnywhere(user, "meeting.attendOwn") ? [{ href: "/calendar", label: (await getTranslations("outputs.nav"))("calendar") }] : []),
    ...(canAnywhere(user, "meeting.attendOwn") ? [{ href: "/my", label: (await getTranslations("outputs.nav"))("my") }] : []),
    ...(canAnywhere(user, "member.manage") ? [{ href: "/members/import", label: t("rosterImport") }] : []),
    ...(canAnywhere(user, "user.manage") ? [{ href: "/admin/users", label: t("users") }] : []),
    ...(canAnywhere(user, "settings.manage") ? [{ href: "/settings/rubrics", label: (await getTranslations("rubrics"))("nav") }] : []),
    // Issue 6: the overseer's desk, or the coverage view for those who read the subtree's figures.
    ...(canAnywhere(user, "score.confirm") || canAnywhere(user, "dashboard.read")
      ? [{ href: canAnywhere(user, "score.confirm") ? "/oversight" : "/oversight/coverage", label: (await getTranslations("oversight"))("nav") }]
      : []),
    // Issue 7: the leaders' dashboard and the review desk.
    ...(canAnywhere(user, "dashboard.read") ? [{ href: "/dashboard", label: (await getTranslations("dashboard"))("nav") }] : []),
    ...(canAnywhere(user, "score.review") ? [{ href: "/review", label: (await getTranslations("review"))("nav") }] : []),
    // Issue 16: year-end classification (members without a reading role land on their own case).
    ...(canAnywhere(user, "meeting.read") || canAnywhere(user, "meeting.attendOwn") ? [{ href: "/classification", label: (await getTranslations("classification"))("nav") }] : []),
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
      headerActions={<NotificationBell unread={await countUnreadNotifications(user)} />}
    >
      {children}
    </AppFrame>
  );
}
