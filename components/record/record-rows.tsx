"use client";

// The list-and-add pattern of the record screens (guests, speeches, tasks): a row's remove button
// and the add form, which empties itself once its row is saved.
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/define-action";
import { Button } from "@/components/ui/button";
import { RecordFormError } from "./record-toast";

interface Kept {
  state: ActionResult<unknown> | null;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void | Promise<void>;
}

/** A row's remove button: posts the meeting and the row's id under `field`. */
export function RemoveRowForm({ kept, meetingId, field, id, label, children }: { kept: Kept; meetingId: string; field: string; id: string; label: string; children: ReactNode }) {
  return (
    <form noValidate onSubmit={kept.onSubmit}>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name={field} value={id} />
      <Button type="submit" variant="ghost" disabled={kept.pending} aria-label={label}>
        {children}
      </Button>
    </form>
  );
}

/** The add form: its title, the meeting, the form's error, then the fields; reset after a save. */
export function AddRowForm({ kept, meetingId, className, heading, children }: { kept: Kept; meetingId: string; className: string; heading: ReactNode; children: ReactNode }) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (kept.state?.ok) formRef.current?.reset();
  }, [kept.state]);
  return (
    <form ref={formRef} onSubmit={kept.onSubmit} className={className} noValidate>
      {heading}
      <input type="hidden" name="meetingId" value={meetingId} />
      <RecordFormError state={kept.state} />
      {children}
    </form>
  );
}
