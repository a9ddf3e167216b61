import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";

/** The ledger entry id of each row of `table` (by the entries' source), for citing evidence. */
export async function ledgerEntryIds(
  db: DbOrTrx,
  table: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const { rows } = await sql<{ id: string; source_id: string }>`
    select id::text, source_id from ledger_entries
     where source_id = any(${[...new Set(ids)]}::text[]) and source_table = ${table}`.execute(db);
  for (const row of rows) found.set(row.source_id, row.id);
  return found;
}
