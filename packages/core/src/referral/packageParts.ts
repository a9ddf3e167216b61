import { toHex, utf8 } from "../ledger/bytes";
import { entryBytes, type LedgerEntry } from "../ledger/entries";
import { sha256 } from "../ledger/hashing";
import type { MerkleTree } from "../ledger/merkleTree";
import type { SignedTreeHead } from "../ledger/treeHead";
import type { ConsistencyFile, FileRole, ManifestFile, ProofsFile } from "./manifest";

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

/** The inclusion proof of each index against the head (the tree must hold the head's leaves). */
export function proofsFile(
  tree: MerkleTree,
  head: SignedTreeHead,
  indices: readonly number[],
): ProofsFile {
  return {
    format: "sweetie.inclusion-proofs",
    treeSize: head.head.size,
    root: head.head.root,
    proofs: indices.map((index) => ({
      index,
      hashes: tree.inclusionProof(index, head.head.size).map(toHex),
    })),
  };
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
