import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { toHex } from "../ledger/bytes";
import type { IdentifierKind } from "./entities";

/**
 * The deconfliction pointer of a normalized identifier: HMAC-SHA-256 under the deployment's
 * secret of "kind NUL normalized value". Only this keyed hash is indexed across operations, so
 * the index alone reveals no identifier, and nobody without the secret can test a guess.
 */
export function deconflictionPointer(
  secret: Uint8Array,
  kind: IdentifierKind,
  normalized: string,
): string {
  return toHex(hmac(sha256, secret, new TextEncoder().encode(`${kind}\u0000${normalized}`)));
}
