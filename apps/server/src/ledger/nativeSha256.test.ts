import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nativeSha256 } from "./nativeSha256";

describe("native SHA-256", () => {
  it("equals the portable implementation on any input split into any parts", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }), (parts) => {
        const joined = Uint8Array.from(parts.flatMap((p) => [...p]));
        expect(nativeSha256(...parts)).toEqual(nobleSha256(joined));
      }),
      { numRuns: 500 },
    );
  });
});
