import { useTranslations } from "next-intl";
import { ButtonLink } from "@/components/ui/button";
import type { OrgUnitForEdit } from "@/lib/org/units";

/** The management links of a unit page, only those the user may use (each page checks again). */
export function OrgAdminActions({ unit }: { unit: Pick<OrgUnitForEdit, "id" | "can"> }) {
  const t = useTranslations("orgAdmin.actions");
  const links = [
    unit.can.addChild ? { href: `/org/new?parentId=${unit.id}`, label: t("addChild"), primary: true } : null,
    unit.can.edit ? { href: `/org/${unit.id}/edit`, label: t("edit") } : null,
    unit.can.move ? { href: `/org/${unit.id}/move`, label: t("move") } : null,
    unit.can.merge ? { href: `/org/${unit.id}/merge`, label: t("merge") } : null,
    unit.can.close ? { href: `/org/${unit.id}/close`, label: t("close") } : null,
    unit.can.audit ? { href: `/audit?entityType=OrgUnit&entityId=${unit.id}`, label: t("history") } : null,
  ].filter((link) => link !== null);
  if (links.length === 0) return null;
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-2">
      {links.map((link) => (
        <ButtonLink key={link.href} href={link.href} variant={"primary" in link && link.primary ? "primary" : "secondary"}>
          {link.label}
        </ButtonLink>
      ))}
    </nav>
  );
}
