import { sql, type Kysely } from "kysely";

// Disclosure exports (issue 12, item 6): the full record of a conversation or of a subject,
// for the defence.
// - disclosures: one export as it is built (a background job): who asked for it, of what, how
//   far it got, and once built the package it is (its SHA-256 in the blob store and the signed
//   head it proves against). Working state.
// - disclosure_exports: the finished export, recorded once: what was disclosed (the
//   conversations), the package's hash and head, who exported it and when. Append-only; each
//   row is a ledger entry (disclosure).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosures (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      scope text not null check (scope in ('conversation', 'subject')),
      target_id uuid not null,
      requested_by uuid not null references users (id),
      status text not null default 'building' check (status in ('building', 'ready', 'failed')),
      conversations_done integer not null default 0,
      conversations_total integer not null default 0,
      failure text,
      package_sha256 text check (package_sha256 ~ '^[0-9a-f]{64}$'),
      package_size_bytes bigint,
      package_head_size bigint,
      package_head_root text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index disclosures_target on disclosures (operation_id, target_id, created_at);
    create table disclosure_exports (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      disclosure_id uuid not null unique references disclosures (id),
      scope text not null check (scope in ('conversation', 'subject')),
      target_id uuid not null,
      conversation_ids jsonb not null,
      package_sha256 text not null check (package_sha256 ~ '^[0-9a-f]{64}$'),
      package_size_bytes bigint not null,
      head_size bigint not null,
      head_root text not null,
      files integer not null,
      exported_by uuid not null references users (id),
      created_at timestamptz not null default now()
    );
  `.execute(db);
}
