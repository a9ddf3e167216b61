import { sql, type Kysely } from "kysely";

// Issue 11: the identification workspace. What an analyst records (findings with their files,
// observations, claims with their citations, gradings and sign-offs, retractions, merge
// decisions, country confirmations) is append-only evidence, each row one ledger entry. The
// blob store (for several nodes), image hashes and the deconfliction index are derived or
// bookkeeping, outside the ledger.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Content-addressed file store for deployments with several nodes (the embedded default
    -- keeps files in the data directory). A file is written in chunks under a fresh key while it
    -- streams in, then named by its SHA-256.
    create table blob_chunks (
      chunk_key uuid not null,
      seq integer not null,
      bytes bytea not null,
      primary key (chunk_key, seq)
    );
    create table blobs (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes bigint not null,
      chunk_key uuid not null,
      created_at timestamptz not null default now()
    );

    -- Which subject a merged subject now belongs to (working state: each merge and its reversal
    -- is a subject_merges row and entry).
    alter table subjects add column merged_into uuid references subjects(id);

    create table findings (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      source_url text,
      title text not null,
      seen_at timestamptz not null,
      note text not null,
      file_sha256 text check (file_sha256 is null or file_sha256 ~ '^[0-9a-f]{64}$'),
      file_size_bytes bigint,
      file_media_type text,
      file_name text,
      derived_from uuid references findings(id),
      recorded_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index findings_subject on findings(subject_id);
    create index findings_file on findings(file_sha256);

    -- An identifier seen for a subject: disclosed in the chat (a message and span), recorded by a
    -- connector (a network origin event), or shown by a finding.
    create table observations (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      kind text not null,
      value text not null,
      normalized text not null,
      platform text,
      message_id uuid,
      span_start integer,
      span_end integer,
      rule text,
      event_id uuid,
      finding_id uuid references findings(id),
      recorded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index observations_subject on observations(subject_id);
    create index observations_normalized on observations(kind, normalized);
    create unique index observations_message_once
      on observations(subject_id, message_id, span_start, kind) where message_id is not null;
    create unique index observations_event_once
      on observations(subject_id, event_id) where event_id is not null;

    create table claims (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      predicate text not null,
      value text not null,
      normalized text not null,
      author_id uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index claims_subject on claims(subject_id);

    create table claim_citations (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      claim_id uuid not null references claims(id),
      finding_id uuid references findings(id),
      observation_id uuid references observations(id),
      cited_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index claim_citations_claim on claim_citations(claim_id);

    create table claim_gradings (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      claim_id uuid not null references claims(id),
      reliability text not null,
      credibility text not null,
      reason text not null,
      graded_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index claim_gradings_claim on claim_gradings(claim_id);

    create table claim_signoffs (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      claim_id uuid not null references claims(id),
      reviewer_id uuid not null references users(id),
      note text not null,
      created_at timestamptz not null default now()
    );
    create index claim_signoffs_claim on claim_signoffs(claim_id);

    -- A correction is a new entry: the retracted claim, citation, sign-off or finding stays.
    create table retractions (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      target_table text not null,
      target_id uuid not null,
      reason text not null,
      retracted_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index retractions_target on retractions(target_id);

    -- An analyst's decision about two subjects: merged, merge undone, or not the same person.
    create table subject_merges (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      other_subject_id uuid not null references subjects(id),
      decision text not null,
      reasons jsonb not null,
      decided_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index subject_merges_subject on subject_merges(subject_id);
    create index subject_merges_other on subject_merges(other_subject_id);

    -- A country an analyst confirmed, with the signals shown to them at the time.
    create table country_confirmations (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      country text not null,
      reasons jsonb not null,
      note text not null,
      confirmed_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index country_confirmations_subject on country_confirmations(subject_id);

    -- Perceptual hashes of stored images, by the file's SHA-256 (derived, recomputable).
    create table image_hashes (
      sha256 text primary key,
      phash text not null,
      phash_mirrored text not null,
      computed_at timestamptz not null default now()
    );

    -- The deconfliction index: HMAC-SHA-256 of each normalized identifier under the deployment's
    -- secret, across all operations. No identifier value is stored here.
    create table deconfliction_pointers (
      pointer text not null,
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      kind text not null,
      created_at timestamptz not null default now(),
      primary key (pointer, operation_id, subject_id)
    );
    -- A pointer hit shown to an operation's supervisors: their own subject, and whom to call.
    create table deconfliction_notices (
      id uuid primary key default gen_random_uuid(),
      operation_id uuid not null references operations(id),
      subject_id uuid not null references subjects(id),
      kind text not null,
      other_operation_id uuid not null references operations(id),
      pointer text not null,
      created_at timestamptz not null default now(),
      unique (operation_id, subject_id, other_operation_id, pointer)
    );

    do $$
    declare t text;
    begin
      foreach t in array array['findings', 'observations', 'claims', 'claim_citations',
        'claim_gradings', 'claim_signoffs', 'retractions', 'subject_merges',
        'country_confirmations', 'blobs', 'blob_chunks']
      loop
        execute format('create trigger %I before truncate on %I for each statement
                        execute function evidence_no_truncate()', t || '_no_truncate', t);
      end loop;
    end $$;
  `.execute(db);
}
