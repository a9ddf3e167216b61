import { sql, type Kysely } from "kysely";

// Referrals (issue 12).
// - agencies: the registry of receiving agencies (country, agency, unit, how to reach them, who,
//   and optionally the Ed25519 key their witness cosigns with). Administration, audited.
// - referrals: one package per country, its current status and, once released, the package it
//   was released as (its SHA-256 in the blob store and the signed head it proves against).
//   Working state: every change is a referral_steps row.
// - referral_steps: the lifecycle, append-only; each row is a ledger entry (referral_step).
// - head_cosignatures: an agency's cosignature of a signed tree head, verified against the
//   agency's registered key before it is kept; append-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agencies (
      id uuid primary key default gen_random_uuid(),
      country text not null check (country ~ '^[A-Z]{2}$'),
      name text not null check (length(name) between 1 and 200),
      unit text not null default '' check (length(unit) <= 200),
      contact_channel text not null check (length(contact_channel) between 1 and 500),
      contact_person text not null check (length(contact_person) between 1 and 200),
      public_key text check (public_key ~ '^[0-9a-f]{64}$'),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (country, name, unit)
    );
    create table referrals (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      country text not null check (country ~ '^[A-Z]{2}$'),
      agency_id uuid references agencies (id),
      subject_ids jsonb not null default '[]',
      status text not null default 'draft'
        check (status in ('draft', 'released', 'sent', 'acknowledged', 'outcome')),
      outcome text check (outcome in ('arrest', 'charged', 'convicted', 'no_action', 'unknown')),
      agency_reference text,
      built_by uuid not null references users (id),
      released_by uuid references users (id),
      package_sha256 text,
      package_size_bytes bigint,
      package_head_size bigint,
      package_head_root text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (released_by is null or released_by <> built_by)
    );
    create index referrals_operation on referrals (operation_id, created_at);
    create table referral_steps (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      referral_id uuid not null references referrals (id),
      step text not null
        check (step in ('drafted', 'draft_changed', 'released', 'sent', 'acknowledged', 'outcome')),
      details jsonb not null default '{}',
      occurred_on text check (occurred_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      actor_id uuid not null references users (id),
      created_at timestamptz not null default now()
    );
    create index referral_steps_referral on referral_steps (referral_id, created_at);
    create table head_cosignatures (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      head_size bigint not null,
      head_root text not null check (head_root ~ '^[0-9a-f]{64}$'),
      agency_id uuid not null references agencies (id),
      witness_name text not null,
      witness_public_key text not null check (witness_public_key ~ '^[0-9a-f]{64}$'),
      cosigned_at timestamptz not null,
      line text not null,
      recorded_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      unique (operation_id, head_size, agency_id)
    );
  `.execute(db);
}
