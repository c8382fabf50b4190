"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { currentNavHref } from "@/components/app-shell/nav-match";

/** A menu of related pages ("Sinh hoạt", "Quản trị"): shown as one item with a drop-down on wide screens. */
export type NavGroupKey = "meetings" | "oversight" | "org" | "admin";

export interface NavItem {
  href: string;
  label: string;
  /** The menu it belongs to; none: a top-level link (Trang chủ). */
  group?: NavGroupKey;
}

export type NavGroupLabels = Record<NavGroupKey, string>;

/** What the bar shows, in order: a link, or a group with its links (a group of one is shown as that link). */
export type NavEntry = { kind: "link"; item: NavItem } | { kind: "group"; key: NavGroupKey; label: string; items: NavItem[] };

/** Items in the order given; each group sits where its first item is. Pure, unit-tested. */
export function navEntries(items: readonly NavItem[], labels: NavGroupLabels): NavEntry[] {
  const entries: NavEntry[] = [];
  const groups = new Map<NavGroupKey, Extract<NavEntry, { kind: "group" }>>();
  for (const item of items) {
    if (!item.group) {
      entries.push({ kind: "link", item });
      continue;
    }
    let group = groups.get(item.group);
    if (!group) {
      group = { kind: "group", key: item.group, label: labels[item.group], items: [] };
      groups.set(item.group, group);
      entries.push(group);
    }
    group.items.push(item);
  }
  return entries.map((entry) => (entry.kind === "group" && entry.items.length === 1 ? { kind: "link", item: entry.items[0]! } : entry));
}

const barItem = "flex min-h-12 items-center gap-1 whitespace-nowrap px-3 text-base font-semibold no-underline hover:bg-ink-50";
const currentBar = "text-brand-800 shadow-[inset_0_-3px_0_0_var(--color-brand-700)]";

/**
 * A menu's open state: it belongs to the page it was opened on (navigating closes it), and Escape
 * closes it and gives the focus back to its button.
 */
function useMenuPanel() {
  const pathname = usePathname();
  const [openAt, setOpenAt] = useState<string | null>(null);
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
  const close = useCallback(() => setOpenAt(null), []);
  return { open, panelId, buttonRef, toggle: () => setOpenAt(open ? null : pathname), close };
}

/** A link of an opened menu, marked when it is the current page; following it closes the menu. */
function MenuLink({ item, currentHref, className, onNavigate }: { item: NavItem; currentHref: string | null; className: string; onNavigate: () => void }) {
  const current = item.href === currentHref;
  return (
    <li>
      <Link href={item.href} aria-current={current ? "page" : undefined} onClick={onNavigate} className={clsx(className, current ? "bg-brand-50 text-brand-800" : "text-ink-800")}>
        {item.label}
      </Link>
    </li>
  );
}

/** One group of the wide-screen bar: a button opening its links below it. */
function NavMenu({ entry, currentHref }: { entry: Extract<NavEntry, { kind: "group" }>; currentHref: string | null }) {
  const { open, panelId, buttonRef, toggle, close } = useMenuPanel();
  const rootRef = useRef<HTMLLIElement>(null);
  const containsCurrent = entry.items.some((item) => item.href === currentHref);

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) close();
    }
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, close]);

  return (
    <li
      ref={rootRef}
      className="relative"
      onBlur={(event) => {
        if (!rootRef.current?.contains(event.relatedTarget as Node | null)) close();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        className={clsx(barItem, containsCurrent ? currentBar : "text-ink-800")}
      >
        {entry.label}
        <svg aria-hidden="true" viewBox="0 0 20 20" className={clsx("size-4 transition-transform", open && "rotate-180")} fill="currentColor">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      {/* In the page even when closed (hidden), so the menu's addresses are part of the document. */}
      <ul id={panelId} hidden={!open} className="absolute top-full left-0 z-40 min-w-64 rounded-b-lg border border-ink-200 bg-white py-1 shadow-lg">
        {entry.items.map((item) => (
          <MenuLink
            key={item.href}
            item={item}
            currentHref={currentHref}
            onNavigate={close}
            className="flex min-h-12 items-center px-4 text-base font-semibold whitespace-nowrap no-underline hover:bg-ink-100"
          />
        ))}
      </ul>
    </li>
  );
}

/** The navigation bar of wide screens (hidden below the md breakpoint): links and drop-down groups on one line. */
export function DesktopNav({ items, groups, label }: { items: NavItem[]; groups: NavGroupLabels; label: string }) {
  const currentHref = currentNavHref(usePathname(), items.map((item) => item.href));
  return (
    <nav aria-label={label} className="hidden md:block">
      <ul className="flex flex-nowrap items-center gap-1">
        {navEntries(items, groups).map((entry) =>
          entry.kind === "link" ? (
            <li key={entry.item.href}>
              <Link
                href={entry.item.href}
                aria-current={entry.item.href === currentHref ? "page" : undefined}
                className={clsx(barItem, entry.item.href === currentHref ? currentBar : "text-ink-800")}
              >
                {entry.item.label}
              </Link>
            </li>
          ) : (
            <NavMenu key={entry.key} entry={entry} currentHref={currentHref} />
          ),
        )}
      </ul>
    </nav>
  );
}

/**
 * Phones: a "Menu" button (aria-expanded, aria-controls) opening the links as a full-width list
 * under the header, grouped under headings. Closes on navigation and on Escape; `footer` (the
 * account and logout) ends it.
 */
export function MobileNav({
  items,
  groups,
  label,
  menuLabel,
  openLabel,
  closeLabel,
  footer,
}: {
  items: NavItem[];
  groups: NavGroupLabels;
  label: string;
  menuLabel: string;
  openLabel: string;
  closeLabel: string;
  footer?: ReactNode;
}) {
  const currentHref = currentNavHref(usePathname(), items.map((item) => item.href));
  const { open, panelId, buttonRef, toggle, close } = useMenuPanel();
  const link = (item: NavItem) => (
    <MenuLink key={item.href} item={item} currentHref={currentHref} onNavigate={close} className="flex min-h-12 items-center rounded-lg px-4 text-lg font-semibold no-underline hover:bg-ink-100" />
  );

  return (
    <nav aria-label={label} className="md:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={open ? closeLabel : openLabel}
        onClick={toggle}
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
        className="absolute inset-x-0 top-full z-30 max-h-[calc(100dvh-5rem)] overflow-y-auto border-b border-ink-200 bg-white px-4 pt-2 pb-4 shadow-lg"
      >
        {/* Rendered only while open, so closed-menu links never duplicate the visible ones. */}
        {open ? (
          <>
            <ul className="flex flex-col gap-1">
              {navEntries(items, groups).map((entry) =>
                entry.kind === "link" ? (
                  link(entry.item)
                ) : (
                  <li key={entry.key} className="mt-2">
                    <p className="px-4 pb-1 text-sm font-semibold tracking-wide text-ink-600 uppercase">{entry.label}</p>
                    <ul className="flex flex-col gap-1">{entry.items.map(link)}</ul>
                  </li>
                ),
              )}
            </ul>
            {footer ? <div className="mt-3 border-t border-ink-200 pt-3">{footer}</div> : null}
          </>
        ) : null}
      </div>
    </nav>
  );
}
