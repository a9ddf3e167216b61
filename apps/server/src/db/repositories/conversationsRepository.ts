import { sql } from "kysely";
import type { DbOrTrx } from "../database";
import type { ConversationRow, MessageRow, MessageWithDelivery } from "../tables/conversations";

export async function findConversation(
  db: DbOrTrx,
  id: string,
): Promise<ConversationRow | undefined> {
  return db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A locked conversation with the seq of its last message (0 when it has none). */
export type LockedConversation = ConversationRow & { last_seq: number };

// The seq of the conversation's last message, from the (conversation_id, seq) index: one probe
// per conversation. `table` is how the locking query names conversations.
const lastSeqOf = (table: string) =>
  sql<number>`coalesce((select max(m.seq) from messages m
    where m.conversation_id = ${sql.ref(`${table}.id`)}), 0)`;

/** Locks and re-reads the conversations (in id order, so concurrent writers never deadlock). */
export async function lockConversations(
  trx: DbOrTrx,
  ids: readonly string[],
): Promise<LockedConversation[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("conversations")
    .selectAll()
    .select(lastSeqOf("conversations").as("last_seq"))
    .where("id", "in", [...ids].sort())
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** Who a conversation is with, where: the key the ingest path finds conversations by. */
export interface CounterpartKey {
  operationId: string;
  venueId: string;
  counterpartRef: string;
}

/**
 * Locks the live conversations with these counterparts (in id order, as lockConversations) and
 * returns them oldest first, in one round trip. Each key is one probe of the
 * (operation_id, venue_id, counterpart_ref) index.
 */
export async function lockOpenConversations(
  trx: DbOrTrx,
  keys: readonly CounterpartKey[],
): Promise<LockedConversation[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<LockedConversation>`
    select c.*, ${lastSeqOf("c")} as last_seq
      from conversations c
      join unnest(${keys.map((k) => k.operationId)}::uuid[], ${keys.map((k) => k.venueId)}::uuid[],
                  ${keys.map((k) => k.counterpartRef)}::text[]) as k(operation_id, venue_id, ref)
        on c.operation_id = k.operation_id and c.venue_id = k.venue_id and c.counterpart_ref = k.ref
     where c.purged_at is null
     order by c.id
       for update of c`.execute(trx);
  return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}

export type HistoryRow = Pick<
  MessageRow,
  "conversation_id" | "seq" | "direction" | "body" | "indicators" | "move_id"
>;

export async function loadHistories(
  db: DbOrTrx,
  conversationIds: readonly string[],
): Promise<HistoryRow[]> {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom("messages")
    .select(["conversation_id", "seq", "direction", "body", "indicators", "move_id"])
    .where("conversation_id", "in", [...new Set(conversationIds)])
    .orderBy("conversation_id")
    .orderBy("seq")
    .execute();
}

export async function listMessages(
  db: DbOrTrx,
  conversationId: string,
): Promise<MessageWithDelivery[]> {
  return messagesWithDelivery(db)
    .where("messages.conversation_id", "=", conversationId)
    .orderBy("messages.seq")
    .execute();
}

export async function findMessagesByIds(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<MessageWithDelivery[]> {
  if (ids.length === 0) return [];
  return messagesWithDelivery(db)
    .where("messages.id", "=", sql<string>`any(${[...ids]}::uuid[])`)
    .orderBy("messages.created_at")
    .orderBy("messages.seq")
    .execute();
}

/** Messages with the outbox's state of each persona message (null for a counterpart's). */
function messagesWithDelivery(db: DbOrTrx) {
  return db
    .selectFrom("messages")
    .leftJoin("message_deliveries", "message_deliveries.message_id", "messages.id")
    .selectAll("messages")
    .select([
      "message_deliveries.state as delivery_state",
      "message_deliveries.detail as delivery_detail",
    ]);
}

/** The conversations the messages belong to (one query, alongside findMessagesByIds). */
export async function findConversationsOfMessages(
  db: DbOrTrx,
  messageIds: readonly string[],
): Promise<ConversationRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom("conversations")
    .selectAll()
    .where(
      "id",
      "in",
      db
        .selectFrom("messages")
        .select("conversation_id")
        .where("id", "=", sql<string>`any(${[...messageIds]}::uuid[])`),
    )
    .execute();
}

export async function findConversationsByIds(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
}

/** The operation's conversations that are not purged, newest activity first. */
export async function listConversations(
  db: DbOrTrx,
  operationId: string,
  limit = 500,
): Promise<ConversationRow[]> {
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("operation_id", "=", operationId)
    .where("purged_at", "is", null)
    .orderBy(sql`coalesce(last_message_at, created_at)`, "desc")
    .limit(limit)
    .execute();
}

/** Sets a conversation's unread count to zero and returns it. */
export async function markConversationRead(db: DbOrTrx, id: string): Promise<ConversationRow> {
  return db
    .updateTable("conversations")
    .set({ unread_count: 0 })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Chooses the language of a conversation's safe moves. */
export async function setMoveLanguage(
  db: DbOrTrx,
  id: string,
  language: string,
): Promise<ConversationRow> {
  return db
    .updateTable("conversations")
    .set({ move_language: language })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The live conversation with a counterpart in a venue, if there is one. */
export async function findOpenConversationWith(
  db: DbOrTrx,
  key: CounterpartKey,
): Promise<ConversationRow | undefined> {
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("operation_id", "=", key.operationId)
    .where("venue_id", "=", key.venueId)
    .where("counterpart_ref", "=", key.counterpartRef)
    .where("purged_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}
