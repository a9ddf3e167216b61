import { Readable } from "node:stream";
import { concatBytes } from "@sweetie/core/ledger/index";
import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";
import type { BlobStore, StagedBlob } from "./blobStore";
import { databaseBlobStore } from "./databaseBlobStore";

/**
 * Webcam captures' bytes live in the content-addressed blob store, named by the SHA-256 the
 * capture row records (captures.bytes moved there in migration 0023). Everything that needs
 * them (the content route, the ledger's verifier re-hashing them, a package, a purge) goes
 * through here.
 *
 * Migration 0023 could reach only the database, so the bytes of captures taken before it are
 * in the database's blob tables; a data-directory deployment reads those from there (`open`
 * and `rehash` fall back to them). New captures go to the deployment's store.
 */
export interface CaptureBytesStore {
  /** The store new captures go to. */
  readonly blobs: BlobStore;
  /** The stored bytes of each capture id (null: purged or missing; absent: no such capture). */
  read(db: DbOrTrx, captureIds: readonly string[]): Promise<Map<string, Uint8Array | null>>;
  /** One capture's bytes as a stream, or null (purged or missing). */
  open(db: DbOrTrx, captureId: string): Promise<AsyncIterable<Uint8Array> | null>;
  /** The SHA-256 of each capture's stored bytes now (null: purged or missing). */
  rehash(db: DbOrTrx, captureIds: readonly string[]): Promise<Map<string, string | null>>;
  /** Stages a new capture's bytes (commit them before the row refers to them). */
  stage(bytes: Uint8Array, maxBytes: number): Promise<StagedBlob>;
}

/** Marks a capture purged in the caller's transaction; its hash and size stay. */
export async function markCapturePurged(db: DbOrTrx, captureId: string): Promise<string | null> {
  const row = await db
    .updateTable("captures")
    .set({ purged_at: sql<Date>`now()` })
    .where("id", "=", captureId)
    .returning("sha256")
    .executeTakeFirst();
  return row?.sha256 ?? null;
}

/**
 * Removes the files of purged captures that nothing else refers to any more (no capture that
 * is not purged, no finding). Runs after the purge's transaction has committed, so a rolled
 * back purge never loses a file.
 */
export async function removeUnreferencedCaptureFiles(
  db: DbOrTrx,
  store: CaptureBytesStore,
  sha256s: readonly string[],
): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const { rows } = await sql<{ sha256: string }>`
    select s.sha256 from unnest(${[...new Set(sha256s)]}::text[]) as s(sha256)
     where not exists (select 1 from captures c where c.sha256 = s.sha256 and c.purged_at is null)
       and not exists (select 1 from findings f where f.file_sha256 = s.sha256)`.execute(db);
  const unreferenced = rows.map((row) => row.sha256);
  await store.blobs.remove(unreferenced);
  if (store.blobs.kind !== "database") await databaseBlobStore(db).remove(unreferenced);
  return unreferenced;
}

/**
 * The stream's bytes as one plain Uint8Array (not a Buffer): a view of its only chunk (a
 * capture is one database chunk), or one copy of its chunks, not a Buffer copied again.
 */
async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source) parts.push(chunk);
  if (parts.length !== 1) return concatBytes(...parts);
  const only = parts[0]!;
  return new Uint8Array(only.buffer, only.byteOffset, only.byteLength);
}

/** The capture bytes store over a deployment's blob store. */
export function captureBytesIn(blobs: BlobStore): CaptureBytesStore {
  const rowsOf = async (db: DbOrTrx, ids: readonly string[]) =>
    ids.length === 0
      ? []
      : db
          .selectFrom("captures")
          .select(["id", "sha256", "purged_at"])
          .where("id", "in", [...ids])
          .execute();
  const openSha = async (db: DbOrTrx, sha256: string) =>
    (await blobs.open(sha256)) ??
    (blobs.kind === "database" ? null : await databaseBlobStore(db).open(sha256));

  return {
    blobs,
    async read(db, captureIds) {
      const found = new Map<string, Uint8Array | null>();
      for (const row of await rowsOf(db, captureIds)) {
        const stream = row.purged_at ? null : await openSha(db, row.sha256);
        found.set(row.id, stream ? await readAll(stream) : null);
      }
      return found;
    },
    async open(db, captureId) {
      const [row] = await rowsOf(db, [captureId]);
      return row && !row.purged_at ? openSha(db, row.sha256) : null;
    },
    async rehash(db, captureIds) {
      const rows = await rowsOf(db, captureIds);
      const live = rows.filter((row) => !row.purged_at).map((row) => row.sha256);
      const hashes = live.length ? await blobs.rehash(live) : new Map<string, string | null>();
      const missing = [...hashes].filter(([, digest]) => digest === null).map(([sha]) => sha);
      if (missing.length && blobs.kind !== "database") {
        for (const [sha, digest] of await databaseBlobStore(db).rehash(missing))
          hashes.set(sha, digest);
      }
      return new Map(
        rows.map((row) => [row.id, row.purged_at ? null : (hashes.get(row.sha256) ?? null)]),
      );
    },
    stage(bytes, maxBytes) {
      return blobs.stage(Readable.from([Buffer.from(bytes)]), maxBytes);
    },
  };
}
