import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "./bytes";
import { sha256 } from "./hashing";
import { InclusionBatch } from "./inclusionBatch";
import { MerkleTree } from "./merkleTree";

const leaves = (n: number) => Array.from({ length: n }, (_, i) => sha256(Uint8Array.of(i, i >> 8)));

describe("InclusionBatch", () => {
  it("accepts every true proof and refuses any changed sibling, leaf or index", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (size, picks, tamper) => {
          const all = leaves(size);
          const tree = new MerkleTree(all);
          const batch = new InclusionBatch(size, toHex(tree.root()));
          const indices = picks.map((p) => p % size);
          for (const index of indices) {
            const proof = tree.inclusionProof(index).map(toHex);
            if (!batch.verify(index, all[index]!, proof)) return false;
          }
          // After the batch has learned the tree, a wrong proof still fails.
          const index = indices[tamper % indices.length]!;
          const proof = tree.inclusionProof(index).map(toHex);
          if (proof.length > 0) {
            const changed = [...proof];
            const at = tamper % changed.length;
            changed[at] = toHex(sha256(Uint8Array.of(1, 2, 3)));
            if (batch.verify(index, all[index]!, changed)) return false;
          }
          if (batch.verify(index, sha256(Uint8Array.of(9, 9, 9)), proof)) return false;
          if (size > 1 && batch.verify((index + 1) % size, all[index]!, proof)) return false;
          return true;
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);

  it("refuses an index outside the tree and a proof of the wrong length", () => {
    const all = leaves(5);
    const tree = new MerkleTree(all);
    const batch = new InclusionBatch(5, toHex(tree.root()));
    const proof = tree.inclusionProof(4).map(toHex);
    expect(batch.verify(4, all[4]!, proof)).toBe(true);
    expect(batch.verify(5, all[4]!, proof)).toBe(false);
    expect(batch.verify(4, all[4]!, [...proof, proof[0]!])).toBe(false);
    expect(batch.verify(3, all[3]!, tree.inclusionProof(3).map(toHex).slice(1))).toBe(false);
  });
});
