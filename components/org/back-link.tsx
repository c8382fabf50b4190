import Link from "next/link";

/** "← name": back to the unit a management page belongs to. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <nav aria-label={label} className="mb-3">
      <Link href={href} className="inline-flex min-h-11 items-center gap-1 text-base font-semibold text-brand-800 underline">
        <span aria-hidden="true">←</span> {label}
      </Link>
    </nav>
  );
}
