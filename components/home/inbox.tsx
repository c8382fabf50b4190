// The home page's sections, one per role the user holds, drawn on the server from lib/home/inbox.ts.
// Each item is one tap from its work: a whole-row link with what to do, not a list of destinations.
import clsx from "clsx";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { FormAction } from "@/components/admin/form-kit";
import { MeetingKindBadge } from "@/components/meetings/meeting-badges";
import { RegistrationButton } from "@/components/oversight/registration-button";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import type { CountShare } from "@/lib/dashboard/indicators";
import type { AdminInbox, InboxMeeting, SecretaryInbox } from "@/lib/home/inbox";
import { formatCalendarDate, formatDate, formatNumber, formatPercent, formatTime } from "@/lib/i18n/format";
import type { MemberOverview } from "@/lib/calendar/member-view";
import type { Dashboard } from "@/lib/dashboard/dashboard";
import type { ReviewSummary } from "@/lib/dashboard/review";
import { stepNumber } from "@/lib/meetings/next-step";
import type { DeskView } from "@/lib/oversight/desk";
import { ANOMALY_CODES } from "@/lib/scoring/anomalies";

/** A titled block of the inbox. */
export function InboxSection({ id, title, children, footer }: { id: string; title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id={id} className="text-xl font-semibold text-ink-900">
        {title}
      </h2>
      {children}
      {footer ? <div className="flex flex-col gap-2 border-t border-ink-100 pt-3 sm:flex-row sm:flex-wrap">{footer}</div> : null}
    </section>
  );
}

/** A line that needs nothing (a check that passed): no link, nothing to tap. */
export function InboxDone({ title }: { title: string }) {
  return (
    <li className="flex min-h-12 items-center gap-2 rounded-lg px-4 py-2 text-base text-ink-800">
      <span aria-hidden="true" className="text-success-700">
        ✓
      </span>
      {title}
    </li>
  );
}

/** A row that is one link: what it is, and what tapping does. */
export function InboxItem({ href, title, detail, action, tone = "neutral" }: { href: string; title: ReactNode; detail?: ReactNode; action: string; tone?: "neutral" | "warning" | "primary" }) {
  return (
    <li>
      <Link
        href={href}
        className={clsx(
          "group flex min-h-14 flex-col gap-1 rounded-lg border px-4 py-3 no-underline hover:border-brand-700 sm:flex-row sm:items-center sm:justify-between sm:gap-3",
          tone === "warning" ? "border-warning-600/50 bg-warning-50" : tone === "primary" ? "border-brand-200 bg-brand-50" : "border-ink-200 bg-white",
        )}
      >
        <span className="flex min-w-0 flex-col gap-0.5">
          <span className="text-base font-semibold text-ink-950">{title}</span>
          {detail ? <span className="text-sm text-ink-700">{detail}</span> : null}
        </span>
        <span className="flex shrink-0 items-center gap-1 self-end text-base font-semibold text-brand-800 group-hover:underline sm:self-auto">
          {action}
          <span aria-hidden="true">→</span>
        </span>
      </Link>
    </li>
  );
}

function Subheading({ children }: { children: ReactNode }) {
  return <h3 className="mt-1 text-base font-semibold text-ink-800">{children}</h3>;
}

function Quiet({ children }: { children: ReactNode }) {
  return <p className="text-base text-ink-700">{children}</p>;
}

const when = (date: Date) => `${formatDate(date)} · ${formatTime(date)}`;

// ─── Secretary ──────────────────────────────────────────────────────────────────────────────────

