import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { fieldErrorOf } from "../../api/apiError";
import { fetchCandidates, type ReferralSelection } from "../../api/referrals";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SelectField } from "../../components/SelectField";
import { count, countryLabel, STATUS_IN_WORDS } from "./referralFormat";

interface SubjectPickerProps {
  operationId: string;
  country: string;
  /** What is chosen already (a draft being changed); nothing for a new referral. */
  initial?: ReferralSelection;
  /** The referral being changed, so its own subjects are not listed as "in another referral". */
  referralId?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (selection: ReferralSelection) => void;
}

/**
 * The country's subjects with their status (established, or why not) and the referrals that
 * already carry them; the person ticks which go in and chooses the receiving agency.
 */
export function SubjectPicker(props: SubjectPickerProps) {
  const { operationId, country, initial, referralId } = props;
  const candidates = useQuery({
    queryKey: ["referral-candidates", operationId, country],
    queryFn: () => fetchCandidates(operationId, country),
  });
  const [chosen, setChosen] = useState<Set<string>>(new Set(initial?.subjectIds ?? []));
  // Untouched (null): the draft's agency, or the country's only agency.
  const [agencyId, setAgencyId] = useState<string | null>(
    initial ? (initial.agencyId ?? "") : null,
  );

  if (candidates.isPending) return <p className="muted">Loading the subjects of {country}…</p>;
  if (candidates.isError) return <ErrorMessage error={candidates.error} />;
  const { subjects, agencies } = candidates.data;
  const agency = agencyId ?? (agencies.length === 1 ? agencies[0]!.id : "");
  const subjectError = fieldErrorOf(props.error, "subjectIds");
  const agencyError = fieldErrorOf(props.error, "agencyId");

  function toggle(id: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSubmit({ agencyId: agency || null, subjectIds: [...chosen] });
  }

  return (
    <form
      className="form referral-builder"
      aria-label={props.submitLabel}
      onSubmit={handleSubmit}
      noValidate
    >
      {subjectError || agencyError ? null : <ErrorMessage error={props.error} />}
      <fieldset className="fieldset">
        <legend>Subjects attributed to {countryLabel(country)}</legend>
        {subjects.length === 0 ? (
          <p className="muted">
            No subject of this operation is attributed to {countryLabel(country)}. Confirm a
            subject&apos;s country on its page first.
          </p>
        ) : null}
        <ul className="plain-list candidate-list">
          {subjects.map((subject) => {
            const elsewhere = subject.inReferrals.filter((r) => r.id !== referralId);
            return (
              <li key={subject.id} className="candidate">
                <label className="checkbox candidate-choice">
                  <input
                    type="checkbox"
                    checked={chosen.has(subject.id)}
                    onChange={(event) => toggle(subject.id, event.target.checked)}
                  />
                  <span className="candidate-label">{subject.label}</span>
                  {subject.established ? (
                    <Badge tone="active">Established</Badge>
                  ) : (
                    <Badge>Not established</Badge>
                  )}
                </label>
                <p className="candidate-meta muted">
                  {count(subject.establishedClaims, "established claim")},{" "}
                  {count(subject.conversations, "conversation")} ·{" "}
                  <Link href={`/operations/${operationId}/subjects/${subject.id}`}>
                    open the subject
                  </Link>
                </p>
                {subject.established ? null : (
                  <ul
                    className="claim-missing"
                    aria-label={`Why ${subject.label} is not established`}
                  >
                    {subject.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                )}
                {elsewhere.length > 0 ? (
                  <p className="candidate-meta">
                    Already in{" "}
                    {elsewhere.length === 1
                      ? "another referral"
                      : count(elsewhere.length, "other referral")}{" "}
                    ({elsewhere.map((r) => STATUS_IN_WORDS[r.status]).join(", ")}).
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        {subjectError ? <p className="field-error">{subjectError}</p> : null}
      </fieldset>
      {agencies.length === 0 ? (
        <p className="message message-warn">
          No agency is registered for {countryLabel(country)}. You can save the draft; it cannot be
          released until a system administrator registers the receiving agency.
        </p>
      ) : (
        <SelectField
          label="Receiving agency"
          hint="The package goes only to this registered agency."
          value={agency}
          onValueChange={setAgencyId}
          fieldError={agencyError}
        >
          <option value="">Choose the agency</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.unit ? `, ${a.unit}` : ""}
            </option>
          ))}
        </SelectField>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.pending}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
