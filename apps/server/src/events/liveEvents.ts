/**
 * What the live stream announces. Events carry ids only: each server process loads and presents
 * the rows itself (the same presenters as REST) after re-checking the socket's policy, and a
 * PostgreSQL NOTIFY payload stays far below its 8,000-byte limit.
 */
export type LiveEvent =
  /** New messages; their conversations changed too (receivers load both). */
  | { kind: "messages"; operationId: string; messageIds: string[] }
  | { kind: "conversations"; operationId: string; conversationIds: string[] }
  | { kind: "review"; operationId: string; conversationIds: string[] };

export type LiveEventListener = (event: LiveEvent) => void;

/** Fans live events out to every socket of every server process. */
export interface EventBus {
  publish(events: LiveEvent[]): Promise<void>;
  subscribe(listener: LiveEventListener): () => void;
  close(): Promise<void>;
}

/**
 * Folds events waiting for one socket into at most one event per kind (ids in arrival order,
 * without repeats), so a console that falls behind at high message rates catches up with one
 * frame instead of one frame per batch. Frames always load current rows, so folding loses
 * nothing.
 */
export function mergeLiveEvents(events: readonly LiveEvent[]): LiveEvent[] {
  const merged = new Map<LiveEvent["kind"], { operationId: string; ids: Set<string> }>();
  for (const event of events) {
    const ids = event.kind === "messages" ? event.messageIds : event.conversationIds;
    const into = merged.get(event.kind) ?? { operationId: event.operationId, ids: new Set() };
    if (into.operationId !== event.operationId) {
      throw new Error("live events of different operations cannot be merged");
    }
    for (const id of ids) into.ids.add(id);
    merged.set(event.kind, into);
  }
  return [...merged].map(([kind, { operationId, ids }]) =>
    kind === "messages"
      ? { kind, operationId, messageIds: [...ids] }
      : { kind, operationId, conversationIds: [...ids] },
  );
}
