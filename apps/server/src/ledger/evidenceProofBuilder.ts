import { MerkleTree, toHex, type EvidenceProof } from "@sweetie/core/ledger/index";
import "./nativeSha256";
import type { Db } from "../db/database";
import { loadSources } from "./evidenceSources";
import type { LedgerSigner } from "./headAnchor";
import { headFromRow, headsOf, issueTreeHead } from "./headIssuer";
import { plainBytes } from "./ledgerState";

/**
 * The inclusion proof of one entry against the latest signed head that covers it. When no head
 * covers it yet and a key is given, a head is issued on demand.
 */
export async function buildEvidenceProof(
  db: Db,
  entryId: string,
  signer: LedgerSigner | null,
): Promise<EvidenceProof> {
  const row = await db
    .selectFrom("ledger_entries")
    .selectAll()
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!row) throw new Error(`no ledger entry ${entryId}`);
  let head = (await headsOf(db, row.operation_id)).filter((h) => h.size > row.idx).at(-1);
  if (!head) {
    if (!signer)
      throw new Error(
        `no signed head covers entry ${entryId} yet, and no signing key is available`,
      );
    await issueTreeHead(db, signer, row.operation_id);
    head = (await headsOf(db, row.operation_id)).at(-1)!;
  }
  const leaves = (
    await db
      .selectFrom("ledger_entries")
      .select("leaf_hash")
      .where("operation_id", "=", row.operation_id)
      .where("idx", "<", head.size)
      .orderBy("idx")
      .execute()
  ).map((r) => plainBytes(r.leaf_hash));
  const tree = new MerkleTree(leaves);

  let content = row.content as EvidenceProof["entry"]["content"] | null;
  if (row.source_table && row.source_id && !row.purged_at) {
    const found = await loadSources(db, [{ table: row.source_table, id: row.source_id }]);
    content = found.get(`${row.source_table}/${row.source_id}`)?.content ?? null;
  }
  if (content === null) {
    throw new Error(`entry ${entryId} has no content to prove (purged or its row is missing)`);
  }
  return {
    entry: {
      kind: row.kind as EvidenceProof["entry"]["kind"],
      v: row.version,
      operation: row.operation_id,
      index: row.idx,
      source:
        row.source_table && row.source_id ? { table: row.source_table, id: row.source_id } : null,
      content,
    },
    leafHash: toHex(plainBytes(row.leaf_hash)),
    proof: { index: row.idx, size: head.size, hashes: tree.inclusionProof(row.idx).map(toHex) },
    head: headFromRow(head),
  };
}
