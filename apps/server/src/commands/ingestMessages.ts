import type { ConversationAnalyzer } from "../conversations/analyzer";
import type { EvidenceSink } from "../conversations/evidence";
import { limitBytes, textOfBytes } from "../conversations/messageText";
import type { IncomingPrivateMessage } from "../connectors/connector";
import type { Transaction } from "kysely";
import type { DbOrTrx } from "../db/database";
import type { Database } from "../db/schema";
import {
  lockOpenConversations,
  type LockedConversation,
} from "../db/repositories/conversationsRepository";
import type { ConversationRow } from "../db/tables/conversations";
import type { LiveEvent } from "../events/liveEvents";
import { analysisStates, planAssessment, writeAssessments } from "./conversationState";

/** A message a connector received, with where it belongs. */
export interface IngestItem {
  operationId: string;
  venueId: string;
  personaId: string | null;
  message: IncomingPrivateMessage;
}

export interface IngestPorts {
  analyzer: ConversationAnalyzer;
  evidence: EvidenceSink;
}

export interface IngestResult {
  messageIds: string[];
  liveEvents: LiveEvent[];
}

const keyOf = (operationId: string, venueId: string | null, ref: string | null) =>
  `${operationId}|${venueId}|${ref}`;

/**
 * Ingests counterpart messages in one transaction (the caller's): finds or opens each
 * conversation, stores the exact bytes, detects indicators, re-assesses the conversation and
 * appends every message and event to the evidence ledger. Batches keep throughput high; order
 * inside a conversation is the order of `items`.
 *
 * Round trips per batch, whatever its size: lock the conversations (with their last seq and
 * analyzer state), open new ones, write the assessments and their events, then the messages
 * and their ledger entries (see insertMessagesWithEvidence). No history is read unless a
 * conversation's stored analyzer state is behind (see analysisStates).
 */
export async function ingestMessages(
  trx: Transaction<Database>,
  ports: IngestPorts,
  items: readonly IngestItem[],
): Promise<IngestResult> {
  if (items.length === 0) return { messageIds: [], liveEvents: [] };
  const conversations = await resolveConversations(trx, items);
  const analyses = await analysisStates(trx, ports.analyzer, [
    ...new Map([...conversations.values()].map((row) => [row.id, row])).values(),
  ]);

  const rows = items.map((item) => {
    const conversation = conversations.get(
      keyOf(item.operationId, item.venueId, item.message.counterpartId),
    )!;
    const { bytes, truncated } = limitBytes(item.message.bytes);
    const text = textOfBytes(bytes);
    const before = analyses.get(conversation.id)!;
    const indicators = ports.analyzer.detect(before.state, { direction: "in", text });
    const seq = before.seq + 1;
    analyses.set(conversation.id, {
      seq,
      state: ports.analyzer.advance(before.state, { direction: "in", text, indicators }),
    });
    return {
      conversation,
      truncated,
      values: {
        operation_id: item.operationId,
        conversation_id: conversation.id,
        seq,
        direction: "in" as const,
        body: text,
        body_bytes: bytes,
        sent_by: null,
        move_id: null,
        move_library_version: null,
        indicators: JSON.stringify(indicators),
        created_at: item.message.receivedAt,
      },
    };
  });

  const touched = new Map<
    string,
    { row: ConversationRow; count: number; lastAt: Date; truncated: boolean }
  >();
  for (const row of rows) {
    const entry = touched.get(row.conversation.id) ?? {
      row: row.conversation,
      count: 0,
      lastAt: row.values.created_at,
      truncated: false,
    };
    entry.count += 1;
    entry.lastAt = row.values.created_at;
    entry.truncated ||= row.truncated;
    touched.set(row.conversation.id, entry);
  }
  const plans = [...touched].map(([id, entry]) =>
    planAssessment(ports.analyzer, entry.row, analyses.get(id)!, {
      unreadIncrement: entry.count,
      lastMessageAt: entry.lastAt,
      lastInAt: entry.lastAt,
      actorId: null,
      ...(entry.truncated ? { extraEvents: [{ kind: "message.truncated", payload: {} }] } : {}),
    }),
  );
  const conversationEvents = await writeAssessments(trx, plans);
  const messageIds = await ports.evidence.insertMessages(
    trx,
    rows.map((row) => row.values),
    conversationEvents,
  );

  const byOperation = new Map<string, string[]>();
  for (const [index, id] of messageIds.entries()) {
    const operationId = rows[index]!.values.operation_id;
    const ids = byOperation.get(operationId) ?? [];
    ids.push(id);
    byOperation.set(operationId, ids);
  }
  return {
    messageIds,
    liveEvents: [...byOperation].map(([operationId, ids]) => ({
      kind: "messages",
      operationId,
      messageIds: ids,
    })),
  };
}

/**
 * The open conversation for each (operation, venue, counterpart), locked, opening new ones in
 * bulk. The newest conversation per counterpart wins, as before.
 */
async function resolveConversations(
  trx: DbOrTrx,
  items: readonly IngestItem[],
): Promise<Map<string, LockedConversation>> {
  const keys = new Map(
    items.map((item) => [
      keyOf(item.operationId, item.venueId, item.message.counterpartId),
      {
        operationId: item.operationId,
        venueId: item.venueId,
        counterpartRef: item.message.counterpartId,
      },
    ]),
  );
  const found = await lockOpenConversations(trx, [...keys.values()]);
  const byKey = new Map<string, LockedConversation>();
  for (const row of found)
    byKey.set(keyOf(row.operation_id, row.venue_id, row.counterpart_ref), row);
  const missing = new Map<string, IngestItem>();
  for (const item of items) {
    const key = keyOf(item.operationId, item.venueId, item.message.counterpartId);
    if (!byKey.has(key) && !missing.has(key)) missing.set(key, item);
  }
  if (missing.size > 0) {
    // The counterpart wrote first: the persona never opens a conversation (S6 persona_initiated).
    const created = await trx
      .insertInto("conversations")
      .values(
        [...missing.values()].map((item) => ({
          operation_id: item.operationId,
          venue_id: item.venueId,
          persona_id: item.personaId,
          counterpart_handle: item.message.counterpartHandle,
          counterpart_ref: item.message.counterpartId,
          initiator: "counterpart" as const,
          created_at: item.message.receivedAt,
        })),
      )
      .returningAll()
      .execute();
    for (const row of created)
      byKey.set(keyOf(row.operation_id, row.venue_id, row.counterpart_ref), {
        ...row,
        last_seq: 0,
      });
  }
  return byKey;
}
