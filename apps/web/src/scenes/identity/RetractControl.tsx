import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { retractEvidence, type RetractionTarget } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";
import { TextAreaField } from "../../components/TextAreaField";

// A retraction is a correction on the record: a new ledger entry with a required reason. What
// it retracts stays visible, marked as retracted.

/** "Retract this …": opens a short form that asks why, then retracts. */
export function RetractControl({
  operationId,
  target,
  targetId,
  what,
}: {
  operationId: string;
  target: RetractionTarget;
  targetId: string;
  /** What is retracted, as the button says it ("opinion"). */
  what: string;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const hintId = useId();
  const retract = useMutation({
    mutationFn: () => retractEvidence(operationId, { target, targetId, reason }),
    onSuccess: async () => {
      setReason("");
      // The subject page it is shown on (a merged subject's page shows it too).
      await queryClient.invalidateQueries({ queryKey: ["subject", operationId] });
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() !== "") retract.mutate();
  };
  return (
    <details className="retract-control">
      <summary>Retract this {what}</summary>
      <form className="form" onSubmit={handleSubmit} aria-label={`Retract this ${what}`}>
        <p className="muted" id={hintId}>
          The {what} stays on the record, marked as retracted with your name, the time and your
          reason. This cannot be undone.
        </p>
        <TextAreaField
          label="Why you retract it"
          hint="Required, for example what was wrong with it."
          value={reason}
          onValueChange={setReason}
          required
          maxLength={2000}
          rows={2}
          fieldError={fieldErrorOf(retract.error, "reason")}
        />
        {retract.isError && !fieldErrorOf(retract.error, "reason") ? (
          <ErrorMessage error={retract.error} />
        ) : null}
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            aria-describedby={hintId}
            disabled={reason.trim() === "" || retract.isPending}
          >
            Retract the {what}
          </button>
        </div>
      </form>
    </details>
  );
}
