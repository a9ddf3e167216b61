import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type RefObject } from "react";
import { fieldErrorOf, isApiError } from "../../api/apiError";
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
import { PersonaWarning } from "./PersonaWarning";
import { Transcript } from "./Transcript";
import { ChatText } from "../../components/ChatText";

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
    mutationFn: (confirmInconsistency: boolean) =>
      sendText(operationId, conversation.id, text, confirmInconsistency),
    onSuccess: () => {
      setText("");
      onSuccess();
      onSent();
    },
    // A message held because it contradicts the persona is answered next to the composer.
    onError: (error) => {
      if (!isApiError(error, "persona_inconsistent")) onError(error);
    },
  });
  const held = isApiError(send.error, "persona_inconsistent") ? send.error : null;
  const composerError = held ? undefined : fieldErrorOf(send.error, "text");
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
          <ChatText className="conversation-handle" text={conversation.counterpartHandle} />{" "}
          <Badge>{stageLabel(conversation)}</Badge>
        </h2>
        {conversation.networkOrigin ? (
          // Untrusted (S7): shown as text. Identification and country signals for the analyst.
          <p className="conversation-origin muted">
            <span className="visually-hidden">Network origin: </span>
            <code>{conversation.networkOrigin.sender}</code> on {conversation.networkOrigin.network}
            {conversation.networkOrigin.server
              ? ` (server ${conversation.networkOrigin.server})`
              : ""}
            {conversation.networkOrigin.occupantId ? (
              <>
                {" · occupant id "}
                <code className="conversation-occupant-id">
                  {conversation.networkOrigin.occupantId}
                </code>
              </>
            ) : null}
            {conversation.networkOrigin.realJid ? (
              <>
                {" · real address "}
                <code>{conversation.networkOrigin.realJid}</code>
              </>
            ) : null}
          </p>
        ) : null}
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
            send.mutate(false);
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
              aria-invalid={composerError || held ? true : undefined}
              aria-describedby={
                composerError || held ? `composer-error-${conversation.id}` : undefined
              }
              placeholder="Type a message (Enter sends, Esc leaves)"
              onChange={(event) => {
                setText(event.target.value);
                if (held) send.reset();
              }}
              onKeyDown={(event) => {
                if (event.key === "Escape") (event.target as HTMLInputElement).blur();
              }}
            />
            {composerError ? (
              <p id={`composer-error-${conversation.id}`} className="field-error">
                {composerError}
              </p>
            ) : null}
            {held ? (
              <PersonaWarning
                id={`composer-error-${conversation.id}`}
                warning={fieldErrorOf(held, "text") ?? held.detail}
                pending={send.isPending}
                onSendAnyway={() => send.mutate(true)}
                onEdit={() => {
                  send.reset();
                  composerRef.current?.focus();
                }}
              />
            ) : null}
          </div>
          <button type="submit" className="button" disabled={send.isPending || held !== null}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}
