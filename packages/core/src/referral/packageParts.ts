import { toHex, utf8 } from "../ledger/bytes";
import { entryBytes, type LedgerEntry } from "../ledger/entries";
import { sha256 } from "../ledger/hashing";
import type { MerkleTree } from "../ledger/merkleTree";
import type { SignedTreeHead } from "../ledger/treeHead";
import { buildBatchProof, type RangeHash } from "./batchProof";
import type { ConsistencyFile, FileRole, ManifestFile } from "./manifest";

// The pure parts of building a package, shared by the server's assembler and the tests.

/** One RFC 8785 entry per line: exactly the bytes each leaf hash was taken over. */
export function entriesFileBytes(entries: readonly LedgerEntry[]): Uint8Array {
  const lines = entries.map((entry) => entryBytes(entry));
  let length = 0;
  for (const line of lines) length += line.length + 1;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const line of lines) {
    out.set(line, offset);
    offset += line.length;
    out[offset++] = 0x0a;
  }
  return out;
}

/** The batch inclusion proof of `indices` (log order) against the head. */
export function batchProofFile(
  rangeHash: RangeHash,
  head: SignedTreeHead,
  indices: readonly number[],
): Uint8Array {
  return buildBatchProof(head.head.size, head.head.root, indices, rangeHash);
}

/** Consistency proofs from each earlier head of the log to `head`. */
export function consistencyFile(
  tree: MerkleTree,
  earlier: readonly SignedTreeHead[],
  head: SignedTreeHead,
): ConsistencyFile {
  return {
    format: "sweetie.consistency-proofs",
    to: { size: head.head.size, root: head.head.root },
    from: earlier
      .filter((h) => h.head.size <= head.head.size)
      .map((h) => ({
        size: h.head.size,
        root: h.head.root,
        hashes: tree.consistencyProof(h.head.size, head.head.size).map(toHex),
      })),
  };
}

export function jsonBytes(value: unknown): Uint8Array {
  return utf8(`${JSON.stringify(value)}\n`);
}

/** The manifest line of a file whose bytes are at hand. */
export function listFile(
  path: string,
  role: FileRole,
  bytes: Uint8Array,
  extra: Pick<ManifestFile, "proofs" | "leafIndices"> = {},
): ManifestFile {
  return { path, sha256: toHex(sha256(bytes)), size: bytes.length, role, ...extra };
}
