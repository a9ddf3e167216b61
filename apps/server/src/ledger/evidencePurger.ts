import { toHex, type TombstoneContentV1 } from "@sweetie/core/ledger/index";
import { sql, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import { writeEntries, type AppendedEntry } from "./evidenceAppender";
import { evidenceSource } from "./evidenceSources";
import { plainBytes } from "./ledgerState";

export type PurgeTarget = { entryId: string } | { source: { table: string; id: string } };

/**
 * Purges one entry's content for data minimization, in the caller's transaction: the source
 * row is deleted, the entry keeps its leaf hash (so every proof and head still verifies), and
 * a tombstone entry recording the purge and its reason is appended to the same log.
 */
export async function purgeEvidence(
  trx: Transaction<Database>,
  target: PurgeTarget,
  reason: string,
): Promise<AppendedEntry> {
  if (!reason.trim()) throw new Error("a purge needs a reason");
  let query = trx.selectFrom("ledger_entries").selectAll();
  query =
    "entryId" in target
      ? query.where("id", "=", target.entryId)
      : query
          .where("source_table", "=", target.source.table)
          .where("source_id", "=", target.source.id);
  const entry = await query.executeTakeFirst();
  if (!entry) throw new Error("cannot purge: no ledger entry for that target");
  if (entry.kind === "tombstone") throw new Error("cannot purge a tombstone");
  if (entry.purged_at) throw new Error(`entry ${entry.id} was already purged`);

  // With the owner's rights (0009): the server's role holds no UPDATE on ledger entries.
  await sql`select ledger_purge_entry(${entry.id}::uuid, ${reason})`.execute(trx);
  if (entry.source_table && entry.source_id) {
    await evidenceSource(entry.source_table).purge(trx, entry.source_id);
  }
  const content: TombstoneContentV1 = {
    target: entry.idx,
    targetLeafHash: toHex(plainBytes(entry.leaf_hash)),
    reason,
  };
  const [tombstone] = await writeEntries(trx, [
    { operationId: entry.operation_id, kind: "tombstone", content },
  ]);
  return tombstone!;
}
