import { createHash, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";
import { BlobTooLarge, type BlobStore } from "./blobStore";
import { HeadCollector, MarkupScanner } from "./markupScanner";

const CHUNK = 1024 * 1024;

/**
 * Files in PostgreSQL, for deployments whose nodes share no disk: 1 MiB chunks under a fresh
 * key while the file streams in, then a `blobs` row names the key by the file's SHA-256.
 */
export function databaseBlobStore(db: DbOrTrx): BlobStore {
  async function* chunksOf(chunkKey: string): AsyncIterable<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const row = await db
        .selectFrom("blob_chunks")
        .select("bytes")
        .where("chunk_key", "=", chunkKey)
        .where("seq", "=", seq)
        .executeTakeFirst();
      if (!row) return;
      yield row.bytes;
    }
  }
  const keyOf = async (sha256: string) =>
    (
      await db
        .selectFrom("blobs")
        .select("chunk_key")
        .where("sha256", "=", sha256)
        .executeTakeFirst()
    )?.chunk_key ?? null;

  return {
    kind: "database",
    async stage(source, maxBytes) {
      const chunkKey = randomUUID();
      const hash = createHash("sha256");
      const head = new HeadCollector(8192);
      const scanner = new MarkupScanner();
      let sizeBytes = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingLength = 0;
      const flush = async () => {
        if (pendingLength === 0) return;
        await db
          .insertInto("blob_chunks")
          .values({ chunk_key: chunkKey, seq: seq++, bytes: Buffer.concat(pending) })
          .execute();
        pending = [];
        pendingLength = 0;
      };
      const discard = async () => {
        await db.deleteFrom("blob_chunks").where("chunk_key", "=", chunkKey).execute();
      };
      try {
        for await (const chunk of source) {
          sizeBytes += chunk.length;
          if (sizeBytes > maxBytes) throw new BlobTooLarge(maxBytes);
          hash.update(chunk);
          head.push(chunk);
          scanner.push(chunk);
          pending.push(Buffer.from(chunk));
          pendingLength += chunk.length;
          if (pendingLength >= CHUNK) await flush();
        }
        await flush();
      } catch (error) {
        await discard();
        throw error;
      }
      const sha256 = hash.digest("hex");
      return {
        sha256,
        sizeBytes,
        head: head.head,
        markup: scanner.found,
        async commit() {
          const { numInsertedOrUpdatedRows } = await db
            .insertInto("blobs")
            .values({ sha256, size_bytes: sizeBytes, chunk_key: chunkKey })
            .onConflict((oc) => oc.column("sha256").doNothing())
            .executeTakeFirst();
          // Already stored under this hash: the staged copy is not needed.
          if (!numInsertedOrUpdatedRows) await discard();
        },
        discard,
      };
    },
    async open(sha256) {
      const key = await keyOf(sha256);
      return key ? chunksOf(key) : null;
    },
    async rehash(sha256s) {
      const found = new Map<string, string | null>();
      for (const sha256 of new Set(sha256s)) {
        const key = await keyOf(sha256);
        if (!key) {
          found.set(sha256, null);
          continue;
        }
        const { rows } = await sql<{ digest: string | null }>`
          select encode(sha256(string_agg(bytes, ''::bytea order by seq)), 'hex') as digest
            from blob_chunks where chunk_key = ${key}`.execute(db);
        found.set(sha256, rows[0]?.digest ?? null);
      }
      return found;
    },
    async remove(sha256s) {
      for (const sha256 of new Set(sha256s)) {
        const key = await keyOf(sha256);
        if (!key) continue;
        await db.deleteFrom("blobs").where("sha256", "=", sha256).execute();
        await db.deleteFrom("blob_chunks").where("chunk_key", "=", key).execute();
      }
    },
  };
}