async function CurrentMeeting({ meeting }: { meeting: InboxMeeting }) {
  const t = await getTranslations("home");
  const n = stepNumber(meeting.step);
  return (
    <div className="flex flex-col gap-3 rounded-xl border-2 border-brand-700 bg-brand-50 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <MeetingKindBadge kind={meeting.kind} />
        {meeting.daysAgo > 0 ? <Badge tone="neutral">{t("daysAgo", { days: meeting.daysAgo })}</Badge> : null}
      </div>
      <p className="text-lg font-semibold text-ink-950">{meeting.title}</p>
      <p className="text-base text-ink-800">
        {when(meeting.plannedStart)}
        {meeting.place ? ` · ${meeting.place}` : ""}
      </p>
      {n ? (
        <ol aria-label={t("stepOf", { n })} className="flex gap-1">
          {Array.from({ length: 6 }, (_, i) => (
            <li key={i} className={clsx("h-2 flex-1 rounded-full", i < n - 1 ? "bg-brand-700" : i === n - 1 ? "bg-brand-400" : "bg-ink-200")} />
          ))}
        </ol>
      ) : null}
      <Link href={meeting.href} className="flex min-h-14 items-center justify-between gap-3 rounded-lg bg-brand-700 px-4 py-3 text-lg font-semibold text-white no-underline hover:bg-brand-800">
        <span>
          {n ? <span className="block text-sm font-normal opacity-90">{t("stepOf", { n })}</span> : null}
          {t(`steps.${meeting.step}`)}
        </span>
        <span aria-hidden="true">→</span>
      </Link>
    </div>
  );
}

export async function SecretarySection({ inbox }: { inbox: SecretaryInbox }) {
  const t = await getTranslations("home");
  return (
    <>
      {inbox.branches.map((branch) => (
        <InboxSection
          key={branch.id}
          id={`secretary-${branch.id}`}
          title={t("secretary.title", { branch: branch.name })}
          footer={
            <>
              <ButtonLink href={`/meetings?branchId=${branch.id}`}>{t("secretary.allMeetings")}</ButtonLink>
              <ButtonLink href={`/meetings/new?branch=${branch.id}`} variant="ghost">
                {t("secretary.newMeeting")}
              </ButtonLink>
            </>
          }
        >
          <Subheading>{t("secretary.current")}</Subheading>
          {branch.current ? <CurrentMeeting meeting={branch.current} /> : <Quiet>{t("secretary.noCurrent")}</Quiet>}
          {branch.missingPlanYears.length > 0 ? (
            <ul className="flex flex-col gap-2">
              {branch.missingPlanYears.map((year) => (
                <InboxItem key={year} href={`/plans/${branch.id}?year=${year}`} title={t("secretary.missingPlan", { year })} action={t("secretary.missingPlanAction", { year })} tone="warning" />
              ))}
            </ul>
          ) : null}
          {branch.late.length > 0 ? (
            <>
              <Subheading>{t("secretary.late", { count: branch.late.length })}</Subheading>
              <ul className="flex flex-col gap-2">
                {branch.late.map((m) => (
                  <InboxItem key={m.id} href={m.href} title={m.title} detail={`${formatDate(m.plannedStart)} · ${t("daysLate", { days: m.daysAgo })}`} action={t(`steps.${m.step}`)} tone="warning" />
                ))}
              </ul>
            </>
          ) : null}
          <Subheading>{t("secretary.coming")}</Subheading>
          {branch.coming.length === 0 ? (
            <Quiet>{t("secretary.noComing")}</Quiet>
          ) : (
            <ul className="flex flex-col gap-2">
              {branch.coming.map((m) => (
                <InboxItem key={m.id} href={`/meetings/${m.id}`} title={m.title} detail={when(m.plannedStart)} action={t("open")} />
              ))}
            </ul>
          )}
        </InboxSection>
      ))}
      {inbox.moreBranches > 0 ? <Quiet>{t("secretary.moreBranches", { count: inbox.moreBranches })}</Quiet> : null}
    </>
  );
}

// ─── Member ─────────────────────────────────────────────────────────────────────────────────────

