import { hash } from "node:crypto";
import { sql, type Insertable, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { MessagesTable } from "../db/tables/conversations";
import { timeOrderedId } from "../db/timeOrderedId";
import {
  addReturnedRows,
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
import {
  forgetStates,
  markContended,
  rememberState,
  stateHint,
  takeTurn,
} from "./ledgerStateHints";

/** A message to record: its row without an id (one is given here), with its time. */
export type MessageToRecord = Omit<Insertable<MessagesTable>, "id" | "created_at"> & {
  created_at: Date;
};

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Inserts message rows and appends their ledger entries, in the caller's transaction, in the
 * order of `rows`, then the entries of `followedBy`: the ingest path for many messages. It costs
 * little more than the INSERT itself. Usually (one operation, and this process wrote its last
 * entry):
 *
 *   1. send the INSERT, and while PostgreSQL writes the rows, build and hash the entries here
 *      on the state this process last wrote (ledgerStateHints);
 *   2. insert the entries and advance the state in one statement, only if the stored state is
 *      still that one (size and root; the statement takes the state's row lock).
 *
 * Otherwise, or when that check fails (another process appended), the state is locked and read
 * first and the entries are built on it, as appendEvidenceBatch does.
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
  /**
   * Evidence appended right after the messages, whose rows are already written (events);
   * inputs carrying their `row` need no read.
   */
  followedBy: readonly EvidenceInput[] = [],
  /**
   * Evidence appended before the messages, whose rows are already written (the openings of
   * the conversations the batch opened); inputs carrying their `row` need no read.
   */
  precededBy: readonly EvidenceInput[] = [],
): Promise<{ messageIds: string[]; entries: AppendedEntry[] }> {
  if (rows.length === 0 && followedBy.length === 0 && precededBy.length === 0) {
    return { messageIds: [], entries: [] };
  }
  const written = [...precededBy, ...followedBy];
  for (const input of written) checkInput(input);
  const stored = rows.map((row) => {
    for (const id of [row.operation_id, row.conversation_id, row.sent_by]) {
      if (id !== null && id !== undefined && !CANONICAL_UUID.test(id)) {
        throw new Error(`cannot record a message: "${id}" is not a lowercase UUID`);
      }
    }
    return { ...row, id: timeOrderedId(), body: row.body.toWellFormed() };
  });
  const inputs: EvidenceInput[] = [
    ...precededBy,
    ...stored.map((row) => ({
      operationId: row.operation_id,
      kind: "message" as const,
      source: { table: "messages", id: row.id },
    })),
    ...followedBy,
  ];
  const operationIds = [...new Set(inputs.map((input) => input.operationId))];
  const toRead = written.flatMap((input) => (input.source && !input.row ? [input.source] : []));
  // The entries' content, built once (a rebuild after a stale hint reuses it).
  let content: Map<string, SourceContent> | undefined;
  const contents = () => {
    if (!content) {
      content = messageContents(stored);
      addReturnedRows(written, content);
    }
    return content;
  };
  try {
    let inserting: Promise<void> | undefined;
    const operationId = operationIds[0]!;
    if (operationIds.length === 1 && toRead.length === 0 && stateHint(operationId)) {
      inserting = stored.length > 0 ? insertMessageRows(trx, stored) : Promise.resolve();
      // While PostgreSQL writes the rows, the entries are hashed here (in this process's turn
      // for the operation, on the state the batch before reserved).
      await nextTurn(inserting);
      const release = await takeTurn(operationId);
      try {
        const hint = stateHint(operationId);
        if (hint) {
          const entries = buildEntries(inputs, new Map([[operationId, hint.state]]), contents());
          rememberState(operationId, entries.frontiers.get(operationId)!);
          await inserting;
          if (await insertBuiltEntries(trx, entries, { size: hint.state.size, root: hint.root })) {
            return { messageIds: stored.map((row) => row.id), entries: entries.appended };
          }
          // Another writer moved the state: lock it, read it and build the entries again.
          markContended(operationIds);
        }
      } finally {
        release();
      }
    }

    // The lock also reads the rows `followedBy` points to, in the same round trip. While it
    // is on the wire, the messages' evidence content is built here.
    const locking = lockStatesAndLoad(trx, operationIds, toRead);
    await nextTurn(locking);
    const sources = contents();
    const { states, sources: loaded } = await locking;
    for (const [key, content] of loaded) sources.set(key, content);
    if (!inserting) {
      inserting = stored.length > 0 ? insertMessageRows(trx, stored) : Promise.resolve();
      await nextTurn(inserting);
    }
    const entries = buildEntries(inputs, states, sources);
    await inserting;
    await insertBuiltEntries(trx, entries);
    for (const [operationId, frontier] of entries.frontiers) rememberState(operationId, frontier);
    return { messageIds: stored.map((row) => row.id), entries: entries.appended };
  } catch (error) {
    forgetStates(operationIds);
    throw error;
  }
}

/**
 * Lets the statement behind `pending` go out on the wire (one turn of the event loop) before
 * the caller does synchronous work. `pending` is awaited later; the catch here only keeps a
 * failure from surfacing as an unhandled rejection when that work throws first (the
 * transaction rolls back either way).
 */
async function nextTurn(pending: Promise<unknown>): Promise<void> {
  pending.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
}

/** Each message's evidence content, as the verifier maps the row it reads back. */
function messageContents(stored: readonly StoredMessage[]): Map<string, SourceContent> {
  const source = evidenceSource("messages");
  const sources = new Map<string, SourceContent>();
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
      body_sha256: hash("sha256", row.body_bytes, "hex"),
      sent_by: row.sent_by ?? null,
      move_id: row.move_id ?? null,
      move_library_version: row.move_library_version ?? null,
      created_at_utc: lastTimeText,
    };
    sources.set(`messages/${row.id}`, source.toContent(fields));
  }
  return sources;
}

type StoredMessage = MessageToRecord & { id: string };

/**
 * One array per column (unnest) rather than one parameter per value: the statement's text and
 * parameter count stay the same whatever the batch size, so it parses and binds cheaply.
 */
export async function insertMessageRows(
  trx: Transaction<Database>,
  rows: readonly StoredMessage[],
): Promise<void> {
  const column = <T>(pick: (row: StoredMessage) => T) => rows.map(pick);
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
