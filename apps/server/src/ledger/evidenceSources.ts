import type { EntryKind, JsonObject, JsonValue } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";

/**
 * Where an entry's content comes from when it lives in an operational table. The ledger never
 * copies such content: appending and verifying both rebuild it from the row through `load`, so
 * an edit to the row (text, bytes, timestamp, sender) no longer matches the recorded leaf hash.
 *
 * To put a new table under the ledger, add a source here (kinds it may back, a loader that
 * reads exactly the evidence fields, and how a purge removes the row).
 */
export interface EvidenceSource {
  table: string;
  kinds: readonly EntryKind[];
  /** The canonical content and owning operation of each row found, keyed by row id. */
  load(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, SourceContent>>;
  /** Removes the row's content for a purge (the ledger keeps its leaf hash). */
  purge(db: DbOrTrx, id: string): Promise<void>;
}

export interface SourceContent {
  operationId: string;
  content: JsonObject;
}

// Timestamps are hashed as PostgreSQL stores them (microseconds), not as a JS Date (ms), so
// even a sub-millisecond edit shows.
const utcMicros = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const messages: EvidenceSource = {
  table: "messages",
  kinds: ["message"],
  async load(db, ids) {
    const rows = ids.length
      ? await db
          .selectFrom("messages")
          .select([
            "id",
            "operation_id",
            "conversation_id",
            "seq",
            "direction",
            "body",
            sql<string>`encode(sha256(body_bytes), 'hex')`.as("body_sha256"),
            "sent_by",
            "move_id",
            "move_library_version",
            utcMicros("created_at").as("created_at_utc"),
          ])
          .where("id", "in", ids)
          .execute()
      : [];
    return new Map(
      rows.map((row) => [
        row.id,
        {
          operationId: row.operation_id,
          content: {
            id: row.id,
            conversation: row.conversation_id,
            seq: row.seq,
            direction: row.direction,
            body: row.body,
            bodySha256: row.body_sha256,
            sentBy: row.sent_by,
            moveId: row.move_id,
            moveLibraryVersion: row.move_library_version,
            createdAt: row.created_at_utc,
          },
        },
      ]),
    );
  },
  async purge(db, id) {
    await db.deleteFrom("messages").where("id", "=", id).execute();
  },
};

const events: EvidenceSource = {
  table: "events",
  kinds: ["event", "decision", "capture", "finding"],
  async load(db, ids) {
    const rows = ids.length
      ? await db
          .selectFrom("events")
          .select([
            "id",
            "operation_id",
            "conversation_id",
            "kind",
            "payload",
            "actor_id",
            utcMicros("created_at").as("created_at_utc"),
          ])
          .where("id", "in", ids)
          .execute()
      : [];
    return new Map(
      rows.map((row) => [
        row.id,
        {
          operationId: row.operation_id,
          content: {
            id: row.id,
            conversation: row.conversation_id,
            kind: row.kind,
            payload: row.payload as JsonValue,
            actor: row.actor_id,
            createdAt: row.created_at_utc,
          },
        },
      ]),
    );
  },
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

/** Loads many source rows with one query per table. Keys are `${table}/${id}`. */
export async function loadSources(
  db: DbOrTrx,
  refs: readonly { table: string; id: string }[],
): Promise<Map<string, SourceContent>> {
  const byTable = new Map<string, string[]>();
  for (const ref of refs) {
    const ids = byTable.get(ref.table) ?? [];
    ids.push(ref.id);
    byTable.set(ref.table, ids);
  }
  const found = new Map<string, SourceContent>();
  for (const [table, ids] of byTable) {
    const rows = await evidenceSource(table).load(db, ids);
    for (const [id, content] of rows) found.set(`${table}/${id}`, content);
  }
  return found;
}
