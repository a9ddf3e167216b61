import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useCallback, useMemo, useRef, useState } from "react";
import { breakOff, fetchConsole, sendMove, type SafeMove } from "../../api/console";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { useLiveStream } from "../../hooks/useLiveStream";
import { useOperation } from "../../hooks/useOperations";
import { roleAccess } from "../../roleAccess";
import { ConversationList } from "./ConversationList";
import { ConversationPane } from "./ConversationPane";
import { ExposureBadge } from "./ExposureBadge";
import { PresencePanel } from "./PresencePanel";
import { TimeOnTask } from "./TimeOnTask";
import { useConsoleKeys } from "./useConsoleKeys";

/**
 * The live console: conversations sorted by what needs attention, the transcript, safe moves on
 * keys. Analysts and legal reviewers get the same transcripts read-only, without the controls.
 */
export function ConsoleScene({ me, operationId }: { me: Me; operationId: string }) {
  const queryClient = useQueryClient();
  const operation = useOperation(operationId);
  const access = operation.data
    ? roleAccess(operation.data.role, {
        isTraining: operation.data.operation.isTraining,
        isSystemAdmin: me.isAdmin,
      })
    : null;
  const readOnly = access ? !access.operate : true;
  const live = useLiveStream(operationId);
  const consoleQuery = useQuery({
    queryKey: ["console", operationId],
    queryFn: () => fetchConsole(operationId),
  });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const composerRef = useRef<HTMLInputElement>(null);
  // An error banner stays until the next thing that works.
  const handleSuccess = useCallback(() => setActionError(null), []);

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

  const keys = useMemo(
    () => ({
      conversations,
      moves,
      selected,
      readOnly,
      busy: moveMutation.isPending,
      onSelect: (id: string) => {
        setNotice(null);
        setSelectedId(id);
      },
      onNothingToDo: () =>
        setNotice("Nothing needs your attention: no open conversation has unread messages."),
      onMove: (conversation: { id: string }, move: SafeMove) =>
        moveMutation.mutate({ conversationId: conversation.id, move }),
      onType: () => composerRef.current?.focus(),
    }),
    [conversations, moves, selected, readOnly, moveMutation],
  );
  useConsoleKeys(keys);

  // The role decides which console this is: wait for it rather than flash the wrong one.
  if (operation.isError) return <ErrorMessage error={operation.error} />;
  if (consoleQuery.isError) return <ErrorMessage error={consoleQuery.error} />;
  if (consoleQuery.isPending || !access) return <p className="muted">Loading the console…</p>;
  const state = consoleQuery.data;

  return (
    <div className="console">
      <OperationBanner me={me} operationId={operationId} />
      <div className="page-heading">
        <PageTitle
          title={readOnly ? "Transcripts (read only)" : "Live console"}
          focusOnOpen={false}
        />
        <div className="page-heading-meta">
          <Badge tone={live === "live" ? "active" : "closed"}>
            {live === "live" ? "Live" : "Reconnecting…"}
          </Badge>
          {readOnly ? null : <TimeOnTask />}
          <ExposureBadge operationId={operationId} />
        </div>
      </div>
      {readOnly ? null : (
        <PresencePanel
          operationId={operationId}
          presences={state.presences}
          behaviours={state.trainingBehaviours}
          onError={setActionError}
          onSuccess={handleSuccess}
        />
      )}
      <p className="muted keys-help" aria-label="Keyboard">
        Keys:{" "}
        <span className="key-hint">
          <kbd>N</kbd> next conversation needing attention
        </span>
        {readOnly
          ? null
          : moves.map((move) => (
              <Fragment key={move.id}>
                {" · "}
                <span className="key-hint">
                  <kbd>{move.hotkey}</kbd> {move.label}
                </span>
              </Fragment>
            ))}
        {readOnly ? null : (
          <>
            {" · "}
            <span className="key-hint">
              <kbd>T</kbd> type a message
            </span>
          </>
        )}
      </p>
      <p role="status" className="console-notice">
        {notice}
      </p>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <div className="console-columns">
        <ConversationList
          conversations={conversations}
          selectedId={selectedId}
          onSelect={keys.onSelect}
        />
        {selected ? (
          <ConversationPane
            key={selected.id}
            operationId={operationId}
            conversation={selected}
            moves={moves}
            readOnly={readOnly}
            composerRef={composerRef}
            onMove={(move) => moveMutation.mutate({ conversationId: selected.id, move })}
            onSent={() => refresh(selected.id)}
            onError={setActionError}
            onSuccess={handleSuccess}
          />
        ) : (
          <section className="conversation-pane empty-state" aria-label="Conversation">
            <p>
              Press N to open the conversation that needs attention, or choose one from the list.
            </p>
          </section>
        )}
      </div>
    </div>
  );
}
