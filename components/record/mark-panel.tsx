// The marks a member may get, opened under their row, and the reason of an excused absence
// (typed, or one of the usual ones in a tap).
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { marksFor } from "@/lib/meetings/rules/attendance";
import type { AttendanceMark } from "@/lib/meetings/rules/types";

const REASON_SUGGESTIONS = ["sick", "business", "family", "leave"] as const;

export const TONE: Record<AttendanceMark, string> = {
  PRESENT: "border-success-700 bg-success-50 text-success-900",
  ABSENT_EXCUSED: "border-warning-600 bg-warning-50 text-warning-900",
  ABSENT_UNEXCUSED: "border-danger-700 bg-danger-50 text-danger-900",
  EXEMPT: "border-ink-300 bg-ink-50 text-ink-800",
  ELSEWHERE: "border-ink-300 bg-ink-50 text-ink-800",
  SPECIAL_DUTY: "border-info-700 bg-info-50 text-info-900",
};

export function MarkPanel({
  member,
  mark,
  askReason,
  reasonDraft,
  onReasonDraft,
  onPick,
  onSaveExcused,
}: {
  member: { exempt: boolean; attachedElsewhere: boolean };
  mark: { status: AttendanceMark } | undefined;
  askReason: boolean;
  reasonDraft: string;
  onReasonDraft: (reason: string) => void;
  onPick: (status: AttendanceMark) => void;
  onSaveExcused: (reason: string) => void;
}) {
  const t = useTranslations("record.attendance");
  const ts = useTranslations("record.status");
  return (
    <div className="mt-2 flex flex-col gap-3 rounded-lg bg-ink-50 p-3">
      <div className="grid grid-cols-2 gap-2">
        {marksFor(member).map((status) => (
          <button
            key={status}
            type="button"
            onClick={() => onPick(status)}
            aria-pressed={mark?.status === status || (status === "ABSENT_EXCUSED" && askReason)}
            className={clsx(
              "min-h-12 rounded-lg border-2 px-2 text-base font-semibold",
              mark?.status === status || (status === "ABSENT_EXCUSED" && askReason) ? TONE[status] : "border-ink-300 bg-white text-ink-900",
            )}
          >
            {ts(status)}
          </button>
        ))}
      </div>
      {askReason && marksFor(member).includes("ABSENT_EXCUSED") ? (
        <form
          noValidate
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            onSaveExcused(reasonDraft);
          }}
        >
          <label className="flex flex-col gap-1.5">
            <span className="text-base font-semibold text-ink-900">{t("reasonLabel")}</span>
            <input
              autoFocus
              value={reasonDraft}
              onChange={(event) => onReasonDraft(event.target.value)}
              maxLength={300}
              className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg"
            />
          </label>
          <div className="flex flex-wrap gap-2">
            {REASON_SUGGESTIONS.map((key) => (
              <button
                key={key}
                type="button"
                onClick={() => onSaveExcused(t(`reasons.${key}`))}
                className="min-h-11 rounded-full border border-warning-600 bg-white px-3 text-base text-warning-900"
              >
                {t(`reasons.${key}`)}
              </button>
            ))}
          </div>
          <Button type="submit" variant="secondary" className="self-start">
            {t("saveExcused")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
