"use client";

// "Tôi sẽ dự" / "Hủy đăng ký": a module of its own, so the home page that shows it sends the
// browser these few messages, not those of every oversight form (oversight-forms.tsx).
import { useTranslations } from "next-intl";
import { FormError, Hidden, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Submit } from "./oversight-submit";

/** "Tôi sẽ dự" / "Hủy đăng ký" on the desk and the visit page. */
export function RegistrationButton({
  action,
  meetingId,
  mode,
  label,
}: {
  action: FormAction<null>;
  meetingId: string;
  mode: "register" | "unregister";
  /** Accessible name naming the meeting (several buttons share a page). */
  label: string;
}) {
  const t = useTranslations("oversight.registration");
  const { state, pending, onSubmit } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <FormError state={state} />
      <Hidden values={{ meetingId }} />
      <Submit pending={pending} variant={mode === "register" ? "primary" : "secondary"} label={label}>
        {t(mode)}
      </Submit>
    </form>
  );
}
