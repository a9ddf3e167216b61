import type { Decision } from "../../api/console";
import { formatDateTime } from "../../format";

/** A review decision with who made it and why, wherever the conversation is shown. */
export function DecisionNote({ decision }: { decision: Decision }) {
  const outcome = decision.decision === "confirm" ? "Confirmed" : "Rejected";
  return (
    <div className={`decision-note decision-${decision.decision}`} role="note">
      <p>
        <strong>{outcome}</strong> by {decision.reviewerName} ({decision.reviewer}),{" "}
        {formatDateTime(decision.decidedAt)}.
      </p>
      <p>
        <span className="muted">Reason: </span>
        {decision.reason}
      </p>
    </div>
  );
}
