import { sql, type Kysely } from "kysely";

// Webcam captures move into the content-addressed blob store (issue 11, build 3).
// - captures.purged_at says a capture was purged (captures.bytes null said it before).
// - Every capture's bytes are copied into the database's blob tables (blobs, blob_chunks: 1 MiB
//   chunks, named by the SHA-256 of the bytes), once per distinct file; then captures.bytes is
//   dropped. A migration reaches only the database, so a data-directory deployment reads these
//   older captures from the database's blob tables (blobs/captureBytes.ts falls back to them);
//   new captures go to the deployment's store.
// - The capture's ledger entry keeps committing to the SHA-256 of its bytes as stored, now
//   re-hashed from the blob store.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table captures add column purged_at timestamptz;
    update captures set purged_at = created_at where bytes is null;

    create temporary table capture_moves as
      select distinct on (c.sha) c.sha, c.bytes, gen_random_uuid() as chunk_key
        from (select encode(sha256(bytes), 'hex') as sha, bytes
                from captures where bytes is not null) c
       where not exists (select 1 from blobs b where b.sha256 = c.sha)
       order by c.sha;
    insert into blob_chunks (chunk_key, seq, bytes)
      select m.chunk_key, s.seq, substring(m.bytes from s.seq * 1048576 + 1 for 1048576)
        from capture_moves m
        cross join lateral generate_series(0, greatest(0, (length(m.bytes) - 1) / 1048576)) as s(seq);
    insert into blobs (sha256, size_bytes, chunk_key)
      select sha, length(bytes), chunk_key from capture_moves;
    drop table capture_moves;

    alter table captures drop column bytes;
  `.execute(db);
}
