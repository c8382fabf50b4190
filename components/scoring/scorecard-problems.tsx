// Problems: every one listed, each with the field to fix. The field ids the editor's inputs carry,
// the server's field errors read as problems, and the list shown above the form after a failed step.
import { useTranslations } from "next-intl";
import type { RefObject } from "react";

/** One thing to fix, and where: a criterion's field, a vote count, the reason, or the card as a whole. */
export interface Problem {
  message: string;
  /** The criterion it is about (its group is opened to show the field). */
  code: string | null;
  /** The id of the field to focus. */
  fieldId: string | null;
}

export const fieldIds = {
  mark: (code: string) => `score-mark-${code}`,
  remark: (code: string) => `score-remark-${code}`,
  overridePoints: (code: string) => `score-override-${code}-points`,
  overrideReason: (code: string) => `score-override-${code}-reason`,
  auto: (code: string) => `score-auto-${code}`,
  vote: (part: "for" | "against" | "abstain") => `score-vote-${part}`,
  reason: "score-reason",
  notes: "score-notes",
};

/** The server's field errors ("mark.C1", "remarks.C1", "overrides.T1.reason", "voteFor", "_") as problems. */
export function problemsFromFieldErrors(fieldErrors: Record<string, string[]>, manualCodes: ReadonlySet<string>): Problem[] {
  const out: Problem[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [head, code, part] = key.split(".");
    for (const message of messages) {
      if ((head === "mark" || head === "marks") && code) {
        out.push({ message, code, fieldId: manualCodes.has(code) ? fieldIds.mark(code) : fieldIds.auto(code) });
      } else if ((head === "remark" || head === "remarks") && code) {
        out.push({ message, code, fieldId: fieldIds.remark(code) });
      } else if ((head === "override" || head === "overrides") && code) {
        out.push({ message, code, fieldId: part === "points" ? fieldIds.overridePoints(code) : fieldIds.overrideReason(code) });
      } else if (head === "voteFor" || head === "voteAgainst" || head === "voteAbstain") {
        out.push({ message, code: null, fieldId: fieldIds.vote(head === "voteFor" ? "for" : head === "voteAgainst" ? "against" : "abstain") });
      } else if (head === "reason") {
        out.push({ message, code: null, fieldId: fieldIds.reason });
      } else if (head === "notes") {
        out.push({ message, code: null, fieldId: fieldIds.notes });
      } else {
        out.push({ message, code: null, fieldId: null });
      }
    }
  }
  // One line per message: the service may file the same sentence under two keys.
  return out.filter((p, i) => out.findIndex((q) => q.message === p.message) === i);
}

/** The list above the form: each problem that has a field is a jump to it. */
export function ProblemList({
  problems,
  summaryRef,
  jumpTo,
}: {
  problems: Problem[];
  summaryRef: RefObject<HTMLDivElement | null>;
  jumpTo: (problem: Problem) => void;
}) {
  const t = useTranslations("scorecard");
  return (
    <div ref={summaryRef} tabIndex={-1} id="score-problems" role="alert" className="rounded-lg border-l-4 border-danger-700 bg-danger-50 px-4 py-3 text-base text-danger-900 focus:outline-2 focus:outline-danger-700">
      <p className="font-semibold">{t("problems.title", { count: problems.length })}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {problems.map((problem, i) => (
          <li key={`${i}-${problem.message}`}>
            {problem.fieldId || problem.code ? (
              <button type="button" onClick={() => jumpTo(problem)} className="flex min-h-11 w-full items-start gap-2 text-left">
                <span aria-hidden="true">→</span>
                <span className="underline underline-offset-2">{problem.message}</span>
              </button>
            ) : (
              <span className="flex gap-2">
                <span aria-hidden="true">•</span>
                {problem.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
