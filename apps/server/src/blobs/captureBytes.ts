import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";

/**
 * The one way to read and discard a capture's bytes. Everything that needs them (the content
 * route, the ledger's verifier re-hashing them, a purge) goes through here, so moving the bytes
 * out of the captures row (into a content-addressed blob store) changes this file only.
 * Today the bytes live in captures.bytes; null once purged.
 */
export interface CaptureBytesStore {
  /** The stored bytes of each capture id (null: purged; absent: no such capture). */
  read(db: DbOrTrx, captureIds: readonly string[]): Promise<Map<string, Uint8Array | null>>;
  /** Discards one capture's bytes for a purge; its recorded hash and size stay. */
  discard(db: DbOrTrx, captureId: string): Promise<void>;
}

export const captureBytes: CaptureBytesStore = {
  async read(db, captureIds) {
    const found = new Map<string, Uint8Array | null>();
    if (captureIds.length === 0) return found;
    const { rows } = await sql<{ id: string; bytes: Uint8Array | null }>`
      select id::text, bytes from captures where id = any(${[...captureIds]}::uuid[])
    `.execute(db);
    for (const row of rows) found.set(row.id, row.bytes);
    return found;
  },
  async discard(db, captureId) {
    await db.updateTable("captures").set({ bytes: null }).where("id", "=", captureId).execute();
  },
};
