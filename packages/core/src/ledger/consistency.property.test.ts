import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "./bytes";
import {
  buildCheckpoint,
  extendFrontier,
  frontierExtendsTo,
  parseCheckpoint,
  proveHeadConsistency,
  verifyHeadExtension,
  verifySignedHeadExtension,
} from "./consistency";
import { leafHash } from "./hashing";
import { createFrontier, frontierAppend, merkleRoot, MerkleTree } from "./merkleTree";
import { generateSigningKey, signTreeHead, type TreeHead } from "./treeHead";

const OPERATION = "6f1c3f0e-5b8a-4a52-9d0e-1c2b3a4d5e6f";
const key = generateSigningKey();

const leavesOf = (size: number, seed: number) =>
  Array.from({ length: size }, (_, i) => leafHash(utf8(`entry ${seed}-${i}`)));

const headOf = (leaves: Uint8Array[], size: number): TreeHead => ({
  operation: OPERATION,
  size,
  root: toHex(new MerkleTree(leaves).root(size)),
  time: "2026-12-01T00:00:00.000Z",
});

const sizes = fc
  .integer({ min: 1, max: 600 })
  .chain((size) => fc.record({ size: fc.constant(size), old: fc.integer({ min: 0, max: size }) }));

describe("head consistency (property)", () => {
  it("a log that only grew extends every head it had", () => {
    fc.assert(
      fc.property(sizes, fc.integer(), ({ size, old }, seed) => {
        const leaves = leavesOf(size, seed);
        const older = headOf(leaves, old);
        const newer = headOf(leaves, size);
        const proof = proveHeadConsistency(leaves, older, newer);
        expect(verifyHeadExtension(older, newer, proof)).toEqual({ ok: true });
        const signedOld = signTreeHead(older, key);
        const signedNew = signTreeHead(newer, key);
        const trusted = [toHex(key.publicKey)];
        expect(verifySignedHeadExtension(signedOld, signedNew, proof, trusted)).toEqual({
          ok: true,
        });
      }),
      { numRuns: 150 },
    );
  });

  it("a log rewritten below the older head's size never extends it, whatever proof is given", () => {
    fc.assert(
      fc.property(
        sizes.filter(({ old }) => old >= 1),
        fc.integer(),
        fc.nat(),
        ({ size, old }, seed, at) => {
          const leaves = leavesOf(size, seed);
          const older = headOf(leaves, old);
          const rewritten = [...leaves];
          rewritten[at % old] = leafHash(utf8(`forged ${at}`));
          const newer = headOf(rewritten, size);
          // The honest proof over the rewritten log, and the proof of the original log.
          for (const proof of [
            proveHeadConsistency(rewritten, older, newer),
            proveHeadConsistency(leaves, older, headOf(leaves, size)),
          ]) {
            expect(verifyHeadExtension(older, newer, proof).ok).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses a shorter log, another operation and malformed input without throwing", () => {
    const leaves = leavesOf(10, 1);
    const older = headOf(leaves, 8);
    expect(verifyHeadExtension(older, headOf(leaves, 5), []).ok).toBe(false);
    expect(verifyHeadExtension(older, { ...headOf(leaves, 10), operation: "another" }, []).ok).toBe(
      false,
    );
    expect(verifyHeadExtension(older, headOf(leaves, 10), ["zz"]).ok).toBe(false);
    expect(verifyHeadExtension({ ...older, root: "nothex" }, headOf(leaves, 10), []).ok).toBe(
      false,
    );
  });

  it("refuses heads signed by an untrusted key", () => {
    const leaves = leavesOf(12, 2);
    const older = signTreeHead(headOf(leaves, 4), generateSigningKey());
    const newer = signTreeHead(headOf(leaves, 12), key);
    const proof = proveHeadConsistency(leaves, older.head, newer.head);
    expect(verifySignedHeadExtension(older, newer, proof, [toHex(key.publicKey)]).ok).toBe(false);
  });

  it("a trusted frontier extended by the new leaves reaches the new root exactly when the log grew", () => {
    fc.assert(
      fc.property(sizes, fc.integer(), fc.boolean(), ({ size, old }, seed, forge) => {
        const leaves = leavesOf(size, seed);
        const frontier = createFrontier();
        for (const leaf of leaves.slice(0, old)) frontierAppend(frontier, leaf);
        const extended = extendFrontier(frontier, leaves.slice(old));
        expect(extended.size).toBe(size);
        expect(frontier.size).toBe(old); // the trusted frontier is not changed
        const stored = [...leaves];
        if (forge && old > 0) stored[seed % old >= 0 ? seed % old : 0] = leafHash(utf8("forged"));
        const storedRoot = merkleRoot(stored);
        expect(frontierExtendsTo(frontier, stored.slice(old), storedRoot)).toBe(
          !(forge && old > 0),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe("checkpoint files", () => {
  it("round-trips and names what is wrong with a bad file", () => {
    const leaves = leavesOf(3, 3);
    const checkpoint = buildCheckpoint(
      [signTreeHead(headOf(leaves, 3), key)],
      new Date("2026-12-01T10:00:00Z"),
    );
    const parsed = parseCheckpoint(JSON.stringify(checkpoint));
    expect(parsed).toEqual({ ok: true, checkpoint });
    expect(parseCheckpoint("{").ok).toBe(false);
    const bad = parseCheckpoint(JSON.stringify({ ...checkpoint, heads: [{ head: {} }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/not a Sweetie ledger checkpoint \(heads\.0/);
  });
});
