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
 *   message           → { table: "messages", id }
 *   event             → { table: "events", id } (protocol and presence events)
 *   conversation      → { table: "conversations", id } (its opening)
 *   capture           → { table: "captures", id }
 *   decision          → { table: "conversation_reviews", id }, or inline `content`
 *   subject_link      → { table: "subject_conversations", id }
 *   exposure_override → { table: "exposure_overrides", id }
 *   finding           → an events row or inline `content` until its table exists
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
  fromHex,
  toHex,
  HASH_SIZE,
  frontierAppend,
  frontierRoot,
  type EntryKind,
  type Frontier,
  type JsonObject,
  type LedgerEntry,
} from "@sweetie/core/ledger/index";
import "./nativeSha256";
import { sql, type Transaction } from "kysely";
import { timeOrderedId } from "../db/timeOrderedId";
import type { Database } from "../db/schema";
import {
  collectContent,
  evidenceSource,
  idsByTable,
  type SourceContent,
  type SourceRef,
  type SourceRow,
} from "./evidenceSources";
import { frontierFromRow, frontierToBytes } from "./ledgerState";

export type EvidenceInput = {
  operationId: string;
  kind: EntryKind;
} & (
  | {
      source: { table: string; id: string };
      /**
       * The row's evidence fields as the statement that wrote it returned them (the source's
       * evidence columns, e.g. EVENT_EVIDENCE_COLUMNS), so the ledger need not read it again.
       */
      row?: SourceRow;
      content?: undefined;
    }
  | { content: JsonObject; source?: undefined; row?: undefined }
);

export interface AppendedEntry {
  id: string;
  operationId: string;
  index: number;
  leafHash: Uint8Array;
}

interface EntryRow {
  id: string;
  operation_id: string;
  idx: number;
  kind: string;
  version: number;
  source_table: string | null;
  source_id: string | null;
  content: string | null;
}

/**
 * Inserts the entries and moves each operation's state forward in ONE statement: the rows go
 * as one array per column (unnest) and the leaf hashes as one concatenated bytea, not one bind
 * parameter per value, and the state update rides in the same round trip. This is what keeps a
 * batched append close to a plain insert.
 *
 * With `expected`, the state moves (and the entries are written) only if the operation's
 * stored state is still that size and root: the optimistic path of insertMessagesWithEvidence,
 * which built the entries on a state it did not lock first. Returns whether it was written.
 */
async function insertEntriesAndAdvance(
  trx: Transaction<Database>,
  rows: readonly EntryRow[],
  leafHashes: Uint8Array,
  states: readonly { operationId: string; frontier: Frontier }[],
  expected?: { size: number; root: string },
): Promise<boolean> {
  const column = <K extends keyof EntryRow>(key: K) => rows.map((row) => row[key]);
  const { rows: result } = await sql<{ advanced: number }>`
    with advanced as (
      update ledger_state s
         set size = v.size,
             frontier = decode(v.frontier, 'hex'),
             root = decode(v.root, 'hex'),
             first_unsigned_at = coalesce(s.first_unsigned_at, now())
        from unnest(
          ${states.map((st) => st.operationId)}::uuid[],
          ${states.map((st) => st.frontier.size)}::bigint[],
          ${states.map((st) => toHex(frontierToBytes(st.frontier)))}::text[],
          ${states.map((st) => toHex(frontierRoot(st.frontier)))}::text[]
        ) as v(operation_id, size, frontier, root)
       where s.operation_id = v.operation_id
         and (${expected?.size ?? null}::bigint is null
              or (s.size = ${expected?.size ?? null}::bigint
                  and s.root = decode(${expected?.root ?? null}::text, 'hex')))
      returning s.operation_id
    ),
    inserted as (
      insert into ledger_entries
        (id, operation_id, idx, kind, version, source_table, source_id, content, leaf_hash)
      select id, operation_id, idx, kind, version, source_table, source_id, content::jsonb,
             substring(${leafHashes}::bytea from (n::int - 1) * 32 + 1 for 32)
      from unnest(
        ${column("id")}::uuid[], ${column("operation_id")}::uuid[], ${column("idx")}::bigint[],
        ${column("kind")}::text[], ${column("version")}::int[], ${column("source_table")}::text[],
        ${column("source_id")}::text[], ${column("content")}::text[]
      ) with ordinality
        as e(id, operation_id, idx, kind, version, source_table, source_id, content, n)
      where exists (select 1 from advanced)
    )
    select count(*)::int as advanced from advanced
  `.execute(trx);
  return result[0]!.advanced === states.length;
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
  const operationIds = [...new Set(inputs.map((i) => i.operationId))];
  const refs = inputs.flatMap((i) => (i.source && !i.row ? [i.source] : []));
  const { states, sources } = await lockStatesAndLoad(trx, operationIds, refs);
  addReturnedRows(inputs, sources);
  const built = buildEntries(inputs, states, sources);
  await insertBuiltEntries(trx, built);
  return built.appended;
}

