import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { fetchReviewQueue, reviewConversation, type ReviewEntry } from "../../api/console";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageTitle } from "../../components/PageTitle";
import { useLiveStream } from "../../hooks/useLiveStream";

/** Proposed conversations waiting for a supervisor who did not run them. */
export function ReviewScene({ operationId }: { me: Me; operationId: string }) {
  useLiveStream(operationId);
  const queue = useQuery({
    queryKey: ["review", operationId],
    queryFn: () => fetchReviewQueue(operationId),
  });
  return (
    <>
      <Link href={`/operations/${operationId}/console`} className="back-link">
        Live console
      </Link>
      <PageTitle title="Review queue" />
      {queue.isPending ? <p className="muted">Loading…</p> : null}
      {queue.isError ? <ErrorMessage error={queue.error} /> : null}
      {queue.data && queue.data.conversations.length === 0 ? (
        <p className="empty-state">Nothing awaits review.</p>
      ) : null}
      <ul className="plain-list review-list">
        {queue.data?.conversations.map((entry) => (
          <ReviewItem key={entry.id} operationId={operationId} entry={entry} />
        ))}
      </ul>
    </>
  );
}

function ReviewItem({ operationId, entry }: { operationId: string; entry: ReviewEntry }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "confirm" | "reject") =>
      reviewConversation(operationId, entry.id, decision, reason),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["review", operationId] }),
  });
  const reasonId = `reason-${entry.id}`;
  return (
    <li className="panel review-item">
      <h2 className="conversation-handle">{entry.counterpartHandle}</h2>
      <p>
        <Badge>{entry.stage.replaceAll("_", " ")}</Badge>{" "}
        {entry.flags.length > 0 ? `Flags: ${entry.flags.join(", ")}` : "No safeguard flags"}
      </p>
      {entry.youHandled ? (
        <p className="muted">You handled this conversation: another supervisor must review it.</p>
      ) : (
        <form className="form" onSubmit={(event) => event.preventDefault()}>
          <label className="field" htmlFor={reasonId}>
            <span>Reason for the decision</span>
            <textarea
              id={reasonId}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              rows={2}
            />
          </label>
          {decide.isError ? <ErrorMessage error={decide.error} /> : null}
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={decide.isPending}
              onClick={() => decide.mutate("confirm")}
            >
              Confirm criteria met
            </button>
            <button
              type="button"
              className="button"
              disabled={decide.isPending}
              onClick={() => decide.mutate("reject")}
            >
              Reject
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
