import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  COMPARISON_OPINIONS,
  OPINION_LABELS,
  opinionSentence,
} from "@sweetie/core/api/comparisonSchemas";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import {
  recordComparison,
  type ComparisonOpinion,
  type ComparisonSide,
  type ImageComparison,
} from "../../api/comparisons";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { TextAreaField } from "../../components/TextAreaField";
import { formatDateTime } from "../../format";
import { RetractControl } from "./RetractControl";

// The analyst's opinion on two pictures compared side by side: the form (a required reason)
// and the saved opinion as the subject's findings list shows it, in words.

/** Records whether the two pictures show the same person, with the analyst's reason. */
export function OpinionForm({
  operationId,
  subjectId,
  left,
  right,
  onSaved,
}: {
  operationId: string;
  subjectId: string;
  left: ComparisonSide;
  right: ComparisonSide;
  onSaved: () => void;
}) {
  const queryClient = useQueryClient();
  const [opinion, setOpinion] = useState<ComparisonOpinion | "">("");
  const [reason, setReason] = useState("");
  const save = useMutation({
    mutationFn: (chosen: ComparisonOpinion) =>
      recordComparison(operationId, subjectId, {
        left: { kind: left.kind, id: left.id },
        right: { kind: right.kind, id: right.id },
        opinion: chosen,
        reason,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["subject", operationId, subjectId] });
      onSaved();
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (opinion) save.mutate(opinion);
  };
  // The server refuses an opinion on a picture this person has not seen; say so before.
  const bothSeen = left.revealed && right.revealed;
  return (
    <form className="form" onSubmit={handleSubmit} aria-label="Your opinion">
      {bothSeen ? null : (
        <p className="console-notice" id="opinion-needs-reveals">
          Reveal both pictures to record an opinion on them. If today&apos;s budget is spent, ask a
          supervisor for an override or come back tomorrow.
        </p>
      )}
      <fieldset className="opinion-choices">
        <legend>Do the two pictures show the same person?</legend>
        {COMPARISON_OPINIONS.map((choice) => (
          <label key={choice} className="checkbox-label opinion-choice">
            <input
              type="radio"
              name="opinion"
              value={choice}
              checked={opinion === choice}
              onChange={() => setOpinion(choice)}
            />{" "}
            {OPINION_LABELS[choice]}
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label="Why you think so"
        hint="A sentence is enough, for example what you compared (the room, clothing, a mark). Required."
        value={reason}
        onValueChange={setReason}
        required
        maxLength={1000}
        rows={2}
        fieldError={fieldErrorOf(save.error, "reason")}
      />
      {save.isError && !fieldErrorOf(save.error, "reason") ? (
        <ErrorMessage error={save.error} />
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={!bothSeen || !opinion || reason.trim() === "" || save.isPending}
          aria-describedby={bothSeen ? undefined : "opinion-needs-reveals"}
        >
          Save my opinion
        </button>
      </div>
    </form>
  );
}

/** A recorded opinion in words, for the subject's findings list; retracted ones say so. */
export function ComparisonOpinionItem({
  operationId,
  comparison,
  canRecord,
}: {
  operationId: string;
  comparison: ImageComparison;
  /** May record (and so retract) an opinion. */
  canRecord: boolean;
}) {
  const sentence = opinionSentence(
    comparison.left.label,
    comparison.right.label,
    comparison.opinion,
    comparison.recordedByName,
  );
  const { retraction } = comparison;
  return (
    <li className={`panel finding-item${retraction ? " finding-item-retracted" : ""}`}>
      <h3>
        Pictures compared: {OPINION_LABELS[comparison.opinion].toLowerCase()}
        {retraction ? (
          <>
            {" "}
            <Badge tone="closed">Retracted</Badge>
          </>
        ) : null}
      </h3>
      <p className="muted">
        Opinion of {comparison.recordedByName}, {formatDateTime(comparison.createdAt)}
      </p>
      {retraction ? (
        <>
          <p className="retraction-note">
            This opinion was retracted by {retraction.retractedByName} on{" "}
            {formatDateTime(retraction.retractedAt)}. It no longer counts; it stays on the record as
            it was recorded.
          </p>
          <p>Why it was retracted: {retraction.reason}</p>
        </>
      ) : null}
      <p>{sentence}.</p>
      <p>Reason: {comparison.reason}</p>
      <p className="muted audit-id">
        First picture SHA-256 {comparison.left.sha256}
        <br />
        Second picture SHA-256 {comparison.right.sha256}
      </p>
      {canRecord && !retraction ? (
        <RetractControl
          operationId={operationId}
          target="imageComparison"
          targetId={comparison.id}
          what="opinion"
        />
      ) : null}
    </li>
  );
}
