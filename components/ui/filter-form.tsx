// A list's filters as a GET form: they live in the URL, so a filtered list can be bookmarked and
// shared. The fields are labelled selects and month inputs in a grid; "apply" submits, "clear"
// (while a filter is set) goes back to the bare list.
import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";
const labelClass = "text-base font-semibold text-ink-900";

export function FilterForm({
  path,
  label,
  gridClass,
  apply,
  clear,
  active,
  children,
}: {
  /** The list's own path: the form's action and where "clear" leads. */
  path: string;
  label: string;
  gridClass: string;
  apply: string;
  clear: string;
  active: boolean;
  children: ReactNode;
}) {
  return (
    <Form action={path} role="search" aria-label={label} className="flex flex-col gap-4">
      <div className={gridClass}>{children}</div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass("primary")}>
          {apply}
        </button>
        {active ? (
          <Link href={path} className={buttonClass("ghost")}>
            {clear}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export function FilterMonth({ id, name, label, value }: { id: string; name: string; label: string; value: string | null | undefined }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} name={name} type="month" defaultValue={value ?? ""} className={fieldClass} />
    </div>
  );
}

/** A select whose first option ("all") sets no filter. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  all,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | null | undefined;
  all: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={fieldClass}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A one-box search as a GET form (?q=): the results can be bookmarked and shared; "clear" shows while a query is set. */
export function SearchForm({
  path,
  id,
  label,
  placeholder,
  submit,
  clear,
  query,
  clearHref,
  hidden,
}: {
  path: string;
  id: string;
  label: string;
  placeholder: string;
  submit: string;
  clear: string;
  query: string | undefined;
  clearHref: string;
  /** Fields the search keeps (a filter already chosen). */
  hidden?: ReactNode;
}) {
  return (
    <Form action={path} role="search" className="flex flex-col gap-2">
      {hidden}
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={query}
          placeholder={placeholder}
          autoComplete="off"
          className="min-h-12 w-full min-w-0 flex-1 basis-40 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900 placeholder:text-ink-500"
        />
        <button type="submit" className={buttonClass("primary", "min-h-12 px-5")}>
          {submit}
        </button>
        {query ? (
          <Link href={clearHref} className={buttonClass("ghost", "min-h-12")}>
            {clear}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
