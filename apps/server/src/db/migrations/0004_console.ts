import { sql, type Kysely } from "kysely";

// Live console, review queue, captures and operator welfare (issue 5).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The counterpart's id on the network (nick, JID, training id), so replies reach them.
    alter table conversations add column counterpart_ref text;
    alter table conversations add column unread_count integer not null default 0;
    alter table conversations add column last_in_at timestamptz;
    alter table conversations add column purged_at timestamptz;
    create index conversations_counterpart on conversations(operation_id, venue_id, counterpart_ref);
    create index conversations_review on conversations(operation_id, status) where proposed;

    create table conversation_reviews (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      conversation_id uuid not null references conversations(id),
      decision text not null check (decision in ('confirm', 'reject')),
      reason text not null,
      reviewer_id uuid not null references users(id),
      subject_id uuid,
      created_at timestamptz not null default now()
    );
    create index conversation_reviews_conversation on conversation_reviews(conversation_id);

    create table subjects (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      label text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index subjects_operation on subjects(operation_id);

    create table subject_conversations (
      subject_id uuid not null references subjects(id),
      conversation_id uuid not null references conversations(id),
      added_by uuid references users(id),
      created_at timestamptz not null default now(),
      primary key (subject_id, conversation_id)
    );

    create table captures (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      conversation_id uuid not null references conversations(id),
      media_type text not null,
      file_name text not null,
      size_bytes integer not null,
      sha256 text not null,
      bytes bytea,
      captured_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index captures_conversation on captures(conversation_id);

    create table exposure_budgets (
      operation_id uuid not null references operations(id),
      user_id uuid not null references users(id),
      daily_reveals integer not null check (daily_reveals > 0),
      set_by uuid not null references users(id),
      updated_at timestamptz not null default now(),
      primary key (operation_id, user_id)
    );

    create table exposure_overrides (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      user_id uuid not null references users(id),
      day date not null,
      extra_reveals integer not null check (extra_reveals > 0),
      granted_by uuid not null references users(id),
      reason text not null,
      created_at timestamptz not null default now()
    );
    create index exposure_overrides_user on exposure_overrides(operation_id, user_id, day);

    create table reveals (
      id bigserial primary key,
      operation_id uuid not null references operations(id),
      user_id uuid not null references users(id),
      target_type text not null,
      target_id text not null,
      at timestamptz not null default now()
    );
    create index reveals_user_day on reveals(operation_id, user_id, at);
  `.execute(db);
}
