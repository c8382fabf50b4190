import clsx from "clsx";
import { useId, type ComponentProps } from "react";

interface TextFieldProps extends ComponentProps<"input"> {
  label: string;
  name: string;
  /** Shown under the label, tied to the input with aria-describedby. */
  hint?: string;
  errors?: readonly string[];
}

/**
 * A labelled input with its hint and error messages announced to screen readers. `required` and
 * `minLength` are announced (aria-required) but never enforced by the browser: its English bubble
 * would stand in for the server's Vietnamese message next to the field.
 */
export function TextField({ label, hint, errors, className, required, minLength: _minLength, id: givenId, ...props }: TextFieldProps) {
  const generatedId = useId();
  // A given id lets a list of problems jump to the field.
  const id = givenId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? hintId : null, hasError ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-base font-semibold text-ink-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-ink-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        aria-required={required || undefined}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy}
        className={clsx(
          "min-h-12 w-full rounded-lg border bg-white px-3 py-2 text-lg text-ink-900 placeholder:text-ink-500",
          hasError ? "border-danger-700 ring-1 ring-danger-700" : "border-ink-400",
        )}
        {...props}
      />
      {hasError ? (
        <ul id={errorId} className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type DateTimeFieldProps = { label: string; name: string; defaultValue: string; hint?: string; required?: boolean; errors?: string[] };

/** A start and an end typed as local date and time (the meeting's planned or actual times), side by side on wide screens. */
export function DateTimeRange({ className, start, end }: { className: string; start: DateTimeFieldProps; end: DateTimeFieldProps }) {
  return (
    <div className={className}>
      {[start, end].map((field) => (
        <TextField key={field.name} label={field.label} name={field.name} type="datetime-local" defaultValue={field.defaultValue} hint={field.hint} required={field.required} errors={field.errors} />
      ))}
    </div>
  );
}
