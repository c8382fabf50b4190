import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FormAction } from "@/components/admin/form-kit";
import { ActionForm, type ActionField } from "@/components/members/action-form";
import { branchLabel } from "@/components/members/member-filters";
import { MemberBadges } from "@/components/members/member-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { MemberEndReason, PositionKind } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, formatDate } from "@/lib/i18n/format";
import { probationEnds, RESIDENCE_EXEMPT_SUGGESTIONS } from "@/lib/org/member-schemas";
import type { BranchChoice, MemberDetail, MemberManageOptions } from "@/lib/org/members";
import { isoDay, todayInVietnam } from "@/lib/time/days";

export interface MemberPageActions {
  transfer: FormAction<null>;
  addExemption: FormAction<null>;
  addTemporaryTransfer: FormAction<null>;
  addSuspension: FormAction<null>;
  endPeriod: FormAction<null>;
  makeOfficial: FormAction<null>;
  endMembership: FormAction<null>;
  assignPosition: FormAction<null>;
  endPosition: FormAction<null>;
  addResidenceLink: FormAction<null>;
  updateResidenceLink: FormAction<null>;
  saveResidenceComment: FormAction<null>;
  /** Branch search, used instead of selects when the scope has too many branches. */
  searchBranches: (query: string) => Promise<BranchChoice[]>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 border-b border-ink-100 py-3 last:border-b-0 sm:flex-row sm:gap-4">
      <dt className="text-base text-ink-600 sm:w-56 sm:shrink-0">{label}</dt>
      <dd className="text-lg font-medium text-ink-950">{children}</dd>
    </div>
  );
}

/** A change form folded under its title until needed (pages stay short on phones). */
function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group mt-4 rounded-lg border border-ink-200 bg-ink-50/50">
      <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 px-4 text-base font-semibold text-brand-800 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <div className="border-t border-ink-200 bg-white px-4 py-4">{children}</div>
    </details>
  );
}

