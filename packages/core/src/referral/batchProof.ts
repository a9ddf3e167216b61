import { fromHex } from "../ledger/bytes";
import { HASH_SIZE, nodeHash } from "../ledger/hashing";
import { splitPoint } from "../ledger/merkleTree";

// A batch inclusion proof: that many leaves are in one tree (RFC 6962 / RFC 9162 §2.1), with
// every interior node the leaves' paths share given once. It lists the hashes of the maximal
// subtrees that hold none of the proved leaves, in the order a depth-first, left-to-right walk
// of the tree meets them; the verifier walks the same tree, hashing the proved leaves and those
// subtrees up to the root, and compares it with the signed head's root. Any changed leaf or
// node changes the root, so one check proves every leaf, and a damaged proof cannot prove a
// leaf at another index (the walk is fixed by the tree size and the indices).
//
// Encoding (binary, big-endian):
//   "SWBP" · version (1 byte, 1) · tree size (8) · root (32) ·
//   leaf count (4) · each leaf index (8), strictly increasing ·
//   node count (4) · each node hash (32)

const MAGIC = [0x53, 0x57, 0x42, 0x50]; // "SWBP"
const VERSION = 1;
const HEADER = 4 + 1 + 8 + 32 + 4;

export interface BatchProof {
  treeSize: number;
  root: Uint8Array;
  /** The proved leaves' indices, strictly increasing. */
  indices: number[];
  /** The hashes of the subtrees without proved leaves, in walk order. */
  nodes: Uint8Array[];
}

/** The hash of leaves [from, to) of the tree; the prover's source of the subtrees it lists. */
export type RangeHash = (from: number, to: number) => Uint8Array;

/** The nodes of a batch proof of `indices` (strictly increasing) in a tree of `treeSize`. */
export function batchProofNodes(
  treeSize: number,
  indices: readonly number[],
  rangeHash: RangeHash,
): Uint8Array[] {
  checkIndices(treeSize, indices);
  const nodes: Uint8Array[] = [];
  const walk = (from: number, to: number, lo: number, hi: number): void => {
    if (lo === hi) {
      nodes.push(rangeHash(from, to));
      return;
    }
    if (to - from === 1) return;
    const split = from + splitPoint(to - from);
    const mid = lowerBound(indices, split, lo, hi);
    walk(from, split, lo, mid);
    walk(split, to, mid, hi);
  };
  if (indices.length > 0) walk(0, treeSize, 0, indices.length);
  return nodes;
}

/**
 * The root that the proof's nodes and the given leaf hashes (one per proved index, in order)
 * lead to, or null when the proof does not fit its indices (too few or too many nodes).
 */
export function batchProofRoot(
  proof: BatchProof,
  leafHashes: readonly Uint8Array[],
): Uint8Array | null {
  const { treeSize, indices, nodes } = proof;
  if (indices.length === 0 || leafHashes.length !== indices.length) return null;
  let next = 0;
  let short = false;
  const walk = (from: number, to: number, lo: number, hi: number): Uint8Array => {
    if (lo === hi) {
      const node = nodes[next++];
      if (!node) short = true;
      return node ?? EMPTY;
    }
    if (to - from === 1) return leafHashes[lo]!;
    const split = from + splitPoint(to - from);
    const mid = lowerBound(indices, split, lo, hi);
    return nodeHash(walk(from, split, lo, mid), walk(split, to, mid, hi));
  };
  const root = walk(0, treeSize, 0, indices.length);
  return short || next !== nodes.length ? null : root;
}

const EMPTY = new Uint8Array(HASH_SIZE);

