/**
 * Appending evidence to an operation's ledger.
 *
 *   await db.transaction().execute(async (trx) => {
 *     const message = await trx.insertInto("messages").values(...).returning("id").executeTakeFirstOrThrow();
 *     await appendEvidence(trx, { operationId, kind: "message", source: { table: "messages", id: message.id } });
 *   });
 *
 * Call it with the SAME transaction that writes the row, after the row is written: the entry is
 * built from the row as stored, and the row and its entry commit or roll back together (no entry
 * without its row, no row without its entry). Kinds and their sources:
 *   message  → { table: "messages", id }
 *   event    → { table: "events", id }
 *   decision → { table: "events", id } (the event that records it), or inline `content`
 *   capture, finding → inline `content` until their tables exist (or an events row)
 * Inline `content` is plain JSON kept in the ledger row itself.
 *
 * Appends to one operation are serialized by locking that operation's ledger_state row
 * (SELECT ... FOR UPDATE) inside the caller's transaction; other operations are not blocked.
 * Keep the transaction short after appending: the lock is held until commit. Many rows written
 * in one transaction go through `appendEvidenceBatch`: one lock per operation, one insert.
 */
import {
  ENTRY_VERSIONS,
  entryLeafHash,
  frontierAppend,
  frontierRoot,
  type EntryKind,
  type JsonObject,
  type LedgerEntry,
} from "@sweetie/core/ledger/index";
import { sql, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import { evidenceSource, loadSources } from "./evidenceSources";
import { frontierFromRow, frontierToBytes } from "./ledgerState";

export type EvidenceInput = {
  operationId: string;
  kind: EntryKind;
} & (
  | { source: { table: string; id: string }; content?: undefined }
  | { content: JsonObject; source?: undefined }
);

export interface AppendedEntry {
  id: string;
  operationId: string;
  index: number;
  leafHash: Uint8Array;
}

/** Appends one entry in the caller's transaction. See the comment at the top of this file. */
export async function appendEvidence(
  trx: Transaction<Database>,
  input: EvidenceInput,
): Promise<AppendedEntry> {
  const [entry] = await appendEvidenceBatch(trx, [input]);
  return entry!;
}

/** Appends many entries (any operations) in the caller's transaction, in input order. */
export async function appendEvidenceBatch(
  trx: Transaction<Database>,
  inputs: readonly EvidenceInput[],
): Promise<AppendedEntry[]> {
  for (const input of inputs) checkInput(input);
  return writeEntries(trx, inputs);
}

/** The append itself, for this module and purgeEvidence (which alone writes tombstones). */
export async function writeEntries(
  trx: Transaction<Database>,
  inputs: readonly EvidenceInput[],
): Promise<AppendedEntry[]> {
  if (inputs.length === 0) return [];

  // Lock each operation's state row in a fixed order, so two batches that touch the same
  // operations cannot deadlock.
  const operationIds = [...new Set(inputs.map((i) => i.operationId))].sort();
  const states = await lockStates(trx, operationIds);

  const refs = inputs.flatMap((i) => (i.source ? [i.source] : []));
  const sources = await loadSources(trx, refs);

  const frontiers = new Map(operationIds.map((id) => [id, frontierFromRow(states.get(id)!)]));
  const appended: AppendedEntry[] = [];
  const rows = inputs.map((input) => {
    const frontier = frontiers.get(input.operationId)!;
    let content: JsonObject;
    if (input.source) {
      const found = sources.get(`${input.source.table}/${input.source.id}`);
      if (!found) {
        throw new Error(
          `cannot append evidence: ${input.source.table}/${input.source.id} does not exist (write the row first, in the same transaction)`,
        );
      }
      if (found.operationId !== input.operationId) {
        throw new Error(
          `cannot append evidence: ${input.source.table}/${input.source.id} belongs to another operation`,
        );
      }
      content = found.content;
    } else {
      content = input.content;
    }
    const entry: LedgerEntry = {
      kind: input.kind,
      v: ENTRY_VERSIONS[input.kind],
      operation: input.operationId,
      index: frontier.size,
      source: input.source ? { table: input.source.table, id: input.source.id } : null,
      content,
    };
    const leafHash = entryLeafHash(entry);
    frontierAppend(frontier, leafHash);
    const id = crypto.randomUUID();
    appended.push({ id, operationId: input.operationId, index: entry.index, leafHash });
    return {
      id,
      operation_id: input.operationId,
      idx: entry.index,
      kind: entry.kind,
      version: entry.v,
      source_table: input.source?.table ?? null,
      source_id: input.source?.id ?? null,
      content: input.source ? null : JSON.stringify(content),
      leaf_hash: leafHash,
    };
  });

  // 9 parameters a row: stay well under PostgreSQL's 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto("ledger_entries")
      .values(rows.slice(i, i + 2000))
      .execute();
  }
  for (const operationId of operationIds) {
    const frontier = frontiers.get(operationId)!;
    await trx
      .updateTable("ledger_state")
      .set({
        size: frontier.size,
        frontier: frontierToBytes(frontier),
        root: frontierRoot(frontier),
        first_unsigned_at: sql<Date>`coalesce(first_unsigned_at, now())`,
      })
      .where("operation_id", "=", operationId)
      .execute();
  }
  return appended;
}

function checkInput(input: EvidenceInput): void {
  if (!Object.hasOwn(ENTRY_VERSIONS, input.kind)) {
    throw new Error(`unknown evidence kind "${input.kind}"`);
  }
  if (input.kind === "tombstone") {
    throw new Error("tombstones are written by purgeEvidence, not appended directly");
  }
  if (input.source && !evidenceSource(input.source.table).kinds.includes(input.kind)) {
    throw new Error(`a ${input.kind} entry cannot be backed by the ${input.source.table} table`);
  }
}

/**
 * Locks (creating when missing) the state row of each operation, in sorted order. One upsert
 * does both: ON CONFLICT DO UPDATE locks an existing row as FOR UPDATE would, and waits for a
 * concurrent creator to commit. Rows are taken in the VALUES order, so every writer takes its
 * locks in the same order and two batches over the same operations cannot deadlock. (Locking
 * the existing rows first and inserting the missing ones after would take locks out of order.)
 */
export async function lockStates(trx: Transaction<Database>, operationIds: readonly string[]) {
  const rows = await trx
    .insertInto("ledger_state")
    .values([...operationIds].sort().map((operation_id) => ({ operation_id })))
    .onConflict((oc) =>
      oc.column("operation_id").doUpdateSet({ size: sql<number>`ledger_state.size` }),
    )
    .returning(["operation_id", "size", "frontier", "signed_size"])
    .execute();
  return new Map(rows.map((row) => [row.operation_id, row]));
}
