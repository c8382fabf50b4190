"use client";

// Pick one record out of thousands without loading them all: a search box that asks the server
// (a server function bound by the page, which authorizes) and radio buttons for the results. The
// radios carry `name`, so the choice is submitted with the surrounding form; what is picked stays
// shown while the user searches again.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import type { MemberOption } from "@/lib/accounts/users";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import type { UnitOption } from "@/lib/org/units";

interface PickerOption {
  id: string;
  title: string;
  detail: string;
  disabled?: boolean;
}

function SearchPicker({
  name,
  label,
  hint,
  errors,
  search,
  initial,
  initialSelected,
  allowNone,
  minLength,
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: readonly string[];
  search: (query: string) => Promise<PickerOption[]>;
  initial: PickerOption[];
  initialSelected?: PickerOption | null;
  /** Offer "none" as the first choice (value ""). */
  allowNone?: string;
  minLength: number;
}) {
  const t = useTranslations("picker");
  const id = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState(initial);
  const [selected, setSelected] = useState<PickerOption | null>(initialSelected ?? null);
  const [searched, setSearched] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const hasError = Boolean(errors && errors.length > 0);

  function run() {
    const q = query.trim();
    if (q.length < minLength) return;
    startTransition(async () => {
      try {
        setOptions(await search(q));
        setFailed(false);
      } catch {
        setFailed(true);
      }
      setSearched(q);
    });
  }
  // Enter in the search box searches instead of submitting the surrounding form.
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      run();
    }
  }

  const shown = selected && !options.some((option) => option.id === selected.id) ? [selected, ...options] : options;
  return (
    <fieldset
      className={clsx("flex min-w-0 flex-col gap-2 rounded-lg border p-3 sm:p-4", hasError ? "border-danger-700" : "border-ink-300")}
      aria-describedby={[hint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(" ") || undefined}
    >
      <legend className="px-1 text-base font-semibold text-ink-900">{label}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-ink-600">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <label htmlFor={`${id}-q`} className="sr-only">
          {t("searchLabel", { label })}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t("placeholder", { count: minLength })}
          autoComplete="off"
          className="min-h-12 min-w-0 flex-1 basis-40 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900 placeholder:text-ink-500"
        />
        <Button variant="secondary" onClick={run} disabled={pending || query.trim().length < minLength} className="min-h-12">
          {pending ? t("searching") : t("search")}
        </Button>
      </div>
      <p role="status" className="text-sm text-ink-700">
        {failed ? t("failed") : searched !== null ? t("results", { count: options.length, query: searched }) : null}
      </p>
      <ul className="flex max-h-80 flex-col gap-1 overflow-y-auto">
        {allowNone ? (
          <li>
            <Choice name={name} option={{ id: "", title: allowNone, detail: "" }} checked={selected === null} onPick={() => setSelected(null)} />
          </li>
        ) : null}
        {shown.map((option) => (
          <li key={option.id}>
            <Choice name={name} option={option} checked={selected?.id === option.id} onPick={() => setSelected(option)} />
          </li>
        ))}
      </ul>
      {hasError ? (
        <ul id={`${id}-error`} className="text-base font-medium text-danger-700">
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

function Choice({ name, option, checked, onPick }: { name: string; option: PickerOption; checked: boolean; onPick: () => void }) {
  return (
    <label
      className={clsx(
        "flex min-h-12 items-start gap-3 rounded-lg px-2 py-2",
        option.disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer hover:bg-ink-50",
        checked && "bg-brand-50 ring-1 ring-brand-200",
      )}
    >
      <input
        type="radio"
        name={name}
        value={option.id}
        checked={checked}
        disabled={option.disabled}
        onChange={onPick}
        className="mt-1 size-5 shrink-0 accent-brand-700"
      />
      <span className="flex min-w-0 flex-col">
        <span className="text-base font-semibold break-words text-ink-950">{option.title}</span>
        {option.detail ? <span className="text-sm break-words text-ink-700">{option.detail}</span> : null}
      </span>
    </label>
  );
}

/** Org units (new parent, merge target, unit of a grant). */
export function UnitPicker({
  search,
  initial = [],
  ...props
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: readonly string[];
  search: (query: string) => Promise<UnitOption[]>;
  initial?: UnitOption[];
}) {
  const t = useTranslations();
  const toOption = (unit: UnitOption): PickerOption => ({
    id: unit.id,
    title: unit.name,
    detail: [t(`orgKind.${unit.kind as OrgUnitKind}`), unit.parentName ? t("picker.under", { name: unit.parentName }) : null]
      .filter(Boolean)
      .join(" · "),
  });
  return (
    <SearchPicker
      {...props}
      minLength={1}
      initial={initial.map(toOption)}
      search={async (query) => (await search(query)).map(toOption)}
    />
  );
}

/** Members on the roll (link an account to a member). */
export function MemberPicker({
  search,
  current,
  ...props
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: readonly string[];
  search: (query: string) => Promise<MemberOption[]>;
  current?: { id: string; fullName: string; branchName: string } | null;
}) {
  const t = useTranslations("picker");
  const toOption = (member: MemberOption): PickerOption => ({
    id: member.id,
    title: member.fullName,
    detail: [t("born", { year: member.birthYear }), member.branchName, member.linked ? t("linked") : null].filter(Boolean).join(" · "),
    disabled: member.linked,
  });
  return (
    <SearchPicker
      {...props}
      minLength={2}
      initial={[]}
      initialSelected={current ? { id: current.id, title: current.fullName, detail: current.branchName } : null}
      allowNone={t("none")}
      search={async (query) => (await search(query)).map(toOption)}
    />
  );
}
