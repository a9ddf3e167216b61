import { sql } from "kysely";
import type { DbOrTrx } from "../database";

// Where an XMPP account's archive (XEP-0313) was read up to, kept in the evidence itself: each
// stored message's origin carries the server's archive id (message_wire.origin.archiveId). A
// server process that starts again asks the archive for everything after the newest one, and
// skips what it already holds, so a gap is filled once and never twice.

/**
 * The archive id of the message most recently stored through a network account (the newest
 * ledger entry among that network's message_wire rows), or undefined when none has one.
 */
export async function newestArchiveId(db: DbOrTrx, networkId: string): Promise<string | undefined> {
  const { rows } = await sql<{ archive_id: string }>`
    select w.origin->>'archiveId' as archive_id
      from message_wire w
      join messages m on m.id = w.message_id
      join conversations c on c.id = m.conversation_id
      join venues v on v.id = c.venue_id
      join ledger_entries l on l.source_id = w.id::text and l.source_table = 'message_wire'
     where v.network_id = ${networkId}::uuid and w.origin ? 'archiveId'
     order by l.idx desc
     limit 1`.execute(db);
  return rows[0]?.archive_id;
}

/** Which of `archiveIds` are already stored through the network account. */
export async function storedArchiveIds(
  db: DbOrTrx,
  networkId: string,
  archiveIds: readonly string[],
): Promise<Set<string>> {
  if (archiveIds.length === 0) return new Set();
  const { rows } = await sql<{ archive_id: string }>`
    select distinct w.origin->>'archiveId' as archive_id
      from message_wire w
      join messages m on m.id = w.message_id
      join conversations c on c.id = m.conversation_id
      join venues v on v.id = c.venue_id
     where v.network_id = ${networkId}::uuid
       and w.origin->>'archiveId' = any(${[...archiveIds]}::text[])`.execute(db);
  return new Set(rows.map((row) => row.archive_id));
}
