import type { EntryKind, JsonObject } from "@sweetie/core/ledger/index";
import type { RawBuilder } from "kysely";
import type { BlobStore } from "../blobs/blobStore";
import type { DbOrTrx } from "../db/database";

/**
 * Where an entry's content comes from when it lives in an operational table. The ledger never
 * copies such content: appending and verifying both rebuild it from the row through the same
 * query, so an edit to the row (text, bytes, timestamp, sender) no longer matches the recorded
 * leaf hash.
 *
 * To put a new table under the ledger, add a source to evidenceSourceTables.ts: the kinds it may back, a query for
 * exactly the evidence fields, the mapping to canonical content, and how a purge removes it.
 */
export interface EvidenceSource {
  table: string;
  /** The kinds an append may back with this table (older entries verify whatever their kind). */
  kinds: readonly EntryKind[];
  /**
   * Every column the content commits to, per table (the source's own and those it joins), with
   * the field of the source row that holds the covered row's id. The ledger README lists the
   * same; the schema test and the tamper suite walk this.
   */
  covers: readonly CoveredColumns[];
  /**
   * SELECT of the rows' evidence fields. Every column is JSON-safe (text, integers, json), so
   * the same rows can also come back aggregated as JSON inside another statement (the appender
   * loads sources in the same round trip as it takes its lock).
   */
  select(ids: readonly string[]): RawBuilder<SourceRow>;
  /**
   * Adds to the selected rows what SQL does not give them (a capture's bytes are read through
   * the capture bytes store and hashed here).
   */
  complete?(db: DbOrTrx, rows: SourceRow[], ports?: SourcePorts): Promise<void>;
  toContent(row: SourceRow): SourceContent;
  /** Removes the row's content for a purge (the ledger keeps its leaf hash). */
  purge(db: DbOrTrx, id: string): Promise<void>;
}

/** What completing a row may need besides the database: the store of findings' files. */
export interface SourcePorts {
  blobs?: BlobStore;
}

export interface CoveredColumns {
  table: string;
  /** The source row's field holding the id of the covered table's row ("id": the row itself). */
  via: string;
  columns: readonly string[];
}

export type SourceRow = Record<string, unknown> & { id: string; operation_id: string };

export interface SourceContent {
  operationId: string;
  content: JsonObject;
}
