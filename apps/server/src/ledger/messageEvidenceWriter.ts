import { createHash } from "node:crypto";
import { sql, type Insertable, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { MessagesTable } from "../db/tables/conversations";
import { timeOrderedId } from "../db/timeOrderedId";
import {
  buildEntries,
  checkInput,
  insertBuiltEntries,
  lockStatesAndLoad,
  type AppendedEntry,
  type EvidenceInput,
} from "./evidenceAppender";
import {
  evidenceSource,
  utcMicrosOfDate,
  type SourceContent,
  type SourceRow,
} from "./evidenceSources";

/** A message to record: its row without an id (one is given here), with its time. */
export type MessageToRecord = Omit<Insertable<MessagesTable>, "id" | "created_at"> & {
  created_at: Date;
};

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Inserts message rows and appends their ledger entries, in the caller's transaction, in the
 * order of `rows`: the ingest path for many messages. It costs little more than the INSERT:
 *
 *   1. lock each operation's ledger state (one small statement, operation-id order);
 *   2. send the INSERT, and while PostgreSQL writes the rows, build and hash the entries here
 *      (both cores work at once);
 *   3. insert the entries and advance the states (one statement).
 *
 * The entries are built from the values as the database will store them, instead of reading
 * the rows back: ids are made here (time-ordered), the time is the caller's, the body's bytes
 * are hashed here, and text is made well-formed as the driver would (a lone surrogate becomes
 * U+FFFD). Anything the database would store differently is refused before writing, and the
 * ledger tests verify rows written this way through the verifier, which reads them back.
 */
export async function insertMessagesWithEvidence(
  trx: Transaction<Database>,
  rows: readonly MessageToRecord[],
  /** Evidence appended right after the messages, whose rows are already written (events). */
  followedBy: readonly EvidenceInput[] = [],
): Promise<{ messageIds: string[]; entries: AppendedEntry[] }> {
  if (rows.length === 0 && followedBy.length === 0) return { messageIds: [], entries: [] };
  for (const input of followedBy) checkInput(input);
  const stored = rows.map((row) => {
    for (const id of [row.operation_id, row.conversation_id, row.sent_by]) {
      if (id !== null && id !== undefined && !CANONICAL_UUID.test(id)) {
        throw new Error(`cannot record a message: "${id}" is not a lowercase UUID`);
      }
    }
    return { ...row, id: timeOrderedId(), body: row.body.toWellFormed() };
  });
  const operationIds = [
    ...new Set([...stored.map((row) => row.operation_id), ...followedBy.map((i) => i.operationId)]),
  ];
  // The lock also reads the rows `followedBy` points to, in the same round trip.
  const { states, sources: followingSources } = await lockStatesAndLoad(
    trx,
    operationIds,
    followedBy.flatMap((input) => (input.source ? [input.source] : [])),
  );

  const inserting = stored.length > 0 ? insertMessageRows(trx, stored) : Promise.resolve();
  // Awaited below; this only keeps a failed INSERT from surfacing as an unhandled rejection
  // when building the entries throws first (the transaction rolls back either way).
  inserting.catch(() => undefined);
  // One turn of the event loop puts the INSERT on the wire before the hashing starts.
  await new Promise((resolve) => setImmediate(resolve));

  // The same mapping the verifier applies to the row it reads back (MESSAGE_EVIDENCE_COLUMNS).
  const source = evidenceSource("messages");
  const sources = new Map<string, SourceContent>(followingSources);
  let lastTime: Date | null = null;
  let lastTimeText = "";
  for (const row of stored) {
    if (row.created_at !== lastTime) {
      lastTime = row.created_at;
      lastTimeText = utcMicrosOfDate(row.created_at);
    }
    const fields: SourceRow = {
      id: row.id,
      operation_id: row.operation_id,
      conversation_id: row.conversation_id,
      seq: row.seq,
      direction: row.direction,
      body: row.body,
      body_sha256: createHash("sha256").update(row.body_bytes).digest("hex"),
      sent_by: row.sent_by ?? null,
      move_id: row.move_id ?? null,
      move_library_version: row.move_library_version ?? null,
      created_at_utc: lastTimeText,
    };
    sources.set(`messages/${row.id}`, source.toContent(fields));
  }
  const built = buildEntries(
    [
      ...stored.map((row) => ({
        operationId: row.operation_id,
        kind: "message" as const,
        source: { table: "messages", id: row.id },
      })),
      ...followedBy,
    ],
    states,
    sources,
  );
  await inserting;
  await insertBuiltEntries(trx, built);
  return { messageIds: stored.map((row) => row.id), entries: built.appended };
}

/**
 * One array per column (unnest) rather than one parameter per value: the statement's text and
 * parameter count stay the same whatever the batch size, so it parses and binds cheaply.
 */
export async function insertMessageRows(
  trx: Transaction<Database>,
  rows: readonly (MessageToRecord & { id: string })[],
): Promise<void> {
  const column = <T>(pick: (row: MessageToRecord & { id: string }) => T) => rows.map(pick);
  await sql`
    insert into messages (id, operation_id, conversation_id, seq, direction, body, body_bytes,
                          sent_by, move_id, move_library_version, indicators, created_at)
    select id, operation_id, conversation_id, seq, direction, body, body_bytes, sent_by, move_id,
           move_library_version, indicators::jsonb, created_at
      from unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.operation_id)}::uuid[],
        ${column((r) => r.conversation_id)}::uuid[], ${column((r) => r.seq)}::int[],
        ${column((r) => r.direction)}::text[], ${column((r) => r.body)}::text[],
        ${column((r) => r.body_bytes)}::bytea[], ${column((r) => r.sent_by ?? null)}::uuid[],
        ${column((r) => r.move_id ?? null)}::text[],
        ${column((r) => r.move_library_version ?? null)}::text[],
        ${column((r) => r.indicators ?? "[]")}::text[], ${column((r) => r.created_at)}::timestamptz[])
        as m(id, operation_id, conversation_id, seq, direction, body, body_bytes, sent_by, move_id,
             move_library_version, indicators, created_at)`.execute(trx);
}
