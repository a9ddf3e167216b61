import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "../ledger/bytes";
import { sha256 } from "../ledger/hashing";
import { MerkleTree } from "../ledger/merkleTree";
import { buildBatchProof, decodeBatchProof, subtreeHasher } from "./batchProof";
import { checkBatchProof, ProvedNodes } from "./provedNodes";

const logOf = (size: number) =>
  Array.from({ length: size }, (_, i) => sha256(Uint8Array.of(7, i & 0xff, i >> 8)));

/** A log and several proofs of random leaf sets against it, as a package's conversations. */
const logAndSets = fc.integer({ min: 1, max: 200 }).chain((size) =>
  fc.tuple(
    fc.constant(size),
    fc.array(
      fc
        .uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 40 })
        .map((a) => a.sort((x, y) => x - y)),
      { minLength: 1, maxLength: 8 },
    ),
    fc.nat(),
  ),
);

describe("proofs checked with the nodes earlier proofs proved", () => {
  it("accept every honest proof and refuse any changed leaf, before or after others", () => {
    fc.assert(
      fc.property(logAndSets, ([size, sets, pick]) => {
        const leaves = logOf(size);
        const root = new MerkleTree(leaves).root();
        const proofs = sets.map((indices) =>
          decodeBatchProof(buildBatchProof(size, toHex(root), indices, subtreeHasher(leaves)))!,
        );
        const proved = new ProvedNodes(size, root);
        const bad = pick % sets.length;
        for (const [k, proof] of proofs.entries()) {
          const given = proof.indices.map((i) => leaves[i]!);
          if (k === bad) {
            // One changed leaf: refused, and nothing of it is kept for the proofs after it.
            const changed = [...given];
            const at = pick % changed.length;
            changed[at] = sha256(Uint8Array.of(1, ...changed[at]!));
            expect(checkBatchProof(proof, changed, proved)).toBe("mismatch");
          }
          expect(checkBatchProof(proof, given, proved)).toBe("ok");
        }
        // Any leaf claimed at another proved index is still refused with everything proved.
        const last = proofs.at(-1)!;
        if (last.indices.length > 1) {
          const swapped = last.indices.map((i) => leaves[i]!).reverse();
          expect(checkBatchProof(last, swapped, proved)).toBe("mismatch");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuse a proof with a node missing or left over", () => {
    const leaves = logOf(37);
    const root = new MerkleTree(leaves).root();
    const proof = decodeBatchProof(
      buildBatchProof(37, toHex(root), [3, 20], subtreeHasher(leaves)),
    )!;
    const given = [leaves[3]!, leaves[20]!];
    const proved = new ProvedNodes(37, root);
    expect(checkBatchProof({ ...proof, nodes: proof.nodes.slice(1) }, given, proved)).toBe(
      "misfit",
    );
    expect(checkBatchProof({ ...proof, nodes: [...proof.nodes, root] }, given, proved)).toBe(
      "misfit",
    );
    expect(checkBatchProof(proof, given, proved)).toBe("ok");
  });
});
