import { sql, type Kysely } from "kysely";

// Issue 9, authentication and audit:
// - auth_throttle: sign-in failure counters kept in the database, so every node counts the same
//   failures and a restart forgets none (per account, per address and one global key).
// - users.totp_last_step: the last TOTP time step accepted for the account, so a code is
//   accepted once (a replayed code, or a second use within its 30 seconds, is refused).
// - evidence_views: one row per transcript view a person opened (the client names its view),
//   so a view is audited once however often it re-fetches.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table auth_throttle (
      key text primary key,
      failures integer not null default 0,
      window_started_at timestamptz not null,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    );

    alter table users add column totp_last_step bigint;

    create table evidence_views (
      user_id uuid not null references users(id),
      view_id text not null,
      target_type text not null,
      target_id text not null,
      operation_id uuid not null references operations(id),
      at timestamptz not null default now(),
      primary key (user_id, view_id, target_type, target_id)
    );
  `.execute(db);
}
