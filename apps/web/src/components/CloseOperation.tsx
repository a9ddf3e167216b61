import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../api/apiError";
import { closeOperation } from "../api/administration";
import type { Operation } from "../api/schemas";
import { formatDateTime } from "../format";
import { operationsKey } from "../hooks/useOperations";
import { ErrorMessage } from "./ErrorMessage";
import { TextField } from "./TextField";

/** Closing an operation (its administrators): the persona leaves every venue; evidence stays. */
export function CloseOperation({ operation }: { operation: Operation }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => closeOperation(operation.id, reason),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: operationsKey }),
  });
  if (operation.closed) {
    return (
      <section aria-labelledby="close-heading" className="section">
        <h2 id="close-heading">Closed</h2>
        <p>
          Closed on {formatDateTime(operation.closed.at)}: {operation.closed.reason}
        </p>
        <p className="muted">
          Its evidence stays for review and referral; nobody can go present or send in it.
        </p>
      </section>
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    close.mutate();
  }

  return (
    <section aria-labelledby="close-heading" className="section">
      <h2 id="close-heading">Close the operation</h2>
      <form onSubmit={handleSubmit} className="form" noValidate>
        {fieldErrorOf(close.error, "reason") ? null : <ErrorMessage error={close.error} />}
        <TextField
          label="Why it closes"
          name="closeReason"
          hint="For example: authorization ended, or enough evidence gathered."
          value={reason}
          onValueChange={(value) => {
            setReason(value);
            setConfirming(false);
          }}
          fieldError={fieldErrorOf(close.error, "reason")}
        />
        {confirming ? (
          <p role="alert" className="message message-warn">
            The persona leaves every venue now and nobody can work undercover in this operation
            again. Press the button once more to close it.
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-danger" disabled={close.isPending}>
            {confirming ? "Yes, close the operation" : "Close the operation"}
          </button>
        </div>
      </form>
    </section>
  );
}
