import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link } from "wouter";
import {
  addTrainingCounterpart,
  breakOff,
  fetchConsole,
  fetchConversation,
  fetchExposure,
  goPresent,
  revealMessage,
  sendMove,
  sendText,
  type Conversation,
  type SafeMove,
} from "../../api/console";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageTitle } from "../../components/PageTitle";
import { useLiveStream } from "../../hooks/useLiveStream";
import { CapturePanel } from "./CapturePanel";
import { IndicatorLegend } from "./IndicatorLegend";
import { MessageText } from "./MessageText";
import { TimeOnTask } from "./TimeOnTask";

const TRAINING_BEHAVIOURS = [
  "solicits_after_age_statement",
  "offers_payment",
  "leaves_after_age_statement",
  "benign_chatter",
  "protective_adult",
  "hostile_markup",
];

/** The live console: conversations sorted by what needs attention, the transcript, safe moves on keys. */
export function ConsoleScene({ operationId }: { me: Me; operationId: string }) {
  const queryClient = useQueryClient();
  const live = useLiveStream(operationId);
  const consoleQuery = useQuery({
    queryKey: ["console", operationId],
    queryFn: () => fetchConsole(operationId),
  });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const composerRef = useRef<HTMLInputElement>(null);

  const conversations = useMemo(() => consoleQuery.data?.conversations ?? [], [consoleQuery.data]);
  const moves = useMemo(() => consoleQuery.data?.moves ?? [], [consoleQuery.data]);
  const selected = conversations.find((conversation) => conversation.id === selectedId) ?? null;

  const refresh = useCallback(
    (conversationId: string) => {
      void queryClient.invalidateQueries({ queryKey: ["console", operationId] });
      void queryClient.invalidateQueries({
        queryKey: ["conversation", operationId, conversationId],
      });
    },
    [operationId, queryClient],
  );

  const moveMutation = useMutation({
    mutationFn: ({ conversationId, move }: { conversationId: string; move: SafeMove }) =>
      move.breaksOff
        ? breakOff(operationId, conversationId)
        : sendMove(operationId, conversationId, move.id),
    onSuccess: (_result, input) => {
      setActionError(null);
      refresh(input.conversationId);
    },
    onError: setActionError,
  });

  // Keyboard path: N jumps to the conversation that most needs attention, a digit sends that
  // safe move, T types free text. Keys are ignored while typing in a field.
  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
      )
        return;
      const key = event.key.toLowerCase();
      if (key === "n") {
        const next = nextNeedingAttention(conversations, selectedId);
        if (next) setSelectedId(next.id);
        event.preventDefault();
        return;
      }
      if (key === "t" && selected) {
        composerRef.current?.focus();
        event.preventDefault();
        return;
      }
      const move = moves.find((candidate) => candidate.hotkey === key);
      if (move && selected && !selected.brokenOff && !moveMutation.isPending) {
        moveMutation.mutate({ conversationId: selected.id, move });
        event.preventDefault();
      }
    };
    window.addEventListener("keydown", handleKey);
    return () => window.removeEventListener("keydown", handleKey);
  }, [conversations, moves, selected, selectedId, moveMutation]);

  if (consoleQuery.isPending) return <p className="muted">Loading the console…</p>;
  if (consoleQuery.isError) return <ErrorMessage error={consoleQuery.error} />;
  const state = consoleQuery.data;

  return (
    <div className="console">
      <div className="page-heading">
        <PageTitle title="Live console" focusOnOpen={false} />
        <div className="page-heading-meta">
          <Badge tone={live === "live" ? "active" : "closed"}>
            {live === "live" ? "Live" : "Reconnecting…"}
          </Badge>
          <TimeOnTask />
          <ExposureBadge operationId={operationId} />
          <Link href={`/operations/${operationId}`}>Operation</Link>
          <Link href={`/operations/${operationId}/review`}>Review queue</Link>
        </div>
      </div>
      <PresencePanel
        operationId={operationId}
        presences={state.presences}
        onError={setActionError}
      />
      <p className="muted keys-help" aria-label="Keyboard">
        Keys:{" "}
        <span className="key-hint">
          <kbd>N</kbd> next conversation needing attention
        </span>
        {moves.map((move) => (
          <Fragment key={move.id}>
            {" · "}
            <span className="key-hint">
              <kbd>{move.hotkey}</kbd> {move.label}
            </span>
          </Fragment>
        ))}
        {" · "}
        <span className="key-hint">
          <kbd>T</kbd> type a message
        </span>
      </p>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <div className="console-columns">
        <ConversationList
          conversations={conversations}
          selectedId={selectedId}
          onSelect={setSelectedId}
        />
        {selected ? (
          <ConversationPane
            key={selected.id}
            operationId={operationId}
            conversation={selected}
            moves={moves}
            composerRef={composerRef}
            onMove={(move) => moveMutation.mutate({ conversationId: selected.id, move })}
            onSent={() => refresh(selected.id)}
            onError={setActionError}
          />
        ) : (
          <section className="conversation-pane empty-state" aria-label="Conversation">
            <p>Press N to open the conversation that needs attention.</p>
          </section>
        )}
      </div>
    </div>
  );
}

