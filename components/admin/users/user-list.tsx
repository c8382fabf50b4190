import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { UserListItem } from "@/lib/accounts/users";
import { formatDateTime } from "@/lib/i18n/format";

/** Accounts as tappable rows: name and username, roles, linked member, status. */
export function UserList({ items }: { items: UserListItem[] }) {
  const t = useTranslations();
  return (
    <ul className="flex flex-col divide-y divide-ink-100 rounded-xl border border-ink-200 bg-white shadow-sm">
      {items.map((user) => (
        <li key={user.id}>
          <Link
            href={`/admin/users/${user.id}`}
            className="flex min-h-16 flex-col gap-1 px-4 py-3 no-underline hover:bg-ink-50 sm:flex-row sm:items-center sm:gap-4"
          >
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="text-lg font-semibold break-words text-ink-950">{user.displayName}</span>
              <span className="font-mono text-base break-all text-ink-700">{user.username}</span>
              {user.memberName ? (
                <span className="text-sm text-ink-700">{t("users.list.member", { name: user.memberName, branch: user.branchName ?? "" })}</span>
              ) : null}
            </span>
            <span className="flex flex-wrap items-center gap-2 sm:max-w-sm sm:justify-end">
              {user.roles.length === 0 ? <Badge tone="muted">{t("users.list.noRole")}</Badge> : null}
              {user.roles.map((role) => (
                <Badge key={role} tone="brand">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
              {user.disabled ? <Badge tone="neutral">{t("users.status.disabled")}</Badge> : null}
              {user.mustChangePassword && !user.disabled ? <Badge tone="muted">{t("users.status.mustChange")}</Badge> : null}
              <span className="w-full text-sm text-ink-600 sm:text-right">
                {user.lastLoginAt ? t("users.list.lastLogin", { when: formatDateTime(user.lastLoginAt) }) : t("users.list.neverLoggedIn")}
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
