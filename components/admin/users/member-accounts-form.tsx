"use client";

// "Create accounts for these members": every member of the branch without an account is ticked;
// one confirmation, one request; then the usernames and temporary passwords, once, ready to print
// and hand out (each must change it at first sign-in).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { CreatedAccount, MemberWithoutAccount } from "@/lib/accounts/member-accounts";

export function MemberAccountsForm({
  action,
  branch,
  signInUrl,
}: {
  action: FormAction<{ branchName: string; accounts: CreatedAccount[] }>;
  branch: { id: string; name: string; members: MemberWithoutAccount[] };
  signInUrl: string;
}) {
  const t = useTranslations("users.bulk");
  const [picked, setPicked] = useState<Set<string>>(() => new Set(branch.members.map((m) => m.id)));
  const { state, pending, onSubmit, dialog } = useKeptAction(action, {
    confirm: (formData) => {
      const count = formData.getAll("memberIds").length;
      if (count === 0) return null;
      return { title: t("confirm.title", { count, branch: branch.name }), body: <p>{t("confirm.body")}</p>, confirmLabel: t("confirm.action", { count }) };
    },
  });

  if (state?.ok) {
    return (
      <section aria-labelledby="accounts-created" className="flex flex-col gap-4">
        <Alert tone="success" title={t("done", { count: state.data.accounts.length, branch: state.data.branchName })}>
          <p>{t("doneHint")}</p>
        </Alert>
        <div className="flex gap-2 print:hidden">
          <Button onClick={() => window.print()}>{t("print")}</Button>
        </div>
        <div className="rounded-xl border border-ink-200 bg-white p-4 print:border-0 print:p-0">
          <h2 id="accounts-created" className="mb-1 text-xl font-semibold text-ink-900">
            {t("sheetTitle", { branch: state.data.branchName })}
          </h2>
          <p className="mb-3 text-base text-ink-700">{t("sheetIntro", { url: signInUrl })}</p>
          <table className="w-full border-collapse text-left text-base">
            <thead>
              <tr className="border-b border-ink-300">
                <th scope="col" className="py-2 pr-3">
                  {t("name")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("username")}
                </th>
                <th scope="col" className="py-2">
                  {t("password")}
                </th>
              </tr>
            </thead>
            <tbody>
              {state.data.accounts.map((a) => (
                <tr key={a.memberId} className="border-b border-ink-100 align-top">
                  <td className="py-2 pr-3">{a.name}</td>
                  <td className="py-2 pr-3 font-mono">{a.username}</td>
                  <td className="py-2 font-mono font-bold">{a.temporaryPassword}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  }

  if (branch.members.length === 0) {
    return (
      <EmptyState title={t("noneInBranch")}>
        <Link href="/admin/users/accounts" className="font-semibold text-brand-800 underline">
          {t("otherBranches")}
        </Link>
      </EmptyState>
    );
  }

  const all = picked.size === branch.members.length;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {dialog}
      <input type="hidden" name="branchId" value={branch.id} />
      <FormError state={state} />
      <label className="flex min-h-11 cursor-pointer items-center gap-3 text-base font-semibold text-ink-900">
        <input type="checkbox" className="size-6 accent-brand-700" checked={all} onChange={() => setPicked(all ? new Set() : new Set(branch.members.map((m) => m.id)))} />
        {t("all", { count: branch.members.length })}
      </label>
      <ul className="flex flex-col divide-y divide-ink-100 rounded-xl border border-ink-200 bg-white">
        {branch.members.map((m) => (
          <li key={m.id}>
            <label className="flex min-h-12 cursor-pointer items-center gap-3 px-4 py-2 text-base text-ink-900">
              <input
                type="checkbox"
                name="memberIds"
                value={m.id}
                className="size-6 shrink-0 accent-brand-700"
                checked={picked.has(m.id)}
                onChange={() =>
                  setPicked((current) => {
                    const next = new Set(current);
                    if (next.has(m.id)) next.delete(m.id);
                    else next.add(m.id);
                    return next;
                  })
                }
              />
              <span className="flex flex-col">
                <span className="font-semibold">{m.label}</span>
                {m.email ? <span className="text-sm text-ink-700">{m.email}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <Button type="submit" disabled={pending || picked.size === 0} className="self-start">
        {pending ? t("creating") : t("create", { count: picked.size })}
      </Button>
    </form>
  );
}
