import { createPublicKey, verify } from "node:crypto";
import { useEd25519Verify } from "@sweetie/core/ledger/index";

// Node's native Ed25519 check for the package verifier: the manifest it checks is a megabyte
// or more, and the portable implementation's SHA-512 over it is the slowest step of opening a
// package. Imported for its effect by the CLI verifier.

// The DER prefix of an Ed25519 public key (SubjectPublicKeyInfo, RFC 8410) before its 32 bytes.
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export function nativeEd25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const key = createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, publicKey]),
    format: "der",
    type: "spki",
  });
  return verify(null, message, key, signature);
}

useEd25519Verify(nativeEd25519Verify);
