import type { EntryKind, JsonObject, JsonValue } from "@sweetie/core/ledger/index";
import { sql, type RawBuilder } from "kysely";
import type { DbOrTrx } from "../db/database";

/**
 * Where an entry's content comes from when it lives in an operational table. The ledger never
 * copies such content: appending and verifying both rebuild it from the row through the same
 * query, so an edit to the row (text, bytes, timestamp, sender) no longer matches the recorded
 * leaf hash.
 *
 * To put a new table under the ledger, add a source here: the kinds it may back, a query for
 * exactly the evidence fields, the mapping to canonical content, and how a purge removes it.
 */
export interface EvidenceSource {
  table: string;
  kinds: readonly EntryKind[];
  /**
   * SELECT of the rows' evidence fields. Every column is JSON-safe (text, integers, json), so
   * the same rows can also come back aggregated as JSON inside another statement (the appender
   * loads sources in the same round trip as it takes its lock).
   */
  select(ids: readonly string[]): RawBuilder<SourceRow>;
  toContent(row: SourceRow): SourceContent;
  /** Removes the row for a purge (the ledger keeps its leaf hash). */
  purge(db: DbOrTrx, id: string): Promise<void>;
}

export type SourceRow = Record<string, unknown> & { id: string; operation_id: string };

export interface SourceContent {
  operationId: string;
  content: JsonObject;
}

// Timestamps are hashed as PostgreSQL stores them (microseconds), not as a JS Date (ms), so
// even a sub-millisecond edit shows.
const utcMicros = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A JS Date (whole milliseconds) as utcMicros formats it once stored: 2026-11-30T12:00:00.123000Z. */
export function utcMicrosOfDate(date: Date): string {
  const iso = date.toISOString(); // 2026-11-30T12:00:00.123Z
  return `${iso.slice(0, -1)}000Z`;
}

const text = (value: unknown) => value as string;
const textOrNull = (value: unknown) => (value ?? null) as string | null;

/**
 * A message's evidence fields as SQL, read by the verifier and the appender alike. (The message
 * fast path, insertMessagesWithEvidence, builds the same fields from the values it writes; the
 * ledger tests hold the two to each other.)
 */
const MESSAGE_EVIDENCE_COLUMNS = `id::text, operation_id::text, conversation_id::text, seq,
  direction, body, encode(sha256(body_bytes), 'hex') as body_sha256, sent_by::text, move_id,
  move_library_version, ${utcMicros("created_at")} as created_at_utc`;

const messages: EvidenceSource = {
  table: "messages",
  kinds: ["message"],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(MESSAGE_EVIDENCE_COLUMNS)}
      from messages where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      conversation: text(row.conversation_id),
      seq: row.seq as number,
      direction: text(row.direction),
      body: text(row.body),
      bodySha256: text(row.body_sha256),
      sentBy: textOrNull(row.sent_by),
      moveId: textOrNull(row.move_id),
      moveLibraryVersion: textOrNull(row.move_library_version),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("messages").where("id", "=", id).execute();
  },
};

/**
 * An event's evidence fields as SQL, shared by the SELECT below and by the RETURNING clause of
 * statements that write events (writeAssessments), so both read exactly the same values.
 */
export const EVENT_EVIDENCE_COLUMNS = `id::text, operation_id::text, conversation_id::text, kind,
  payload, actor_id::text, ${utcMicros("created_at")} as created_at_utc`;

const events: EvidenceSource = {
  table: "events",
  kinds: ["event", "decision", "capture", "finding"],
  select: (ids) => sql<SourceRow>`
    select ${sql.raw(EVENT_EVIDENCE_COLUMNS)}
      from events where id = any(${[...ids]}::uuid[])`,
  toContent: (row) => ({
    operationId: row.operation_id,
    content: {
      id: row.id,
      conversation: textOrNull(row.conversation_id),
      kind: text(row.kind),
      payload: row.payload as JsonValue,
      actor: textOrNull(row.actor_id),
      createdAt: text(row.created_at_utc),
    },
  }),
  async purge(db, id) {
    await db.deleteFrom("events").where("id", "=", id).execute();
  },
};

const sources = new Map<string, EvidenceSource>([
  [messages.table, messages],
  [events.table, events],
]);

export function evidenceSource(table: string): EvidenceSource {
  const source = sources.get(table);
  if (!source) {
    throw new Error(
      `the ledger has no evidence source for table "${table}": add one in ledger/evidenceSources.ts`,
    );
  }
  return source;
}

export type SourceRef = { table: string; id: string };

export function idsByTable(refs: readonly SourceRef[]): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const ref of refs) {
    const ids = byTable.get(ref.table) ?? [];
    ids.push(ref.id);
    byTable.set(ref.table, ids);
  }
  return byTable;
}

/** Maps selected rows of one table to content, keyed `${table}/${id}`. */
export function collectContent(
  table: string,
  rows: readonly SourceRow[],
  into: Map<string, SourceContent> = new Map(),
): Map<string, SourceContent> {
  const source = evidenceSource(table);
  for (const row of rows) into.set(`${table}/${row.id}`, source.toContent(row));
  return into;
}

/** Loads many source rows with one query per table. Keys are `${table}/${id}`. */
export async function loadSources(
  db: DbOrTrx,
  refs: readonly SourceRef[],
): Promise<Map<string, SourceContent>> {
  const found = new Map<string, SourceContent>();
  for (const [table, ids] of idsByTable(refs)) {
    const { rows } = await evidenceSource(table).select(ids).execute(db);
    collectContent(table, rows, found);
  }
  return found;
}
