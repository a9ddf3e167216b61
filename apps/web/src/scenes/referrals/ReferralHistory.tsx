import type { ReferralOutcome } from "@sweetie/core/referral/lifecycle";
import type { ReferralDetail, ReferralStepView } from "../../api/referrals";
import { formatDateTime } from "../../format";
import { count, OUTCOME_WORDS, STEP_WORDS } from "./referralFormat";

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

/** What a step recorded besides who and when, in words. */
function stepFacts(step: ReferralStepView): string[] {
  const d = step.details;
  const facts: string[] = [];
  if (step.occurredOn) facts.push(`on ${step.occurredOn}`);
  if (Array.isArray(d.subjectIds)) facts.push(count(d.subjectIds.length, "subject"));
  const reference = text(d.agencyReference);
  if (reference) facts.push(`agency's reference ${reference}`);
  const outcome = text(d.outcome);
  if (outcome && outcome in OUTCOME_WORDS) facts.push(OUTCOME_WORDS[outcome as ReferralOutcome]);
  const channel = text(d.contactChannel);
  if (channel) facts.push(`through ${channel}`);
  return facts;
}

/** Every step of the referral, oldest first, each an entry in the evidence log. */
export function ReferralHistory({ referral }: { referral: ReferralDetail }) {
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol className="history-list">
        {referral.steps.map((step) => {
          const note = text(step.details.note);
          const facts = stepFacts(step);
          return (
            <li key={step.id}>
              <strong>{STEP_WORDS[step.step]}</strong> by {step.actor.name},{" "}
              {formatDateTime(step.createdAt)}
              {facts.length > 0 ? `: ${facts.join(", ")}` : ""}
              {note ? <span className="cell-secondary">Note: {note}</span> : null}
              {step.ledgerEntryId ? null : (
                <span className="cell-secondary">Not yet in the evidence log.</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