/** Adds the content of inputs that carry their row (see EvidenceInput.row) to `sources`. */
export function addReturnedRows(
  inputs: readonly EvidenceInput[],
  sources: Map<string, SourceContent>,
): void {
  for (const input of inputs) {
    if (!input.source || !input.row) continue;
    if (input.row.id !== input.source.id) {
      throw new Error(
        `cannot append evidence: the row given for ${input.source.table}/${input.source.id} is another row`,
      );
    }
    collectContent(input.source.table, [input.row], sources);
  }
}

/** Entries hashed and placed in their logs, ready to insert (see buildEntries). */
export interface BuiltEntries {
  rows: EntryRow[];
  /** The leaf hashes of `rows`, concatenated. */
  leafHashes: Uint8Array;
  frontiers: Map<string, Frontier>;
  appended: AppendedEntry[];
}

/**
 * Builds the entries of `inputs` on top of the locked states: content from `sources` (keyed
 * `${table}/${id}`) or inline, index, leaf hash, and each operation's new frontier. Pure work:
 * nothing is written until insertBuiltEntries, in the same transaction as the lock.
 */
export function buildEntries(
  inputs: readonly EvidenceInput[],
  states: Map<string, LockedState>,
  sources: Map<string, SourceContent>,
): BuiltEntries {
  const frontiers = new Map<string, Frontier>();
  for (const input of inputs) {
    if (frontiers.has(input.operationId)) continue;
    const state = states.get(input.operationId);
    if (!state) throw new Error(`the ledger of operation ${input.operationId} is not locked`);
    frontiers.set(
      input.operationId,
      frontierFromRow({ size: state.size, frontier: fromHex(state.frontier) }),
    );
  }
  const appended: AppendedEntry[] = [];
  const leafHashes = new Uint8Array(inputs.length * HASH_SIZE);
  const rows = inputs.map((input, position): EntryRow => {
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
    leafHashes.set(leafHash, position * HASH_SIZE);
    // Time-ordered ids land at the right edge of the primary key's b-tree instead of on a
    // random page, which keeps an append's index cost flat as the ledger grows.
    const id = timeOrderedId();
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
    };
  });
  return { rows, leafHashes, frontiers, appended };
}

/**
 * Writes built entries and moves each operation's state forward (one statement). With
 * `expected` (one operation only), only if the stored state is still that size and root;
 * returns whether the entries were written.
 */
export async function insertBuiltEntries(
  trx: Transaction<Database>,
  built: BuiltEntries,
  expected?: { size: number; root: string },
): Promise<boolean> {
  if (built.rows.length === 0) return true;
  if (expected && built.frontiers.size !== 1) {
    throw new Error("an expected ledger state guards the entries of one operation only");
  }
  const written = await insertEntriesAndAdvance(
    trx,
    built.rows,
    built.leafHashes,
    [...built.frontiers].map(([operationId, frontier]) => ({ operationId, frontier })),
    expected,
  );
  if (!written && !expected) {
    throw new Error("the ledger state of an operation disappeared while it was locked");
  }
  return written;
}

/** Refuses inputs no caller may append (unknown kind, tombstones, a kind its table cannot back). */
export function checkInput(input: EvidenceInput): void {
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
 * Locks (creating when missing) the state row of each operation, in sorted order, and loads the
 * source rows, in one round trip.
 *
 * The lock is an upsert: ON CONFLICT DO UPDATE locks an existing row as FOR UPDATE would, and
 * waits for a concurrent creator to commit. Rows are taken in sorted order, so every writer takes
 * its locks in the same order and two batches over the same operations cannot deadlock. (Locking
 * the existing rows first and inserting the missing ones after takes locks out of order: the
 * concurrency test caught exactly that deadlock.) The sources come back as JSON aggregates of
 * the same SELECT the verifier runs, so appending and verifying see identical content.
 */
export async function lockStatesAndLoad(
  trx: Transaction<Database>,
  operationIds: readonly string[],
  refs: readonly SourceRef[],
): Promise<{ states: Map<string, LockedState>; sources: Map<string, SourceContent> }> {
  const tables = [...idsByTable(refs)];
  const loads = tables.map(
    ([table, ids]) =>
      sql`(select coalesce(json_agg(x), '[]'::json) from (${evidenceSource(table).select(ids)}) x)`,
  );
  const { rows } = await sql<{ states: LockedState[]; sources: SourceRow[][] }>`
    with locked as (
      insert into ledger_state (operation_id)
      select id from unnest(${[...operationIds].sort()}::uuid[]) as t(id) order by id
      on conflict (operation_id) do update set size = ledger_state.size
      returning operation_id::text, size, encode(frontier, 'hex') as frontier
    )
    select (select coalesce(json_agg(l), '[]'::json) from locked l) as states,
           json_build_array(${loads.length ? sql.join(loads) : sql``}) as sources
  `.execute(trx);
  const result = rows[0]!;
  const sources = new Map<string, SourceContent>();
  for (const [i, [table]] of tables.entries()) {
    const loaded = result.sources[i] ?? [];
    await evidenceSource(table).complete?.(trx, loaded);
    collectContent(table, loaded, sources);
  }
  return { states: new Map(result.states.map((s) => [s.operation_id, s])), sources };
}

export interface LockedState {
  operation_id: string;
  size: number;
  /** Hex of the concatenated frontier hashes. */
  frontier: string;
}
