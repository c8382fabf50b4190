"use server";

import { CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { LoginState } from "@/components/login/login-form";
import { signIn } from "@/lib/auth/auth";
import { deviceCookieFor } from "@/lib/auth/device-cookie";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { safeNextPath } from "@/lib/documents/urls";
import { formatTime } from "@/lib/i18n/format";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** The refusal code carried by Auth.js: "invalid", "disabled" or "wait:<ISO time>". */
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
    // Auth.js sets the session cookie; without its redirect we can add the device cookie first.
    await signIn("credentials", { username, password, redirect: false });
  } catch (error) {
    unstable_rethrow(error);
    const code = refusalCode(error);
    if (code === "disabled") return { username, error: t("disabled") };
    if (code?.startsWith("wait:")) {
      const until = new Date(code.slice("wait:".length));
      if (!Number.isNaN(until.getTime())) {
        const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
        return { username, error: seconds <= 90 ? t("wait", { seconds }) : t("waitUntil", { time: formatTime(until) }) };
      }
    }
    // "invalid" and any other refusal read the same, so the form never tells who has an account.
    if (code !== null) return { username, error: t("invalid") };
    if (isDatabaseUnavailable(error)) return { username, error: t("database") };
    console.error("[login]", error);
    return { username, error: t("unexpected") };
  }
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  const device = deviceCookieFor(username, secure);
  (await cookies()).set(device.name, device.value, device.options);
  // Only a path of this app (checked again here: the field comes from the browser).
  redirect(safeNextPath(field(formData, "next")) ?? "/");
}
