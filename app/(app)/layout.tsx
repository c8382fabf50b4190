import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/app-shell/app-frame";
import type { NavItem } from "@/components/app-shell/main-nav";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { SegmentMessages } from "@/components/i18n/segment-messages";
import { NotificationBell } from "@/components/preparation/notification-bell";
import { countUnreadNotifications } from "@/lib/notifications/notifications";
import { logout } from "./actions";

// The frame only: which links to show. Every page still checks the user and permissions itself.
// One line per page; `group` puts it in a drop-down of the wide-screen bar (and under a heading in
// the phone menu), so a new page is one more line here.
export default async function AppLayout({ children }: { children: ReactNode }) {
  // The frame also wraps /account, where a temporary password gets changed; pages redirect themselves.
  const user = await requireUser({ allowTemporaryPassword: true });
  const t = await getTranslations("nav");
  const can = (permission: Parameters<typeof canAnywhere>[1]) => canAnywhere(user, permission);
  const meetings = can("meeting.read") || can("meeting.attendOwn");
  const navItems: NavItem[] = [
    { href: "/", label: t("home") },
    ...(meetings ? [{ href: "/meetings", label: t("meetings"), group: "meetings" as const }] : []),
    ...(can("meeting.attendOwn") ? [{ href: "/my", label: t("my"), group: "meetings" as const }] : []),
    ...(meetings ? [{ href: "/calendar", label: t("calendar"), group: "meetings" as const }] : []),
    ...(can("meeting.read") ? [{ href: "/plans", label: t("plans"), group: "meetings" as const }] : []),
    ...(can("score.confirm") ? [{ href: "/oversight", label: t("oversightDesk"), group: "oversight" as const }] : []),
    ...(can("score.review") ? [{ href: "/review", label: t("review"), group: "oversight" as const }] : []),
    ...(can("dashboard.read") ? [{ href: "/dashboard", label: t("dashboard"), group: "oversight" as const }] : []),
    ...(can("dashboard.read") ? [{ href: "/dashboard/targets", label: t("targets"), group: "oversight" as const }] : []),
    ...(can("dashboard.read") ? [{ href: "/oversight/coverage", label: t("coverage"), group: "oversight" as const }] : []),
    // Year-end classification (members without a reading role land on their own case).
    ...(meetings ? [{ href: "/classification", label: t("classification"), group: "oversight" as const }] : []),
    ...(can("org.read") ? [{ href: "/org", label: t("org"), group: "org" as const }] : []),
    ...(can("member.read") ? [{ href: "/members", label: t("members"), group: "org" as const }] : []),
    ...(can("member.manage") ? [{ href: "/members/import", label: t("rosterImport"), group: "org" as const }] : []),
    ...(can("user.manage") ? [{ href: "/admin/users", label: t("users"), group: "admin" as const }] : []),
    ...(can("settings.manage") ? [{ href: "/settings", label: t("settings"), group: "admin" as const }] : []),
    ...(can("settings.manage") ? [{ href: "/settings/rubrics", label: t("rubrics"), group: "admin" as const }] : []),
    ...(can("settings.manage") ? [{ href: "/classification/frames", label: t("classificationFrames"), group: "admin" as const }] : []),
    ...(can("settings.manage") ? [{ href: "/oversight/assignments", label: t("assignments"), group: "admin" as const }] : []),
    ...(can("audit.read") ? [{ href: "/audit", label: t("audit"), group: "admin" as const }] : []),
  ];
  return (
    <SegmentMessages segment="(app)">
    <AppFrame
      tenantName={user.tenantName}
      displayName={user.displayName}
      navItems={navItems}
      navGroups={{ meetings: t("groups.meetings"), oversight: t("groups.oversight"), org: t("groups.org"), admin: t("groups.admin") }}
      logoutAction={logout}
      mustChangePassword={user.mustChangePassword}
      headerActions={<NotificationBell unread={await countUnreadNotifications(user)} />}
    >
      {children}
    </AppFrame>
    </SegmentMessages>
  );
}
