"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { currentNavHref } from "@/components/app-shell/nav-match";

export interface NavItem {
  href: string;
  label: string;
}

/** The navigation bar of wide screens (hidden below the md breakpoint). */
export function DesktopNav({ items, label }: { items: NavItem[]; label: string }) {
  const currentHref = currentNavHref(usePathname(), items.map((item) => item.href));
  return (
    <nav aria-label={label} className="hidden md:block">
      <ul className="flex items-center gap-1">
        {items.map((item) => {
          const current = item.href === currentHref;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "flex min-h-12 items-center px-3 text-base font-semibold no-underline hover:bg-ink-50",
                  current ? "text-brand-800 shadow-[inset_0_-3px_0_0_var(--color-brand-700)]" : "text-ink-800",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * Phones: a "Menu" button (aria-expanded, aria-controls) opening the links as a full-width list
 * under the header. Closes on navigation and on Escape; `footer` (the user and logout) ends it.
 */
export function MobileNav({
  items,
  label,
  menuLabel,
  openLabel,
  closeLabel,
  footer,
}: {
  items: NavItem[];
  label: string;
  menuLabel: string;
  openLabel: string;
  closeLabel: string;
  footer?: ReactNode;
}) {
  const pathname = usePathname();
  const currentHref = currentNavHref(pathname, items.map((item) => item.href));
  const [openAt, setOpenAt] = useState<string | null>(null);
  // The menu belongs to the page it was opened on: navigating closes it.
  const open = openAt === pathname;
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpenAt(null);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <nav aria-label={label} className="md:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={open ? closeLabel : openLabel}
        onClick={() => setOpenAt(open ? null : pathname)}
        className="inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-lg border border-ink-300 bg-white px-3 text-base font-semibold text-ink-900 hover:bg-ink-50"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
          {open ? (
            <path d="M6 6l12 12M18 6L6 18" strokeLinecap="round" />
          ) : (
            <path d="M4 7h16M4 12h16M4 17h16" strokeLinecap="round" />
          )}
        </svg>
        <span aria-hidden="true">{menuLabel}</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute inset-x-0 top-full z-30 border-b border-ink-200 bg-white px-4 pt-2 pb-4 shadow-lg"
      >
        {/* Rendered only while open, so closed-menu links never duplicate the visible ones. */}
        {open ? (
          <>
            <ul className="flex flex-col gap-1">
              {items.map((item) => {
                const current = item.href === currentHref;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={current ? "page" : undefined}
                      onClick={() => setOpenAt(null)}
                      className={clsx(
                        "flex min-h-12 items-center rounded-lg px-4 text-lg font-semibold no-underline hover:bg-ink-100",
                        current ? "bg-brand-50 text-brand-800" : "text-ink-800",
                      )}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
            {footer ? <div className="mt-3 border-t border-ink-200 pt-3">{footer}</div> : null}
          </>
        ) : null}
      </div>
    </nav>
  );
}
