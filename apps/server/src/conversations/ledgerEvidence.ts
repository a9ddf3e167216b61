import { appendEvidenceBatch } from "../ledger/evidenceAppender";
import type { EvidenceSink } from "./evidence";

/** The evidence ledger (issue 3) behind the console's evidence port. */
export const ledgerEvidence: EvidenceSink = {
  async append(trx, items) {
    await appendEvidenceBatch(
      trx,
      items.map((item) => ({
        operationId: item.operationId,
        kind: item.kind,
        source: item.source,
      })),
    );
  },
};
