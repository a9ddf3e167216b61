import { sql, type Kysely } from "kysely";

// The analyzer's state after a conversation's last message ({ seq, state }), so a new message is
// analyzed without loading and replaying the whole history (the ingest path at thousands of
// messages a second). Null, or a seq behind the conversation's last message, means "replay".
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table conversations add column analysis jsonb`.execute(db);
}
