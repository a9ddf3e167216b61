import { sql, type Kysely } from "kysely";

// Ledger entries: the unique b-tree on (source_table, source_id) becomes a hash index on
// source_id. Source ids are random UUIDs, so every append wrote to a random page of a b-tree
// keyed by a 36-character string; with the entry ids now time-ordered (UUIDv7, appended at the
// right edge of the primary key) this index was the largest part of an entry insert's cost
// (bench/ledger.ts: an entries insert of 500 rows fell from ~8 ms to ~5 ms). Lookups by source
// (purge, proof) are equality lookups, which a hash index serves. Uniqueness per source is kept
// by construction: a source row gets its entry in the transaction that writes it, once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index ledger_entries_source;
    create index ledger_entries_source on ledger_entries using hash (source_id);
  `.execute(db);
}
