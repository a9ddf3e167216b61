import { sql, type Kysely } from "kysely";

// Issue 9: more of what a court relies on goes under the ledger, and the database refuses what
// the server's role must never do.
// - Subject links get an id, so each link is an evidence row of its own (subject_link entries).
// - TRUNCATE fires no row trigger, so the append-only guards never saw it: a statement trigger
//   refuses it on the ledger, the audit log and every table whose rows are evidence. (The
//   server's own role holds no TRUNCATE right either; this also covers an owner's session and
//   the embedded store.)
// - A purge empties an entry through ledger_purge_entry, which runs with the owner's rights, so
//   the server's role needs no UPDATE on ledger_entries at all. The row trigger still checks
//   that the change is a purge.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table subject_conversations add column id uuid not null default gen_random_uuid();
    create unique index subject_conversations_id on subject_conversations(id);

    create function evidence_no_truncate() returns trigger language plpgsql as $$
    begin
      raise exception '% holds evidence or its log: it cannot be truncated', tg_table_name;
    end $$;
    do $$
    declare t text;
    begin
      foreach t in array array['ledger_entries', 'ledger_heads', 'ledger_state', 'audit',
        'messages', 'events', 'conversations', 'captures', 'conversation_reviews',
        'subject_conversations', 'subjects', 'exposure_overrides', 'venues', 'personas']
      loop
        execute format('create trigger %I before truncate on %I for each statement
                        execute function evidence_no_truncate()', t || '_no_truncate', t);
      end loop;
    end $$;

    create function ledger_purge_entry(entry_id uuid, reason text) returns void
      language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      update ledger_entries
         set content = null, purged_at = now(), purge_reason = reason
       where id = entry_id and purged_at is null;
      if not found then
        raise exception 'no unpurged ledger entry %', entry_id;
      end if;
    end $$;
    revoke all on function ledger_purge_entry(uuid, text) from public;
  `.execute(db);
}
