// Previous / next links of a paginated list, with "page n of m" between them (nothing for one page).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export function Pager({ page, pages, href, label, previous, next }: { page: number; pages: number; href: (page: number) => string; label: string; previous: string; next: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClass("secondary")}>
          {previous}
        </Link>
      ) : null}
      <span className="text-base text-ink-700">{label}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className={buttonClass("secondary")}>
          {next}
        </Link>
      ) : null}
    </nav>
  );
}
