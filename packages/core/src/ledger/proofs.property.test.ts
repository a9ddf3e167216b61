import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex, utf8 } from "./bytes";
import { entryBytes, type LedgerEntry } from "./entries";
import { leafHash } from "./hashing";
import { MerkleTree, createFrontier, frontierAppend, frontierRoot } from "./merkleTree";
import { verifyConsistency, verifyInclusion } from "./proofVerification";
import { generateSigningKey, signTreeHead, verifyHead, type SignedTreeHead } from "./treeHead";

const OPERATION = "6f1c3f0e-5b8a-4a52-9d0e-1c2b3a4d5e6f";

function entryAt(index: number, body: string): LedgerEntry {
  return {
    kind: "message",
    v: 1,
    operation: OPERATION,
    index,
    source: { table: "messages", id: `m-${index}` },
    content: { body, direction: "in", seq: index },
  };
}

const built = new Map<string, ReturnType<typeof buildLogUncached>>();
function buildLog(size: number, seed: number) {
  const id = `${size}/${seed}`;
  let log = built.get(id);
  if (!log) {
    if (built.size > 200) built.clear();
    log = buildLogUncached(size, seed);
    built.set(id, log);
  }
  return log;
}

function buildLogUncached(size: number, seed: number) {
  const entries = Array.from({ length: size }, (_, i) =>
    entryBytes(entryAt(i, `asks for a webcam show ${seed}-${i}`)),
  );
  const leaves = entries.map(leafHash);
  return { entries, leaves, tree: new MerkleTree(leaves) };
}

function flipped(bytes: Uint8Array, position: number, mask: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[position % copy.length]! ^= mask;
  return copy;
}

const key = generateSigningKey();

describe("Merkle proofs (property)", () => {
  it("every inclusion and consistency proof verifies, and the frontier agrees with the tree", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer(), (size, seed) => {
        const { leaves, tree } = buildLog(size, seed);
        const root = tree.root();
        const frontier = createFrontier();
        for (const leaf of leaves) frontierAppend(frontier, leaf);
        expect(frontierRoot(frontier)).toEqual(root);
        for (let i = 0; i < size; i++) {
          expect(verifyInclusion(i, size, leaves[i]!, tree.inclusionProof(i), root)).toBe(true);
        }
        for (let m = 0; m <= size; m++) {
          expect(verifyConsistency(m, size, tree.root(m), root, tree.consistencyProof(m))).toBe(
            true,
          );
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("fails when any single byte of the entry, the proof or the root is flipped", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }).chain((size) =>
          fc.record({
            size: fc.constant(size),
            index: fc.integer({ min: 0, max: size - 1 }),
            seed: fc.integer({ min: 0, max: 3 }),
            target: fc.constantFrom("entry", "proof", "root"),
            position: fc.nat(),
            mask: fc.integer({ min: 1, max: 255 }),
          }),
        ),
        ({ size, index, seed, target, position, mask }) => {
          const { entries, tree } = buildLog(size, seed);
          const proof = tree.inclusionProof(index);
          const root = tree.root();
          const entry = entries[index]!;
          if (target === "entry") {
            expect(
              verifyInclusion(index, size, leafHash(flipped(entry, position, mask)), proof, root),
            ).toBe(false);
          } else if (target === "root") {
            expect(
              verifyInclusion(index, size, leafHash(entry), proof, flipped(root, position, mask)),
            ).toBe(false);
          } else if (proof.length > 0) {
            const at = position % proof.length;
            const bad = proof.map((p, i) =>
              i === at ? flipped(p, Math.floor(position / proof.length), mask) : p,
            );
            expect(verifyInclusion(index, size, leafHash(entry), bad, root)).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it("fails a consistency proof when any single byte of the proof or either root is flipped", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 2000 }).chain((size) =>
          fc.record({
            size: fc.constant(size),
            oldSize: fc.integer({ min: 1, max: size - 1 }),
            target: fc.constantFrom("proof", "old", "new"),
            position: fc.nat(),
            mask: fc.integer({ min: 1, max: 255 }),
          }),
        ),
        ({ size, oldSize, target, position, mask }) => {
          const { tree } = buildLog(size, 7);
          const proof = tree.consistencyProof(oldSize);
          let oldRoot = tree.root(oldSize);
          let newRoot = tree.root();
          let bad = proof;
          if (target === "old") oldRoot = flipped(oldRoot, position, mask);
          else if (target === "new") newRoot = flipped(newRoot, position, mask);
          else {
            const at = position % proof.length;
            bad = proof.map((p, i) =>
              i === at ? flipped(p, Math.floor(position / proof.length), mask) : p,
            );
          }
          expect(verifyConsistency(oldSize, size, oldRoot, newRoot, bad)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it("fails a signed head when any single byte of the head or its signature is flipped", () => {
    const { tree } = buildLog(37, 1);
    const signed = signTreeHead(
      {
        operation: OPERATION,
        size: 37,
        root: Buffer.from(tree.root()).toString("hex"),
        time: "2026-01-02T03:04:05.678Z",
      },
      key,
    );
    expect(verifyHead(signed)).toBe(true);
    const headText = JSON.stringify(signed.head);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        (position, mask, inSignature) => {
          let tampered: SignedTreeHead;
          if (inSignature) {
            const sig = flipped(fromHex(signed.signature), position, mask);
            tampered = { ...signed, signature: Buffer.from(sig).toString("hex") };
          } else {
            const bytes = flipped(utf8(headText), position, mask);
            let head: unknown;
            try {
              head = JSON.parse(new TextDecoder().decode(bytes));
            } catch {
              return; // no longer JSON: a verifier could not even read it
            }
            tampered = { ...signed, head: head as SignedTreeHead["head"] };
          }
          expect(verifyHead(tampered)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
