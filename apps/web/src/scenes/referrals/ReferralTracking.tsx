import {
  REFERRAL_OUTCOMES,
  nextSteps,
  type ReferralOutcome,
} from "@sweetie/core/referral/lifecycle";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { trackReferral, type ReferralDetail, type TrackedStep } from "../../api/referrals";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SelectField } from "../../components/SelectField";
import { TextAreaField } from "../../components/TextAreaField";
import { TextField } from "../../components/TextField";
import { OUTCOME_WORDS, today } from "./referralFormat";

type Step = TrackedStep["step"];

const TITLES: Record<Step, string> = {
  sent: "Record that it was sent",
  acknowledged: "Record the agency's acknowledgement",
  outcome: "Record an outcome",
};
const titleOf = (step: Step, referral: ReferralDetail) =>
  step === "outcome" && referral.outcome ? "Record a later outcome" : TITLES[step];

/** What happened after release, one step at a time: sent, acknowledged, outcome (supervisors). */
export function ReferralTracking({
  operationId,
  referral,
}: {
  operationId: string;
  referral: ReferralDetail;
}) {
  const steps = nextSteps(referral.status).filter(
    (step): step is Step => step === "sent" || step === "acknowledged" || step === "outcome",
  );
  if (steps.length === 0) return null;
  return (
    <section className="section" aria-labelledby="tracking-heading">
      <h2 id="tracking-heading">What happened next</h2>
      {steps.map((step) => (
        <StepForm
          key={`${step}-${referral.steps.length}`}
          step={step}
          {...{ operationId, referral }}
        />
      ))}
    </section>
  );
}

function StepForm({
  step,
  operationId,
  referral,
}: {
  step: Step;
  operationId: string;
  referral: ReferralDetail;
}) {
  const queryClient = useQueryClient();
  const [occurredOn, setOccurredOn] = useState(today());
  const [agencyReference, setAgencyReference] = useState("");
  const [outcome, setOutcome] = useState<ReferralOutcome | "">("");
  const [note, setNote] = useState("");
  const [outcomeMissing, setOutcomeMissing] = useState(false);
  const track = useMutation({
    mutationFn: (input: TrackedStep) => trackReferral(operationId, referral.id, input),
    onSuccess: ({ referral: changed }) => {
      queryClient.setQueryData(["referral", operationId, referral.id], { referral: changed });
      void queryClient.invalidateQueries({ queryKey: ["referrals", operationId] });
    },
  });
  const errorOf = (field: string) => fieldErrorOf(track.error, field);
  const aboutAField = ["occurredOn", "agencyReference", "outcome", "note"].some(errorOf);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcomeMissing(false);
    if (step === "sent") track.mutate({ step, occurredOn, note });
    else if (step === "acknowledged") track.mutate({ step, occurredOn, agencyReference, note });
    else if (outcome === "") setOutcomeMissing(true);
    else track.mutate({ step, occurredOn, outcome, note });
  }

  const agency = referral.agency;
  const title = titleOf(step, referral);
  return (
    <form className="form step-form" aria-label={title} onSubmit={handleSubmit} noValidate>
      <h3>{title}</h3>
      {step === "sent" && agency ? (
        <p className="muted">
          The package goes to {agency.name} through {agency.contactChannel} (contact:{" "}
          {agency.contactPerson}).
        </p>
      ) : null}
      {step === "outcome" && referral.outcome ? (
        <p className="muted">
          Recorded so far: {OUTCOME_WORDS[referral.outcome]}. Record another when the case moves on.
        </p>
      ) : null}
      {aboutAField ? null : <ErrorMessage error={track.error} />}
      <div className="form-row form-row-top">
        <TextField
          label={step === "sent" ? "Sent on" : step === "acknowledged" ? "Acknowledged on" : "On"}
          type="date"
          hint="The day it happened."
          value={occurredOn}
          onValueChange={setOccurredOn}
          fieldError={errorOf("occurredOn")}
        />
        {step === "acknowledged" ? (
          <TextField
            label="Agency's reference"
            hint="Their case or file number for this referral."
            value={agencyReference}
            onValueChange={setAgencyReference}
            fieldError={errorOf("agencyReference")}
            autoComplete="off"
          />
        ) : null}
        {step === "outcome" ? (
          <SelectField
            label="Outcome"
            value={outcome}
            onValueChange={(value) => setOutcome(value as ReferralOutcome | "")}
            fieldError={
              outcomeMissing
                ? "Choose what the agency reported (Unknown if they have not said)."
                : errorOf("outcome")
            }
          >
            <option value="">Choose the outcome</option>
            {REFERRAL_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {OUTCOME_WORDS[value]}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <TextAreaField
        label="Note (optional)"
        value={note}
        onValueChange={setNote}
        fieldError={errorOf("note")}
        rows={2}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={track.isPending}>
          {title}
        </button>
      </div>
    </form>
  );
}