/** The first conversation with unread messages (list order is most urgent first), else the first open one. */
function nextNeedingAttention(
  conversations: readonly Conversation[],
  currentId: string | null,
): Conversation | undefined {
  const open = conversations.filter(
    (conversation) => conversation.status === "open" && !conversation.brokenOff,
  );
  return (
    open.find((conversation) => conversation.unreadCount > 0) ??
    open.find((conversation) => conversation.id !== currentId) ??
    open[0]
  );
}

function PresencePanel({
  operationId,
  presences,
  onError,
}: {
  operationId: string;
  presences: { venueAddress: string }[];
  onError: (error: unknown) => void;
}) {
  const queryClient = useQueryClient();
  const [venue, setVenue] = useState("training://lobby");
  const [displayName, setDisplayName] = useState("ana_ph");
  const [behaviour, setBehaviour] = useState(TRAINING_BEHAVIOURS[0]!);
  const present = useMutation({
    mutationFn: () => goPresent(operationId, venue, displayName),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["console", operationId] }),
    onError,
  });
  const spawn = useMutation({
    mutationFn: () => addTrainingCounterpart(operationId, venue, behaviour),
    onError,
  });
  const handlePresent = (event: FormEvent) => {
    event.preventDefault();
    present.mutate();
  };
  const isPresent = presences.some(
    (presence) => presence.venueAddress === venue.trim().toLowerCase(),
  );
  return (
    <section className="presence-panel" aria-label="Presence">
      <form className="presence-row" onSubmit={handlePresent}>
        <label className="field presence-venue">
          <span>Venue</span>
          <input value={venue} onChange={(event) => setVenue(event.target.value)} />
        </label>
        <label className="field presence-name">
          <span>Persona display name</span>
          <input value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        </label>
        <button type="submit" className="button button-primary" disabled={present.isPending}>
          Go present
        </button>
        <span className="muted presence-status" role="status">
          {presences.length > 0
            ? `Present in ${presences.map((presence) => presence.venueAddress).join(", ")}`
            : "Not present in any venue"}
        </span>
      </form>
      {isPresent && venue.startsWith("training://") ? (
        <form
          className="presence-row presence-training"
          onSubmit={(event) => {
            event.preventDefault();
            spawn.mutate();
          }}
        >
          <label className="field presence-counterpart">
            <span>Training counterpart</span>
            <select value={behaviour} onChange={(event) => setBehaviour(event.target.value)}>
              {TRAINING_BEHAVIOURS.map((id) => (
                <option key={id} value={id}>
                  {id.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            Send a counterpart
          </button>
        </form>
      ) : null}
    </section>
  );
}

function ConversationList({
  conversations,
  selectedId,
  onSelect,
}: {
  conversations: readonly Conversation[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <nav className="conversation-list" aria-label="Conversations">
      {conversations.length === 0 ? (
        <p className="muted">No conversations yet. The persona never starts one.</p>
      ) : null}
      <ul className="plain-list">
        {conversations.map((conversation) => (
          <li key={conversation.id}>
            <button
              type="button"
              className={`conversation-item${conversation.id === selectedId ? " is-selected" : ""}`}
              aria-current={conversation.id === selectedId ? "true" : undefined}
              onClick={() => onSelect(conversation.id)}
            >
              <span className="conversation-handle">{conversation.counterpartHandle}</span>
              <span className="badges">
                <Badge tone={conversation.brokenOff ? "closed" : "active"}>
                  {stageLabel(conversation)}
                </Badge>
                {conversation.unreadCount > 0 ? (
                  <span className="unread">{conversation.unreadCount} unread</span>
                ) : null}
                {conversation.flags.map((flag) => (
                  <span key={flag} className="flag">
                    {flag.replaceAll("_", " ")}
                  </span>
                ))}
                {conversation.proposed ? <span className="proposed">proposed</span> : null}
              </span>
              <span className="muted idle">idle {formatIdle(conversation.idleSeconds)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ConversationPane({
  operationId,
  conversation,
  moves,
  composerRef,
  onMove,
  onSent,
  onError,
}: {
  operationId: string;
  conversation: Conversation;
  moves: SafeMove[];
  composerRef: React.RefObject<HTMLInputElement | null>;
  onMove: (move: SafeMove) => void;
  onSent: () => void;
  onError: (error: unknown) => void;
}) {
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ["conversation", operationId, conversation.id],
    queryFn: () => fetchConversation(operationId, conversation.id),
  });
  const [text, setText] = useState("");
  const send = useMutation({
    mutationFn: () => sendText(operationId, conversation.id, text),
    onSuccess: () => {
      setText("");
      onSent();
    },
    onError,
  });
  const closed = conversation.brokenOff || conversation.status !== "open";
  return (
    <section
      className="conversation-pane"
      aria-label={`Conversation with ${conversation.counterpartHandle}`}
    >
      <h2 className="conversation-title">
        <span className="conversation-handle">{conversation.counterpartHandle}</span>{" "}
        <Badge>{stageLabel(conversation)}</Badge>
      </h2>
      <ol className="transcript" aria-label="Transcript">
        {(detail.data?.messages ?? []).map((message) => (
          <li key={message.id} className={`transcript-line transcript-${message.direction}`}>
            <span className="transcript-who">
              {message.direction === "in"
                ? "them"
                : message.moveId
                  ? `persona (${message.moveId})`
                  : "persona"}
            </span>{" "}
            <MessageText
              message={message}
              onReveal={() =>
                revealMessage(operationId, message.id)
                  .then(() => {
                    void queryClient.invalidateQueries({ queryKey: ["exposure", operationId] });
                    return true;
                  })
                  .catch((error: unknown) => {
                    onError(error);
                    return false;
                  })
              }
            />
            {!message.validUtf8 ? (
              <span className="muted">
                {" "}
                (not valid text; {message.byteLength} bytes kept exactly)
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <IndicatorLegend messages={detail.data?.messages ?? []} />
      <div className="moves" role="group" aria-label="Safe moves">
        {moves.map((move) => (
          <button
            key={move.id}
            type="button"
            className={`button${move.breaksOff ? " button-danger" : ""}`}
            disabled={closed}
            title={move.variants.en}
            onClick={() => onMove(move)}
          >
            <kbd>{move.hotkey}</kbd> {move.label}
          </button>
        ))}
      </div>
      <CapturePanel operationId={operationId} conversationId={conversation.id} onError={onError} />
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) send.mutate();
        }}
      >
        <label className="field composer-field">
          <span className="visually-hidden">Message typed by you</span>
          <input
            ref={composerRef}
            value={text}
            disabled={closed}
            maxLength={2000}
            placeholder={
              closed ? "This conversation is closed" : "Type a message (Enter sends, Esc leaves)"
            }
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") (event.target as HTMLInputElement).blur();
            }}
          />
        </label>
        <button type="submit" className="button" disabled={closed || send.isPending}>
          Send
        </button>
      </form>
    </section>
  );
}

function stageLabel(conversation: Conversation): string {
  const stage = conversation.stage.replaceAll("_", " ");
  return conversation.brokenOff ? `${stage} · broken off` : stage;
}

function formatIdle(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}

/** Today's reveals against the budget: a warning from 80 %, and a clear stop past 100 % (S8). */
function ExposureBadge({ operationId }: { operationId: string }) {
  const exposure = useQuery({
    queryKey: ["exposure", operationId],
    queryFn: () => fetchExposure(operationId),
  });
  const data = exposure.data?.exposure;
  if (!data || data.level === "unbudgeted") return null;
  const text = `Reveals today ${data.used} of ${data.budget ?? 0}`;
  if (data.level === "exceeded") {
    return (
      <strong className="break-hint" role="status">
        {text}: budget reached, ask a supervisor for an override
      </strong>
    );
  }
  return (
    <span role="status" className={data.level === "warning" ? "break-hint" : "muted"}>
      {text}
      {data.level === "warning" ? " (80 % reached)" : ""}
    </span>
  );
}
