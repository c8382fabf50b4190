"use client";

// Form pieces shared by the admin screens (org management, accounts): an action hook that keeps
// what was typed when the server refuses, and labelled select / textarea / checkbox fields that
// announce their errors like components/ui/text-field.
import clsx from "clsx";
import { startTransition, useActionState, useEffect, useId, useRef, type ComponentProps, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { useConfirm, type ConfirmSpec } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";

export type FormAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * useActionState, submitted through a transition instead of the form's `action` prop: React resets
 * uncontrolled fields after a form action, and here what the user typed must stay when it fails.
 * With `confirm`, the step first asks (render `dialog`); a second submit while one runs is ignored,
 * so a double tap acts once.
 */
export function useKeptAction<T>(action: FormAction<T>, options: { confirm?: (formData: FormData) => ConfirmSpec | null } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const { ask, dialog } = useConfirm();
  const busy = useRef(false);
  useEffect(() => {
    if (!pending) busy.current = false;
  }, [pending, state]);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const spec = options.confirm?.(formData) ?? null;
    busy.current = true;
    if (spec && !(await ask(spec))) {
      busy.current = false;
      return;
    }
    startTransition(() => dispatch(formData));
  }
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return { state, pending, onSubmit, fieldErrors, dialog };
}

/** The form-level error, announced when it appears. */
export function FormError({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  return <Alert tone="error">{state.error}</Alert>;
}

function useFieldIds(hint: string | undefined, errors: readonly string[] | undefined, givenId?: string) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const hasError = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, hasError, describedBy };
}

function FieldFrame({
  id,
  label,
  hint,
  errors,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: readonly string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-base font-semibold text-ink-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-ink-600">
          {hint}
        </p>
      ) : null}
      {children}
      {errors && errors.length > 0 ? (
        <ul id={`${id}-error`} className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const controlClass = (hasError: boolean) =>
  clsx(
    "min-h-12 w-full rounded-lg border bg-white px-3 py-2 text-lg text-ink-900",
    hasError ? "border-danger-700 ring-1 ring-danger-700" : "border-ink-400",
  );

export function SelectField({
  label,
  hint,
  errors,
  options,
  className,
  required,
  ...props
}: Omit<ComponentProps<"select">, "id" | "children"> & {
  label: string;
  name: string;
  hint?: string;
  errors?: readonly string[];
  options: readonly { value: string; label: string }[];
}) {
  const { id, hasError, describedBy } = useFieldIds(hint, errors);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} className={className}>
      <select id={id} aria-invalid={hasError || undefined} aria-required={required || undefined} aria-describedby={describedBy} className={controlClass(hasError)} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Like TextField: `required` and `minLength` are announced, never left to the browser's bubble. */
export function TextAreaField({
  label,
  hint,
  errors,
  className,
  required,
  minLength: _minLength,
  id: givenId,
  ...props
}: ComponentProps<"textarea"> & { label: string; name: string; hint?: string; errors?: readonly string[] }) {
  const { id, hasError, describedBy } = useFieldIds(hint, errors, givenId);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} className={className}>
      <textarea
        id={id}
        rows={3}
        aria-invalid={hasError || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        className={clsx(controlClass(hasError), "min-h-24")}
        {...props}
      />
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  hint,
  errors,
  ...props
}: Omit<ComponentProps<"input">, "id" | "type"> & { label: string; name: string; hint?: string; errors?: readonly string[] }) {
  const { id, hasError, describedBy } = useFieldIds(hint, errors);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 text-base font-semibold text-ink-900">
        <input
          id={id}
          type="checkbox"
          aria-invalid={hasError || undefined}
          aria-describedby={describedBy}
          className="size-6 shrink-0 accent-brand-700"
          {...props}
        />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="pl-9 text-sm text-ink-600">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        <ul id={`${id}-error`} className="pl-9 text-base font-medium text-danger-700">
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Hidden inputs carrying ids and versions with a form. */
export function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A small action folded behind its name ("Kết thúc", "Đã khắc phục"), opened on demand in a list. */
export function Disclosure({ summary, label, tone = "brand", children }: { summary: ReactNode; label: string; tone?: "brand" | "danger"; children: ReactNode }) {
  return (
    <details className="group">
      <summary
        className={clsx(
          "list-item min-h-11 cursor-pointer rounded-lg px-3 py-2.5 font-semibold hover:bg-ink-100",
          tone === "danger" ? "text-danger-700" : "text-brand-800",
        )}
        aria-label={label}
      >
        {summary}
      </summary>
      {children}
    </details>
  );
}
