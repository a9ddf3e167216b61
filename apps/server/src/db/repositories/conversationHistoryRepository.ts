import { sql } from "kysely";
import type { DbOrTrx } from "../database";
import type { EventRow } from "../tables/conversations";

// Events written by one assessment share a timestamp: this is the order they happened in.
const KIND_ORDER = sql<number>`case kind
  when 'message.truncated' then 0 when 'stage.changed' then 1 when 'safeguard.flagged' then 2
  when 'criteria.proposed' then 3 when 'broken_off' then 4 else 5 end`;

/** A conversation's events (stage changes, flags, captures, decisions, departures), in order. */
export async function listConversationEvents(
  db: DbOrTrx,
  conversationId: string,
): Promise<EventRow[]> {
  return (
    db
      .selectFrom("events")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      // A delivery shows on its message; only a failure is worth a line of its own.
      .where("kind", "!=", "message.delivered")
      .orderBy("created_at")
      .orderBy(KIND_ORDER)
      .orderBy("id")
      .execute()
  );
}

/** Who ran a conversation: its operator and everyone who sent persona words in it. */
export async function listConversationOperators(
  db: DbOrTrx,
  conversation: { id: string; operator_id: string | null },
): Promise<{ userId: string; username: string; displayName: string; messagesSent: number }[]> {
  const senders = await db
    .selectFrom("messages")
    .innerJoin("users", "users.id", "messages.sent_by")
    .select(["users.id", "users.username", "users.display_name"])
    .select((eb) => eb.fn.countAll<number>().as("sent"))
    .where("messages.conversation_id", "=", conversation.id)
    .groupBy(["users.id", "users.username", "users.display_name"])
    .execute();
  const people = senders.map((row) => ({
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    messagesSent: Number(row.sent),
  }));
  if (conversation.operator_id && !people.some((p) => p.userId === conversation.operator_id)) {
    const operator = await db
      .selectFrom("users")
      .select(["id", "username", "display_name"])
      .where("id", "=", conversation.operator_id)
      .executeTakeFirst();
    if (operator) {
      people.unshift({
        userId: operator.id,
        username: operator.username,
        displayName: operator.display_name,
        messagesSent: 0,
      });
    }
  }
  return people;
}
