import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

// RFC 6962 §2.1 domain separation: a leaf can never be mistaken for an interior node, so no
// one can present a node as an entry (second-preimage attacks on the tree).
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export const HASH_SIZE = 32;

/** SHA-256 over the concatenation of the parts. */
export type Sha256 = (...parts: Uint8Array[]) => Uint8Array;

const portableSha256: Sha256 = (...parts) => {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
};

let digest: Sha256 = portableSha256;

/**
 * Lets a host supply a faster SHA-256 (the server passes Node's native one; appends hash every
 * entry and a frontier node). SHA-256 is SHA-256: results are identical, and a test holds the
 * two implementations to that. Browsers and offline verifiers keep the portable one.
 */
export function useSha256(implementation: Sha256): void {
  digest = implementation;
}

export function sha256(data: Uint8Array): Uint8Array {
  return digest(data);
}

/** Leaf hash: SHA-256(0x00 ‖ entry bytes). */
export function leafHash(entryBytes: Uint8Array): Uint8Array {
  return digest(LEAF_PREFIX, entryBytes);
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return digest(NODE_PREFIX, left, right);
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Uint8Array = nobleSha256(new Uint8Array(0));
