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
