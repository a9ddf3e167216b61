import { EMPTY_ROOT, nodeHash } from "./hashing";

// The RFC 6962 Merkle tree over leaf hashes, for any size: MTH(D[n]) splits at k, the largest
// power of two smaller than n. Functions take leaf hashes (already SHA-256(0x00 ‖ entry)).

/** Largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaves[from, to). */
export function subtreeRoot(
  leaves: readonly Uint8Array[],
  from = 0,
  to = leaves.length,
): Uint8Array {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[from]!;
  // Iterative over a compact range: exactly the same tree as the recursive definition, without
  // deep recursion or re-slicing for large logs.
  const frontier = createFrontier();
  for (let i = from; i < to; i++) frontierAppend(frontier, leaves[i]!);
  return frontierRoot(frontier);
}

export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  return subtreeRoot(leaves, 0, leaves.length);
}

/**
 * A tree over a list of leaf hashes that remembers the hash of every perfect subtree it has
 * computed, so many proofs over one log cost O(log n) each after the first.
 */
export class MerkleTree {
  private readonly perfect = new Map<number, Uint8Array>();

  constructor(private readonly leaves: readonly Uint8Array[]) {}

  get size(): number {
    return this.leaves.length;
  }

  /** Root of the tree over the first `size` leaves. */
  root(size = this.leaves.length): Uint8Array {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.range(0, size);
  }

  /** RFC 6962 §2.1.1 PATH(m, D[n]): sibling hashes from the leaf up to the root. */
  inclusionProof(index: number, size = this.leaves.length): Uint8Array[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`no leaf ${index} in a tree of size ${size}`);
    }
    const path: Uint8Array[] = [];
    let from = 0;
    let to = size;
    // Walk down from the root, remembering the sibling subtree at each split; the proof lists
    // them bottom-up.
    while (to - from > 1) {
      const k = splitPoint(to - from);
      if (index < from + k) {
        path.push(this.range(from + k, to));
        to = from + k;
      } else {
        path.push(this.range(from, from + k));
        from += k;
      }
    }
    return path.reverse();
  }

  /** RFC 6962 §2.1.2 PROOF(m, D[n]): the tree of size m is a prefix of the tree of size n. */
  consistencyProof(oldSize: number, newSize = this.leaves.length): Uint8Array[] {
    this.checkSize(newSize);
    if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new RangeError(`no consistency proof from size ${oldSize} to ${newSize}`);
    }
    if (oldSize === 0 || oldSize === newSize) return [];
    const proof: Uint8Array[] = [];
    let from = 0;
    let to = newSize;
    let m = oldSize;
    let whole = true; // SUBPROOF's b: the old tree is still a complete subtree of this range
    for (;;) {
      const n = to - from;
      if (m === n) {
        if (!whole) proof.push(this.range(from, to));
        break;
      }
      const k = splitPoint(n);
      if (m <= k) {
        proof.push(this.range(from + k, to));
        to = from + k;
      } else {
        proof.push(this.range(from, from + k));
        from += k;
        m -= k;
        whole = false;
      }
    }
    return proof.reverse();
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.leaves.length) {
      throw new RangeError(`the log has ${this.leaves.length} entries, not ${size}`);
    }
  }

  // MTH(D[from:to]); the left part of every split is a perfect subtree, cached by position.
  private range(from: number, to: number): Uint8Array {
    const n = to - from;
    if (n === 1) return this.leaves[from]!;
    const perfect = (n & (n - 1)) === 0;
    // Perfect subtrees here are aligned (from is a multiple of n): n·(2j+1) names each one.
    const key = perfect ? 2 * from + n : -1;
    if (perfect) {
      const cached = this.perfect.get(key);
      if (cached) return cached;
    }
    const k = splitPoint(n);
    const hash = nodeHash(this.range(from, from + k), this.range(from + k, to));
    if (perfect) this.perfect.set(key, hash);
    return hash;
  }
}

/** PATH(m, D[n]) over the first `size` leaves. */
export function inclusionProof(
  leaves: readonly Uint8Array[],
  index: number,
  size = leaves.length,
): Uint8Array[] {
  return new MerkleTree(leaves).inclusionProof(index, size);
}

/** PROOF(m, D[n]) over the first `newSize` leaves. */
export function consistencyProof(
  leaves: readonly Uint8Array[],
  oldSize: number,
  newSize = leaves.length,
): Uint8Array[] {
  return new MerkleTree(leaves).consistencyProof(oldSize, newSize);
}

/**
 * A compact range over the leaves [0, size): the roots of the perfect subtrees that the binary
 * form of size describes, largest first. It is what the ledger keeps per operation, so the root
 * after each append costs O(log n) hashes, not a rebuild.
 */
export interface Frontier {
  size: number;
  hashes: Uint8Array[];
}

export function createFrontier(size = 0, hashes: Uint8Array[] = []): Frontier {
  if (hashes.length !== popcount(size)) {
    throw new Error(
      `a frontier for size ${size} holds ${popcount(size)} hashes, not ${hashes.length}`,
    );
  }
  return { size, hashes: [...hashes] };
}

export function frontierAppend(frontier: Frontier, leaf: Uint8Array): void {
  let hash = leaf;
  // Each trailing one bit of the old size is a perfect subtree that the new leaf completes.
  for (let size = frontier.size; size & 1; size = Math.floor(size / 2)) {
    hash = nodeHash(frontier.hashes.pop()!, hash);
  }
  frontier.hashes.push(hash);
  frontier.size += 1;
}

export function frontierRoot(frontier: Frontier): Uint8Array {
  const { hashes } = frontier;
  if (hashes.length === 0) return EMPTY_ROOT;
  let root = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
  return root;
}

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) count += v & 1;
  return count;
}