export async function MemberSection({ overview, today }: { overview: MemberOverview | null; today: Date }) {
  const t = await getTranslations("home.member");
  const open = (await getTranslations("home"))("open");
  const tk = await getTranslations("preparation.kinds");
  if (!overview) {
    return (
      <InboxSection id="member" title={t("title")}>
        <Quiet>{t("notLinked")}</Quiet>
      </InboxSection>
    );
  }
  const next = overview.upcoming[0] ?? null;
  const upcomingIds = new Set(overview.upcoming.map((m) => m.id));
  const documents = overview.documents.filter((d) => upcomingIds.has(d.meetingId));
  const tasks = overview.tasks.filter((task) => task.result === null).sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  return (
    <InboxSection id="member" title={t("title")} footer={<ButtonLink href="/my">{t("all")}</ButtonLink>}>
      <Subheading>{t("next")}</Subheading>
      {next ? (
        <ul className="flex flex-col gap-2">
          <InboxItem
            href={next.readable ? `/meetings/${next.id}` : "/my"}
            title={next.title}
            detail={`${when(next.plannedStart)}${next.place ? ` · ${t("place", { place: next.place })}` : ""}`}
            action={open}
            tone="primary"
          />
        </ul>
      ) : (
        <Quiet>{t("noNext")}</Quiet>
      )}
      <Subheading>{t("documents", { count: documents.length })}</Subheading>
      {documents.length === 0 ? (
        <Quiet>{t("noDocuments")}</Quiet>
      ) : (
        <ul className="flex flex-col gap-2">
          {documents.slice(0, 5).map((d) => (
            <li key={d.id}>
              {/* A file, not a page. */}
              <a
                href={`/api/v1/meetings/${d.meetingId}/documents/${d.id}`}
                className="flex min-h-14 flex-col justify-center rounded-lg border border-ink-200 px-4 py-2 no-underline hover:border-brand-700"
              >
                <span className="text-base font-semibold text-brand-800 underline">{d.title}</span>
                <span className="text-sm text-ink-700">
                  {tk(d.kind)} · {d.meetingTitle}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <Subheading>{t("tasks", { count: tasks.length })}</Subheading>
      {tasks.length === 0 ? (
        <Quiet>{t("noTasks")}</Quiet>
      ) : (
        <ul className="flex flex-col gap-2">
          {tasks.slice(0, 5).map((task) => {
            const overdue = task.deadline.getTime() < today.getTime();
            return (
              <InboxItem
                key={task.id}
                href="/my#tasks"
                title={task.content}
                detail={overdue ? t("overdue", { date: formatCalendarDate(task.deadline) }) : t("deadline", { date: formatCalendarDate(task.deadline) })}
                action={open}
                tone={overdue ? "warning" : "neutral"}
              />
            );
          })}
        </ul>
      )}
    </InboxSection>
  );
}

// ─── Overseer ───────────────────────────────────────────────────────────────────────────────────

export async function OverseerSection({ desk, register }: { desk: DeskView; register: FormAction<null> }) {
  const t = await getTranslations("home.overseer");
  const label = (m: { title: string; branch: { name: string } }) => `${m.branch.name} — ${m.title}`;
  return (
    <InboxSection id="overseer" title={t("title")} footer={<ButtonLink href="/oversight">{t("desk")}</ButtonLink>}>
      {desk.coverage ? <Quiet>{t("quota", { done: desk.coverage.counted, quota: desk.coverage.quota, year: desk.year })}</Quiet> : null}
      <Subheading>{t("upcoming", { count: desk.upcoming.length })}</Subheading>
      {desk.upcoming.length === 0 ? (
        <Quiet>{t("noUpcoming")}</Quiet>
      ) : (
        <ul className="flex flex-col gap-2">
          {desk.upcoming.slice(0, 3).map((m) =>
            m.canRegister ? (
              // Registering is the work itself: the button is here, not a page away.
              <li key={m.id} className="flex flex-col gap-2 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                <span className="flex min-w-0 flex-col gap-0.5">
                  <Link href={`/meetings/${m.id}`} className="text-base font-semibold text-ink-950 underline-offset-2 hover:underline">
                    {label(m)}
                  </Link>
                  <span className="text-sm text-ink-700">{`${when(m.plannedStart)}${m.place ? ` · ${m.place}` : ""}`}</span>
                </span>
                <RegistrationButton action={register} meetingId={m.id} mode="register" label={t("registerLabel", { meeting: label(m) })} />
              </li>
            ) : (
              <InboxItem key={m.id} href={`/meetings/${m.id}`} title={label(m)} detail={`${when(m.plannedStart)}${m.place ? ` · ${m.place}` : ""}`} action={t("registered")} />
            ),
          )}
        </ul>
      )}
      <Subheading>{t("visits", { count: desk.awaitingRecord.length })}</Subheading>
      {desk.awaitingRecord.length === 0 ? (
        <Quiet>{t("noVisits")}</Quiet>
      ) : (
        <ul className="flex flex-col gap-2">
          {desk.awaitingRecord.slice(0, 3).map((m) => (
            <InboxItem key={m.id} href={`/oversight/visits/${m.id}`} title={label(m)} detail={formatDate(m.plannedStart)} action={t("recordVisit")} tone="primary" />
          ))}
        </ul>
      )}
      <Subheading>{t("scores", { count: desk.awaitingScore.length })}</Subheading>
      {desk.awaitingScore.length === 0 ? (
        <Quiet>{t("noScores")}</Quiet>
      ) : (
        <ul className="flex flex-col gap-2">
          {desk.awaitingScore.slice(0, 3).map((m) => (
            <InboxItem key={m.id} href={`/meetings/${m.id}/score`} title={label(m)} detail={formatDate(m.plannedStart)} action={t("confirmScore")} tone="primary" />
          ))}
        </ul>
      )}
    </InboxSection>
  );
}

// ─── Reviewer ───────────────────────────────────────────────────────────────────────────────────

export async function ReviewerSection({ summary }: { summary: ReviewSummary }) {
  const t = await getTranslations("home.reviewer");
  const open = (await getTranslations("home"))("open");
  const tf = await getTranslations("review.flags");
  const flagged = ANOMALY_CODES.filter((code) => summary.flags.byCode[code] > 0);
  return (
    <InboxSection id="reviewer" title={t("title")} footer={<ButtonLink href="/review">{t("queue")}</ButtonLink>}>
      <p className="text-lg font-semibold text-ink-950">{t("total", { count: summary.total })}</p>
      {summary.oldestDay ? <Quiet>{t("oldest", { date: formatCalendarDate(`${summary.oldestDay}T00:00:00.000Z`) })}</Quiet> : null}
      {summary.total > 0 ? (
        <>
          <Subheading>{t("byState")}</Subheading>
          <ul className="flex flex-col gap-2">
            {(["SELF_SCORED", "CONFIRMED"] as const).map((state) =>
              summary.byState[state] > 0 ? (
                <InboxItem key={state} href={`/review?state=${state}`} title={t(state, { count: formatNumber(summary.byState[state]) })} action={open} />
              ) : null,
            )}
          </ul>
          <Subheading>{t("byFlag")}</Subheading>
          <ul className="flex flex-col gap-2">
            {flagged.map((code) => (
              <InboxItem key={code} href={`/review?anomaly=${code}`} title={`${tf(code)} (${formatNumber(summary.flags.byCode[code])})`} action={open} tone="warning" />
            ))}
            {summary.flags.clean > 0 ? (
              <InboxItem href="/review?anomaly=none" title={t("clean", { count: formatNumber(summary.flags.clean) })} action={open} tone="primary" />
            ) : null}
          </ul>
          {summary.flags.counted < summary.total ? <Quiet>{t("counted", { count: formatNumber(summary.flags.counted) })}</Quiet> : null}
        </>
      ) : null}
    </InboxSection>
  );
}

// ─── Leader ─────────────────────────────────────────────────────────────────────────────────────

function Tile({ href, label, value, detail }: { href: string; label: string; value: string; detail: string }) {
  return (
    <li>
      <Link href={href} className="flex h-full flex-col gap-1 rounded-lg border border-ink-200 px-4 py-3 no-underline hover:border-brand-700">
        <span className="text-sm font-semibold text-ink-700">{label}</span>
        <span className="text-2xl font-bold tabular-nums text-ink-950">{value}</span>
        <span className="text-sm text-ink-700">{detail}</span>
      </Link>
    </li>
  );
}

export async function LeaderSection({ d }: { d: Dashboard }) {
  const t = await getTranslations("home.leader");
  const pct = (r: CountShare | null | undefined) => (r && r.rate !== null ? formatPercent(r.rate) : "—");
  const of = (r: CountShare | null | undefined, key: "ofBranches" | "ofScored" | "ofPresent") => (r && r.of > 0 ? t(key, { value: formatNumber(r.value), of: formatNumber(r.of) }) : t("none"));
  const base = `/dashboard?unit=${d.unit.id}`;
  return (
    <InboxSection
      id="leader"
      title={t("title", { month: d.period.month, year: d.period.year })}
      footer={
        <>
          <ButtonLink href={base} variant="primary">
            {t("open")}
          </ButtonLink>
          <ButtonLink href="/dashboard/targets">{t("targets")}</ButtonLink>
        </>
      }
    >
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Tile href={base} label={t("regular")} value={pct(d.month.regular)} detail={of(d.month.regular, "ofBranches")} />
        <Tile href={base} label={t("attendance")} value={pct(d.month.attendance)} detail={of(d.month.attendance, "ofPresent")} />
        <Tile href={base} label={t("good")} value={pct(d.ytd.goodShare)} detail={of(d.ytd.goodShare, "ofScored")} />
        <Tile href={base} label={t("awaiting")} value={formatNumber(d.ytd.awaitingReview)} detail={t("awaitingDetail", { year: d.period.year })} />
      </ul>
    </InboxSection>
  );
}

// ─── Administrator ──────────────────────────────────────────────────────────────────────────────

export async function AdminSection({ inbox }: { inbox: AdminInbox }) {
  const t = await getTranslations("home.admin");
  const { branchesWithoutSecretary: noSecretary, membersWithoutAccount: noAccount } = inbox;
  return (
    <InboxSection
      id="admin"
      title={t("title")}
      footer={
        <>
          <ButtonLink href="/admin/users">{t("users")}</ButtonLink>
          <ButtonLink href="/settings">{t("settings")}</ButtonLink>
        </>
      }
    >
      <ul className="flex flex-col gap-2">
        {noSecretary.count > 0 ? (
          <InboxItem
            href="/admin/users/new"
            title={t("noSecretary", { count: noSecretary.count })}
            detail={`${noSecretary.sample.map((u) => u.name).join(", ")}${noSecretary.count > noSecretary.sample.length ? ", …" : ""}. ${t("noSecretaryHint")}`}
            action={t("noSecretaryAction")}
            tone="warning"
          />
        ) : (
          <InboxDone title={t("noSecretary", { count: 0 })} />
        )}
        {noAccount.count > 0 ? (
          <InboxItem
            href="/admin/users/accounts"
            title={t("noAccount", { count: noAccount.count })}
            detail={`${noAccount.branches.map((b) => t("inBranch", { name: b.name, count: b.count })).join(" · ")}. ${t("noAccountHint")}`}
            action={t("noAccountAction")}
            tone="warning"
          />
        ) : (
          <InboxDone title={t("noAccount", { count: 0 })} />
        )}
        {inbox.branchesWithoutPlan.map((row) =>
          row.count > 0 ? (
            <InboxItem key={row.year} href={`/plans/missing?year=${row.year}`} title={t("noPlan", { count: row.count, year: row.year })} action={t("noPlanAction")} tone="warning" />
          ) : (
            <InboxDone key={row.year} title={t("noPlan", { count: 0, year: row.year })} />
          ),
        )}
      </ul>
    </InboxSection>
  );
}
