// Which navigation item is the current page. Pure, so it is unit-tested without a DOM.

/** True when `pathname` is the page of `href` or one below it ("/" only matches itself). */
export function isWithinHref(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The href of the one item to mark aria-current="page": the longest href the path is within, so
 * on /members/import only "Nhập, xuất danh sách" is current, not also "Đảng viên" (/members).
 * Null when no item matches.
 */
export function currentNavHref(pathname: string, hrefs: readonly string[]): string | null {
  let current: string | null = null;
  for (const href of hrefs) {
    if (isWithinHref(pathname, href) && (current === null || href.length > current.length)) current = href;
  }
  return current;
}
