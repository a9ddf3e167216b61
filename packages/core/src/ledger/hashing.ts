import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { concatBytes } from "./bytes";

// RFC 6962 §2.1 domain separation: a leaf can never be mistaken for an interior node, so no
// one can present a node as an entry (second-preimage attacks on the tree).
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export const HASH_SIZE = 32;

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** Leaf hash: SHA-256(0x00 ‖ entry bytes). */
export function leafHash(entryBytes: Uint8Array): Uint8Array {
  return nobleSha256(concatBytes(LEAF_PREFIX, entryBytes));
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return nobleSha256(concatBytes(NODE_PREFIX, left, right));
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Uint8Array = nobleSha256(new Uint8Array(0));
