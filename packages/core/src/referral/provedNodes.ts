import { bytesEqual } from "../ledger/bytes";
import { nodeHash } from "../ledger/hashing";
import type { BatchProof } from "./batchProof";

// Checking many batch proofs against one signed head, each sharing the work of the ones already
// checked. Every node hash a proof led to the signed root with is proved: under SHA-256's
// collision resistance it is that range's hash in the signed tree. A later proof then only has
// to reach the lowest proved node above each of its leaves (often the leaf itself, given as a
// node by an earlier proof) instead of the root; what it computes is compared there, so a
// changed leaf still fails, and a proof that fails leaves nothing behind. The walk and the
// order of the proof's nodes are those of batchProof.ts.

/** The proved node hashes of one tree (size and root), shared by the proofs checked against it. */
export class ProvedNodes {
  readonly treeSize: number;
  /**
   * Node hashes by range. Every range of an RFC 6962 tree is a perfect aligned subtree
   * (key 2·from + width) or ends at the tree's right edge (key 2·size + 1 + from). The hashes
   * are copied into one growing block (32 bytes each, by slot): a package proves tens of
   * thousands of nodes, and kept as as many small arrays they would weigh on the collector.
   */
  private readonly slots: SlotIndex;
  private block = new Uint8Array(32 * 1024);
  private used = 0;

  /** The signed root the nodes lead to. */
  readonly root: Uint8Array;

  constructor(treeSize: number, root: Uint8Array) {
    this.treeSize = treeSize;
    this.root = root;
    this.slots = slotIndex(3 * treeSize + 2);
    this.commit([this.key(0, treeSize), root]);
  }

  key(from: number, to: number): number {
    const width = to - from;
    return (width & (width - 1)) === 0 && from % width === 0
      ? 2 * from + width
      : 2 * this.treeSize + 1 + from;
  }

  get(key: number): Uint8Array | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.block.subarray(32 * slot, 32 * slot + 32);
  }

  /** Records nodes found while checking a proof that passed (keys and hashes alternate). */
  commit(found: readonly (number | Uint8Array)[]): void {
    for (let i = 0; i < found.length; i += 2) {
      const key = found[i] as number;
      let slot = this.slots.get(key);
      if (slot === undefined) {
        slot = this.used++;
        if (32 * this.used > this.block.length) {
          const grown = new Uint8Array(2 * this.block.length);
          grown.set(this.block);
          this.block = grown;
        }
        this.slots.set(key, slot);
      }
      // 32 bytes copied by hand: cheaper than a call to set() for so few.
      const hash = found[i + 1] as Uint8Array;
      const block = this.block;
      for (let b = 0, at = 32 * slot; b < 32; b++) block[at + b] = hash[b]!;
    }
  }
}

interface SlotIndex {
  get(key: number): number | undefined;
  set(key: number, slot: number): void;
}

/**
 * Where each key's hash is in the block: a flat table (4 bytes a key) for trees up to a few
 * million entries, where a lookup is one read; a map beyond, so memory follows what is proved.
 */
function slotIndex(keys: number): SlotIndex {
  if (keys > 1 << 23) return new Map<number, number>();
  const table = new Int32Array(keys).fill(-1);
  return {
    get: (key) => {
      const slot = table[key];
      return slot === undefined || slot < 0 ? undefined : slot;
    },
    set: (key, slot) => {
      table[key] = slot;
    },
  };
}

export type ProofCheck = "ok" | "mismatch" | "misfit";

/**
 * Checks that the given leaf hashes (one per proved index, in order) are in the tree of
 * `proved`: "mismatch" when a leaf or node leads elsewhere than a proved node, "misfit" when the
 * proof's nodes do not fit its indices. On "ok" the nodes it proved are added to `proved`.
 */
export function checkBatchProof(
  proof: BatchProof,
  leafHashes: readonly Uint8Array[],
  proved: ProvedNodes,
): ProofCheck {
  const { treeSize, indices, nodes } = proof;
  if (treeSize !== proved.treeSize) return "misfit";
  if (indices.length === 0 || leafHashes.length !== indices.length) return "misfit";
  const found: (number | Uint8Array)[] = [];
  let next = 0;
  let short = false;
  let wrong = false;

  const split = (from: number, to: number) => from + (1 << (31 - Math.clz32(to - from - 1)));

  // The hash of [from, to) from the proof's leaves and nodes, or its proved hash once the
  // leaves under it were checked against it.
  const hashOf = (from: number, to: number, lo: number, hi: number): Uint8Array => {
    const key = proved.key(from, to);
    const known = proved.get(key);
    if (lo === hi) {
      const node = nodes[next++];
      if (!node) short = true;
      if (known) return known;
      if (node) found.push(key, node);
      return node ?? EMPTY;
    }
    if (known) {
      if (!check(from, to, lo, hi, known)) wrong = true;
      return known;
    }
    // A leaf is not kept as proved: no other entries file holds it, so keeping it saves nothing.
    if (to - from === 1) return leafHashes[lo]!;
    const at = split(from, to);
    const mid = lowerBound(indices, at, lo, hi);
    const hash = nodeHash(hashOf(from, at, lo, mid), hashOf(at, to, mid, hi));
    found.push(key, hash);
    return hash;
  };

  // Whether the leaves under the proved range [from, to) (at least one) lead to its hash.
  const check = (
    from: number,
    to: number,
    lo: number,
    hi: number,
    expected: Uint8Array,
  ): boolean => {
    if (to - from === 1) return bytesEqual(leafHashes[lo]!, expected);
    const at = split(from, to);
    const mid = lowerBound(indices, at, lo, hi);
    const left = lo === mid ? undefined : proved.get(proved.key(from, at));
    const right = mid === hi ? undefined : proved.get(proved.key(at, to));
    if ((lo === mid || left) && (mid === hi || right)) {
      // Each side is proved already or holds none of these leaves: no hash to take here.
      let ok = true;
      if (lo === mid) next++;
      else ok = check(from, at, lo, mid, left!);
      if (mid === hi) next++;
      else ok = check(at, to, mid, hi, right!) && ok;
      return ok;
    }
    return bytesEqual(nodeHash(hashOf(from, at, lo, mid), hashOf(at, to, mid, hi)), expected);
  };

  const ok = check(0, treeSize, 0, indices.length, proved.get(proved.key(0, treeSize))!);
  if (short || next !== nodes.length) return "misfit";
  if (!ok || wrong) return "mismatch";
  proved.commit(found);
  return "ok";
}

const EMPTY = new Uint8Array(32);

/** The first position in indices[lo, hi) whose index is >= value. */
function lowerBound(indices: readonly number[], value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (indices[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
