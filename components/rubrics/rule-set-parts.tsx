// The parts the rubric and the classification-frame pages share (both are versioned rule sets,
// lib/rule-sets/admin.ts): the notices and buttons above a version, and an assignment in a list.
// They take their words already said by the page, whose catalog differs.
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink, buttonClass } from "@/components/ui/button";

/** What was just done, a warning on an older version, the edit and export buttons, and why editing is blocked. */
export function VersionNotices({
  done,
  notLatest,
  edit,
  exportLink,
  blockedReason,
}: {
  done: string | null;
  notLatest: { text: string; href: string; link: string } | null;
  edit: { href: string; label: string } | null;
  exportLink: { href: string; label: string };
  blockedReason: string | null;
}) {
  return (
    <>
      {done ? (
        <Alert tone="success" className="mb-4">
          {done}
        </Alert>
      ) : null}
      {notLatest ? (
        <Alert tone="warning" className="mb-4">
          {notLatest.text}{" "}
          <Link href={notLatest.href} className="font-semibold underline">
            {notLatest.link}
          </Link>
        </Alert>
      ) : null}
      <div className="mb-6 flex flex-wrap gap-3">
        {edit ? (
          <ButtonLink href={edit.href} variant="primary">
            {edit.label}
          </ButtonLink>
        ) : null}
        {/* A route handler, not a page: a plain link so the browser saves the file. */}
        <a href={exportLink.href} download className={buttonClass("secondary")}>
          {exportLink.label}
        </a>
      </div>
      {blockedReason ? <Alert className="mb-6">{blockedReason}</Alert> : null}
    </>
  );
}

/** One assignment of a code to a unit: what it covers, when, whether it still applies, and its end form. */
export function AssignmentItem({
  id,
  unit,
  code,
  name,
  covers,
  period,
  ended,
  active,
  endForm,
}: {
  id: string;
  unit: string;
  code: string;
  name: string | null;
  covers: string;
  period: string;
  /** The "ended at" badge's text, or null while it applies. */
  ended: string | null;
  active: string;
  endForm: ReactNode;
}) {
  return (
    <li id={`assignment-${id}`} className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="text-lg font-semibold break-words text-ink-950">{unit}</p>
          <p className="text-base text-ink-800">
            <span className="font-semibold">{code}</span>
            {name ? ` — ${name}` : null}
          </p>
          <p className="text-base text-ink-700">
            {covers} ·{" "}
            {period}
          </p>
          <p>{ended ? <Badge tone="muted">{ended}</Badge> : <Badge tone="success">{active}</Badge>}</p>
        </div>
        {ended ? null : endForm}
      </div>
    </li>
  );
}

/** The list of a kind's assignments under its heading, or what to do when there is none yet. */
export function AssignmentList({ id, title, empty, children }: { id: string; title: string; empty: { title: string; hint: string } | null; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold text-ink-900">
        {title}
      </h2>
      {empty ? <EmptyState title={empty.title}>{empty.hint}</EmptyState> : <ul className="flex flex-col gap-3">{children}</ul>}
    </section>
  );
}
