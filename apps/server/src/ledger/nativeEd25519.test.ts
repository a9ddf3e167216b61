import { ed25519 } from "@noble/curves/ed25519.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nativeEd25519Verify } from "./nativeEd25519";

const portable = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => {
  try {
    return ed25519.verify(s, m, k, { zip215: false });
  } catch {
    return false;
  }
};
const native = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => {
  try {
    return nativeEd25519Verify(s, m, k);
  } catch {
    return false;
  }
};

// The group order L, little-endian: a signature whose S has L added is the same signature
// to a lenient checker, and must be refused by a strict one.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

describe("native Ed25519 check", () => {
  it("gives the portable check's answer on signatures, changed messages and changed bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 2000 }),
        fc.nat(63),
        fc.nat(31),
        (seed, message, sigByte, keyByte) => {
          const key = ed25519.getPublicKey(seed);
          const signature = ed25519.sign(message, seed);
          expect(native(signature, message, key)).toBe(true);
          const changed = Uint8Array.from([...message, 1]);
          expect(native(signature, changed, key)).toBe(portable(signature, changed, key));
          const badSig = signature.slice();
          badSig[sigByte]! ^= 0x01;
          expect(native(badSig, message, key)).toBe(portable(badSig, message, key));
          const badKey = key.slice();
          badKey[keyByte]! ^= 0x01;
          expect(native(signature, message, badKey)).toBe(portable(signature, message, badKey));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a signature whose S is not reduced, as the portable strict check does", () => {
    const seed = new Uint8Array(32).fill(7);
    const message = new TextEncoder().encode("manifest");
    const signature = ed25519.sign(message, seed);
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(signature[32 + i]!);
    s += L;
    const malleated = signature.slice();
    for (let i = 0; i < 32; i++) malleated[32 + i] = Number((s >> BigInt(8 * i)) & 0xffn);
    const key = ed25519.getPublicKey(seed);
    expect(portable(malleated, message, key)).toBe(false);
    expect(native(malleated, message, key)).toBe(false);
  });
});
