import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesEqual, toHex } from "../ledger/bytes";
import { sha256 } from "../ledger/hashing";
import { MerkleTree } from "../ledger/merkleTree";
import {
  batchProofNodes,
  batchProofRoot,
  buildBatchProof,
  decodeBatchProof,
  encodeBatchProof,
  subtreeHasher,
} from "./batchProof";

const logOf = (size: number, seed = 0) =>
  Array.from({ length: size }, (_, i) => sha256(Uint8Array.of(seed, i & 0xff, i >> 8)));

/** A log size and a strictly increasing, non-empty set of its indices. */
const logAndIndices = fc.integer({ min: 1, max: 300 }).chain((size) =>
  fc.tuple(
    fc.constant(size),
    fc
      .uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: size })
      .map((a) => a.sort((x, y) => x - y)),
  ),
);

describe("batch inclusion proofs", () => {
  it("lead from the proved leaves to the tree's root, for any size and any set of leaves", () => {
    fc.assert(
      fc.property(logAndIndices, ([size, indices]) => {
        const leaves = logOf(size);
        const root = new MerkleTree(leaves).root();
        const proof = decodeBatchProof(
          buildBatchProof(size, toHex(root), indices, subtreeHasher(leaves)),
        )!;
        expect(proof.indices).toEqual(indices);
        const computed = batchProofRoot(
          proof,
          indices.map((i) => leaves[i]!),
        );
        expect(computed && bytesEqual(computed, root)).toBe(true);
        // Shared nodes are given once: never more nodes than one path per leaf would need.
        expect(proof.nodes.length).toBeLessThanOrEqual(
          indices.length * Math.ceil(Math.log2(size + 1)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("fail when any leaf or any node changes, or the leaves are claimed at other indices", () => {
    fc.assert(
      fc.property(logAndIndices, fc.nat(), ([size, indices], pick) => {
        const leaves = logOf(size);
        const root = new MerkleTree(leaves).root();
        const nodes = batchProofNodes(size, indices, subtreeHasher(leaves));
        const proved = indices.map((i) => leaves[i]!);
        const rootOf = (p: Parameters<typeof batchProofRoot>[0], l: Uint8Array[]) => {
          const r = batchProofRoot(p, l);
          return r !== null && bytesEqual(r, root);
        };
        const base = { treeSize: size, root, indices, nodes };
        expect(rootOf(base, proved)).toBe(true);
        const leafAt = pick % proved.length;
        const changedLeaves = proved.map((l, i) => (i === leafAt ? logOf(1, 9)[0]! : l));
        expect(rootOf(base, changedLeaves)).toBe(false);
        if (nodes.length > 0) {
          const nodeAt = pick % nodes.length;
          const changed = nodes.map((n, i) => {
            if (i !== nodeAt) return n;
            const copy = Uint8Array.from(n);
            copy[pick % 32] = copy[pick % 32]! ^ 0x01;
            return copy;
          });
          expect(rootOf({ ...base, nodes: changed }, proved)).toBe(false);
          expect(rootOf({ ...base, nodes: nodes.slice(1) }, proved)).toBe(false);
        }
        expect(rootOf({ ...base, nodes: [...nodes, root] }, proved)).toBe(false);
        // The same leaves claimed one position later (where that is still inside the tree).
        if (indices.at(-1)! + 1 < size) {
          expect(rootOf({ ...base, indices: indices.map((i) => i + 1) }, proved)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("decodes only what it encoded: wrong magic, order, index or length is refused", () => {
    const leaves = logOf(37);
    const root = new MerkleTree(leaves).root();
    const bytes = encodeBatchProof({
      treeSize: 37,
      root,
      indices: [1, 2, 20],
      nodes: batchProofNodes(37, [1, 2, 20], subtreeHasher(leaves)),
    });
    expect(decodeBatchProof(bytes)).not.toBeNull();
    const changed = (at: number, value: number) => {
      const copy = Uint8Array.from(bytes);
      copy[at] = value;
      return decodeBatchProof(copy);
    };
    expect(changed(0, 0x00)).toBeNull(); // magic
    expect(changed(4, 2)).toBeNull(); // version
    expect(changed(49 + 15, 1)).toBeNull(); // second index 2 → 1: not increasing
    expect(changed(49 + 23, 40)).toBeNull(); // third index 20 → 40: outside the tree
    expect(decodeBatchProof(bytes.subarray(0, bytes.length - 1))).toBeNull();
    expect(decodeBatchProof(new Uint8Array([...bytes, 0]))).toBeNull();
    expect(() => batchProofNodes(37, [3, 3], subtreeHasher(leaves))).toThrow(/increasing/);
  });
});
