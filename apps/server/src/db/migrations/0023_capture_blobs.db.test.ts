import { createHash } from "node:crypto";
import { Migrator, sql, type Migration } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureBytesIn } from "../../blobs/captureBytes";
import { databaseBlobStore } from "../../blobs/databaseBlobStore";
import { filesystemBlobStore } from "../../blobs/filesystemBlobStore";
import { buildUser } from "../../test/accounts";
import { buildConversation, buildOperation } from "../../test/factories";
import { openStore, type Store } from "../database";
import { migrations } from "./index";
import * as captureBlobs from "./0023_capture_blobs";

// Migration 0023 moves every capture's bytes out of captures.bytes into the database's blob
// tables, named by their SHA-256, and keeps which were purged.

let store: Store;
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  store = await openStore({ kind: "pglite", dataDir: undefined });
  const before = Object.fromEntries(
    Object.entries(migrations).filter(([name]) => name < "0023"),
  ) as Record<string, Migration>;
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => before },
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
});
afterAll(async () => store.close());

describe("migration 0023: captures into the blob store", () => {
  it("moves each file once (a 2.5 MiB one in 1 MiB chunks), keeps the purged ones purged", async () => {
    const user = await buildUser(store.db);
    const operation = await buildOperation(store.db);
    const conversation = await buildConversation(store.db, { operation_id: operation.id });
    const small = Uint8Array.from(Buffer.from("small capture bytes"));
    const large = Uint8Array.from({ length: 2.5 * 1024 * 1024 }, (_, i) => (i * 31) % 251);
    const insert = async (bytes: Uint8Array | null, recorded: Uint8Array) =>
      (
        await sql<{ id: string }>`
          insert into captures (operation_id, conversation_id, media_type, file_name, size_bytes,
                                sha256, bytes, captured_by)
          values (${operation.id}, ${conversation.id}, 'image/png', 'cam.png', ${recorded.length},
                  ${sha(recorded)}, ${bytes}, ${user.id})
          returning id::text`.execute(store.db)
      ).rows[0]!.id;
    const ids = {
      small: await insert(small, small),
      sameAgain: await insert(small, small),
      large: await insert(large, large),
      purged: await insert(null, small),
    };

    await captureBlobs.up(store.db as never);

    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'captures'`.execute(
      store.db,
    );
    expect(columns.rows.map((c) => c.column_name)).not.toContain("bytes");
    const blobs = await store.db.selectFrom("blobs").select(["sha256", "size_bytes"]).execute();
    expect(blobs).toHaveLength(2);
    const chunks = await store.db
      .selectFrom("blob_chunks")
      .innerJoin("blobs", "blobs.chunk_key", "blob_chunks.chunk_key")
      .select("blob_chunks.seq")
      .where("blobs.sha256", "=", sha(large))
      .execute();
    expect(chunks).toHaveLength(3);

    // Read back through the capture bytes store, also from a data-directory deployment (it
    // falls back to the database's blob tables for captures taken before the move).
    const direct = captureBytesIn(databaseBlobStore(store.db));
    const onDisk = captureBytesIn(filesystemBlobStore("/nonexistent/sweetie-blobs"));
    for (const captures of [direct, onDisk]) {
      const read = await captures.read(store.db, Object.values(ids));
      expect(Buffer.from(read.get(ids.small)!).equals(Buffer.from(small))).toBe(true);
      expect(Buffer.from(read.get(ids.sameAgain)!).equals(Buffer.from(small))).toBe(true);
      expect(Buffer.from(read.get(ids.large)!).equals(Buffer.from(large))).toBe(true);
      expect(read.get(ids.purged)).toBeNull();
      const hashes = await captures.rehash(store.db, Object.values(ids));
      expect(hashes.get(ids.large)).toBe(sha(large));
      expect(hashes.get(ids.purged)).toBeNull();
    }
    const purged = await store.db
      .selectFrom("captures")
      .select(["id", "purged_at"])
      .where("purged_at", "is not", null)
      .execute();
    expect(purged.map((p) => p.id)).toEqual([ids.purged]);
  }, 120_000);
});
