import Link from "next/link";

export interface HomeAction {
  href: string;
  title: string;
  hint: string;
}

/** Large, tappable links to what the user can do. */
export function ActionLinks({ actions }: { actions: HomeAction[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {actions.map((action) => (
        <li key={action.href}>
          <Link
            href={action.href}
            className="group flex h-full min-h-20 flex-col gap-1 rounded-xl border border-ink-200 bg-white px-5 py-4 no-underline shadow-sm hover:border-brand-700"
          >
            <span className="flex items-center justify-between gap-2 text-lg font-semibold text-ink-950 group-hover:text-brand-800">
              {action.title}
              <span aria-hidden="true" className="text-brand-700">
                →
              </span>
            </span>
            <span className="text-base text-ink-700">{action.hint}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
