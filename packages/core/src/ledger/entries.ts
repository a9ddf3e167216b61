import { canonicalBytes, type JsonValue } from "./canonicalJson";
import { toHex } from "./bytes";
import { leafHash } from "./hashing";

/**
 * The kinds of evidence the ledger holds. Each kind carries a version: when what a kind records
 * changes, its version goes up and old entries keep verifying under the version they were
 * written with (the version is inside the hashed bytes).
 */
export const ENTRY_VERSIONS = {
  message: 1,
  event: 1,
  /** v1: the capture.taken event's content; v2: the capture row, with its bytes re-hashed. */
  capture: 2,
  /** v1: a finding recorded as an event's content; v2: the findings row, its file re-hashed. */
  finding: 2,
  /** v1: the criteria event's content; v2: the review row (decision, reason, reviewer, subject). */
  decision: 2,
  /** v1: a conversation's opening: who initiated, the counterpart, venue and persona. */
  conversation: 1,
  /** v1: a conversation joined to a subject, by whom and when. */
  subject_link: 1,
  /** v1: a supervisor's extra daily reveals for one person (S8). */
  exposure_override: 1,
  /** v1: an identifier seen for a subject: in a message span, a network origin, a finding. */
  observation: 1,
  /** v1: a claim about a subject (predicate and value) and its author. */
  claim: 1,
  /** v1: a source (finding or observation) a claim cites. */
  claim_citation: 1,
  /** v1: an Admiralty grading of a claim (source reliability, information credibility). */
  claim_grading: 1,
  /** v1: a reviewer's sign-off of a claim. */
  claim_signoff: 1,
  /** v1: a retraction of a claim, citation, sign-off or finding (the target stays). */
  retraction: 1,
  /** v1: an analyst's merge, its reversal, or "not the same person", with the reasons. */
  subject_merge: 1,
  /** v1: a country an analyst confirmed for a subject, with the signals shown. */
  country_confirmation: 1,
  /** v1: a received message's network origin and the raw protocol bytes it came in. */
  message_wire: 1,
  /** v1: a referral's lifecycle step (drafted, changed, released, sent, acknowledged, outcome). */
  referral_step: 1,
  /** v1: a disclosure export for the defence: what it holds, its package hash and head, who. */
  disclosure: 1,
  /** v1: an analyst's opinion whether two pictures (by SHA-256) show one person, with a reason. */
  image_comparison: 1,
  tombstone: 1,
} as const;

export type EntryKind = keyof typeof ENTRY_VERSIONS;
export const ENTRY_KINDS = Object.keys(ENTRY_VERSIONS) as EntryKind[];

export function isEntryKind(value: string): value is EntryKind {
  return Object.hasOwn(ENTRY_VERSIONS, value);
}

export type JsonObject = { [key: string]: JsonValue };

/** Where the entry's content lives in the operational database (table and row id). */
export interface EntrySource {
  table: string;
  id: string;
}

/**
 * One ledger entry, exactly the object whose RFC 8785 form is hashed into a leaf. `index` is its
 * position in the operation's log, so moving an entry to another position changes its hash.
 */
export interface LedgerEntry {
  kind: EntryKind;
  v: number;
  operation: string;
  index: number;
  source: EntrySource | null;
  content: JsonObject;
}

/** message v1: what a message is as evidence (the exact bytes by hash, the text, who and when). */
export interface MessageContentV1 extends JsonObject {
  id: string;
  conversation: string;
  seq: number;
  direction: "in" | "out";
  body: string;
  /** SHA-256 of the bytes exactly as received or sent (hex). */
  bodySha256: string;
  sentBy: string | null;
  moveId: string | null;
  moveLibraryVersion: string | null;
  /** RFC 3339 UTC with microseconds, as the database stores it. */
  createdAt: string;
}

/** event v1: a recorded event (stage change, break-off, capture taken, criteria decision...). */
export interface EventContentV1 extends JsonObject {
  id: string;
  conversation: string | null;
  kind: string;
  payload: JsonValue;
  actor: string | null;
  createdAt: string;
}

/** tombstone v1: records that the content of entry `target` was purged; its leaf hash stays. */
export interface TombstoneContentV1 extends JsonObject {
  target: number;
  targetLeafHash: string;
  reason: string;
}

export function entryToJson(entry: LedgerEntry): JsonObject {
  return {
    kind: entry.kind,
    v: entry.v,
    operation: entry.operation,
    index: entry.index,
    source: entry.source ? { table: entry.source.table, id: entry.source.id } : null,
    content: entry.content,
  };
}

/** The exact bytes hashed into the leaf: RFC 8785 canonical JSON, UTF-8. */
export function entryBytes(entry: LedgerEntry): Uint8Array {
  return canonicalBytes(entryToJson(entry));
}

/** SHA-256(0x00 ‖ canonical entry). */
export function entryLeafHash(entry: LedgerEntry): Uint8Array {
  return leafHash(entryBytes(entry));
}

export function entryLeafHashHex(entry: LedgerEntry): string {
  return toHex(entryLeafHash(entry));
}
