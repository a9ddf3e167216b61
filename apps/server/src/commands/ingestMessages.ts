import type { AnalyzedMessage, ConversationAnalyzer } from "../conversations/analyzer";
import type { EvidenceItem, EvidenceSink } from "../conversations/evidence";
import { limitBytes, textOfBytes } from "../conversations/messageText";
import type { IncomingPrivateMessage } from "../connectors/connector";
import type { Transaction } from "kysely";
import type { DbOrTrx } from "../db/database";
import type { Database } from "../db/schema";
import {
  findOpenConversations,
  loadHistories,
  lockConversations,
} from "../db/repositories/conversationsRepository";
import type { ConversationRow } from "../db/tables/conversations";
import type { LiveEvent } from "../events/liveEvents";
import { historyToAnalyzed, planAssessment, writeAssessments } from "./conversationState";

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
 */
export async function ingestMessages(
  trx: Transaction<Database>,
  ports: IngestPorts,
  items: readonly IngestItem[],
): Promise<IngestResult> {
  if (items.length === 0) return { messageIds: [], liveEvents: [] };
  const conversations = await resolveConversations(trx, items);
  const conversationIds = [...new Set(conversations.values())].map((row) => row.id);
  const current = new Map(
    (await lockConversations(trx, conversationIds)).map((row) => [row.id, row]),
  );

  const histories = new Map<string, AnalyzedMessage[]>(conversationIds.map((id) => [id, []]));
  const nextSeq = new Map<string, number>(conversationIds.map((id) => [id, 1]));
  for (const row of await loadHistories(trx, conversationIds)) {
    histories.get(row.conversation_id)?.push(historyToAnalyzed(row));
    nextSeq.set(row.conversation_id, row.seq + 1);
  }

  const rows = items.map((item) => {
    const conversation = conversations.get(
      keyOf(item.operationId, item.venueId, item.message.counterpartId),
    )!;
    const { bytes, truncated } = limitBytes(item.message.bytes);
    const text = textOfBytes(bytes);
    const history = histories.get(conversation.id)!;
    const indicators = ports.analyzer.detect(history, { direction: "in", text });
    history.push({ direction: "in", text, indicators });
    const seq = nextSeq.get(conversation.id)!;
    nextSeq.set(conversation.id, seq + 1);
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

  const inserted = await trx
    .insertInto("messages")
    .values(rows.map((row) => row.values))
    .returning(["id", "created_at"])
    .execute();

  const evidence: EvidenceItem[] = inserted.map((message, index) => ({
    kind: "message",
    operationId: rows[index]!.values.operation_id,
    source: { table: "messages", id: message.id },
  }));

  const touched = new Map<
    string,
    { row: ConversationRow; count: number; lastAt: Date; truncated: boolean }
  >();
  for (const row of rows) {
    const entry = touched.get(row.conversation.id) ?? {
      row: current.get(row.conversation.id)!,
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
    planAssessment(ports.analyzer, entry.row, histories.get(id)!, {
      unreadIncrement: entry.count,
      lastMessageAt: entry.lastAt,
      lastInAt: entry.lastAt,
      actorId: null,
      ...(entry.truncated ? { extraEvents: [{ kind: "message.truncated", payload: {} }] } : {}),
    }),
  );
  const conversationEvents = await writeAssessments(trx, plans);
  await ports.evidence.append(trx, [...evidence, ...conversationEvents]);

  const byOperation = new Map<string, string[]>();
  for (const [index, message] of inserted.entries()) {
    const operationId = rows[index]!.values.operation_id;
    byOperation.set(operationId, [...(byOperation.get(operationId) ?? []), message.id]);
  }
  return {
    messageIds: inserted.map((message) => message.id),
    liveEvents: [...byOperation].map(([operationId, messageIds]) => ({
      kind: "messages",
      operationId,
      messageIds,
    })),
  };
}

/** The open conversation for each (operation, venue, counterpart), opening new ones in bulk. */
async function resolveConversations(
  trx: DbOrTrx,
  items: readonly IngestItem[],
): Promise<Map<string, ConversationRow>> {
  const found = await findOpenConversations(
    trx,
    items.map((item) => item.operationId),
    items.map((item) => item.message.counterpartId),
  );
  const byKey = new Map<string, ConversationRow>();
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
      byKey.set(keyOf(row.operation_id, row.venue_id, row.counterpart_ref), row);
  }
  return byKey;
}
