import { sql, type Kysely } from "kysely";

// Image comparison (issue 11, build 7): whether two pictures of one subject show the same
// person is an analyst's opinion, made side by side and recorded once. Each row names both
// pictures (a capture or a finding's file) and commits to their SHA-256; a correction is a
// retraction, never an edit. Each row is a ledger entry (image_comparison).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table image_comparisons (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      subject_id uuid not null references subjects (id),
      left_kind text not null check (left_kind in ('capture', 'finding')),
      left_id uuid not null,
      left_sha256 text not null check (left_sha256 ~ '^[0-9a-f]{64}$'),
      right_kind text not null check (right_kind in ('capture', 'finding')),
      right_id uuid not null,
      right_sha256 text not null check (right_sha256 ~ '^[0-9a-f]{64}$'),
      opinion text not null check (opinion in ('same_person', 'different_people', 'cannot_tell')),
      reason text not null check (length(reason) between 1 and 1000),
      recorded_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      check (left_id <> right_id)
    );
    create index image_comparisons_subject on image_comparisons (subject_id, created_at);
    create trigger image_comparisons_no_truncate before truncate on image_comparisons
      for each statement execute function evidence_no_truncate();
  `.execute(db);
}
