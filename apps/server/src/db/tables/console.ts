import type { ColumnType, Generated, Selectable } from "kysely";

export interface ConversationReviewsTable {
  id: Generated<string>;
  operation_id: string;
  conversation_id: string;
  decision: "confirm" | "reject";
  reason: string;
  reviewer_id: string;
  subject_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type ConversationReviewRow = Selectable<ConversationReviewsTable>;

export interface SubjectsTable {
  id: Generated<string>;
  operation_id: string;
  label: string;
  /** ISO 3166-1 alpha-2 an analyst confirmed; null until then. */
  country: string | null;
  /** The subject this one was merged into (0016); null while it stands on its own. */
  merged_into: Generated<string | null>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type SubjectRow = Selectable<SubjectsTable>;

export interface SubjectConversationsTable {
  /** The link's own id, so it is a ledger evidence row (0009). */
  id: Generated<string>;
  subject_id: string;
  conversation_id: string;
  added_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A still image or short clip of a counterpart's webcam, captured by an operator. */
export interface CapturesTable {
  id: Generated<string>;
  operation_id: string;
  conversation_id: string;
  media_type: string;
  /** Untrusted (S7): chosen by whoever made the file; shown as text only. */
  file_name: string;
  size_bytes: number;
  sha256: string;
  /** Set once purged (the bytes leave the blob store); the hash and size stay. */
  purged_at: Date | null;
  captured_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type CaptureRow = Selectable<CapturesTable>;

export interface ExposureBudgetsTable {
  operation_id: string;
  user_id: string;
  daily_reveals: number;
  set_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ExposureOverridesTable {
  id: Generated<string>;
  operation_id: string;
  user_id: string;
  /** YYYY-MM-DD (UTC) the override applies to. */
  day: ColumnType<Date, string, never>;
  extra_reveals: number;
  granted_by: string;
  reason: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** One revealed item (masked term, blurred capture): counted against the daily budget (S8). */
export interface RevealsTable {
  id: Generated<number>;
  operation_id: string;
  user_id: string;
  target_type: string;
  target_id: string;
  at: ColumnType<Date, Date | undefined, never>;
}

/** One transcript view a person opened; the view's first read is audited, re-fetches are not. */
export interface EvidenceViewsTable {
  user_id: string;
  view_id: string;
  target_type: string;
  target_id: string;
  operation_id: string;
  at: ColumnType<Date, Date | undefined, never>;
}
