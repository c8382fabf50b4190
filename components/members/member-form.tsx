"use client";

// Add a member, or edit one's own fields. What was typed stays when the server refuses; every
// rule is checked again by the service.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { UnitPicker } from "@/components/admin/search-picker";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";
import type { BranchChoice } from "@/lib/org/members";

export interface MemberFormValues {
  fullName: string;
  gender: string;
  birthDate: string;
  partyCardNumber: string;
  admittedOn: string;
  officialOn: string;
  status: string;
  ethnicity: string;
  hometown: string;
  occupation: string;
  phone: string;
  email: string;
}

export const EMPTY_MEMBER_FORM: MemberFormValues = {
  fullName: "",
  gender: "",
  birthDate: "",
  partyCardNumber: "",
  admittedOn: "",
  officialOn: "",
  status: "OFFICIAL",
  ethnicity: "Kinh",
  hometown: "",
  occupation: "",
  phone: "",
  email: "",
};

export function MemberForm({
  action,
  mode,
  defaults,
  hidden = {},
  branches = [],
  searchBranches,
  cancelHref,
}: {
  action: FormAction<null>;
  mode: "create" | "edit";
  defaults: MemberFormValues;
  /** id and version when editing. */
  hidden?: Record<string, string>;
  /** Branches the member can be added to (create only); null: too many to list, search instead. */
  branches?: readonly { value: string; label: string }[] | null;
  searchBranches?: (query: string) => Promise<BranchChoice[]>;
  cancelHref: string;
}) {
  const t = useTranslations("members");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [status, setStatus] = useState(defaults.status);
  const errors = (name: string) => fieldErrors[name];

  return (
    <form onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-6" noValidate>
      {state && !state.ok ? (
        <Alert tone="error">{Object.values(fieldErrors).flat().includes(state.error) ? t("form.checkFields") : state.error}</Alert>
      ) : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      <Card title={t("form.personal")} titleAs="h2">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            className="sm:col-span-2"
            label={t("fields.fullName")}
            name="fullName"
            defaultValue={defaults.fullName}
            required
            maxLength={120}
            autoComplete="off"
            errors={errors("fullName")}
          />
          <SelectField
            label={t("fields.gender")}
            name="gender"
            defaultValue={defaults.gender}
            required
            options={[
              { value: "", label: t("form.choose") },
              { value: "MALE", label: t("gender.MALE") },
              { value: "FEMALE", label: t("gender.FEMALE") },
            ]}
            errors={errors("gender")}
          />
          <TextField label={t("fields.birthDate")} name="birthDate" type="date" defaultValue={defaults.birthDate} required errors={errors("birthDate")} />
          <TextField label={t("fields.ethnicity")} name="ethnicity" defaultValue={defaults.ethnicity} maxLength={50} errors={errors("ethnicity")} />
          <TextField label={t("fields.hometown")} name="hometown" defaultValue={defaults.hometown} maxLength={200} errors={errors("hometown")} />
          <TextField
            className="sm:col-span-2"
            label={t("fields.occupation")}
            name="occupation"
            defaultValue={defaults.occupation}
            maxLength={200}
            errors={errors("occupation")}
          />
          <TextField label={t("fields.phone")} name="phone" type="tel" defaultValue={defaults.phone} autoComplete="off" errors={errors("phone")} />
          <TextField label={t("fields.email")} name="email" type="email" defaultValue={defaults.email} autoComplete="off" errors={errors("email")} />
        </div>
      </Card>

      <Card title={t("form.party")} titleAs="h2">
        <div className="grid gap-5 sm:grid-cols-2">
          {mode === "create" ? (
            <>
              {branches === null && searchBranches ? (
                <div className="sm:col-span-2">
                  <UnitPicker name="branchId" label={t("fields.branch")} search={searchBranches} errors={errors("branchId")} />
                </div>
              ) : (
                <SelectField
                  className="sm:col-span-2"
                  label={t("fields.branch")}
                  name="branchId"
                  defaultValue=""
                  required
                  options={[{ value: "", label: t("form.chooseBranch") }, ...(branches ?? [])]}
                  errors={errors("branchId")}
                />
              )}
              <TextField
                label={t("fields.membershipFrom")}
                name="membershipFrom"
                type="date"
                hint={t("form.membershipFromHint")}
                errors={errors("membershipFrom")}
              />
            </>
          ) : null}
          <TextField label={t("fields.admittedOn")} name="admittedOn" type="date" defaultValue={defaults.admittedOn} required errors={errors("admittedOn")} />
          <SelectField
            label={t("fields.status")}
            name="status"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            options={[
              { value: "OFFICIAL", label: t("status.OFFICIAL") },
              { value: "PROBATIONARY", label: t("status.PROBATIONARY") },
            ]}
            errors={errors("status")}
          />
          <TextField
            label={t("fields.officialOn")}
            name="officialOn"
            type="date"
            defaultValue={defaults.officialOn}
            hint={status === "PROBATIONARY" ? t("form.officialOnProbationary") : t("form.officialOnHint")}
            errors={errors("officialOn")}
          />
          <TextField
            label={t("fields.partyCardNumber")}
            name="partyCardNumber"
            defaultValue={defaults.partyCardNumber}
            hint={t("form.partyCardHint")}
            maxLength={30}
            autoComplete="off"
            errors={errors("partyCardNumber")}
          />
        </div>
      </Card>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("form.saving") : mode === "create" ? t("form.create") : t("form.save")}
        </Button>
        <ButtonLink href={cancelHref} variant="ghost">
          {t("form.cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}
