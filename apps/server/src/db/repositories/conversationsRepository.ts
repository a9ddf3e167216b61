import { sql } from "kysely";
import type { DbOrTrx } from "../database";
import type { ConversationRow, MessageRow } from "../tables/conversations";

export async function findConversation(
  db: DbOrTrx,
  id: string,
): Promise<ConversationRow | undefined> {
  return db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks and re-reads the conversations (in id order, so concurrent writers never deadlock). */
export async function lockConversations(
  trx: DbOrTrx,
  ids: readonly string[],
): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("conversations")
    .selectAll()
    .where("id", "in", [...ids].sort())
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** Live conversations with these counterparts in these venues (the latest one per counterpart). */
export async function findOpenConversations(
  db: DbOrTrx,
  operationIds: readonly string[],
  counterpartRefs: readonly string[],
): Promise<ConversationRow[]> {
  if (counterpartRefs.length === 0) return [];
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("operation_id", "in", [...new Set(operationIds)])
    .where("counterpart_ref", "in", [...new Set(counterpartRefs)])
    .where("purged_at", "is", null)
    .orderBy("created_at", "asc")
    .execute();
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

export async function listMessages(db: DbOrTrx, conversationId: string): Promise<MessageRow[]> {
  return db
    .selectFrom("messages")
    .selectAll()
    .where("conversation_id", "=", conversationId)
    .orderBy("seq")
    .execute();
}

export async function findMessagesByIds(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("messages")
    .selectAll()
    .where("id", "in", [...ids])
    .orderBy("created_at")
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
