import { sql, type Transaction } from "kysely";
import type { ConnectorHub } from "../connectors/connectorHub";
import type { Db } from "../db/database";
import {
  assertFencesHold,
  StaleLeaseError,
  type LeaseFence,
} from "../db/repositories/venueLeasesRepository";
import type { Database } from "../db/schema";
import type { DeliveryState } from "../db/tables/conversations";
import type { EventBus } from "../events/liveEvents";
import type { EvidenceSink } from "./evidence";

export interface OutboxOptions {
  db: Db;
  hub: ConnectorHub;
  evidence: EvidenceSink;
  bus: EventBus;
  /**
   * Several processes (PostgreSQL with venue leases): where a message goes that this process
   * cannot deliver because another one holds its venue.
   */
  router?: DeliveryRouter;
}

/** How the outbox reaches the holder of a venue this process does not hold. */
export interface DeliveryRouter {
  /** Whether another process holds (or will take over) the venue the persona should be in. */
  deliveredElsewhere(operationId: string, venueId: string | null): Promise<boolean>;
  /** Wakes the holder (LISTEN/NOTIFY): a message of this operation waits for it. */
  wakeHolder(operationId: string): Promise<void>;
}

interface PendingDelivery {
  message_id: string;
  operation_id: string;
  conversation_id: string;
  venue_id: string | null;
  counterpart_ref: string | null;
  body: string;
  fault_seconds: number | null;
}

/**
 * Delivers recorded persona messages (S2: the record comes first, then the network). Each
 * message goes `pending → sent` once the connector took it, or `pending → failed` with what went
 * wrong; both outcomes are event entries in the ledger, and the console hears of each change.
 * Only the process that holds the venue delivers; in one process a message is sent at most once.
 */
export class Outbox {
  private readonly inFlight = new Map<string, Promise<DeliveryState>>();
  constructor(private readonly options: OutboxOptions) {}

  /** Delivers one message if it is pending and this process can; resolves with its state. */
  deliver(messageId: string): Promise<DeliveryState> {
    const running = this.inFlight.get(messageId);
    if (running) return running;
    const delivery = this.attempt(messageId).finally(() => this.inFlight.delete(messageId));
    this.inFlight.set(messageId, delivery);
    return delivery;
  }

  /** Delivers every pending message of the operation's venues this process holds, in order. */
  async deliverPending(operationId: string): Promise<void> {
    const pending = await this.options.db
      .selectFrom("message_deliveries")
      .select("message_id")
      .where("operation_id", "=", operationId)
      .where("state", "=", "pending")
      .orderBy("created_at")
      .execute();
    for (const { message_id } of pending) await this.deliver(message_id);
  }

  /** Waits for every delivery under way (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async attempt(messageId: string): Promise<DeliveryState> {
    const { db, hub } = this.options;
    const pending = await this.load(messageId);
    if (!pending) {
      const row = await db
        .selectFrom("message_deliveries")
        .select("state")
        .where("message_id", "=", messageId)
        .executeTakeFirst();
      return row?.state ?? "failed";
    }
    const presence = hub.presenceFor(pending.operation_id, pending.venue_id);
    if (!presence || !pending.counterpart_ref) {
      const router = this.options.router;
      if (
        pending.counterpart_ref &&
        router &&
        (await router.deliveredElsewhere(pending.operation_id, pending.venue_id))
      ) {
        // Another process holds the venue: it delivers the message when woken (or on its poll).
        await router.wakeHolder(pending.operation_id);
        return "pending";
      }
      return this.settle(
        pending,
        "failed",
        "The persona is not present in this conversation's venue, so the message was not sent. Go present in the venue and send it again.",
      );
    }
    const target = { venueAddress: presence.venueAddress, counterpartId: pending.counterpart_ref };
    // The lease the connection holds: the outcome is recorded only while it still holds.
    const fence = hub.fenceFor(pending.operation_id, presence.accountKey);
    try {
      // No timeout here: a connector bounds its own sends (words it still holds when it gives
      // up are withdrawn), so a message is never marked failed and then written after all.
      await presence.connector.send(target, pending.body);
    } catch (error) {
      return this.settle(pending, "failed", deliveryFailure(error), fence);
    }
    const state = await this.settle(pending, "sent", null, fence);
    if (pending.fault_seconds) {
      await presence.connector.fault(pending.fault_seconds, target).catch(() => undefined);
    }
    return state;
  }

  private async load(messageId: string): Promise<PendingDelivery | undefined> {
    const { rows } = await sql<PendingDelivery>`
      select d.message_id, d.operation_id, d.conversation_id, c.venue_id, c.counterpart_ref,
             m.body, d.fault_seconds
        from message_deliveries d
        join messages m on m.id = d.message_id
        join conversations c on c.id = d.conversation_id
       where d.message_id = ${messageId} and d.state = 'pending'`.execute(this.options.db);
    return rows[0];
  }

  /** Records the outcome, once: an attempt that finds the message settled changes nothing. */
  private async settle(
    pending: PendingDelivery,
    state: "sent" | "failed",
    detail: string | null,
    fence?: LeaseFence,
  ): Promise<DeliveryState> {
    const { db, bus } = this.options;
    let settled: boolean;
    try {
      settled = await db.transaction().execute(async (trx) => {
        // A process that lost the venue records nothing: the holder delivers and records it.
        if (fence) await assertFencesHold(trx, [fence]);
        return this.record(trx, pending, state, detail);
      });
    } catch (error) {
      if (error instanceof StaleLeaseError) return "pending";
      throw error;
    }
    if (settled) {
      await bus.publish([
        { kind: "messages", operationId: pending.operation_id, messageIds: [pending.message_id] },
      ]);
      return state;
    }
    const row = await db
      .selectFrom("message_deliveries")
      .select("state")
      .where("message_id", "=", pending.message_id)
      .executeTakeFirstOrThrow();
    return row.state;
  }

  /** The outcome and its evidence, in the caller's transaction; false when already settled. */
  private async record(
    trx: Transaction<Database>,
    pending: PendingDelivery,
    state: "sent" | "failed",
    detail: string | null,
  ): Promise<boolean> {
    const { evidence } = this.options;
    const updated = await trx
      .updateTable("message_deliveries")
      .set({ state, detail, attempts: sql`attempts + 1`, updated_at: new Date() })
      .where("message_id", "=", pending.message_id)
      .where("state", "=", "pending")
      .returning("message_id")
      .executeTakeFirst();
    if (!updated) return false;
    // The outcome is evidence: what the operator tried to send and whether the network took it.
    const event = await trx
      .insertInto("events")
      .values({
        operation_id: pending.operation_id,
        conversation_id: pending.conversation_id,
        kind: state === "sent" ? "message.delivered" : "message.delivery_failed",
        payload: JSON.stringify({
          messageId: pending.message_id,
          ...(detail ? { detail } : {}),
        }),
        actor_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await evidence.append(trx, [
      {
        kind: "event",
        operationId: pending.operation_id,
        source: { table: "events", id: event.id },
      },
    ]);
    return true;
  }
}

function deliveryFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : "The chat network refused the message.";
  return `${reason} The message stays in the record as not delivered.`;
}
