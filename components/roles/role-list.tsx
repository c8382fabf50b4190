import { useTranslations } from "next-intl";
import type { GrantedUnit } from "@/lib/org/tree";

/** "Quản trị hệ thống — tại Đảng ủy Khối …", one line per role grant. */
export function RoleList({ grants }: { grants: GrantedUnit[] }) {
  const t = useTranslations();
  if (grants.length === 0) return <p className="text-base text-ink-700">{t("roleList.empty")}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {grants.map((grant) => (
        <li key={`${grant.role}:${grant.orgUnitId}`} className="flex flex-col rounded-lg bg-ink-50 px-4 py-3">
          <span className="text-base font-semibold text-ink-950">{t(`roles.${grant.role}`)}</span>
          <span className="text-base text-ink-700">{t("roleList.onUnit", { unit: grant.unitName })}</span>
        </li>
      ))}
    </ul>
  );
}
