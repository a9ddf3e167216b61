import type { DepartureItem } from "../connectors/connectorHub";
import type { EvidenceSink } from "../conversations/evidence";
import type { Db } from "../db/database";
import { findOpenConversationWith } from "../db/repositories/conversationsRepository";

/**
 * Records that a counterpart left a conversation: an event under the ledger (a departure is part
 * of what happened, and may explain why a conversation ends without a break-off). Returns the
 * conversation's id, or null when there is no conversation with them (they never wrote).
 */
export async function recordCounterpartLeft(
  db: Db,
  ports: { evidence: EvidenceSink },
  item: DepartureItem,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const conversation = await findOpenConversationWith(trx, {
      operationId: item.operationId,
      venueId: item.venueId,
      counterpartRef: item.counterpartRef,
    });
    if (!conversation) return null;
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: item.operationId,
        conversation_id: conversation.id,
        kind: "counterpart.left",
        payload: JSON.stringify({ at: item.at.toISOString() }),
        actor_id: null,
        // The connector's time of the departure, as messages carry the connector's receipt time,
        // so the event sorts after the counterpart's last message on the same clock.
        created_at: item.at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ports.evidence.append(trx, [
      { kind: "event", operationId: item.operationId, source: { table: "events", id: event.id } },
    ]);
    return conversation.id;
  });
}
