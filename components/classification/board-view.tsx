// The classification board: the unit's organisations and (for a branch) members as rows with the
// state of each case and the one button this user needs next; one level down for a committee, to
// drill into; the cap where the unit decides. Rows are cards on a phone and a table's worth of
// information in one line on a desk.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { HeaderRow } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import type { Board, BoardChild, BoardRow } from "@/lib/classification/board";
import type { CapStatus } from "@/lib/classification/cap";
import { CLASSIFICATION_LEVELS } from "@/lib/classification/model";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";
import { Points } from "@/lib/exact/ratio";
import { LevelBadge } from "./case-view";

const pts = (value: number | null) => (value === null ? null : Points.format(Math.round(value * 10), "vi"));

export async function BoardTrail({ board }: { board: Board }) {
  const t = await getTranslations("classification.board");
  return (
    <nav aria-label={t("trail")} className="text-base">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {board.trail.map((step, i) => (
          <li key={step.id} className="flex items-center gap-2">
            {i > 0 ? <span aria-hidden="true" className="text-ink-500">›</span> : null}
            {i === board.trail.length - 1 ? (
              <span aria-current="page" className="font-semibold text-ink-900">
                {step.name}
              </span>
            ) : (
              <Link href={`/classification?unit=${step.id}&period=${board.period.key}`} className="text-brand-800 underline underline-offset-2">
                {step.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export async function PeriodSwitch({ board }: { board: Board }) {
  const t = await getTranslations("classification.board");
  return (
    <form method="get" action="/classification" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="unit" value={board.unit.id} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor="classification-period" className="text-base font-semibold text-ink-900">
          {t("period")}
        </label>
        <select id="classification-period" name="period" defaultValue={board.period.key} className="min-h-12 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900">
          {board.periods.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        {t("show")}
      </button>
    </form>
  );
}

/** "Tự đánh giá", "Ghi kết quả chi bộ", … or a quiet "Xem". */
async function RowAction({ row }: { row: BoardRow }) {
  const t = await getTranslations("classification.board.next");
  const acting = row.next !== "done" && row.next !== "waiting" && row.next !== "selfOnBehalf";
  return (
    <Link href={row.href} className={buttonClass(acting ? "primary" : "secondary", "w-full sm:w-auto")} aria-label={`${t(row.next)}: ${row.name}`}>
      {t(row.next)}
    </Link>
  );
}

export async function BoardRows({ rows, title, empty, id }: { rows: BoardRow[]; title: string; empty: string; id: string }) {
  const t = await getTranslations("classification");
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold text-ink-900">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-base text-ink-700">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {rows.map((row) => {
            const level = row.levels.decision ?? row.levels.appraisal ?? row.levels.review ?? row.levels.self;
            return (
              <li key={row.subjectId} className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-3 shadow-sm sm:flex-row sm:items-center sm:justify-between sm:p-4">
                <div className="flex min-w-0 flex-col gap-1">
                  <Link href={row.href} className="text-lg font-semibold text-brand-800 underline-offset-2 hover:underline">
                    {row.name}
                  </Link>
                  {row.detail ? <p className="text-sm text-ink-700">{row.detail}</p> : null}
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={row.state === "DECIDED" ? "success" : row.state ? "brand" : "muted"}>{row.state ? t(`state.${row.state}`) : t("board.notStarted")}</Badge>
                    {row.returned ? <Badge tone="muted">{t("board.returned")}</Badge> : null}
                    {level && row.state !== "DRAFT" ? <LevelBadge level={level} /> : null}
                    {row.total !== null && row.state !== "DRAFT" ? <span className="text-sm text-ink-700">{t("board.points", { points: pts(row.total)! })}</span> : null}
                  </div>
                </div>
                <RowAction row={row} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export async function ChildrenTable({ board }: { board: Board }) {
  const t = await getTranslations("classification.board");
  const lv = await getTranslations("classification.levelShort");
  const cell = (part: BoardChild["organisations"]) => (
    <>
      <span className="font-semibold">{t("decidedOf", { decided: formatNumber(part.decided), total: formatNumber(part.total) })}</span>
      {part.inProgress > 0 ? <span className="block text-sm text-ink-700">{t("inProgress", { count: formatNumber(part.inProgress) })}</span> : null}
      {part.decided > 0 ? (
        <span className="block text-sm text-ink-700">
          {CLASSIFICATION_LEVELS.filter((l) => part.levels[l] > 0)
            .map((l) => `${lv(l)} ${formatNumber(part.levels[l])}`)
            .join(" · ")}
        </span>
      ) : null}
    </>
  );
  return (
    <section aria-labelledby="classification-children" className="flex flex-col gap-3">
      <h2 id="classification-children" className="text-xl font-semibold text-ink-900">
        {t("childrenTitle")}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-ink-200 bg-white">
        <table className="min-w-full border-collapse text-left text-base">
          <thead className="bg-ink-50">
            <HeaderRow
              cells={[
                { label: t("unit"), className: "px-3 py-2 font-semibold text-ink-900" },
                { label: t("organisations"), className: "px-3 py-2 font-semibold text-ink-900" },
                { label: t("members"), className: "px-3 py-2 font-semibold text-ink-900" },
              ]}
            />
          </thead>
          <tbody>
            {board.children.map((child) => (
              <tr key={child.unit.id} className="border-t border-ink-100 align-top">
                <th scope="row" className="px-3 py-2 font-normal">
                  <Link href={`/classification?unit=${child.unit.id}&period=${board.period.key}`} className="font-semibold text-brand-800 underline">
                    {child.unit.name}
                  </Link>
                </th>
                <td className="px-3 py-2">{cell(child.organisations)}</td>
                <td className="px-3 py-2">{cell(child.members)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export async function CapSummary({ cap, whom }: { cap: CapStatus; whom: "members" | "organisations" }) {
  const t = await getTranslations("classification.case");
  const line = t("capLineShort", { excellent: cap.excellent, allowed: cap.allowed, percent: String(cap.percent).replace(".", ","), base: cap.baseCount, whom: t(`capWhom.${whom}`) });
  return (
    <Alert tone={cap.over > 0 ? "warning" : "info"} title={cap.over > 0 ? t("capOverTitle", { over: cap.over }) : t(`capTitle.${whom}`)}>
      {line}
    </Alert>
  );
}

export async function ReviewMeetings({ board }: { board: Board }) {
  const t = await getTranslations("classification.board");
  return (
    <section aria-labelledby="classification-review-meetings" className="flex flex-col gap-2">
      <h2 id="classification-review-meetings" className="text-xl font-semibold text-ink-900">
        {t("reviewMeetings")}
      </h2>
      {board.reviewMeetings.length === 0 ? <p className="text-base text-ink-700">{t("noReviewMeetings")}</p> : null}
      <ul className="flex flex-col gap-2">
        {board.reviewMeetings.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-3">
            <Link href={`/meetings/${m.id}`} className="text-base font-semibold text-brand-800 underline">
              {m.title}, {formatCalendarDate(m.day)}
            </Link>
            <a href={`/api/v1/classification/review-meetings/${m.id}/minutes.docx`} download className={buttonClass("secondary")}>
              {t("reviewMinutes")}
            </a>
          </li>
        ))}
      </ul>
      {board.can.planReviewMeeting ? (
        <Link href={`/meetings/new?branch=${board.unit.id}&kind=REVIEW`} className={buttonClass("secondary", "self-start")}>
          {t("planReviewMeeting")}
        </Link>
      ) : null}
    </section>
  );
}
