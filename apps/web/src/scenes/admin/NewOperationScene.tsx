import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { fieldErrorOf } from "../../api/apiError";
import { createOperation } from "../../api/administration";
import type { Me, OperationMode } from "../../api/schemas";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageTitle } from "../../components/PageTitle";
import { TextAreaField } from "../../components/TextAreaField";
import { TextField } from "../../components/TextField";
import { operationsKey } from "../../hooks/useOperations";

const DAY = 24 * 3_600_000;
/** A datetime-local value (local time, minutes) for a date. */
const localInput = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Form keys whose server field has another path. */
const fieldPaths: Record<string, string> = {
  issuingAuthority: "authorization.issuingAuthority",
  reference: "authorization.reference",
  partnerUnit: "authorization.partnerUnit",
  permittedVenues: "authorization.permittedVenues",
  personaAge: "authorization.personaAge",
  startsAt: "authorization.startsAt",
  endsAt: "authorization.endsAt",
  personaName: "persona.name",
  personaGender: "persona.gender",
  personaLocation: "persona.location",
  displayNames: "persona.displayNames",
};

/** A new operation with its authorization record and its persona (system administrators). */
export function NewOperationScene({ me }: { me: Me }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const now = new Date();
  const [form, setForm] = useState({
    name: "",
    mode: "identify" as OperationMode,
    issuingAuthority: "",
    reference: "",
    partnerUnit: "",
    permittedVenues: "training://lobby",
    personaAge: "10",
    startsAt: localInput(now),
    endsAt: localInput(new Date(now.getTime() + 90 * DAY)),
    retentionDays: "90",
    requireTotp: false,
    personaName: "",
    personaGender: "girl",
    personaLocation: "",
    displayNames: "",
  });
  const set = (key: keyof typeof form) => (value: string) => {
    setForm((current) => ({ ...current, [key]: value }));
    // A field's message goes once the person changes what it was about.
    if (create.error && fieldErrorOf(create.error, fieldPaths[key] ?? key)) create.reset();
  };
  const create = useMutation({
    mutationFn: () =>
      createOperation({
        name: form.name,
        mode: form.mode,
        authorization: {
          issuingAuthority: form.issuingAuthority,
          reference: form.reference,
          partnerUnit: form.partnerUnit,
          permittedVenues: lines(form.permittedVenues),
          personaAge: Number(form.personaAge),
          startsAt: new Date(form.startsAt).toISOString(),
          endsAt: new Date(form.endsAt).toISOString(),
        },
        retentionDays: Number(form.retentionDays),
        requireTotp: form.requireTotp,
        persona: {
          name: form.personaName,
          gender: form.personaGender,
          location: form.personaLocation,
          displayNames: lines(form.displayNames),
        },
      }),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: operationsKey });
      navigate(`/operations/${encodeURIComponent(operation.id)}`);
    },
  });
  const error = (field: string) => fieldErrorOf(create.error, field);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate();
  }

  if (!me.isAdmin) {
    return (
      <>
        <PageTitle title="New operation" />
        <p>Only system administrators open operations.</p>
      </>
    );
  }
  return (
    <div className="panel panel-medium">
      <p className="back-link">
        <Link href="/operations">
          <span aria-hidden="true">← </span>All operations
        </Link>
      </p>
      <PageTitle title="New operation" />
      <p className="muted">
        Record the authorization exactly as issued. Nothing runs outside it: the persona can go
        present only in the permitted venues, inside the window.
      </p>
      <form onSubmit={handleSubmit} className="form" noValidate>
        <ErrorMessage error={create.error} />
        <TextField
          label="Operation name"
          name="name"
          required
          value={form.name}
          onValueChange={set("name")}
          fieldError={error("name")}
        />
        <fieldset className="fieldset">
          <legend>Mode</legend>
          <div className="radio-row">
            {(
              [
                ["identify", "Identify: collect evidence and refer to police"],
                ["deter", "Deter: break off with a warning notice"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="checkbox">
                <input
                  type="radio"
                  name="mode"
                  value={value}
                  checked={form.mode === value}
                  onChange={() => setForm((current) => ({ ...current, mode: value }))}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Authorization</legend>
          <TextField
            label="Issuing authority"
            name="issuingAuthority"
            hint="Who authorized the operation, e.g. a prosecutor's office or court."
            required
            value={form.issuingAuthority}
            onValueChange={set("issuingAuthority")}
            fieldError={error("authorization.issuingAuthority")}
          />
          <div className="form-row">
            <TextField
              label="Reference"
              name="reference"
              hint="Warrant, mandate or order number."
              required
              value={form.reference}
              onValueChange={set("reference")}
              fieldError={error("authorization.reference")}
            />
            <TextField
              label="Partner police unit"
              name="partnerUnit"
              required
              value={form.partnerUnit}
              onValueChange={set("partnerUnit")}
              fieldError={error("authorization.partnerUnit")}
            />
          </div>
          <TextAreaField
            label="Permitted venues"
            name="permittedVenues"
            hint="One address per line, e.g. training://lobby or irc://irc.example.net/#room."
            value={form.permittedVenues}
            onValueChange={set("permittedVenues")}
            fieldError={error("authorization.permittedVenues")}
          />
          <div className="form-row">
            <TextField
              label="Authorized from"
              name="startsAt"
              type="datetime-local"
              required
              value={form.startsAt}
              onValueChange={set("startsAt")}
              fieldError={error("authorization.startsAt")}
            />
            <TextField
              label="Authorized until"
              name="endsAt"
              type="datetime-local"
              required
              value={form.endsAt}
              onValueChange={set("endsAt")}
              fieldError={error("authorization.endsAt")}
            />
          </div>
          <div className="form-row">
            <TextField
              label="Retention (days)"
              name="retentionDays"
              inputMode="numeric"
              hint="Conversations that never met the criteria are purged after this."
              value={form.retentionDays}
              onValueChange={set("retentionDays")}
              fieldError={error("retentionDays")}
            />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.requireTotp}
              onChange={(event) =>
                setForm((current) => ({ ...current, requireTotp: event.target.checked }))
              }
            />
            Require two-factor sign-in for the whole team
          </label>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Persona</legend>
          <div className="form-row">
            <TextField
              label="Persona's name"
              name="personaName"
              required
              value={form.personaName}
              onValueChange={set("personaName")}
              fieldError={error("persona.name")}
            />
            <TextField
              label="Persona's age"
              name="personaAge"
              inputMode="numeric"
              hint="The age the authorization names."
              required
              value={form.personaAge}
              onValueChange={set("personaAge")}
              fieldError={error("authorization.personaAge")}
            />
          </div>
          <div className="form-row">
            <TextField
              label="Gender"
              name="personaGender"
              required
              value={form.personaGender}
              onValueChange={set("personaGender")}
              fieldError={error("persona.gender")}
            />
            <TextField
              label="Where the persona lives"
              name="personaLocation"
              hint="e.g. Cebu, Philippines. Typed messages that say otherwise are held."
              required
              value={form.personaLocation}
              onValueChange={set("personaLocation")}
              fieldError={error("persona.location")}
            />
          </div>
          <TextField
            label="Display names"
            name="displayNames"
            hint="The names the persona shows in venues, separated by commas."
            required
            value={form.displayNames}
            onValueChange={set("displayNames")}
            fieldError={error("persona.displayNames")}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Open the operation
          </button>
        </div>
      </form>
    </div>
  );
}
