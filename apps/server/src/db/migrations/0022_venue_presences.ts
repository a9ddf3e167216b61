import { sql, type Kysely } from "kysely";

// Venue leases across server processes (issue 13, item 5).
// - venue_presences: the rooms of real networks where the persona should be present, as the
//   operator asked (go present) and until they leave. The process that holds the network's lease
//   joins them, so another process can take a venue over when its holder dies. Presence itself
//   is evidence through the presence.started / presence.ended events; this is working state.
// - venue_leases (0021) is now used: a released lease keeps its holder and epoch and runs out.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table venue_presences (
      venue_id uuid primary key references venues (id) on delete cascade,
      operation_id uuid not null references operations (id),
      network_id uuid not null references venue_networks (id) on delete cascade,
      persona_id uuid references personas (id),
      display_name text not null check (length(display_name) between 1 and 200),
      display_names jsonb not null default '[]',
      started_by uuid references users (id),
      started_at timestamptz not null default now()
    );
    create index venue_presences_network on venue_presences (network_id);
  `.execute(db);
}
