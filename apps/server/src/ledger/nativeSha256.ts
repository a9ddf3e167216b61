import * as crypto from "node:crypto";
import { useSha256 } from "@sweetie/core/ledger/index";

// Node's native SHA-256 for the ledger's hot paths (every append hashes each entry and about
// one frontier node per entry; a package's verifier hashes every cited entry and the tree
// nodes above them). Imported for its effect by the appender and the verifier.

// The one-shot crypto.hash (Node ≥ 20.12) creates no Hash object per call: for the many short
// inputs of a Merkle tree it is about twice as fast, and leaves no garbage for the collector.
const oneShot = (
  crypto as { hash?: (algorithm: string, data: Uint8Array, out: "buffer") => Buffer }
).hash;

let scratch = Buffer.allocUnsafe(4096);

export function nativeSha256(...parts: Uint8Array[]): Uint8Array {
  let out: Buffer;
  if (!oneShot) {
    const hash = crypto.createHash("sha256");
    for (const part of parts) hash.update(part);
    out = hash.digest();
  } else if (parts.length === 1) {
    out = oneShot("sha256", parts[0]!, "buffer");
  } else {
    let length = 0;
    for (const part of parts) length += part.length;
    if (length > scratch.length) scratch = Buffer.allocUnsafe(Math.max(length, 2 * scratch.length));
    let at = 0;
    for (const part of parts) {
      scratch.set(part, at);
      at += part.length;
    }
    out = oneShot("sha256", scratch.subarray(0, length), "buffer");
  }
  // A plain Uint8Array view (not a Buffer), like the portable implementation returns.
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

useSha256(nativeSha256);
