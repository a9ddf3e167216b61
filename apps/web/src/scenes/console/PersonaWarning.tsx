interface PersonaWarningProps {
  id: string;
  /** What contradicts the persona, in the server's words. */
  warning: string;
  pending: boolean;
  onSendAnyway: () => void;
  onEdit: () => void;
}

/**
 * Typed text that contradicts the persona's declared age or place is held (S2): the operator
 * edits it or sends it anyway, and the server records which.
 */
export function PersonaWarning({
  id,
  warning,
  pending,
  onSendAnyway,
  onEdit,
}: PersonaWarningProps) {
  return (
    <div id={id} role="alert" className="message message-warn persona-warning">
      <p>
        <strong>Held before sending.</strong> {warning}
      </p>
      <p>Edit the message, or send it as typed. Either way your choice is recorded.</p>
      <div className="form-actions form-actions-inline">
        <button type="button" className="button button-primary" onClick={onEdit}>
          Edit the message
        </button>
        <button type="button" className="button" onClick={onSendAnyway} disabled={pending}>
          Send anyway
        </button>
      </div>
    </div>
  );
}
