// The cards of the member's page about the person, the party record, the branches and positions,
// the periods away from the branch's meetings, and the residence links (ARCHITECTURE: a page
// composes; these only show what lib/org/members.ts read and post to its services).
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ActionForm, type ActionField } from "@/components/members/action-form";
import { PositionKind } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, formatDate } from "@/lib/i18n/format";
import { probationEnds, RESIDENCE_EXEMPT_SUGGESTIONS } from "@/lib/org/member-schemas";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { Disclosure, Empty, Entries, Fact, UnitLink, type DetailKit } from "./member-detail-kit";

/** The person and the party record (with making a probationary member official). */
export function PersonCards({ kit }: { kit: DetailKit }) {
  const { t, member, actions, writable, common, memberField } = kit;
  return (
    <>
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
    </>
  );
}

/** The branches the member has belonged to, and the transfer to another. */
export function MembershipsCard({ kit }: { kit: DetailKit }) {
  const { t, member, options, actions, writable, period, common, memberField, branchField } = kit;
  return (
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
      {writable && options ? (
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
  );
}

/** Positions held (chi ủy, bí thư …), ending a term and assigning one. */
export function PositionsCard({ kit }: { kit: DetailKit }) {
  const { t, member, options, actions, manage, writable, today, period, common, memberField } = kit;
  return (
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
      {writable && options && options.positionUnits.length > 0 ? (
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
  );
}

/**
 * A member's periods of one kind (exemptions, temporary transfers, suspensions): what and when,
 * whether in force, and the form that ends an open one.
 */
function PeriodEntries<P extends { id: string; fromDate: Date; toDate: Date | null; current: boolean }>({
  kit,
  kind,
  periods,
  empty,
  title,
  details,
}: {
  kit: DetailKit;
  kind: "exemption" | "temporaryTransfer" | "suspension";
  periods: readonly P[];
  empty: string;
  title: (period: P) => ReactNode;
  details?: (period: P) => ReactNode;
}) {
  const { t, manage, period, endForm } = kit;
  if (periods.length === 0) return <Empty>{empty}</Empty>;
  return (
    <Entries>
      {periods.map((p) => (
        <li key={p.id} className="flex flex-col gap-1 py-3">
          <span className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
            {title(p)}
            {p.current ? <Badge tone="success">{t("detail.inForce")}</Badge> : null}
          </span>
          <span className="text-base text-ink-700">{period(p.fromDate, p.toDate)}</span>
          {details?.(p)}
          {manage && p.toDate === null ? endForm(kind, p.id) : null}
        </li>
      ))}
    </Entries>
  );
}

/** Exemptions from the branch's meetings (miễn sinh hoạt). */
export function ExemptionsCard({ kit }: { kit: DetailKit }) {
  const { t, member, options, actions, writable, common, memberField, periodFields } = kit;
  return (
    <Card title={t("detail.exemptions")}>
      <p className="mb-3 text-base text-ink-700">{t("detail.exemptionsIntro")}</p>
      <PeriodEntries
        kit={kit}
        kind="exemption"
        periods={member.exemptions}
        empty={t("detail.noExemptions")}
        title={(e) => e.reason}
        details={(e) =>
          e.decidedAtMeeting ? (
            <span className="text-base text-ink-700">
              {t("detail.decidedAt", { date: formatDate(e.decidedAtMeeting.plannedStart), title: e.decidedAtMeeting.title })}
            </span>
          ) : null
        }
      />
      {writable ? (
        <Disclosure summary={t("detail.addExemption")}>
          <ActionForm
            action={actions.addExemption}
            {...common}
            submitLabel={t("detail.addSubmit")}
            fields={[
              memberField,
              ...periodFields,
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
  );
}

/** Temporary transfers to another branch or outside the tenant. */
export function TemporaryTransfersCard({ kit }: { kit: DetailKit }) {
  const { t, member, actions, writable, common, memberField, periodFields, branchField } = kit;
  return (
    <Card title={t("detail.temporaryTransfers")}>
      <PeriodEntries
        kit={kit}
        kind="temporaryTransfer"
        periods={member.temporaryTransfers}
        empty={t("detail.noTemporaryTransfers")}
        title={(tt) => (
          <>
            {tt.hostBranch ? <UnitLink unit={tt.hostBranch} /> : tt.hostName}
            {tt.hostBranch ? null : <Badge tone="muted">{t("detail.outsideTenant")}</Badge>}
          </>
        )}
        details={(tt) => (tt.reason ? <span className="text-base text-ink-700">{tt.reason}</span> : null)}
      />
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
              ...periodFields,
              { kind: "text", name: "reason", label: t("fields.reason"), maxLength: 500 },
            ]}
          />
        </Disclosure>
      ) : null}
    </Card>
  );
}

/** Suspensions (đình chỉ sinh hoạt). */
export function SuspensionsCard({ kit }: { kit: DetailKit }) {
  const { t, member, actions, writable, common, memberField, periodFields } = kit;
  return (
    <Card title={t("detail.suspensions")}>
      <PeriodEntries kit={kit} kind="suspension" periods={member.suspensions} empty={t("detail.noSuspensions")} title={(s) => s.reason} />
      {writable ? (
        <Disclosure summary={t("detail.addSuspension")}>
          <ActionForm
            action={actions.addSuspension}
            {...common}
            submitLabel={t("detail.addSubmit")}
            fields={[
              memberField,
              ...periodFields,
              { kind: "text", name: "reason", label: t("fields.reason"), required: true, maxLength: 500 },
            ]}
          />
        </Disclosure>
      ) : null}
    </Card>
  );
}

/** Links to the branch of the place of residence, with its yearly comments. */
export function ResidenceCard({ kit }: { kit: DetailKit }) {
  const { t, member, options, actions, manage, writable, today, period, common, memberField, periodFields, branchOptions, branchField } = kit;
  return (
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
              ...periodFields,
              { kind: "checkbox", name: "exempt", label: t("detail.residenceExempt"), hint: t("detail.residenceExemptHint") },
              { kind: "text", name: "exemptReason", label: t("detail.residenceExemptReason"), suggestions: RESIDENCE_EXEMPT_SUGGESTIONS, maxLength: 300 },
            ]}
          />
        </Disclosure>
      ) : null}
    </Card>
  );
}

