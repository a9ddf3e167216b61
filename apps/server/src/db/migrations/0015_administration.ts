import { sql, type Kysely } from "kysely";

// Administration in the console (issue 10): an operation can be closed, with who closed it, when
// and why; an administrator can require a second factor of one person; a deactivation keeps who
// did it and when (the account and its history stay; it can no longer sign in).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table operations
      add column closed_at timestamptz,
      add column closed_by uuid references users(id),
      add column close_reason text,
      add constraint operations_closed_complete
        check ((closed_at is null) = (close_reason is null));
    alter table users
      add column totp_required boolean not null default false,
      add column disabled_at timestamptz;
  `.execute(db);
}
