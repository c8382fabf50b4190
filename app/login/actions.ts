"use server";

import { CredentialsSignin } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { LoginState } from "@/components/login/login-form";
import { signIn } from "@/lib/auth/auth";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { safeNextPath } from "@/lib/documents/urls";
import { formatDate, formatTime } from "@/lib/i18n/format";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** The refusal code carried by Auth.js: "invalid", "disabled" or "locked:<ISO time>". */
function refusalCode(error: unknown): string | null {
  // Auth.js sets `type` on its errors; it survives even if two copies of next-auth were bundled.
  if (error instanceof CredentialsSignin || (error instanceof Error && (error as { type?: unknown }).type === "CredentialsSignin")) {
    const code = (error as CredentialsSignin).code;
    return typeof code === "string" ? code : "invalid";
  }
  return null;
}

export async function login(_previous: LoginState | null, formData: FormData): Promise<LoginState> {
  const username = field(formData, "username");
  const password = field(formData, "password");
  const t = await getTranslations("login.errors");
  if (!username.trim() || !password) return { username, error: t("missing") };

  try {
    // On success Auth.js sets the session cookie and redirects by throwing Next's redirect error.
    // Only a path of this app (checked again here: the field comes from the browser).
    await signIn("credentials", { username, password, redirectTo: safeNextPath(field(formData, "next")) ?? "/" });
    return { username };
  } catch (error) {
    unstable_rethrow(error);
    const code = refusalCode(error);
    if (code === "disabled") return { username, error: t("disabled") };
    if (code?.startsWith("locked:")) {
      const until = new Date(code.slice("locked:".length));
      if (!Number.isNaN(until.getTime())) {
        return { username, error: t("locked", { time: formatTime(until), date: formatDate(until) }) };
      }
    }
    // "invalid" and any other refusal read the same, so the form never tells who has an account.
    if (code !== null) return { username, error: t("invalid") };
    if (isDatabaseUnavailable(error)) return { username, error: t("database") };
    console.error("[login]", error);
    return { username, error: t("unexpected") };
  }
}
