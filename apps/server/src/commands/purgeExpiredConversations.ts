import { sql } from "kysely";
import { recordAudit } from "../audit/recordAudit";
import type { Clock } from "../clock";
import type { Db } from "../db/database";
import {
  captureBytesIn,
  markCapturePurged,
  removeUnreferencedCaptureFiles,
  type CaptureBytesStore,
} from "../blobs/captureBytes";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { purgeEvidence } from "../ledger/evidencePurger";

export const RETENTION_PURGE_REASON =
  "retention: conversation did not meet the operation's criteria";

/**
 * Data minimization: conversations that were never proposed (or were rejected) and are older
 * than their operation's retention period lose their content. Messages and events are purged
 * through the ledger, which keeps their leaf hashes and appends tombstones; the conversation row
 * keeps only its id, stage and dates. One transaction per conversation, so a long run can stop
 * anywhere without leaving a half-purged conversation.
 */
export async function purgeExpiredConversations(
  db: Db,
  ports: { clock: Clock; captures?: CaptureBytesStore },
): Promise<{ purged: string[] }> {
  const captureStore = ports.captures ?? captureBytesIn(databaseBlobStore(db));
  const now = ports.clock.now();
  const due = await db
    .selectFrom("conversations")
    .innerJoin("operations", "operations.id", "conversations.operation_id")
    .select(["conversations.id", "conversations.operation_id"])
    .where("conversations.purged_at", "is", null)
    .where("conversations.status", "!=", "confirmed")
    .where((eb) =>
      eb.or([
        eb("conversations.proposed", "=", false),
        eb("conversations.status", "=", "rejected"),
      ]),
    )
    .where(
      sql<boolean>`coalesce(conversations.last_message_at, conversations.created_at) + make_interval(days => operations.retention_days) <= ${now}`,
    )
    .execute();

  const purged: string[] = [];
  for (const conversation of due) {
    const files = await db.transaction().execute(async (trx) => {
      const [messages, events, captures] = await Promise.all(
        (["messages", "events"] as const)
          .map((table) =>
            trx
              .selectFrom(table)
              .select(["id", sql<string>`''`.as("sha256")])
              .where("conversation_id", "=", conversation.id)
              .execute(),
          )
          .concat(
            trx
              .selectFrom("captures")
              .select(["id", "sha256"])
              .where("conversation_id", "=", conversation.id)
              .execute(),
          ),
      );
      // A message's wire (origin and raw bytes) goes with it, before it.
      const wires = await trx
        .selectFrom("message_wire")
        .select("id")
        .where("message_id", "in", [null, ...messages!.map((row) => row.id)])
        .execute();
      const ledgered = new Set(
        (
          await trx
            .selectFrom("ledger_entries")
            .select("source_id")
            .where("source_table", "in", [
              "message_wire",
              "messages",
              "events",
              "captures",
              "conversations",
            ])
            .where(
              "source_id",
              "in",
              [...wires, ...messages!, ...events!, ...captures!, conversation].map((row) => row.id),
            )
            .where("purged_at", "is", null)
            .execute()
        ).map((row) => row.source_id),
      );
      // Through the ledger where the row has an entry (its leaf hash stays, a tombstone says
      // why); rows from before their table was under the ledger are removed directly.
      const purge = async (table: string, id: string, otherwise: () => Promise<unknown>) => {
        if (ledgered.has(id)) {
          await purgeEvidence(trx, { source: { table, id } }, RETENTION_PURGE_REASON);
        } else await otherwise();
      };
      for (const row of wires)
        await purge("message_wire", row.id, () =>
          trx.deleteFrom("message_wire").where("id", "=", row.id).execute(),
        );
      for (const row of messages!)
        await purge("messages", row.id, () =>
          trx.deleteFrom("messages").where("id", "=", row.id).execute(),
        );
      for (const row of events!)
        await purge("events", row.id, () =>
          trx.deleteFrom("events").where("id", "=", row.id).execute(),
        );
      for (const row of captures!)
        await purge("captures", row.id, () => markCapturePurged(trx, row.id));
      await purge("conversations", conversation.id, async () => undefined);
      await trx
        .updateTable("conversations")
        .set({
          purged_at: now,
          status: "purged",
          counterpart_handle: "(purged)",
          counterpart_ref: null,
          unread_count: 0,
        })
        .where("id", "=", conversation.id)
        .execute();
      await recordAudit(trx, null, {
        action: "conversation.purged",
        operationId: conversation.operation_id,
        targetType: "conversation",
        targetId: conversation.id,
        details: {
          reason: RETENTION_PURGE_REASON,
          messages: messages!.length,
          events: events!.length,
          captures: captures!.length,
        },
      });
      return captures!.map((row) => row.sha256);
    });
    // The files leave the store once the purge has committed, unless something else uses them.
    await removeUnreferencedCaptureFiles(db, captureStore, files);
    purged.push(conversation.id);
  }
  return { purged };
}
