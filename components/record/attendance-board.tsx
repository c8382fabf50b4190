"use client";

// The attendance screen of a meeting, phone first: one row per member on the roll of the meeting
// day, a big "present" button per row (one tap), the other statuses one tap further, and "all
// present" for the members not marked yet. Every tap is saved at once through the JSON API; the
// screen shows the new mark immediately and puts the old one back (with a message) if the save is
// refused. P, D_att, the rate and the members to watch are computed here, live, by the same pure
// rules the server uses.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { foldForSearch } from "@/lib/i18n/format";
import type { AttendanceSheet } from "@/lib/meetings/attendance";
import { attendanceFigures } from "@/lib/meetings/record-rules";
import { defaultMark } from "@/lib/meetings/rules/attendance";
import type { AttendanceMark } from "@/lib/meetings/rules/types";
import { AttendanceFiguresBar } from "./attendance-figures";
import { AttendanceWatch } from "./attendance-watch";
import { MarkPanel, TONE } from "./mark-panel";
import { RecordToast, useToast } from "./record-toast";

type Mark = { status: AttendanceMark; reason: string | null };
type RollRow = AttendanceSheet["roll"][number];


async function saveMark(meetingId: string, memberId: string, mark: Mark, fallback: string): Promise<Mark> {
  const response = await fetch(`/api/v1/meetings/${meetingId}/attendance/${memberId}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: mark.status, reason: mark.reason ?? "" }),
  });
  const body = (await response.json().catch(() => null)) as
    | { status: AttendanceMark; reason: string | null; error?: string; fieldErrors?: Record<string, string[]> }
    | null;
  if (!response.ok || !body) {
    const fieldMessage = body?.fieldErrors ? Object.values(body.fieldErrors).flat()[0] : undefined;
    throw new Error(fieldMessage ?? body?.error ?? fallback);
  }
  return { status: body.status, reason: body.reason };
}



/** A member's dues line on the watch list: the status and the words' values (null when not watched). */
export function AttendanceBoard({ sheet }: { sheet: AttendanceSheet }) {
  const t = useTranslations("record.attendance");
  const ts = useTranslations("record.status");
  const initial = useMemo(
    () => Object.fromEntries(sheet.marks.map((m) => [m.memberId, { status: m.status, reason: m.reason }])) as Record<string, Mark>,
    [sheet.marks],
  );
  const [marks, setMarks] = useState<Record<string, Mark>>(initial);
  const confirmed = useRef<Record<string, Mark | undefined>>({ ...initial });
  const sequence = useRef<Record<string, number>>({});
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [open, setOpen] = useState<string | null>(null);
  const [reasonDraft, setReasonDraft] = useState("");
  const [askReason, setAskReason] = useState(false);
  const [query, setQuery] = useState("");
  const [onlyUnmarked, setOnlyUnmarked] = useState(false);
  const [bulkPending, setBulkPending] = useState(false);
  const toast = useToast();
  const editable = sheet.canEdit;

  const summoned = sheet.roll.filter((m) => !m.suspended);
  const suspendedCount = sheet.roll.length - summoned.length;
  const entries = Object.entries(marks).map(([memberId, m]) => ({ memberId, mark: m.status }));
  const figures = attendanceFigures(
    sheet.roll.map((m) => ({ memberId: m.memberId, status: m.status, exempt: m.exempt, suspended: m.suspended, attachedElsewhere: m.attachedElsewhere })),
    entries,
  );

  async function apply(member: RollRow, mark: Mark) {
    if (!editable) return;
    const id = member.memberId;
    const seq = (sequence.current[id] ?? 0) + 1;
    sequence.current[id] = seq;
    setMarks((current) => ({ ...current, [id]: mark }));
    setPending((current) => ({ ...current, [id]: true }));
    try {
      const saved = await saveMark(sheet.meeting.id, id, mark, t("saveFailed"));
      if (sequence.current[id] !== seq) return;
      confirmed.current[id] = saved;
      setMarks((current) => ({ ...current, [id]: saved }));
      // A refusal shown earlier no longer stands over the roll once a save goes through.
      toast.hide();
    } catch (error) {
      if (sequence.current[id] !== seq) return;
      const previous = confirmed.current[id];
      setMarks((current) => {
        const next = { ...current };
        if (previous) next[id] = previous;
        else delete next[id];
        return next;
      });
      const message = error instanceof TypeError ? t("offline") : error instanceof Error ? error.message : t("saveFailed");
      toast.show(t("notSaved", { name: member.label, message }));
    } finally {
      if (sequence.current[id] === seq) setPending((current) => ({ ...current, [id]: false }));
    }
  }

  function tapQuick(member: RollRow) {
    const current = marks[member.memberId]?.status;
    if (member.attachedElsewhere) {
      if (!current) void apply(member, { status: "ELSEWHERE", reason: null });
      return;
    }
    if (member.exempt) {
      void apply(member, { status: current === "PRESENT" ? "EXEMPT" : "PRESENT", reason: null });
      return;
    }
    if (current === "PRESENT") {
      // Present already: the next tap is about an absence, which needs a choice.
      openPanel(member);
      return;
    }
    void apply(member, { status: "PRESENT", reason: null });
  }

  function openPanel(member: RollRow) {
    setOpen((current) => (current === member.memberId ? null : member.memberId));
    setReasonDraft(marks[member.memberId]?.reason ?? "");
    setAskReason(marks[member.memberId]?.status === "ABSENT_EXCUSED");
  }

  function pick(member: RollRow, status: AttendanceMark) {
    if (status === "ABSENT_EXCUSED") {
      // The reason comes first: nothing is saved until it is given.
      setAskReason(true);
      return;
    }
    void apply(member, { status, reason: null });
    setOpen(null);
  }

  function saveExcused(member: RollRow, reason: string) {
    const text = reason.trim();
    if (!text) {
      toast.show(t("reasonRequired"));
      return;
    }
    void apply(member, { status: "ABSENT_EXCUSED", reason: text });
    setOpen(null);
  }

  async function allPresent() {
    setBulkPending(true);
    try {
      const response = await fetch(`/api/v1/meetings/${sheet.meeting.id}/attendance/all-present`, { method: "POST" });
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      if (!response.ok) throw new Error(body?.error ?? t("saveFailed"));
      toast.hide();
      setMarks((current) => {
        const next = { ...current };
        for (const member of summoned) {
          if (!next[member.memberId]) {
            next[member.memberId] = { status: defaultMark(member), reason: null };
            confirmed.current[member.memberId] = next[member.memberId];
          }
        }
        return next;
      });
    } catch (error) {
      toast.show(error instanceof TypeError ? t("offline") : error instanceof Error ? error.message : t("saveFailed"));
    } finally {
      setBulkPending(false);
    }
  }

  const folded = foldForSearch(query);
  const shown = summoned.filter(
    (m) => (!folded || foldForSearch(m.fullName).includes(folded)) && (!onlyUnmarked || !marks[m.memberId]),
  );

  return (
    <div className="flex flex-col gap-4">
      <AttendanceFiguresBar figures={figures} minRatePercent={sheet.thresholds.minRatePercent} />

      {figures.errors.length > 0 ? (
        <Alert tone="warning" title={t("ruleErrors")}>
          <ul className="list-disc pl-5">
            {figures.errors.map((e) => (
              <li key={`${e.code}-${e.memberId}`}>{sheet.roll.reduce((text, m) => text.replaceAll(m.memberId, m.label), e.message)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {sheet.offRoll.length > 0 ? (
        <Alert tone="warning" title={t("offRollTitle")}>
          {sheet.offRoll.map((m) => m.fullName).join(", ")}
        </Alert>
      ) : null}

      {editable ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <Button onClick={allPresent} disabled={bulkPending || figures.unmarked.length === 0} className="w-full sm:w-auto">
            {bulkPending ? t("allPresentPending") : t("allPresent")}
          </Button>
          <p className="text-base text-ink-600">{t("allPresentHint")}</p>
        </div>
      ) : null}

      {summoned.length === 0 ? (
        <Alert tone="info" title={t("emptyTitle")}>
          {t("emptyHint")}
        </Alert>
      ) : (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <label className="flex flex-1 flex-col gap-1.5">
            <span className="text-base font-semibold text-ink-900">{t("search")}</span>
            <input
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder={t("searchPlaceholder")}
              className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg"
            />
          </label>
          <label className="flex min-h-12 cursor-pointer items-center gap-3 text-base font-semibold text-ink-900">
            <input type="checkbox" className="size-6 accent-brand-700" checked={onlyUnmarked} onChange={(e) => setOnlyUnmarked(e.target.checked)} />
            {t("onlyUnmarked")}
          </label>
        </div>
      )}

      <ul className="flex flex-col divide-y divide-ink-200 rounded-xl border border-ink-200 bg-white">
        {shown.map((member) => {
          const mark = marks[member.memberId];
          const isOpen = open === member.memberId;
          const busy = pending[member.memberId];
          const quickLabel = member.attachedElsewhere ? ts("ELSEWHERE") : member.exempt && mark?.status === "PRESENT" ? ts("EXEMPT") : ts("PRESENT");
          return (
            <li key={member.memberId} className="px-3 py-2">
              <div className="flex items-center gap-3">
                <button
                  type="button"
                  onClick={() => (editable ? openPanel(member) : undefined)}
                  aria-expanded={editable ? isOpen : undefined}
                  className="flex min-h-12 flex-1 flex-col items-start justify-center text-left"
                >
                  <span className="text-lg font-semibold text-ink-900">{member.label}</span>
                  <span className="flex flex-wrap items-center gap-1.5 text-base">
                    {mark && (mark.status !== "PRESENT" || !editable) ? (
                      <span className={clsx("rounded-md border px-2 py-0.5 text-sm font-semibold", TONE[mark.status])}>
                        {ts(mark.status)}
                        {mark.reason ? ` — ${mark.reason}` : ""}
                      </span>
                    ) : mark ? null : (
                      <span className="text-sm text-ink-600">{t("notMarked")}</span>
                    )}
                    {member.status === "PROBATIONARY" ? <Badge tone="muted">{t("probationary")}</Badge> : null}
                    {member.exempt ? <Badge tone="muted">{t("exemptBadge")}</Badge> : null}
                    {member.attachedElsewhere ? <Badge tone="muted">{t("elsewhereBadge", { place: member.elsewhereName ?? "—" })}</Badge> : null}
                    {member.attachedFrom !== null ? <Badge tone="muted">{t("attachedFromBadge", { place: member.attachedFrom || "—" })}</Badge> : null}
                    {busy ? <span className="text-sm text-ink-600">{t("saving")}</span> : null}
                  </span>
                </button>
                {editable ? (
                  <button
                    type="button"
                    onClick={() => tapQuick(member)}
                    aria-pressed={mark?.status === "PRESENT"}
                    aria-label={t("quickLabel", { status: quickLabel, name: member.label })}
                    className={clsx(
                      "min-h-12 min-w-24 rounded-lg border-2 px-3 text-base font-bold",
                      mark?.status === "PRESENT"
                        ? "border-success-700 bg-success-700 text-white"
                        : "border-success-700 bg-white text-success-900 active:bg-success-50",
                    )}
                  >
                    {mark?.status === "PRESENT" ? `✓ ${ts("PRESENT")}` : quickLabel}
                  </button>
                ) : null}
              </div>
              {isOpen && editable ? (
                <MarkPanel
                  member={member}
                  mark={mark}
                  askReason={askReason}
                  reasonDraft={reasonDraft}
                  onReasonDraft={setReasonDraft}
                  onPick={(status) => pick(member, status)}
                  onSaveExcused={(reason) => saveExcused(member, reason)}
                />
              ) : null}
            </li>
          );
        })}
        {shown.length === 0 && summoned.length > 0 ? <li className="px-3 py-4 text-base text-ink-700">{t("noMatch")}</li> : null}
      </ul>
      {suspendedCount > 0 ? <p className="text-base text-ink-600">{t("suspendedNote", { count: suspendedCount })}</p> : null}

      <AttendanceWatch sheet={sheet} summoned={summoned} marks={marks} />
      <RecordToast toast={toast} />
    </div>
  );
}
