import type { ColumnType, Generated, Selectable } from "kysely";

// The identification workspace's tables (0016). Evidence rows are append-only: corrections are
// retractions, merges are undone by a new decision.

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface BlobChunksTable {
  chunk_key: string;
  seq: number;
  bytes: Uint8Array;
}

export interface BlobsTable {
  sha256: string;
  size_bytes: number;
  chunk_key: string;
  created_at: CreatedAt;
}

/** What an analyst found elsewhere, with the file they captured of it. */
export interface FindingsTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  source_url: string | null;
  title: string;
  seen_at: Date;
  note: string;
  file_sha256: string | null;
  file_size_bytes: number | null;
  file_media_type: string | null;
  /** Untrusted: chosen by whoever made the file; shown as text only. */
  file_name: string | null;
  derived_from: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}
export type FindingRow = Selectable<FindingsTable>;

export interface ObservationsTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  kind: string;
  /** Untrusted when it comes from the chat (S7): shown as text only. */
  value: string;
  normalized: string;
  platform: string | null;
  message_id: string | null;
  span_start: number | null;
  span_end: number | null;
  rule: string | null;
  event_id: string | null;
  finding_id: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}
export type ObservationRow = Selectable<ObservationsTable>;

export interface ClaimsTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  predicate: string;
  value: string;
  normalized: string;
  author_id: string;
  created_at: CreatedAt;
}
export type ClaimRow = Selectable<ClaimsTable>;

export interface ClaimCitationsTable {
  id: Generated<string>;
  operation_id: string;
  claim_id: string;
  finding_id: string | null;
  observation_id: string | null;
  cited_by: string;
  created_at: CreatedAt;
}

export interface ClaimGradingsTable {
  id: Generated<string>;
  operation_id: string;
  claim_id: string;
  reliability: string;
  credibility: string;
  reason: string;
  graded_by: string;
  created_at: CreatedAt;
}

export interface ClaimSignoffsTable {
  id: Generated<string>;
  operation_id: string;
  claim_id: string;
  reviewer_id: string;
  note: string;
  created_at: CreatedAt;
}

export interface RetractionsTable {
  id: Generated<string>;
  operation_id: string;
  target_table: string;
  target_id: string;
  reason: string;
  retracted_by: string;
  created_at: CreatedAt;
}

export interface SubjectMergesTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  other_subject_id: string;
  decision: "merge" | "unmerge" | "not_same";
  reasons: ColumnType<unknown, string, never>;
  decided_by: string;
  created_at: CreatedAt;
}

export interface CountryConfirmationsTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  country: string;
  reasons: ColumnType<unknown, string, never>;
  note: string;
  confirmed_by: string;
  created_at: CreatedAt;
}

/** An analyst's opinion whether two pictures of a subject show the same person. */
export interface ImageComparisonsTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  left_kind: "capture" | "finding";
  left_id: string;
  left_sha256: string;
  right_kind: "capture" | "finding";
  right_id: string;
  right_sha256: string;
  opinion: "same_person" | "different_people" | "cannot_tell";
  reason: string;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface ImageHashesTable {
  sha256: string;
  phash: string;
  phash_mirrored: string;
  computed_at: CreatedAt;
}

export interface DeconflictionPointersTable {
  pointer: string;
  operation_id: string;
  subject_id: string;
  kind: string;
  created_at: CreatedAt;
}

export interface DeconflictionNoticesTable {
  id: Generated<string>;
  operation_id: string;
  subject_id: string;
  kind: string;
  other_operation_id: string;
  pointer: string;
  created_at: CreatedAt;
}
