import type { ConversationAnalyzer } from "../conversations/analyzer";
import type { EvidenceItem, EvidenceSink } from "../conversations/evidence";
import { limitBytes, MAX_MESSAGE_BYTES, textOfBytes } from "../conversations/messageText";
import type { IncomingPrivateMessage } from "../connectors/connector";
import { sql, type Transaction } from "kysely";
import type { DbOrTrx } from "../db/database";
import type { LeaseFence } from "../db/repositories/venueLeasesRepository";
import type { Database } from "../db/schema";
import {
  lockOpenConversations,
  type LockedConversation,
} from "../db/repositories/conversationsRepository";
import type { ConversationRow } from "../db/tables/conversations";
import type { LiveEvent } from "../events/liveEvents";
import {
  conversationEvidenceSelect,
  MESSAGE_WIRE_EVIDENCE_COLUMNS,
} from "../ledger/evidenceSourceTables";
import type { SourceRow } from "../ledger/evidenceSources";
import { syncChatObservations, type ObservationPorts } from "../identity/chatObservations";
import { analysisStates, planAssessment, writeAssessments } from "./conversationState";

/** A message a connector received, with where it belongs. */
export interface IngestItem {
  operationId: string;
  venueId: string;
  personaId: string | null;
  message: IncomingPrivateMessage;
  /** The venue lease it was received under (several processes); refused once another holds it. */
  fence?: LeaseFence;
}

export interface IngestPorts {
  analyzer: ConversationAnalyzer;
  evidence: EvidenceSink;
  /**
   * The deconfliction secret: with it, what new messages of a subject's conversations disclose
   * (identifiers, network origins) becomes observations on the subject in the same transaction.
   * Without it (CLI verbs with no data directory), the workspace adds them when it next shows
   * the subject.
   */
  deconflictionSecret?: Uint8Array;
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
  const { conversations, opened } = await resolveConversations(trx, items);
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
    opened,
  );

  await recordWire(
    trx,
    ports.evidence,
    items.flatMap((item, index) =>
      item.message.origin ? [{ item, messageId: messageIds[index]! }] : [],
    ),
  );

  if (ports.deconflictionSecret) {
    const observationPorts: ObservationPorts = {
      evidence: ports.evidence,
      deconflictionSecret: ports.deconflictionSecret,
    };
    const byOperationConversations = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = byOperationConversations.get(row.values.operation_id) ?? new Set<string>();
      set.add(row.values.conversation_id);
      byOperationConversations.set(row.values.operation_id, set);
    }
    // Only conversations already joined to a subject (a confirmed one) have anything to observe.
    const linked = new Set(
      (
        await trx
          .selectFrom("subject_conversations")
          .select("conversation_id")
          .where("conversation_id", "in", [...touched.keys()])
          .execute()
      ).map((row) => row.conversation_id),
    );
    for (const [operationId, ids] of byOperationConversations) {
      const conversationIds = [...ids].filter((id) => linked.has(id));
      if (conversationIds.length === 0) continue;
      await syncChatObservations(trx, observationPorts, {
        operationId,
        conversationIds,
        messageIds: messageIds.filter((_, index) =>
          linked.has(rows[index]!.values.conversation_id),
        ),
      });
    }
  }

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
 * bulk (one statement, which also returns each opening's evidence fields for the ledger). The
 * newest conversation per counterpart wins, as before.
 */
async function resolveConversations(
  trx: DbOrTrx,
  items: readonly IngestItem[],
): Promise<{ conversations: Map<string, LockedConversation>; opened: EvidenceItem[] }> {
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
  const opened: EvidenceItem[] = [];
  if (missing.size > 0) {
    // The counterpart wrote first: the persona never opens a conversation (S6 persona_initiated).
    for (const { evidence, ...row } of await openConversations(trx, [...missing.values()])) {
      byKey.set(keyOf(row.operation_id, row.venue_id, row.counterpart_ref), {
        ...row,
        last_seq: 0,
      });
      opened.push({
        kind: "conversation",
        operationId: row.operation_id,
        source: { table: "conversations", id: row.id },
        row: evidence,
      });
    }
  }
  return { conversations: byKey, opened };
}

/**
 * Inserts the conversations the counterparts opened, in one statement that returns each row
 * with its opening's evidence fields (the ledger's conversation source, over the new rows), so
 * the ledger appends the openings without reading them again.
 */
async function openConversations(
  trx: DbOrTrx,
  items: readonly IngestItem[],
): Promise<(ConversationRow & { evidence: SourceRow })[]> {
  const column = <T>(pick: (item: IngestItem) => T) => items.map(pick);
  const { rows } = await sql<ConversationRow & { evidence: SourceRow }>`
    with c as (
      insert into conversations
        (operation_id, venue_id, persona_id, counterpart_handle, counterpart_ref, initiator,
         created_at, network_origin)
      select o.operation_id, o.venue_id, o.persona_id, o.handle, o.ref, 'counterpart', o.created_at,
             o.origin::jsonb
        from unnest(${column((i) => i.operationId)}::uuid[], ${column((i) => i.venueId)}::uuid[],
                    ${column((i) => i.personaId)}::uuid[],
                    ${column((i) => i.message.counterpartHandle)}::text[],
                    ${column((i) => i.message.counterpartId)}::text[],
                    ${column((i) => i.message.receivedAt)}::timestamptz[],
                    ${column((i) => (i.message.origin ? JSON.stringify(i.message.origin) : null))}::text[])
          with ordinality as o(operation_id, venue_id, persona_id, handle, ref, created_at, origin, n)
       order by o.n
      returning *
    )
    select c.*, row_to_json(e) as evidence
      from c join (${conversationEvidenceSelect("c")}) e on e.id = c.id::text
  `.execute(trx);
  return rows;
}

/** Raw protocol bytes kept per message; past this a message's wire is cut (S7 size limit). */
const MAX_WIRE_BYTES = 2 * MAX_MESSAGE_BYTES;

/**
 * Stores where each message from a real network came from and the raw units it came in, and
 * appends their message_wire entries (after the messages' own), in one statement plus the
 * append. The training range has neither.
 */
async function recordWire(
  trx: Transaction<Database>,
  evidence: EvidenceSink,
  wired: readonly { item: IngestItem; messageId: string }[],
): Promise<void> {
  if (wired.length === 0) return;
  const wireOf = ({ item }: { item: IngestItem }) => {
    const units = item.message.wire ?? [];
    const joined = Buffer.concat(units.map((unit) => Buffer.from(unit)));
    return new Uint8Array(joined.subarray(0, MAX_WIRE_BYTES));
  };
  const { rows } = await sql<SourceRow>`
    insert into message_wire (message_id, operation_id, origin, wire, created_at)
    select w.message_id, w.operation_id, w.origin::jsonb, w.wire, w.created_at
      from unnest(${wired.map((w) => w.messageId)}::uuid[],
                  ${wired.map((w) => w.item.operationId)}::uuid[],
                  ${wired.map((w) => JSON.stringify(w.item.message.origin))}::text[],
                  ${wired.map(wireOf)}::bytea[],
                  ${wired.map((w) => w.item.message.receivedAt)}::timestamptz[])
        with ordinality as w(message_id, operation_id, origin, wire, created_at, n)
     order by w.n
    returning ${sql.raw(MESSAGE_WIRE_EVIDENCE_COLUMNS)}`.execute(trx);
  await evidence.append(
    trx,
    rows.map((row) => ({
      kind: "message_wire" as const,
      operationId: row.operation_id,
      source: { table: "message_wire", id: row.id },
      row,
    })),
  );
}