function UnitLink({ unit }: { unit: { id: string; name: string; readable: boolean } }) {
  return unit.readable ? (
    <Link href={`/org/${unit.id}`} className="text-brand-800 underline">
      {unit.name}
    </Link>
  ) : (
    <>{unit.name}</>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-base text-ink-700">{children}</p>;
}

function Entries({ children }: { children: ReactNode }) {
  return <ul className="flex flex-col divide-y divide-ink-100">{children}</ul>;
}

export function MemberDetailView({
  member,
  options,
  actions,
}: {
  member: MemberDetail;
  /** Present when the user manages the member (edit controls are shown). */
  options: MemberManageOptions | null;
  actions: MemberPageActions;
}) {
  const t = useTranslations("members");
  const manage = options !== null && member.canManage;
  const onRoll = member.endedOn === null;
  const writable = manage && onRoll;
  const today = isoDay(todayInVietnam());
  const period = (from: Date, to: Date | null) =>
    to
      ? t("detail.period", { from: formatCalendarDate(from), to: formatCalendarDate(to) })
      : t("detail.periodOpen", { from: formatCalendarDate(from) });
  const common = { pendingLabel: t("form.saving"), successMessage: t("form.saved") };
  const memberField: ActionField = { kind: "hidden", name: "memberId", value: member.id };
  const branchOptions = (options?.branches ?? []).map((branch) => ({ value: branch.id, label: branchLabel(branch) }));
  /** A select of the user's branches, or a search when there are too many to list. */
  const branchField = (name: string, label: string, emptyLabel: string, extra: { required?: boolean; hint?: string; defaultValue?: string } = {}): ActionField =>
    options?.branches === null
      ? { kind: "branchPicker", name, label, hint: extra.hint, search: actions.searchBranches }
      : { kind: "select", name, label, required: extra.required, defaultValue: extra.defaultValue, options: [{ value: "", label: emptyLabel }, ...branchOptions] };
  const endForm = (kind: "exemption" | "temporaryTransfer" | "suspension", periodId: string) => (
    <Disclosure summary={t("detail.endPeriod")}>
      <ActionForm
        action={actions.endPeriod}
        {...common}
        submitLabel={t("detail.endPeriodSubmit")}
        fields={[
          memberField,
          { kind: "hidden", name: "kind", value: kind },
          { kind: "hidden", name: "periodId", value: periodId },
          { kind: "date", name: "toDate", label: t("fields.lastDay"), hint: t("detail.lastDayHint"), required: true, defaultValue: today },
        ]}
      />
    </Disclosure>
  );

  return (
    <div className="flex flex-col gap-6">
      {member.endedOn ? (
        <Alert tone="info" title={t("detail.endedTitle", { date: formatCalendarDate(member.endedOn) })}>
          {member.endReason ? t(`endReason.${member.endReason}`) : null}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("detail.personal")}>
          <dl>
            <Fact label={t("fields.fullName")}>{member.fullName}</Fact>
            <Fact label={t("fields.gender")}>{t(`gender.${member.gender}`)}</Fact>
            <Fact label={t("fields.birthDate")}>{formatCalendarDate(member.birthDate)}</Fact>
            <Fact label={t("fields.ethnicity")}>{member.ethnicity ?? t("detail.none")}</Fact>
            <Fact label={t("fields.hometown")}>{member.hometown ?? t("detail.none")}</Fact>
            <Fact label={t("fields.occupation")}>{member.occupation ?? t("detail.none")}</Fact>
            <Fact label={t("fields.phone")}>{member.phone ?? t("detail.none")}</Fact>
            <Fact label={t("fields.email")}>{member.email ?? t("detail.none")}</Fact>
          </dl>
        </Card>

        <Card title={t("detail.party")}>
          <dl>
            <Fact label={t("fields.branch")}>
              <UnitLink unit={member.branch} />
            </Fact>
            <Fact label={t("fields.status")}>{t(`status.${member.status}`)}</Fact>
            <Fact label={t("fields.admittedOn")}>{formatCalendarDate(member.admittedOn)}</Fact>
            <Fact label={t("fields.officialOn")}>
              {member.officialOn
                ? formatCalendarDate(member.officialOn)
                : t("detail.probationUntil", { date: formatCalendarDate(probationEnds(member.admittedOn)) })}
              {/* Saved with a warning, never refused: the record keeps saying so. */}
              {member.officialOn && member.officialOn.getTime() < probationEnds(member.admittedOn).getTime() ? (
                <span className="mt-1 block text-base font-normal text-warning-900">
                  {t("detail.earlyOfficial", { date: formatCalendarDate(probationEnds(member.admittedOn)) })}
                </span>
              ) : null}
            </Fact>
            <Fact label={t("fields.partyCardNumber")}>{member.partyCardNumber ?? t("detail.noCard")}</Fact>
          </dl>
          {writable && member.status === "PROBATIONARY" ? (
            <Disclosure summary={t("detail.makeOfficial")}>
              <ActionForm
                action={actions.makeOfficial}
                {...common}
                submitLabel={t("detail.makeOfficialSubmit")}
                fields={[
                  memberField,
                  { kind: "hidden", name: "version", value: String(member.version) },
                  {
                    kind: "date",
                    name: "officialOn",
                    label: t("fields.officialOn"),
                    hint: t("detail.makeOfficialHint", { date: formatCalendarDate(probationEnds(member.admittedOn)) }),
                    required: true,
                  },
                  { kind: "text", name: "partyCardNumber", label: t("fields.partyCardNumber"), hint: t("form.partyCardHint"), maxLength: 30 },
                ]}
              />
            </Disclosure>
          ) : null}
        </Card>
      </div>

      <Card title={t("detail.memberships")}>
        {member.memberships.length === 0 ? (
          <Empty>{t("detail.noMemberships")}</Empty>
        ) : (
          <Entries>
            {member.memberships.map((m) => (
              <li key={m.id} className="flex flex-col gap-1 py-3">
                <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                  <UnitLink unit={m.branch} />
                  {m.current ? <Badge tone="success">{t("detail.current")}</Badge> : null}
                </span>
                <span className="text-base text-ink-700">{period(m.validFrom, m.validTo)}</span>
                {m.note ? <span className="text-base text-ink-700">{m.note}</span> : null}
              </li>
            ))}
          </Entries>
        )}
        {writable ? (
          <Disclosure summary={t("detail.transfer")}>
            {options.branches !== null && options.branches.length === 0 ? (
              <Empty>{t("detail.noTargetBranch")}</Empty>
            ) : (
              <ActionForm
                action={actions.transfer}
                {...common}
                submitLabel={t("detail.transferSubmit")}
                fields={[
                  memberField,
                  { kind: "hidden", name: "version", value: String(member.version) },
                  branchField("targetBranchId", t("detail.targetBranch"), t("form.chooseBranch"), { required: true }),
                  { kind: "date", name: "effectiveOn", label: t("detail.effectiveOn"), hint: t("detail.effectiveOnHint"), required: true },
                  { kind: "text", name: "note", label: t("fields.note"), maxLength: 500 },
                ]}
              />
            )}
          </Disclosure>
        ) : null}
      </Card>

      <Card title={t("detail.positions")}>
        {member.positions.length === 0 ? (
          <Empty>{t("detail.noPositions")}</Empty>
        ) : (
          <Entries>
            {member.positions.map((p) => (
              <li key={p.id} className="flex flex-col gap-1 py-3">
                <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                  {t(`position.${p.kind}`)} · <UnitLink unit={p.orgUnit} />
                  {p.current ? <Badge tone="success">{t("detail.current")}</Badge> : null}
                </span>
                <span className="text-base text-ink-700">{period(p.termFrom, p.termTo)}</span>
                {manage && (p.termTo === null || p.current) ? (
                  <Disclosure summary={t("detail.endTerm")}>
                    <ActionForm
                      action={actions.endPosition}
                      {...common}
                      submitLabel={t("detail.endTermSubmit")}
                      fields={[
                        memberField,
                        { kind: "hidden", name: "positionId", value: p.id },
                        { kind: "date", name: "termTo", label: t("fields.lastDay"), hint: t("detail.lastDayHint"), required: true, defaultValue: today },
                      ]}
                    />
                  </Disclosure>
                ) : null}
              </li>
            ))}
          </Entries>
        )}
        {writable && options.positionUnits.length > 0 ? (
          <Disclosure summary={t("detail.assignPosition")}>
            <ActionForm
              action={actions.assignPosition}
              {...common}
              submitLabel={t("detail.assignPositionSubmit")}
              fields={[
                memberField,
                {
                  kind: "select",
                  name: "orgUnitId",
                  label: t("detail.positionUnit"),
                  required: true,
                  options: [
                    { value: "", label: t("form.choose") },
                    ...options.positionUnits.map((unit) => ({ value: unit.id, label: unit.name })),
                  ],
                },
                {
                  kind: "select",
                  name: "kind",
                  label: t("detail.positionKind"),
                  required: true,
                  hint: t("detail.positionKindHint"),
                  options: [
                    { value: "", label: t("form.choose") },
                    ...Object.values(PositionKind).map((kind) => ({ value: kind, label: t(`position.${kind}`) })),
                  ],
                },
                { kind: "date", name: "termFrom", label: t("fields.termFrom"), required: true },
                { kind: "date", name: "termTo", label: t("fields.termTo"), hint: t("detail.termToHint") },
              ]}
            />
          </Disclosure>
        ) : null}
      </Card>

      <Card title={t("detail.exemptions")}>
        <p className="mb-3 text-base text-ink-700">{t("detail.exemptionsIntro")}</p>
        {member.exemptions.length === 0 ? (
          <Empty>{t("detail.noExemptions")}</Empty>
        ) : (
          <Entries>
            {member.exemptions.map((e) => (
              <li key={e.id} className="flex flex-col gap-1 py-3">
                <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                  {e.reason}
                  {e.current ? <Badge tone="success">{t("detail.inForce")}</Badge> : null}
                </span>
                <span className="text-base text-ink-700">{period(e.fromDate, e.toDate)}</span>
                {e.decidedAtMeeting ? (
                  <span className="text-base text-ink-700">
                    {t("detail.decidedAt", { date: formatDate(e.decidedAtMeeting.plannedStart), title: e.decidedAtMeeting.title })}
                  </span>
                ) : null}
                {manage && e.toDate === null ? endForm("exemption", e.id) : null}
              </li>
            ))}
          </Entries>
        )}
        {writable ? (
          <Disclosure summary={t("detail.addExemption")}>
            <ActionForm
              action={actions.addExemption}
              {...common}
              submitLabel={t("detail.addSubmit")}
              fields={[
                memberField,
                { kind: "date", name: "fromDate", label: t("fields.fromDate"), required: true },
                { kind: "date", name: "toDate", label: t("fields.toDate"), hint: t("detail.toDateHint") },
                {
                  kind: "text",
                  name: "reason",
                  label: t("fields.reason"),
                  required: true,
                  maxLength: 500,
                  suggestions: [t("suggestions.exemptionMale"), t("suggestions.exemptionFemale"), t("suggestions.exemptionIllness")],
                },
                {
                  kind: "select",
                  name: "decidedAtMeetingId",
                  label: t("fields.decidedAtMeetingId"),
                  hint: t("detail.decidedAtHint"),
                  options: [
                    { value: "", label: t("detail.decidedAtNone") },
                    ...(options?.decidingMeetings ?? []).map((m) => ({ value: m.id, label: `${formatDate(m.plannedStart)} – ${m.title}` })),
                  ],
                },
              ]}
            />
          </Disclosure>
        ) : null}
      </Card>

      <Card title={t("detail.temporaryTransfers")}>
        {member.temporaryTransfers.length === 0 ? (
          <Empty>{t("detail.noTemporaryTransfers")}</Empty>
        ) : (
          <Entries>
            {member.temporaryTransfers.map((tt) => (
              <li key={tt.id} className="flex flex-col gap-1 py-3">
                <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                  {tt.hostBranch ? <UnitLink unit={tt.hostBranch} /> : tt.hostName}
                  {tt.hostBranch ? null : <Badge tone="muted">{t("detail.outsideTenant")}</Badge>}
                  {tt.current ? <Badge tone="success">{t("detail.inForce")}</Badge> : null}
                </span>
                <span className="text-base text-ink-700">{period(tt.fromDate, tt.toDate)}</span>
                {tt.reason ? <span className="text-base text-ink-700">{tt.reason}</span> : null}
                {manage && tt.toDate === null ? endForm("temporaryTransfer", tt.id) : null}
              </li>
            ))}
          </Entries>
        )}
        {writable ? (
          <Disclosure summary={t("detail.addTemporaryTransfer")}>
            <ActionForm
              action={actions.addTemporaryTransfer}
              {...common}
              submitLabel={t("detail.addSubmit")}
              fields={[
                memberField,
                branchField("hostBranchId", t("detail.hostBranch"), t("detail.hostOutside")),
                { kind: "text", name: "hostName", label: t("detail.hostName"), hint: t("detail.hostNameHint"), maxLength: 200 },
                { kind: "date", name: "fromDate", label: t("fields.fromDate"), required: true },
                { kind: "date", name: "toDate", label: t("fields.toDate"), hint: t("detail.toDateHint") },
                { kind: "text", name: "reason", label: t("fields.reason"), maxLength: 500 },
              ]}
            />
          </Disclosure>
        ) : null}
      </Card>

      <Card title={t("detail.suspensions")}>
        {member.suspensions.length === 0 ? (
          <Empty>{t("detail.noSuspensions")}</Empty>
        ) : (
          <Entries>
            {member.suspensions.map((s) => (
              <li key={s.id} className="flex flex-col gap-1 py-3">
                <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                  {s.reason}
                  {s.current ? <Badge tone="success">{t("detail.inForce")}</Badge> : null}
                </span>
                <span className="text-base text-ink-700">{period(s.fromDate, s.toDate)}</span>
                {manage && s.toDate === null ? endForm("suspension", s.id) : null}
              </li>
            ))}
          </Entries>
        )}
        {writable ? (
          <Disclosure summary={t("detail.addSuspension")}>
            <ActionForm
              action={actions.addSuspension}
              {...common}
              submitLabel={t("detail.addSubmit")}
              fields={[
                memberField,
                { kind: "date", name: "fromDate", label: t("fields.fromDate"), required: true },
                { kind: "date", name: "toDate", label: t("fields.toDate"), hint: t("detail.toDateHint") },
                { kind: "text", name: "reason", label: t("fields.reason"), required: true, maxLength: 500 },
              ]}
            />
          </Disclosure>
        ) : null}
      </Card>

      <Card title={t("detail.residence")}>
        <p className="mb-3 text-base text-ink-700">{t("detail.residenceIntro")}</p>
        {member.residenceLinks.length === 0 ? (
          <Empty>{t("detail.noResidence")}</Empty>
        ) : (
          <Entries>
            {member.residenceLinks.map((link) => {
              const linkFields = (prefix: string): ActionField[] => [
                memberField,
                ...(prefix === "update"
                  ? ([
                      { kind: "hidden", name: "linkId", value: link.id },
                      { kind: "hidden", name: "version", value: String(link.version) },
                    ] as const)
                  : []),
                options?.branches === null
                  ? branchField("residenceBranchId", t("detail.residenceBranch"), t("detail.residenceOutside"))
                  : {
                      kind: "select",
                      name: "residenceBranchId",
                      label: t("detail.residenceBranch"),
                      defaultValue: link.residenceBranch?.id ?? "",
                      options: [
                        { value: "", label: t("detail.residenceOutside") },
                        ...branchOptions,
                        // A linked branch the user no longer manages stays choosable as it is.
                        ...(link.residenceBranch && !branchOptions.some((b) => b.value === link.residenceBranch?.id)
                          ? [{ value: link.residenceBranch.id, label: link.residenceBranch.name }]
                          : []),
                      ],
                    },
                { kind: "text", name: "residenceBranchName", label: t("detail.residenceBranchName"), hint: t("detail.hostNameHint"), defaultValue: link.residenceBranchName ?? "", maxLength: 200 },
                { kind: "text", name: "address", label: t("fields.address"), defaultValue: link.address ?? "", maxLength: 300 },
                { kind: "date", name: "fromDate", label: t("fields.fromDate"), required: true, defaultValue: isoDay(link.fromDate) },
                { kind: "date", name: "toDate", label: t("fields.toDate"), hint: t("detail.toDateHint"), defaultValue: link.toDate ? isoDay(link.toDate) : "" },
                { kind: "checkbox", name: "exempt", label: t("detail.residenceExempt"), hint: t("detail.residenceExemptHint"), defaultChecked: link.exempt },
                { kind: "text", name: "exemptReason", label: t("detail.residenceExemptReason"), defaultValue: link.exemptReason ?? "", suggestions: RESIDENCE_EXEMPT_SUGGESTIONS, maxLength: 300 },
              ];
              return (
                <li key={link.id} className="flex flex-col gap-2 py-3">
                  <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                    {link.residenceBranch ? <UnitLink unit={link.residenceBranch} /> : link.residenceBranchName}
                    {link.residenceBranch ? null : <Badge tone="muted">{t("detail.outsideTenant")}</Badge>}
                    {link.current ? <Badge tone="success">{t("detail.inForce")}</Badge> : null}
                    {link.exempt ? <Badge>{t("detail.residenceExemptBadge")}</Badge> : null}
                  </span>
                  <span className="text-base text-ink-700">{period(link.fromDate, link.toDate)}</span>
                  {link.address ? <span className="text-base text-ink-700">{t("detail.address", { address: link.address })}</span> : null}
                  {link.exempt && link.exemptReason ? (
                    <span className="text-base text-ink-700">{t("detail.exemptReason", { reason: link.exemptReason })}</span>
                  ) : null}
                  <div className="mt-1">
                    <h3 className="text-base font-semibold text-ink-900">{t("detail.comments")}</h3>
                    {link.comments.length === 0 ? (
                      <Empty>{link.exempt ? t("detail.noCommentsExempt") : t("detail.noComments")}</Empty>
                    ) : (
                      <ul className="mt-1 flex flex-col gap-2">
                        {link.comments.map((c) => (
                          <li key={c.id} className="rounded-lg bg-ink-50 px-3 py-2">
                            <p className="text-base font-semibold text-ink-900">
                              {t("detail.commentYear", { year: c.year })}
                              <span className="font-normal text-ink-700">
                                {" · "}
                                {t("detail.commentReceived", { date: formatCalendarDate(c.receivedOn) })}
                                {c.commentedBy ? ` · ${c.commentedBy}` : ""}
                              </span>
                            </p>
                            <p className="text-base whitespace-pre-line text-ink-900">{c.comment}</p>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                  {manage && !link.exempt ? (
                    <Disclosure summary={t("detail.addComment")}>
                      <ActionForm
                        action={actions.saveResidenceComment}
                        {...common}
                        submitLabel={t("detail.saveComment")}
                        fields={[
                          memberField,
                          { kind: "hidden", name: "linkId", value: link.id },
                          {
                            kind: "number",
                            name: "year",
                            label: t("fields.year"),
                            hint: t("detail.commentYearHint"),
                            required: true,
                            defaultValue: String(todayInVietnam().getUTCFullYear()),
                            min: link.fromDate.getUTCFullYear(),
                            max: todayInVietnam().getUTCFullYear(),
                          },
                          { kind: "textarea", name: "comment", label: t("fields.comment"), required: true, maxLength: 4000 },
                          { kind: "text", name: "commentedBy", label: t("fields.commentedBy"), maxLength: 200 },
                          { kind: "date", name: "receivedOn", label: t("fields.receivedOn"), required: true, defaultValue: today },
                        ]}
                      />
                    </Disclosure>
                  ) : null}
                  {manage ? (
                    <Disclosure summary={t("detail.editResidence")}>
                      <ActionForm action={actions.updateResidenceLink} {...common} submitLabel={t("form.save")} fields={linkFields("update")} />
                    </Disclosure>
                  ) : null}
                </li>
              );
            })}
          </Entries>
        )}
        {writable ? (
          <Disclosure summary={t("detail.addResidence")}>
            <ActionForm
              action={actions.addResidenceLink}
              {...common}
              submitLabel={t("detail.addSubmit")}
              fields={[
                memberField,
                branchField("residenceBranchId", t("detail.residenceBranch"), t("detail.residenceOutside")),
                { kind: "text", name: "residenceBranchName", label: t("detail.residenceBranchName"), hint: t("detail.hostNameHint"), maxLength: 200 },
                { kind: "text", name: "address", label: t("fields.address"), maxLength: 300 },
                { kind: "date", name: "fromDate", label: t("fields.fromDate"), required: true },
                { kind: "date", name: "toDate", label: t("fields.toDate"), hint: t("detail.toDateHint") },
                { kind: "checkbox", name: "exempt", label: t("detail.residenceExempt"), hint: t("detail.residenceExemptHint") },
                { kind: "text", name: "exemptReason", label: t("detail.residenceExemptReason"), suggestions: RESIDENCE_EXEMPT_SUGGESTIONS, maxLength: 300 },
              ]}
            />
          </Disclosure>
        ) : null}
      </Card>

      {writable ? (
        <Card title={t("detail.endMembership")}>
          <p className="text-base text-ink-700">{t("detail.endMembershipIntro")}</p>
          <Disclosure summary={t("detail.endMembershipOpen")}>
            <ActionForm
              action={actions.endMembership}
              {...common}
              submitLabel={t("detail.endMembershipSubmit")}
              fields={[
                memberField,
                { kind: "hidden", name: "version", value: String(member.version) },
                { kind: "date", name: "endedOn", label: t("fields.endedOn"), hint: t("detail.endedOnHint"), required: true },
                {
                  kind: "select",
                  name: "endReason",
                  label: t("fields.endReason"),
                  required: true,
                  options: [
                    { value: "", label: t("form.choose") },
                    ...Object.values(MemberEndReason).map((reason) => ({ value: reason, label: t(`endReason.${reason}`) })),
                  ],
                },
              ]}
            />
          </Disclosure>
        </Card>
      ) : null}
    </div>
  );
}

/** The page header's badges and links (name is the page title). */
export function MemberHeaderBadges({ member }: { member: MemberDetail }) {
  return (
    <MemberBadges
      member={{
        status: member.status,
        positions: [...new Set(member.positions.filter((p) => p.current).map((p) => p.kind))],
        exempt: member.exemptions.some((e) => e.current),
        suspended: member.suspensions.some((s) => s.current),
        temporarilyAway: member.temporaryTransfers.some((tt) => tt.current),
        endedOn: member.endedOn,
      }}
    />
  );
}
