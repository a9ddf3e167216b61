import * as crypto from "node:crypto";
import { useSha256 } from "@sweetie/core/ledger/index";

// Node's native SHA-256 for the ledger's hot paths (every append hashes each entry and about
// one frontier node per entry; a package's verifier hashes every cited entry and the tree
// nodes above them). Imported for its effect by the appender and the verifier.

// The one-shot crypto.hash (Node >= 20.12) creates no Hash object per call: for the many short
// inputs of a Merkle tree it is about twice as fast. Its digest is taken as a latin1 string (one
// character per byte, so exact) and written into a shared block: a Buffer per digest would be an
// ArrayBuffer of its own each, and tens of thousands of those keep the collector's threads busy.
const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;

let scratch = Buffer.allocUnsafe(4096);
const BLOCK = 64 * 1024;
let block = Buffer.allocUnsafeSlow(BLOCK);
let used = 0;

export function nativeSha256(...parts: Uint8Array[]): Uint8Array {
  if (!oneShot) {
    const hash = crypto.createHash("sha256");
    for (const part of parts) hash.update(part);
    const out = hash.digest();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
  let digest: string;
  if (parts.length === 1) {
    digest = oneShot("sha256", parts[0]!, "binary");
  } else {
    let length = 0;
    for (const part of parts) length += part.length;
    if (length > scratch.length) scratch = Buffer.allocUnsafe(Math.max(length, 2 * scratch.length));
    let at = 0;
    for (const part of parts) {
      scratch.set(part, at);
      at += part.length;
    }
    digest = oneShot("sha256", scratch.subarray(0, length), "binary");
  }
  if (used + 32 > BLOCK) {
    block = Buffer.allocUnsafeSlow(BLOCK);
    used = 0;
  }
  block.write(digest, used, 32, "binary");
  // A plain Uint8Array view (not a Buffer), like the portable implementation returns.
  const out = new Uint8Array(block.buffer, block.byteOffset + used, 32);
  used += 32;
  return out;
}

useSha256(nativeSha256);
