"use client";

// The reviewer's decision on one scorecard: approve it as it stands (the overseer's column, else
// the self-score), or send it back to the branch with a reason. Both carry the card's version, so
// a card changed meanwhile is refused with a message instead of being decided blind.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { FormError, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";

export function DecisionForms<A, R>({
  meetingId,
  cardVersion,
  canApprove,
  canReturn,
  approve,
  giveBack,
}: {
  meetingId: string;
  cardVersion: number;
  canApprove: boolean;
  canReturn: boolean;
  approve: FormAction<A>;
  giveBack: FormAction<R>;
}) {
  const t = useTranslations("review.decision");
  const router = useRouter();
  const approval = useKeptAction(approve, {
    confirm: () => ({ title: t("approveConfirm.title"), body: <p>{t("approveConfirm.body")}</p>, confirmLabel: t("approveConfirm.action") }),
  });
  const giving = useKeptAction(giveBack);
  const done = approval.state?.ok ? "approved" : giving.state?.ok ? "returned" : null;
  useEffect(() => {
    if (done) router.push(`/review?done=${done}`);
  }, [done, router]);

  return (
    <section aria-labelledby="review-decision" className="flex flex-col gap-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="review-decision" className="text-xl font-semibold text-ink-900">
        {t("title")}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        {canApprove ? (
          <form noValidate onSubmit={approval.onSubmit} className="flex flex-col gap-3">
            {approval.dialog}
            <input type="hidden" name="meetingId" value={meetingId} />
            <input type="hidden" name="version" value={cardVersion} />
            <input type="hidden" name="mode" value="approve" />
            <p className="text-base text-ink-700">{t("approveHint")}</p>
            <FormError state={approval.state} />
            <div>
              <Button type="submit" disabled={approval.pending || giving.pending}>
                {approval.pending ? t("approving") : t("approve")}
              </Button>
            </div>
          </form>
        ) : null}
        {canReturn ? (
          <form noValidate onSubmit={giving.onSubmit} className="flex flex-col gap-3">
            <input type="hidden" name="meetingId" value={meetingId} />
            <input type="hidden" name="version" value={cardVersion} />
            <TextAreaField name="reason" label={t("reason")} hint={t("reasonHint")} required minLength={3} maxLength={2000} errors={giving.fieldErrors.reason} />
            <FormError state={giving.state} />
            <div>
              <Button type="submit" variant="secondary" disabled={approval.pending || giving.pending}>
                {giving.pending ? t("returning") : t("return")}
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </section>
  );
}
