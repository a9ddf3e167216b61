import { ENTRY_VERSIONS } from "@sweetie/core/ledger/index";
import { EVIDENCE_SOURCES } from "./evidenceSourceTables";

// Which columns of the database are ledger evidence, which deliberately are not (and why), and
// which tables are outside the ledger altogether. evidenceCoverage.db.test.ts walks the live
// schema and fails on any column that is in none of these lists, so a new column or table has
// to be put under an entry or declared here with its reason; the ledger README shows the same
// tables (rendered below, and checked by that test).

/** Columns of tables under the ledger that no entry commits to, with the reason. */
export const NOT_EVIDENCE: Record<string, Record<string, string>> = {
  messages: {
    indicators:
      "the detector's reading of the body, recomputed from the committed text by a versioned detector",
  },
  conversations: {
    stage: "derived from the committed messages; each change is a stage.changed event",
    broken_off: "derived; the break-off is a committed message and a broken_off event",
    proposed: "derived; each proposal is a criteria.proposed event",
    flags: "derived (S6); each new flag is a safeguard.flagged event",
    status: "working state; confirmation and rejection are decision entries, a purge a tombstone",
    operator_id: "who is answering now; every message commits to the operator who sent it",
    last_message_at: "a cache of the committed messages' times",
    unread_count: "console state",
    move_language:
      "console preference; each safe move sent is a message entry committing to its move id, library version and text",
    last_in_at: "a cache of the committed messages' times",
    purged_at: "the purge is a tombstone entry",
    analysis: "the analyzer's cache, replayed from the committed messages when missing",
    network_origin:
      "a copy of the opening message's origin, which that message's message_wire entry commits to",
  },
  captures: {
    purged_at:
      "the purge is a tombstone entry; the file leaves the blob store once nothing else refers to it",
  },
  venues: {
    operation_id: "implied: a conversation's entry names its operation",
    created_at: "when the venue row was first used; presence events commit to when it was",
    network_id:
      "the account the venue is reached through (configuration); the entries commit to the venue's protocol and address",
  },
  personas: {
    operation_id: "implied: a conversation's entry names its operation",
    created_at: "bookkeeping; the conversation entries commit to the persona as it stood",
  },
  subjects: {
    label: "an analyst's working name for the subject, renamed freely",
    country:
      "the current answer; its confirmation and reasons are the identification workspace's entries",
    merged_into:
      "working state: each merge and its reversal is a subject_merge entry naming both subjects",
    created_by: "the decision entry that created it commits to the reviewer",
    created_at: "the decision entry that created it commits to when",
  },
};

/** Tables whose rows are not ledger evidence at all, with the reason. */
export const OUTSIDE_LEDGER: Record<string, string> = {
  users: "accounts; changes are audited",
  sessions: "sign-in sessions",
  memberships: "who may see an operation (S4); changes are audited",
  operations:
    "the operation and its authorization; changes are audited (putting the authorization under the ledger is open work)",
  audit: "its own append-only log (S4), guarded like the ledger",
  ledger_entries: "the ledger itself",
  ledger_heads: "the ledger's signed heads",
  ledger_state: "the ledger's append lock and frontier, checked by verify",
  exposure_budgets: "a welfare setting (S8); changes are audited",
  reveals: "welfare counters (S8); each reveal is also audited",
  evidence_views:
    "which transcript views a person opened, so each view is audited once (the audit row is the record)",
  auth_throttle: "sign-in failure counters shared by every node; the failures are audited",
  blobs:
    "the database blob store's names for files (several nodes); findings and captures commit to each file's SHA-256, re-hashed from the store on every verify",
  blob_chunks:
    "the database blob store's file contents, committed by the findings' and captures' re-hashed SHA-256",
  image_hashes:
    "perceptual hashes, derived from the stored bytes and recomputable (decision support only)",
  deconfliction_pointers:
    "the keyed-hash index across operations (no identifier values); rebuilt from the observations and claims",
  deconfliction_notices: "notices to supervisors of a pointer hit; audited when read",
  message_deliveries:
    "the outbox's working state; the message is a message entry when recorded, and each delivery outcome a message.delivered or message.delivery_failed event",
  venue_networks:
    "the operation's network accounts (configuration; changes are audited; the secret sealed with AES-256-GCM)",
  venue_leases: "which server process holds a network connection now (coordination state)",
  venue_presences:
    "the rooms the persona should be in, for whichever process holds the network (working state; each start and end is a presence event)",
  agencies:
    "the registry of receiving agencies and their witness keys (administration; changes are audited)",
  referrals:
    "a referral's working state (status, selection, the released package's hash); every change is a referral_step entry",
  head_cosignatures:
    "agencies' cosignatures of signed heads, each verified against the agency's key before it is kept and checkable by anyone with that key (recording is audited)",
  disclosures:
    "a disclosure export as it is built (who asked, of what, progress, the package's hash once built); the finished export is a disclosure entry",
  kysely_migration: "migration bookkeeping",
  kysely_migration_lock: "migration bookkeeping",
};

/** Covered columns per table, over every evidence source (a table may be joined by several). */
export function coveredColumns(): Map<string, Set<string>> {
  const covered = new Map<string, Set<string>>();
  for (const source of EVIDENCE_SOURCES) {
    for (const cover of source.covers) {
      const columns = covered.get(cover.table) ?? new Set<string>();
      for (const column of cover.columns) columns.add(column);
      covered.set(cover.table, columns);
    }
  }
  return covered;
}

/** The README's table of what each entry kind commits to (a test checks they are the same). */
export function renderCoverageTable(): string {
  const rows = ["| entry kind | source table | columns the entry commits to |", "|---|---|---|"];
  for (const source of EVIDENCE_SOURCES) {
    const kinds = source.kinds.map((kind) => `\`${kind}\` v${ENTRY_VERSIONS[kind]}`).join(", ");
    for (const cover of source.covers) {
      const via = cover.table === source.table ? "" : ` (joined by \`${cover.via}\`)`;
      rows.push(
        `| ${cover.table === source.table ? kinds : ""} | \`${cover.table}\`${via} | ${cover.columns.map((c) => `\`${c}\``).join(", ")} |`,
      );
    }
  }
  return rows.join("\n");
}

/** The README's table of columns deliberately not evidence, and of tables outside the ledger. */
export function renderNotEvidenceTable(): string {
  const rows = ["| table | column | why it is not evidence |", "|---|---|---|"];
  for (const [table, columns] of Object.entries(NOT_EVIDENCE)) {
    for (const [column, why] of Object.entries(columns)) {
      rows.push(`| \`${table}\` | \`${column}\` | ${why} |`);
    }
  }
  for (const [table, why] of Object.entries(OUTSIDE_LEDGER)) {
    rows.push(`| \`${table}\` | (every column) | ${why} |`);
  }
  return rows.join("\n");
}
