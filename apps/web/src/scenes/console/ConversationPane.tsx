import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type RefObject } from "react";
import { fieldErrorOf } from "../../api/apiError";
import {
  fetchConversation,
  newViewId,
  sendText,
  setMoveLanguage,
  type Conversation,
  type SafeMove,
} from "../../api/console";
import { Badge } from "../../components/Badge";
import { CapturePanel } from "./CapturePanel";
import { LANGUAGE_LABELS, isWorking, stageLabel } from "./consoleFormat";
import { DecisionNote } from "./DecisionNote";
import { IndicatorLegend } from "./IndicatorLegend";
import { Transcript } from "./Transcript";

interface ConversationPaneProps {
  operationId: string;
  conversation: Conversation;
  moves: SafeMove[];
  /** Analysts and legal read; they get no moves, no typing and no capture upload. */
  readOnly: boolean;
  composerRef: RefObject<HTMLInputElement | null>;
  onMove: (move: SafeMove) => void;
  onSent: () => void;
  onError: (error: unknown) => void;
  onSuccess: () => void;
}

/** The open conversation: its transcript, the safe moves in its language, captures, typing. */
export function ConversationPane({
  operationId,
  conversation,
  moves,
  readOnly,
  composerRef,
  onMove,
  onSent,
  onError,
  onSuccess,
}: ConversationPaneProps) {
  const queryClient = useQueryClient();
  const [viewId] = useState(newViewId);
  const detail = useQuery({
    queryKey: ["conversation", operationId, conversation.id],
    queryFn: () => fetchConversation(operationId, conversation.id, viewId),
  });
  const [text, setText] = useState("");
  const send = useMutation({
    mutationFn: () => sendText(operationId, conversation.id, text),
    onSuccess: () => {
      setText("");
      onSuccess();
      onSent();
    },
    onError,
  });
  const language = useMutation({
    mutationFn: (value: string) => setMoveLanguage(operationId, conversation.id, value),
    onSuccess: () => {
      onSuccess();
      void queryClient.invalidateQueries({ queryKey: ["console", operationId] });
    },
    onError,
  });
  const closed = !isWorking(conversation);
  const moveLanguage = conversation.moveLanguage ?? "en";
  const decision = detail.data?.conversation.decision ?? conversation.decision ?? null;
  return (
    <section
      className="conversation-pane"
      aria-label={`Conversation with ${conversation.counterpartHandle}`}
    >
      <div className="conversation-header">
        <h2 className="conversation-title">
          <span className="conversation-handle">{conversation.counterpartHandle}</span>{" "}
          <Badge>{stageLabel(conversation)}</Badge>
        </h2>
        {!readOnly && !closed ? (
          <label className="field field-inline">
            <span>Safe-move language</span>
            <select
              value={moveLanguage}
              disabled={language.isPending}
              onChange={(event) => language.mutate(event.target.value)}
            >
              {Object.entries(LANGUAGE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {decision ? <DecisionNote decision={decision} /> : null}
      <Transcript
        operationId={operationId}
        messages={detail.data?.messages ?? []}
        events={detail.data?.events ?? []}
        onError={onError}
        onSuccess={onSuccess}
      />
      <IndicatorLegend messages={detail.data?.messages ?? []} />
      {closed && !readOnly ? (
        <p className="muted">This conversation is closed: nothing more can be sent in it.</p>
      ) : null}
      {readOnly || closed ? null : (
        <div className="moves" role="group" aria-label="Safe moves">
          {moves.map((move) => (
            <button
              key={move.id}
              type="button"
              className={`button${move.breaksOff ? " button-danger" : ""}`}
              title={move.variants[moveLanguage] ?? move.variants.en}
              onClick={() => onMove(move)}
            >
              <kbd>{move.hotkey}</kbd> {move.label}
            </button>
          ))}
        </div>
      )}
      <CapturePanel
        operationId={operationId}
        conversationId={conversation.id}
        canUpload={!readOnly && !closed}
        onError={onError}
        onSuccess={onSuccess}
      />
      {readOnly || closed ? null : (
        <form
          className="composer"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate();
          }}
        >
          <div className="field composer-field">
            <label className="visually-hidden" htmlFor={`composer-${conversation.id}`}>
              Message typed by you
            </label>
            <input
              id={`composer-${conversation.id}`}
              ref={composerRef}
              value={text}
              maxLength={2000}
              aria-invalid={fieldErrorOf(send.error, "text") ? true : undefined}
              aria-describedby={
                fieldErrorOf(send.error, "text") ? `composer-error-${conversation.id}` : undefined
              }
              placeholder="Type a message (Enter sends, Esc leaves)"
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") (event.target as HTMLInputElement).blur();
              }}
            />
            {fieldErrorOf(send.error, "text") ? (
              <p id={`composer-error-${conversation.id}`} className="field-error">
                {fieldErrorOf(send.error, "text")}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={send.isPending}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}
