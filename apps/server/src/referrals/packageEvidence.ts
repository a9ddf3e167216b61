import { createHash } from "node:crypto";
import type { EntryKind, JsonObject, LedgerEntry } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { BlobStore } from "../blobs/blobStore";
import { captureBytesIn } from "../blobs/captureBytes";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import type { DbOrTrx } from "../db/database";
import {
  collectContent,
  evidenceSource,
  type SourceContent,
  type SourceRow,
} from "../ledger/evidenceSources";

/** The ledger entries of one conversation, rebuilt from their rows, and its capture bytes. */
/** A ledger row and its content as the entry the leaf hash was taken of. */
export function citedEntry(
  row: {
    idx: number;
    kind: string;
    version: number;
    source_table: string | null;
    source_id: string | null;
  },
  operationId: string,
  content: JsonObject | null | undefined,
): LedgerEntry {
  if (!content)
    throw new Error(`ledger entry ${row.idx} has no content to cite (its row is missing)`);
  return {
    kind: row.kind as EntryKind,
    v: row.version,
    operation: operationId,
    index: row.idx,
    source:
      row.source_table && row.source_id ? { table: row.source_table, id: row.source_id } : null,
    content,
  };
}

export interface ConversationEvidence {
  conversationId: string;
  entries: LedgerEntry[];
  /** The detector's indicator types per message id (not evidence: to choose excerpts). */
  indicators: Map<string, string[]>;
  captures: {
    id: string;
    entryIndex: number;
    fileName: string;
    mediaType: string;
    bytes: Uint8Array;
  }[];
}

interface EntryRow {
  idx: number;
  kind: string;
  version: number;
  source_table: string | null;
  source_id: string | null;
  content: JsonObject | null;
  conversation_id: string;
}

/**
 * Every ledger entry about the given conversations of one operation (its opening, messages,
 * events, captures, review decisions, subject links), with content rebuilt from the rows exactly
 * as the verifier rebuilds it, in log order per conversation. One statement for the entries and
 * one per source table, for the whole chunk; capture bytes are read once and hashed here.
 */
export async function loadConversationEvidence(
  db: DbOrTrx,
  operationId: string,
  conversationIds: readonly string[],
  headSize: number,
  /** Where the deployment keeps evidence files (captures' bytes); the database's by default. */
  blobs: BlobStore = databaseBlobStore(db),
): Promise<ConversationEvidence[]> {
  if (conversationIds.length === 0) return [];
  const ids = [...conversationIds];
  const { rows } = await sql<EntryRow>`
    with cited(t, id, conversation_id) as (
      select 'messages', m.id::text, m.conversation_id from messages m
        where m.conversation_id = any(${ids}::uuid[])
      union all select 'events', e.id::text, e.conversation_id from events e
        where e.conversation_id = any(${ids}::uuid[])
      union all select 'conversations', c.id::text, c.id from conversations c
        where c.id = any(${ids}::uuid[])
      union all select 'captures', k.id::text, k.conversation_id from captures k
        where k.conversation_id = any(${ids}::uuid[])
      union all select 'conversation_reviews', r.id::text, r.conversation_id from conversation_reviews r
        where r.conversation_id = any(${ids}::uuid[])
      union all select 'subject_conversations', s.id::text, s.conversation_id from subject_conversations s
        where s.conversation_id = any(${ids}::uuid[])
    )
    select le.idx, le.kind, le.version, le.source_table, le.source_id, le.content,
           cited.conversation_id::text as conversation_id
      from cited
      join ledger_entries le on le.source_table = cited.t and le.source_id = cited.id
     where le.operation_id = ${operationId} and le.idx < ${headSize} and le.purged_at is null
     order by le.idx
  `.execute(db);

  const byTable = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.source_table || !row.source_id) continue;
    const list = byTable.get(row.source_table) ?? [];
    list.push(row.source_id);
    byTable.set(row.source_table, list);
  }
  const contents = new Map<string, SourceContent>();
  const bytesOf = new Map<string, Uint8Array>();
  for (const [table, tableIds] of byTable) {
    const source = evidenceSource(table);
    const { rows: sourceRows } = await source.select(tableIds).execute(db);
    if (table === "captures") {
      // The entry commits to the SHA-256 of the stored bytes: hash them once, keep them for the ZIP.
      const stored = await captureBytesIn(blobs).read(db, tableIds);
      for (const row of sourceRows as SourceRow[]) {
        const bytes = stored.get(row.id);
        row.bytes_sha256 = bytes ? createHash("sha256").update(bytes).digest("hex") : null;
        if (bytes) bytesOf.set(row.id, bytes);
      }
    } else {
      await source.complete?.(db, sourceRows);
    }
    collectContent(table, sourceRows, contents);
  }

  const out = new Map<string, ConversationEvidence>(
    ids.map((id) => [id, { conversationId: id, entries: [], indicators: new Map(), captures: [] }]),
  );
  const { rows: flagged } = await sql<{ id: string; conversation_id: string; types: string[] }>`
    select m.id::text, m.conversation_id::text,
           array(select distinct i->>'type' from jsonb_array_elements(m.indicators) i) as types
      from messages m
     where m.conversation_id = any(${ids}::uuid[]) and jsonb_array_length(m.indicators) > 0
  `.execute(db);
  for (const row of flagged) out.get(row.conversation_id)?.indicators.set(row.id, row.types);
  for (const row of rows) {
    const evidence = out.get(row.conversation_id)!;
    const key = `${row.source_table}/${row.source_id}`;
    const entry = citedEntry(
      row,
      operationId,
      row.source_table ? contents.get(key)?.content : row.content,
    );
    const content = entry.content;
    evidence.entries.push(entry);
    if (row.source_table === "captures" && row.source_id) {
      const bytes = bytesOf.get(row.source_id);
      if (bytes) {
        evidence.captures.push({
          id: row.source_id,
          entryIndex: row.idx,
          fileName: String(content.fileName ?? "capture"),
          mediaType: String(content.mediaType ?? "application/octet-stream"),
          bytes,
        });
      }
    }
  }
  return ids.map((id) => out.get(id)!);
}
