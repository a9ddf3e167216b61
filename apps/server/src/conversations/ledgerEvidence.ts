import { appendEvidenceBatch } from "../ledger/evidenceAppender";
import { insertMessagesWithEvidence } from "../ledger/messageEvidenceWriter";
import type { EvidenceItem, EvidenceSink } from "./evidence";

const asInput = (item: EvidenceItem) => ({
  operationId: item.operationId,
  kind: item.kind,
  source: item.source,
  ...(item.row ? { row: item.row } : {}),
});

/** The evidence ledger (issue 3) behind the console's evidence port. */
export const ledgerEvidence: EvidenceSink = {
  async append(trx, items) {
    await appendEvidenceBatch(trx, items.map(asInput));
  },
  async insertMessages(trx, rows, followedBy, precededBy = []) {
    const { messageIds } = await insertMessagesWithEvidence(
      trx,
      rows,
      followedBy.map(asInput),
      precededBy.map(asInput),
    );
    return messageIds;
  },
};
