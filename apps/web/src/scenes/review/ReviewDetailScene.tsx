import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { fieldErrorOf } from "../../api/apiError";
import {
  fetchConversation,
  newViewId,
  fetchHistory,
  fetchReviewQueue,
  reviewConversation,
} from "../../api/console";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { DisclosureExport } from "../../components/DisclosureExport";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { useLiveStream } from "../../hooks/useLiveStream";
import { CapturePanel } from "../console/CapturePanel";
import { formatTranscriptTime, stageLabel } from "../console/consoleFormat";
import { DecisionNote } from "../console/DecisionNote";
import { Transcript } from "../console/Transcript";

interface ReviewDetailProps {
  me: Me;
  operationId: string;
  conversationId: string;
}

/**
 * Review with the evidence: the whole transcript with timestamps, indicators and masked terms,
 * the captures (blurred), the stage history, the S6 flags explained, who ran the conversation,
 * and the decision with its reason.
 */
export function ReviewDetailScene({ me, operationId, conversationId }: ReviewDetailProps) {
  useLiveStream(operationId);
  const access = useRoleAccess(me, operationId);
  const [actionError, setActionError] = useState<unknown>(null);
  const [viewId] = useState(newViewId);
  const detail = useQuery({
    queryKey: ["conversation", operationId, conversationId],
    queryFn: () => fetchConversation(operationId, conversationId, viewId),
  });
  const history = useQuery({
    queryKey: ["history", operationId, conversationId],
    queryFn: () => fetchHistory(operationId, conversationId, viewId),
  });
  if (detail.isPending || history.isPending) return <p className="muted">Loading the evidence…</p>;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  if (history.isError) return <ErrorMessage error={history.error} />;
  const { conversation, messages, events } = detail.data;
  const { stageHistory, flags, operators, decision } = history.data;
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <p className="back-link">
        <Link href={`/operations/${operationId}/review`}>
          <span aria-hidden="true">← </span>Review queue
        </Link>
      </p>
      <PageTitle title={`Review: ${conversation.counterpartHandle}`} />
      <p className="page-heading-meta">
        <Badge>{stageLabel(conversation)}</Badge>
        <span>
          Ran by{" "}
          {operators.length > 0
            ? operators
                .map(
                  (person) =>
                    `${person.displayName} (${person.username}, ${person.messagesSent} sent)`,
                )
                .join(", ")
            : "nobody yet"}
        </span>
      </p>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <div className="review-columns">
        <section aria-labelledby="transcript-heading" className="section">
          <h2 id="transcript-heading">Transcript</h2>
          <Transcript
            operationId={operationId}
            messages={messages}
            events={events}
            onError={setActionError}
            onSuccess={() => setActionError(null)}
          />
          <CapturePanel
            operationId={operationId}
            conversationId={conversationId}
            canUpload={false}
            onError={setActionError}
            onSuccess={() => setActionError(null)}
          />
        </section>
        <div>
          <section aria-labelledby="flags-heading" className="section">
            <h2 id="flags-heading">Safeguard flags (S6)</h2>
            {flags.length === 0 ? (
              <p>
                None: the counterpart started the conversation, raised the subject first, and the
                persona&apos;s age was stated before any request.
              </p>
            ) : (
              <ul className="flag-list">
                {flags.map((flag) => (
                  <li key={flag.flag}>
                    <strong>{flag.title}.</strong> {flag.explanation}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="history-heading" className="section">
            <h2 id="history-heading">Stage history</h2>
            <ol className="history-list">
              {stageHistory.map((event) => (
                <li key={event.id}>
                  <time dateTime={event.at} className="transcript-time">
                    {formatTranscriptTime(event.at)}
                  </time>{" "}
                  {event.summary}
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="decision-heading" className="section">
            <h2 id="decision-heading">Decision</h2>
            {decision ? (
              <DecisionNote decision={decision} />
            ) : (
              <DecisionForm operationId={operationId} conversationId={conversationId} />
            )}
          </section>
          {access?.disclose ? (
            <DisclosureExport
              operationId={operationId}
              scope="conversation"
              targetId={conversationId}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}

function DecisionForm({
  operationId,
  conversationId,
}: {
  operationId: string;
  conversationId: string;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const queue = useQuery({
    queryKey: ["review", operationId],
    queryFn: () => fetchReviewQueue(operationId),
  });
  const decide = useMutation({
    mutationFn: (decision: "confirm" | "reject") =>
      reviewConversation(operationId, conversationId, decision, reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["review", operationId] });
      void queryClient.invalidateQueries({ queryKey: ["history", operationId, conversationId] });
      void queryClient.invalidateQueries({
        queryKey: ["conversation", operationId, conversationId],
      });
      void queryClient.invalidateQueries({ queryKey: ["console", operationId] });
    },
  });
  const entry = queue.data?.conversations.find((candidate) => candidate.id === conversationId);
  if (queue.isPending) return <p className="muted">Loading…</p>;
  if (!entry) return <p>This conversation is not awaiting review.</p>;
  if (entry.youHandled) {
    return <p>You handled this conversation, so another supervisor must confirm or reject it.</p>;
  }
  const reasonError = fieldErrorOf(decide.error, "reason");
  return (
    <form className="form" onSubmit={(event) => event.preventDefault()} noValidate>
      <div className="field">
        <label htmlFor="decision-reason">Reason for the decision</label>
        <p id="decision-reason-hint" className="field-hint">
          What in the transcript and captures supports it; it is kept with the evidence.
        </p>
        <textarea
          id="decision-reason"
          value={reason}
          rows={3}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={
            reasonError ? "decision-reason-hint decision-reason-error" : "decision-reason-hint"
          }
          onChange={(event) => setReason(event.target.value)}
        />
        {reasonError ? (
          <p id="decision-reason-error" className="field-error">
            {reasonError}
          </p>
        ) : null}
      </div>
      {decide.isError && !reasonError ? <ErrorMessage error={decide.error} /> : null}
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
  );
}
