import { createHash } from "node:crypto";
import { useSha256 } from "@sweetie/core/ledger/index";

// Node's native SHA-256 for the ledger's hot paths (every append hashes each entry and about
// one frontier node per entry). Imported for its effect by the appender and the verifier.
export function nativeSha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  // A plain Uint8Array view (not a Buffer), like the portable implementation returns.
  const out = hash.digest();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

useSha256(nativeSha256);
