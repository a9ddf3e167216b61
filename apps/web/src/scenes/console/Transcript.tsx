import { useQueryClient } from "@tanstack/react-query";
import { revealMessage, type ConversationEvent, type Message } from "../../api/console";
import { formatTranscriptTime } from "./consoleFormat";
import { MessageText } from "./MessageText";

type Line =
  | { kind: "message"; at: string; message: Message }
  | { kind: "event"; at: string; event: ConversationEvent };

// Events that say something to the person reading the transcript (the rest are in the history).
const TRANSCRIPT_EVENTS = new Set([
  "counterpart.left",
  "broken_off",
  "stage.changed",
  "safeguard.flagged",
  "criteria.proposed",
  "criteria.confirmed",
  "criteria.rejected",
  "capture.taken",
  "persona.inconsistency_confirmed",
]);

/**
 * Messages with their timestamps and, between them, what happened (the counterpart left, a stage
 * was reached). Text is text (S7); explicit terms arrive masked from the server until revealed (S8).
 */
export function Transcript({
  operationId,
  messages,
  events,
  onError,
  onSuccess,
}: {
  operationId: string;
  messages: readonly Message[];
  events: readonly ConversationEvent[];
  onError: (error: unknown) => void;
  onSuccess?: () => void;
}) {
  const queryClient = useQueryClient();
  const lines: Line[] = [
    ...messages.map((message) => ({ kind: "message" as const, at: message.createdAt, message })),
    ...events
      .filter((event) => TRANSCRIPT_EVENTS.has(event.kind))
      .map((event) => ({ kind: "event" as const, at: event.at, event })),
  ].sort(
    // Same instant: the message first, then what it caused; otherwise the server's order.
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      (a.kind === b.kind ? 0 : a.kind === "message" ? -1 : 1),
  );
  if (lines.length === 0) return <p className="muted">No messages yet.</p>;
  return (
    <ol className="transcript" aria-label="Transcript">
      {lines.map((line) =>
        line.kind === "event" ? (
          <li
            key={line.event.id}
            className={`transcript-line transcript-event event-${line.event.kind.replaceAll(".", "-")}`}
          >
            <time className="transcript-time" dateTime={line.at}>
              {formatTranscriptTime(line.at)}
            </time>{" "}
            <span>{line.event.summary}</span>
          </li>
        ) : (
          <li
            key={line.message.id}
            className={`transcript-line transcript-${line.message.direction}`}
          >
            <time className="transcript-time" dateTime={line.at}>
              {formatTranscriptTime(line.at)}
            </time>{" "}
            <span className="transcript-who">
              {line.message.direction === "in"
                ? "them"
                : line.message.moveId
                  ? `persona (${line.message.moveId})`
                  : "persona"}
            </span>{" "}
            <MessageText
              message={line.message}
              onReveal={() =>
                revealMessage(operationId, line.message.id)
                  .then(() => {
                    onSuccess?.();
                    void queryClient.invalidateQueries({ queryKey: ["exposure", operationId] });
                    // The server now sends this message unmasked to this person (for a while).
                    void queryClient.invalidateQueries({
                      queryKey: ["conversation", operationId, line.message.conversationId],
                    });
                    return true;
                  })
                  .catch((error: unknown) => {
                    onError(error);
                    return false;
                  })
              }
            />
            {!line.message.validUtf8 ? (
              <span className="muted">
                {" "}
                (not valid text; {line.message.byteLength} bytes kept exactly)
              </span>
            ) : null}
            {line.message.delivery ? <DeliveryState delivery={line.message.delivery} /> : null}
          </li>
        ),
      )}
    </ol>
  );
}

const DELIVERY_LABEL = { pending: "sending…", sent: "sent", failed: "not delivered" } as const;

/** Whether the network took a persona message: never "sent" unless it did (S2). */
function DeliveryState({
  delivery,
}: {
  delivery: { state: "pending" | "sent" | "failed"; detail: string | null };
}) {
  return (
    <span className={`delivery delivery-${delivery.state}`} data-delivery={delivery.state}>
      {" "}
      {DELIVERY_LABEL[delivery.state]}
      {delivery.state === "failed" && delivery.detail ? `: ${delivery.detail}` : ""}
    </span>
  );
}
