import { sql, type Kysely } from "kysely";

// Real chat venues (issue 13).
// - venue_networks: an operation's account on a real network (protocol, host, port, TLS, the
//   account the persona signs in with, its secret sealed with AES-256-GCM). Configuration,
//   audited; never evidence.
// - venues.network_id: which account a venue (a room) is reached through.
// - conversations.network_origin: where the counterpart came from when they opened it (sender
//   as the network shows it, network, server name): identification and country signals.
// - message_wire: each received message's origin and the raw protocol units it came in (IRC
//   lines with their CR LF), byte-exact; evidence (the message_wire entry).
// - venue_leases: which server process holds an account's connection (holder, expiry, fencing
//   epoch), so several processes on one PostgreSQL never hold one venue twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table venue_networks (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations (id),
      protocol text not null check (protocol in ('irc', 'xmpp')),
      host text not null check (length(host) between 1 and 253),
      port integer not null check (port between 1 and 65535),
      tls boolean not null default true,
      account_name text not null check (length(account_name) between 1 and 200),
      secret_sealed bytea,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      unique (operation_id, protocol, host, port, account_name)
    );
    alter table venues add column network_id uuid references venue_networks (id);
    alter table conversations add column network_origin jsonb;
    create table message_wire (
      id uuid primary key default gen_random_uuid(),
      message_id uuid not null unique references messages (id) on delete cascade,
      operation_id uuid not null references operations (id),
      origin jsonb not null,
      wire bytea not null,
      created_at timestamptz not null default now()
    );
    create table venue_leases (
      network_id uuid primary key references venue_networks (id) on delete cascade,
      holder text not null,
      epoch bigint not null default 1,
      expires_at timestamptz not null,
      renewed_at timestamptz not null default now()
    );
  `.execute(db);
}
