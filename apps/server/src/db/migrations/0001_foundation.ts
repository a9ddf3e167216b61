import { sql, type Kysely } from "kysely";

// Foundation tables: accounts, operations with their authorization, team, personas, venues,
// conversations, messages, events and the audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      must_change_password boolean not null default true,
      is_admin boolean not null default false,
      totp_secret text,
      totp_enabled boolean not null default false,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      password_changed_at timestamptz
    );

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id),
      csrf_token text not null,
      second_factor_done boolean not null default false,
      ip text not null,
      user_agent text not null default '',
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user on sessions(user_id);

    create table operations (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      mode text not null check (mode in ('identify', 'deter')),
      is_training boolean not null default false,
      issuing_authority text not null,
      authorization_reference text not null,
      partner_unit text not null,
      permitted_venues jsonb not null default '[]',
      persona_age integer not null check (persona_age between 1 and 17),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      retention_days integer not null default 90 check (retention_days > 0),
      require_totp boolean not null default false,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );

    create table memberships (
      operation_id uuid not null references operations(id),
      user_id uuid not null references users(id),
      role text not null check (role in ('admin', 'supervisor', 'operator', 'analyst', 'legal')),
      created_at timestamptz not null default now(),
      primary key (operation_id, user_id)
    );
    create index memberships_user on memberships(user_id);

    create table personas (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      name text not null,
      age integer not null check (age between 1 and 17),
      gender text not null,
      location text not null,
      display_names jsonb not null default '[]',
      created_at timestamptz not null default now()
    );
    create index personas_operation on personas(operation_id);

    create table venues (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      protocol text not null check (protocol in ('training', 'irc', 'xmpp')),
      name text not null,
      address text not null,
      created_at timestamptz not null default now(),
      unique (operation_id, address)
    );

    create table conversations (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      persona_id uuid references personas(id),
      venue_id uuid references venues(id),
      counterpart_handle text not null,
      initiator text not null check (initiator in ('counterpart', 'persona')),
      stage text not null default 'approached',
      broken_off boolean not null default false,
      proposed boolean not null default false,
      flags jsonb not null default '[]',
      status text not null default 'open',
      operator_id uuid references users(id),
      created_at timestamptz not null default now(),
      last_message_at timestamptz
    );
    create index conversations_operation on conversations(operation_id, created_at);

    create table messages (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      conversation_id uuid not null references conversations(id),
      seq integer not null,
      direction text not null check (direction in ('in', 'out')),
      body text not null,
      body_bytes bytea not null,
      sent_by uuid references users(id),
      move_id text,
      move_library_version text,
      indicators jsonb not null default '[]',
      created_at timestamptz not null default now(),
      unique (conversation_id, seq)
    );
    create index messages_operation on messages(operation_id, created_at);

    create table events (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      conversation_id uuid references conversations(id),
      kind text not null,
      payload jsonb not null default '{}',
      actor_id uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index events_operation on events(operation_id, created_at);

    create table audit (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id uuid references users(id),
      actor_ip text,
      action text not null,
      operation_id uuid references operations(id),
      target_type text,
      target_id text,
      details jsonb not null default '{}'
    );
    create index audit_operation on audit(operation_id, at);

    -- The audit log is append-only at the database level too: no route edits it, and no
    -- statement can.
    create function audit_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only';
    end $$;
    create trigger audit_no_update before update or delete on audit
      for each statement execute function audit_is_append_only();
  `.execute(db);
}
