import { CompiledQuery, type Insertable, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { MessagesTable } from "../db/tables/conversations";
import { writeEntries, type AppendedEntry, type LockedState } from "./evidenceAppender";
import {
  MESSAGE_EVIDENCE_COLUMNS,
  collectContent,
  type SourceContent,
  type SourceRow,
} from "./evidenceSources";

/**
 * Inserts message rows and appends their ledger entries, in the caller's transaction, with one
 * round trip fewer than an insert followed by appendEvidenceBatch: the INSERT, the lock on each
 * operation's ledger state and the read of the rows' evidence fields are one statement (the
 * fields come from RETURNING with the same expressions the verifier selects). For ingest paths
 * that write many messages; the entries follow the order of `rows`.
 */
export async function insertMessagesWithEvidence(
  trx: Transaction<Database>,
  rows: readonly Insertable<MessagesTable>[],
): Promise<{ messageIds: string[]; entries: AppendedEntry[] }> {
  if (rows.length === 0) return { messageIds: [], entries: [] };
  const insert = trx
    .insertInto("messages")
    .values([...rows])
    .compile();
  const operationIds = [...new Set(rows.map((r) => r.operation_id))].sort();
  const next = insert.parameters.length + 1;
  // Locks are taken in operation-id order, as lockStatesAndLoad takes them (no deadlocks).
  const text = `
    with locked as (
      insert into ledger_state (operation_id)
      select id from unnest($${next}::uuid[]) as t(id) order by id
      on conflict (operation_id) do update set size = ledger_state.size
      returning operation_id::text, size, encode(frontier, 'hex') as frontier
    ),
    inserted as (${insert.sql} returning ${MESSAGE_EVIDENCE_COLUMNS})
    select (select coalesce(json_agg(l), '[]'::json) from locked l) as states,
           (select coalesce(json_agg(i), '[]'::json) from inserted i) as rows`;
  const result = await trx.executeQuery<{ states: LockedState[]; rows: SourceRow[] }>(
    CompiledQuery.raw(text, [...insert.parameters, operationIds]),
  );
  const { states, rows: inserted } = result.rows[0]!;

  // RETURNING order is not promised: put the rows back in input order by (conversation, seq).
  const position = new Map(rows.map((r, i) => [`${r.conversation_id}/${r.seq}`, i]));
  const ordered = [...inserted].sort(
    (a, b) =>
      position.get(`${String(a.conversation_id)}/${String(a.seq)}`)! -
      position.get(`${String(b.conversation_id)}/${String(b.seq)}`)!,
  );
  const sources: Map<string, SourceContent> = collectContent("messages", ordered);
  const entries = await writeEntries(
    trx,
    ordered.map((row) => ({
      operationId: row.operation_id,
      kind: "message" as const,
      source: { table: "messages", id: row.id },
    })),
    { states: new Map(states.map((s) => [s.operation_id, s])), sources },
  );
  return { messageIds: ordered.map((r) => r.id), entries };
}
