import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { fetchReviewQueue } from "../../api/console";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { useLiveStream } from "../../hooks/useLiveStream";
import { ChatText } from "../../components/ChatText";

/** Proposed conversations waiting for a supervisor who did not run them. */
export function ReviewScene({ me, operationId }: { me: Me; operationId: string }) {
  useLiveStream(operationId);
  const queue = useQuery({
    queryKey: ["review", operationId],
    queryFn: () => fetchReviewQueue(operationId),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Review queue" />
      <p className="muted">
        Open a conversation to read its whole transcript, captures, stage history and safeguard
        flags before deciding. A decision needs a reason and a second person.
      </p>
      {queue.isPending ? <p className="muted">Loading…</p> : null}
      {queue.isError ? <ErrorMessage error={queue.error} /> : null}
      {queue.data && queue.data.conversations.length === 0 ? (
        <p className="empty-state">Nothing awaits review.</p>
      ) : null}
      <ul className="plain-list review-list">
        {queue.data?.conversations.map((entry) => (
          <li key={entry.id} className="panel review-item">
            <h2 className="conversation-handle">
              <ChatText text={entry.counterpartHandle} />
            </h2>
            <p>
              <Badge>{entry.stage.replaceAll("_", " ")}</Badge>{" "}
              {entry.flags.length > 0
                ? `Safeguard flags: ${entry.flags.map((flag) => flag.replaceAll("_", " ")).join(", ")}`
                : "No safeguard flags"}
              {" · "}
              <span className="muted">since {formatDateTime(entry.createdAt)}</span>
            </p>
            {entry.youHandled ? (
              <p className="muted">
                You handled this conversation: another supervisor must review it.
              </p>
            ) : null}
            <Link href={`/operations/${operationId}/review/${entry.id}`} className="button">
              Read the evidence{entry.youHandled ? "" : " and decide"}
              <span className="visually-hidden"> for {entry.counterpartHandle}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
