import type { ColumnType, Generated, Selectable } from "kysely";

export interface ConversationsTable {
  id: Generated<string>;
  operation_id: string;
  persona_id: string | null;
  venue_id: string | null;
  /** Untrusted (S7): the counterpart chose it; render as text only. */
  counterpart_handle: string;
  initiator: "counterpart" | "persona";
  stage: Generated<string>;
  broken_off: Generated<boolean>;
  proposed: Generated<boolean>;
  flags: ColumnType<string[], string | undefined, string>;
  status: Generated<string>;
  operator_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_message_at: Date | null;
  /** The counterpart's id on the network (nick, JID, training id), so replies reach them (0004). */
  counterpart_ref: string | null;
  unread_count: Generated<number>;
  last_in_at: Date | null;
  purged_at: Date | null;
  /** The analyzer's state after message `seq` ({ seq, state }); null until analyzed (0007). */
  analysis: ColumnType<unknown, string | null | undefined, string | null>;
  /** Language of the safe moves in this conversation: "en" or "taglish" (0013). */
  move_language: Generated<string>;
  /** Real networks: the opening message's origin (sender, network, server), untrusted (0021). */
  network_origin: ColumnType<unknown, string | null | undefined, string | null>;
}
export type ConversationRow = Selectable<ConversationsTable>;

export interface MessagesTable {
  id: Generated<string>;
  operation_id: string;
  conversation_id: string;
  seq: number;
  direction: "in" | "out";
  body: string;
  /** The bytes exactly as received or sent (S7), even when they were not valid UTF-8. */
  body_bytes: Uint8Array;
  /** The operator who typed or chose the message (S2). */
  sent_by: string | null;
  move_id: string | null;
  /** Content hash of the safe-move library when the message is a library move (S2). */
  move_library_version: string | null;
  indicators: ColumnType<unknown[], string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type MessageRow = Selectable<MessagesTable>;

export interface EventsTable {
  id: Generated<string>;
  operation_id: string;
  conversation_id: string | null;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type EventRow = Selectable<EventsTable>;

export type DeliveryState = "pending" | "sent" | "failed";

/** The outbox: one row per persona message, its delivery state (0020). */
export interface MessageDeliveriesTable {
  message_id: string;
  operation_id: string;
  conversation_id: string;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  fault_seconds: number | null;
  attempts: Generated<number>;
  /** Why the last attempt failed, in the operator's words. */
  detail: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type MessageDeliveryRow = Selectable<MessageDeliveriesTable>;

/** A message as the console reads it: with its delivery state when it is the persona's. */
export type MessageWithDelivery = MessageRow & {
  delivery_state: DeliveryState | null;
  delivery_detail: string | null;
};

/** A received message's origin and the raw protocol units it came in, byte-exact (0021). */
export interface MessageWireTable {
  id: Generated<string>;
  message_id: string;
  operation_id: string;
  origin: ColumnType<Record<string, unknown>, string, never>;
  wire: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}
