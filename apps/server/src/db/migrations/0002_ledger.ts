import { sql, type Kysely } from "kysely";

// The evidence ledger: one append-only Merkle log per operation (entries), its signed tree heads,
// and a per-operation state row that serializes appends (locked FOR UPDATE by each writer) and
// keeps the compact Merkle frontier so the root after an append costs O(log n).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ledger_state (
      operation_id uuid primary key references operations(id),
      size bigint not null default 0,
      -- compact range: concatenated 32-byte roots of the perfect subtrees, largest first
      frontier bytea not null default ''::bytea,
      root bytea not null default sha256(''::bytea),
      signed_size bigint not null default 0,
      signed_at timestamptz,
      first_unsigned_at timestamptz
    );

    create table ledger_entries (
      id uuid primary key,
      operation_id uuid not null references operations(id),
      idx bigint not null,
      kind text not null,
      version integer not null,
      source_table text,
      source_id text,
      -- content held by the ledger itself (kinds without a source table); null once purged
      content jsonb,
      leaf_hash bytea not null check (length(leaf_hash) = 32),
      appended_at timestamptz not null default now(),
      purged_at timestamptz,
      purge_reason text,
      unique (operation_id, idx),
      check ((source_table is null) = (source_id is null))
    );
    create unique index ledger_entries_source on ledger_entries(source_table, source_id)
      where source_table is not null;

    create table ledger_heads (
      id bigserial primary key,
      operation_id uuid not null references operations(id),
      size bigint not null,
      root bytea not null,
      -- the RFC 3339 time exactly as signed
      time text not null,
      signature bytea not null,
      public_key bytea not null,
      created_at timestamptz not null default now()
    );
    create index ledger_heads_operation on ledger_heads(operation_id, size);

    -- S5: entries are never edited or deleted. The one allowed change is a purge, which removes
    -- the content and keeps the leaf hash (data minimization without breaking proofs).
    create function ledger_entries_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'the evidence ledger is append-only';
      end if;
      if old.purged_at is not null or new.purged_at is null or new.content is not null
         or new.id <> old.id or new.operation_id <> old.operation_id or new.idx <> old.idx
         or new.kind <> old.kind or new.version <> old.version or new.leaf_hash <> old.leaf_hash
         or new.source_table is distinct from old.source_table
         or new.source_id is distinct from old.source_id then
        raise exception 'the evidence ledger is append-only (only a purge may change an entry)';
      end if;
      return new;
    end $$;
    create trigger ledger_entries_no_edit before update or delete on ledger_entries
      for each row execute function ledger_entries_append_only();

    create function ledger_heads_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'signed tree heads are append-only';
    end $$;
    create trigger ledger_heads_no_edit before update or delete on ledger_heads
      for each statement execute function ledger_heads_append_only();
  `.execute(db);
}
