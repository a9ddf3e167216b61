import { createFrontier, type Frontier } from "@sweetie/core/ledger/index";
import type { LedgerStateRow } from "../db/tables/ledger";

const HASH = 32;

/** The stored frontier (concatenated hashes) as a core Frontier. */
export function frontierFromRow(state: Pick<LedgerStateRow, "size" | "frontier">): Frontier {
  const bytes = Uint8Array.from(state.frontier);
  const hashes: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += HASH) {
    hashes.push(bytes.slice(offset, offset + HASH));
  }
  return createFrontier(state.size, hashes);
}

export function frontierToBytes(frontier: Frontier): Uint8Array {
  const out = new Uint8Array(frontier.hashes.length * HASH);
  frontier.hashes.forEach((hash, i) => out.set(hash, i * HASH));
  return out;
}

/** pg answers bytea as Buffer and PGlite as Uint8Array; compare and hash them as plain bytes. */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : Uint8Array.from(bytes);
}
