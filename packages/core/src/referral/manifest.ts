import { ed25519 } from "@noble/curves/ed25519.js";
import { verifyEd25519 } from "../ledger/signatures";
import { z } from "zod";
import { bytesEqual, fromHex, toHex, utf8 } from "../ledger/bytes";
import { signedTreeHeadSchema } from "../ledger/consistency";
import type { SigningKey } from "../ledger/treeHead";

// The referral package's table of contents. Every file in the ZIP is listed with its SHA-256 and
// size; ledger evidence names the leaf indices it carries. The manifest's exact bytes are signed
// (Ed25519, detached in manifest.json.sig) with the key that signs the operation's tree heads.

export const PACKAGE_FORMAT = "sweetie.referral.package";
export const MANIFEST_VERSION = 2;
export const MANIFEST_PATH = "manifest.json";
export const SIGNATURE_PATH = "manifest.json.sig";
export const HEAD_PATH = "proofs/head.json";
export const CONSISTENCY_PATH = "proofs/consistency.json";
export const LOG_KEY_PATH = "proofs/log-public-key.txt";
/** Where each subject's identification (its entries and its findings' files) is in a package. */
export const SUBJECTS_EVIDENCE_DIR = "evidence/subjects/";

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex characters");

/** What a file is in the package, which decides how the verifier checks it beyond its hash. */
export const FILE_ROLES = [
  "entries", // ledger entries, one RFC 8785 line each, with a proofs file
  "proofs", // the batch inclusion proof of an entries file (binary, see batchProof.ts)
  "capture", // capture bytes; its ledger entry records their SHA-256
  "finding", // a finding's captured file; its finding entry records its SHA-256
  "transcript", // a readable rendering of entries (not itself ledger evidence)
  "head", // the signed tree head every proof leads to
  "consistency", // consistency proofs from earlier heads to the package's head
  "key", // the log's public key
  "report", // report.pdf
  "jsonld", // referral.jsonld
  "verifier", // verify.html
] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export const manifestFileSchema = z.object({
  path: z.string().min(1).max(400),
  sha256: hex32,
  size: z.number().int().nonnegative(),
  role: z.enum(FILE_ROLES),
  /** entries: the proofs file that proves each line. */
  proofs: z.string().optional(),
  /**
   * entries: the leaf index of each line, in order; capture, finding: the index of the entry
   * that records the file's SHA-256.
   */
  leafIndices: z.array(z.number().int().nonnegative()).optional(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  /** 2: one binary batch proof per entries file (1 had a JSON proof per entry). */
  version: z.literal(MANIFEST_VERSION),
  kind: z.enum(["referral", "disclosure"]),
  packageId: z.string().min(1),
  createdAt: z.string().min(1),
  operation: z.object({ id: z.string().min(1), name: z.string() }),
  /** ISO 3166-1 alpha-2 of the receiving agency (referrals). */
  country: z.string().nullable(),
  agency: z.string().nullable(),
  head: signedTreeHeadSchema,
  files: z.array(manifestFileSchema),
});
export type PackageManifest = z.infer<typeof manifestSchema>;

/** Consistency proofs from each earlier signed head of the log to the package's head. */
export const consistencyFileSchema = z.object({
  format: z.literal("sweetie.consistency-proofs"),
  to: z.object({ size: z.number().int().nonnegative(), root: hex32 }),
  from: z.array(
    z.object({
      size: z.number().int().nonnegative(),
      root: hex32,
      hashes: z.array(z.string()),
    }),
  ),
});
export type ConsistencyFile = z.infer<typeof consistencyFileSchema>;

/**
 * The manifest's bytes: JSON with one line per file (a package lists thousands, each with its
 * leaf indices), so it stays readable and small.
 */
export function manifestBytes(manifest: PackageManifest): Uint8Array {
  const { files, ...rest } = manifest;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, "");
  const lines = files.map((file) => `    ${JSON.stringify(file)}`).join(",\n");
  return utf8(`${head},\n  "files": [\n${lines}\n  ]\n}\n`);
}

/** The detached signature file: the Ed25519 signature over manifest.json's bytes, in hex. */
export function signManifest(bytes: Uint8Array, key: SigningKey): string {
  return `${toHex(ed25519.sign(bytes, key.secretKey))}\n`;
}

export function verifyManifestSignature(
  bytes: Uint8Array,
  signatureText: string,
  publicKeyHex: string,
): boolean {
  try {
    return verifyEd25519(fromHex(signatureText.trim()), bytes, fromHex(publicKeyHex));
  } catch {
    return false;
  }
}

export function sameKey(a: string, b: string): boolean {
  try {
    return bytesEqual(fromHex(a), fromHex(b));
  } catch {
    return false;
  }
}
