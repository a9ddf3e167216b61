import type { ColumnType, Generated, Selectable } from "kysely";

export interface LedgerStateTable {
  operation_id: string;
  size: Generated<number>;
  /** Concatenated 32-byte hashes of the compact Merkle frontier, largest subtree first. */
  frontier: Generated<Uint8Array>;
  root: Generated<Uint8Array>;
  signed_size: Generated<number>;
  signed_at: Date | null;
  first_unsigned_at: Date | null;
}
export type LedgerStateRow = Selectable<LedgerStateTable>;

export interface LedgerEntriesTable {
  id: string;
  operation_id: string;
  idx: number;
  kind: string;
  version: number;
  source_table: string | null;
  source_id: string | null;
  /** Inline content for kinds without a source table; null once purged. */
  content: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  leaf_hash: Uint8Array;
  appended_at: ColumnType<Date, Date | undefined, never>;
  purged_at: Date | null;
  purge_reason: string | null;
}
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;

export interface LedgerHeadsTable {
  id: Generated<number>;
  operation_id: string;
  size: number;
  root: Uint8Array;
  /** RFC 3339, exactly as signed. */
  time: string;
  signature: Uint8Array;
  public_key: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type LedgerHeadRow = Selectable<LedgerHeadsTable>;
