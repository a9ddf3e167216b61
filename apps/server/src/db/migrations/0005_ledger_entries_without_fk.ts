import { sql, type Kysely } from "kysely";

// Ledger entries drop their foreign key to operations: it cost about a third of a batched
// append (one RI check per entry, measured in bench/ledger.ts). It was redundant: an entry is
// only written while its operation's ledger_state row is locked, that row references
// operations, and entries are never deleted, so every entry's operation exists.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_entries drop constraint ledger_entries_operation_id_fkey`.execute(
    db,
  );
}
