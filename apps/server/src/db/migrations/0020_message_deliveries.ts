import { sql, type Kysely } from "kysely";

// The outbox (issue 13): a persona message is recorded first, with its delivery state, and
// delivered afterwards by the process that holds the venue. A failed delivery stays failed in
// the record (the defence must see what the operator tried to send); every outcome is also an
// event entry in the ledger (message.delivered / message.delivery_failed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table message_deliveries (
      message_id uuid primary key references messages (id) on delete cascade,
      operation_id uuid not null references operations (id),
      conversation_id uuid not null references conversations (id) on delete cascade,
      state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
      -- A break-off: after delivering, the contact sees the persona drop for this many seconds.
      fault_seconds integer check (fault_seconds is null or fault_seconds > 0),
      attempts integer not null default 0,
      detail text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index message_deliveries_pending on message_deliveries (operation_id, created_at)
      where state = 'pending';
  `.execute(db);
}