export function encodeBatchProof(proof: BatchProof): Uint8Array {
  checkIndices(proof.treeSize, proof.indices);
  const out = new Uint8Array(
    HEADER + proof.indices.length * 8 + 4 + proof.nodes.length * HASH_SIZE,
  );
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  view.setBigUint64(5, BigInt(proof.treeSize));
  if (proof.root.length !== HASH_SIZE) throw new Error("a root is 32 bytes");
  out.set(proof.root, 13);
  view.setUint32(45, proof.indices.length);
  let at = HEADER;
  for (const index of proof.indices) {
    view.setBigUint64(at, BigInt(index));
    at += 8;
  }
  view.setUint32(at, proof.nodes.length);
  at += 4;
  for (const node of proof.nodes) {
    if (node.length !== HASH_SIZE) throw new Error("a node is 32 bytes");
    out.set(node, at);
    at += HASH_SIZE;
  }
  return out;
}

/** Reads a batch proof, or null when the bytes are not one (wrong form, length or order). */
export function decodeBatchProof(bytes: Uint8Array): BatchProof | null {
  if (bytes.length < HEADER + 4) return null;
  if (MAGIC.some((b, i) => bytes[i] !== b) || bytes[4] !== VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const treeSize = safe(view.getBigUint64(5));
  const count = view.getUint32(45);
  const nodesAt = HEADER + count * 8;
  if (treeSize === null || nodesAt + 4 > bytes.length) return null;
  const nodeCount = view.getUint32(nodesAt);
  if (nodesAt + 4 + nodeCount * HASH_SIZE !== bytes.length) return null;
  const indices: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const index = safe(view.getBigUint64(HEADER + i * 8));
    if (index === null || index >= treeSize || (i > 0 && index <= indices[i - 1]!)) return null;
    indices[i] = index;
  }
  const nodes: Uint8Array[] = new Array<Uint8Array>(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const at = nodesAt + 4 + i * HASH_SIZE;
    nodes[i] = bytes.subarray(at, at + HASH_SIZE);
  }
  return { treeSize, root: bytes.slice(13, 13 + HASH_SIZE), indices, nodes };
}

/** A batch proof for `indices` against a head (size and hex root), from the log's subtrees. */
export function buildBatchProof(
  treeSize: number,
  rootHex: string,
  indices: readonly number[],
  rangeHash: RangeHash,
): Uint8Array {
  return encodeBatchProof({
    treeSize,
    root: fromHex(rootHex),
    indices: [...indices],
    nodes: batchProofNodes(treeSize, indices, rangeHash),
  });
}

/**
 * The hash of any range of a log's leaf hashes, remembering every perfect subtree it computed:
 * the proofs of a package's conversations share them.
 */
export function subtreeHasher(leaves: readonly Uint8Array[]): RangeHash {
  const perfect = new Map<number, Uint8Array>();
  const range = (from: number, to: number): Uint8Array => {
    const n = to - from;
    if (n === 1) return leaves[from]!;
    // Aligned perfect subtrees (every one of an RFC 6962 tree is): 2·from + n names each one.
    const isPerfect = (n & (n - 1)) === 0 && from % n === 0;
    const key = isPerfect ? 2 * from + n : -1;
    const cached = isPerfect ? perfect.get(key) : undefined;
    if (cached) return cached;
    const split = from + splitPoint(n);
    const hash = nodeHash(range(from, split), range(split, to));
    if (isPerfect) perfect.set(key, hash);
    return hash;
  };
  return (from, to) => {
    if (!(from >= 0 && from < to && to <= leaves.length)) {
      throw new RangeError(`no range [${from}, ${to}) in a log of ${leaves.length} leaves`);
    }
    return range(from, to);
  };
}

function checkIndices(treeSize: number, indices: readonly number[]): void {
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
      throw new RangeError(`no leaf ${index} in a tree of size ${treeSize}`);
    }
    if (i > 0 && index <= indices[i - 1]!) {
      throw new RangeError("a batch proof's indices must be strictly increasing");
    }
  }
}

function safe(value: bigint): number | null {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

/** The first position in indices[lo, hi) whose index is >= value. */
function lowerBound(indices: readonly number[], value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (indices[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
