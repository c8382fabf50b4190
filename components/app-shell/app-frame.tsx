import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DesktopNav, MobileNav, type NavGroupLabels, type NavItem } from "./main-nav";

function LogoutForm({ action, label, className }: { action: () => Promise<void>; label: string; className?: string }) {
  return (
    <form noValidate action={action} className={className}>
      <Button type="submit" variant="secondary" className="w-full">
        {label}
      </Button>
    </form>
  );
}

/** The one way to the user's own account (password, roles, tokens): their name, labelled "Tài khoản". */
function AccountLink({ name, label }: { name: string; label: string }) {
  return (
    <Link
      href="/account"
      className="flex min-h-11 flex-col justify-center rounded-lg px-3 leading-tight no-underline hover:bg-ink-50"
    >
      <span className="text-sm text-ink-600">{label}</span>
      <span className="max-w-56 truncate text-base font-semibold text-ink-900">{name}</span>
    </Link>
  );
}

/** The authenticated frame: header (tenant, user, logout), navigation, notices, main content. */
export function AppFrame({
  tenantName,
  displayName,
  navItems,
  navGroups,
  logoutAction,
  mustChangePassword,
  headerActions,
  children,
}: {
  tenantName: string;
  displayName: string;
  navItems: NavItem[];
  navGroups: NavGroupLabels;
  logoutAction: () => Promise<void>;
  mustChangePassword: boolean;
  /** Small controls beside the menu (the notifications bell). */
  headerActions?: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-3 font-semibold text-ink-950 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t("nav.skipToContent")}
      </a>
      <header className="relative border-t-4 border-brand-700 border-b border-b-ink-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="min-w-0 no-underline">
            <span className="block text-sm font-semibold tracking-wide text-brand-800 uppercase">{t("app.name")}</span>
            <span className="line-clamp-2 block text-lg leading-snug font-bold text-ink-950 sm:text-xl">{tenantName}</span>
          </Link>
          <div className="flex shrink-0 items-center gap-2 md:gap-4">
            {headerActions}
            <div className="hidden shrink-0 items-center gap-3 md:flex">
              <AccountLink name={displayName} label={t("nav.account")} />
              <LogoutForm action={logoutAction} label={t("header.logout")} />
            </div>
            <MobileNav
              items={navItems}
              groups={navGroups}
              label={t("nav.label")}
              menuLabel={t("nav.menu")}
              openLabel={t("nav.openMenu")}
              closeLabel={t("nav.closeMenu")}
              footer={
                <div className="flex flex-col gap-3">
                  <AccountLink name={displayName} label={t("nav.account")} />
                  <LogoutForm action={logoutAction} label={t("header.logout")} />
                </div>
              }
            />
          </div>
        </div>
        <div className="mx-auto hidden max-w-6xl px-2 sm:px-4 md:block">
          <DesktopNav items={navItems} groups={navGroups} label={t("nav.label")} />
        </div>
      </header>
      {mustChangePassword ? (
        <div className="border-b border-warning-600/40 bg-warning-50">
          <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-base text-warning-900 sm:px-6">
            <span>{t("header.mustChangePassword")}</span>
            <Link href="/account#change-password" className="font-semibold text-warning-900 underline">
              {t("header.mustChangePasswordLink")}
            </Link>
          </p>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
