import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { MessageToRecord } from "../ledger/messageEvidenceWriter";

/**
 * One item to append to the operation's evidence ledger, in the same transaction as the row it
 * points to; the ledger builds the entry from the row as stored.
 */
export interface EvidenceItem {
  kind:
    | "message"
    | "event"
    | "conversation"
    | "capture"
    | "decision"
    | "subject_link"
    | "exposure_override"
    | "finding"
    | "observation"
    | "claim"
    | "claim_citation"
    | "claim_grading"
    | "claim_signoff"
    | "retraction"
    | "subject_merge"
    | "country_confirmation"
    | "message_wire"
    | "referral_step"
    | "disclosure"
    | "image_comparison";
  operationId: string;
  source: { table: string; id: string };
  /**
   * The row's evidence fields as the statement that wrote it returned them (the ledger's
   * evidence columns for its table), so the ledger need not read the row again.
   */
  row?: Record<string, unknown> & { id: string; operation_id: string };
}

/** The ledger as the console's commands use it (a port; the ledger module implements it). */
export interface EvidenceSink {
  append(trx: Transaction<Database>, items: readonly EvidenceItem[]): Promise<void>;
  /**
   * Inserts message rows and appends their entries, after `precededBy` and before `followedBy`
   * (rows already written), in the caller's transaction: the ingest path. Returns the new
   * messages' ids, in order.
   */
  insertMessages(
    trx: Transaction<Database>,
    rows: readonly MessageToRecord[],
    followedBy: readonly EvidenceItem[],
    precededBy?: readonly EvidenceItem[],
  ): Promise<string[]>;
}
