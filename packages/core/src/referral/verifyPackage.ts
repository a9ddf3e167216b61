import { toHex } from "../ledger/bytes";
import { verifyHeadExtension } from "../ledger/consistency";
import { leafHash, sha256 } from "../ledger/hashing";
import { InclusionBatch } from "../ledger/inclusionBatch";
import { signedTreeHeadSchema } from "../ledger/consistency";
import { verifyHead, type SignedTreeHead } from "../ledger/treeHead";
import {
  consistencyFileSchema,
  CONSISTENCY_PATH,
  HEAD_PATH,
  LOG_KEY_PATH,
  MANIFEST_PATH,
  manifestSchema,
  proofsFileSchema,
  sameKey,
  SIGNATURE_PATH,
  verifyManifestSignature,
  type ConsistencyFile,
  type ManifestFile,
  type PackageManifest,
} from "./manifest";

/**
 * How the verifier reads a package: the files of a ZIP, or of an unzipped folder. The host
 * supplies it (Node streams, a browser's File objects), so the checks themselves stay pure.
 */
export interface PackageReader {
  /** Every file path in the package, with "/" separators. */
  paths(): readonly string[];
  read(path: string): Promise<Uint8Array>;
  /** SHA-256 (hex) and size of a file, streamed: the host may use its native hash. */
  digest(path: string, onBytes?: (n: number) => void): Promise<{ sha256: string; size: number }>;
}

export type CheckGroup = "manifest" | "signature" | "head" | "file" | "proof" | "capture";

/** One item of the verdict, worded for the person reading it. */
export interface PackageCheck {
  group: CheckGroup;
  item: string;
  ok: boolean;
  detail: string;
}

export interface PackageVerdict {
  ok: boolean;
  checks: PackageCheck[];
  manifest: PackageManifest | null;
  /** The log key the signatures were checked with, and whether the caller trusted it. */
  publicKey: string | null;
  keyTrusted: boolean;
  entriesProved: number;
  bytesHashed: number;
  /** The package's consistency proofs (for a witness), once checked against the head. */
  consistency: ConsistencyFile | null;
}

export interface VerifyPackageOptions {
  /** Ed25519 public keys (hex) of logs the reader trusts; empty: the package's own key. */
  trustedKeys?: readonly string[];
  onProgress?: (progress: { doneBytes: number; totalBytes: number }) => void;
}

const decoder = new TextDecoder();

/**
 * Checks a referral or disclosure package offline: the manifest's detached signature, the
 * signed tree head, every file's SHA-256 and size, every entry's inclusion proof against the
 * head, and that each capture's bytes are the ones its ledger entry recorded. Never throws on a
 * hostile package: everything wrong is a failed check naming the item.
 */
export async function verifyPackage(
  reader: PackageReader,
  options: VerifyPackageOptions = {},
): Promise<PackageVerdict> {
  const checks: PackageCheck[] = [];
  const verdict: PackageVerdict = {
    ok: false,
    checks,
    manifest: null,
    publicKey: null,
    keyTrusted: false,
    entriesProved: 0,
    bytesHashed: 0,
    consistency: null,
  };
  const fail = (group: CheckGroup, item: string, detail: string) => {
    checks.push({ group, item, ok: false, detail });
    return verdict;
  };
  const pass = (group: CheckGroup, item: string, detail: string) =>
    checks.push({ group, item, ok: true, detail });

  const present = new Set(reader.paths());
  if (!present.has(MANIFEST_PATH)) {
    return fail(
      "manifest",
      MANIFEST_PATH,
      "the package has no manifest.json: it is not a Sweetie package or it is incomplete",
    );
  }
  const manifestBytes = await reader.read(MANIFEST_PATH);
  let manifest: PackageManifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(decoder.decode(manifestBytes)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(
        "manifest",
        MANIFEST_PATH,
        `the manifest is not in the expected form (${issue.path.join(".") || "file"}: ${issue.message})`,
      );
    }
    manifest = parsed.data;
  } catch {
    return fail(
      "manifest",
      MANIFEST_PATH,
      "the manifest is not valid JSON (it was changed or damaged)",
    );
  }
  verdict.manifest = manifest;
  const head = manifest.head as SignedTreeHead;
  const trusted = options.trustedKeys ?? [];
  verdict.publicKey = head.publicKey;
  verdict.keyTrusted = trusted.some((key) => sameKey(key, head.publicKey));
  if (trusted.length > 0 && !verdict.keyTrusted) {
    fail(
      "signature",
      "log key",
      `the package is signed with key ${head.publicKey}, which is not a key you trust`,
    );
  }

  // The detached signature over the manifest's exact bytes.
  if (!present.has(SIGNATURE_PATH)) {
    fail("signature", SIGNATURE_PATH, "the manifest's signature file is missing");
  } else {
    const signature = decoder.decode(await reader.read(SIGNATURE_PATH));
    if (verifyManifestSignature(manifestBytes, signature, head.publicKey)) {
      pass("signature", SIGNATURE_PATH, "the manifest is signed by the operation's log key");
    } else {
      fail(
        "signature",
        SIGNATURE_PATH,
        "the manifest's signature does not match: the manifest or its signature was changed",
      );
    }
  }

  // The head in the manifest is signed by the log key.
  if (verifyHead(head)) {
    pass(
      "head",
      "tree head",
      `the log's head (${head.head.size} entries, signed ${head.head.time}) has a valid signature`,
    );
  } else {
    fail("head", "tree head", "the tree head's signature is invalid");
  }

  const listed = new Map<string, ManifestFile>();
  for (const file of manifest.files) {
    if (!safePath(file.path)) {
      fail("manifest", file.path, "the manifest names a file outside the package");
      continue;
    }
    if (listed.has(file.path)) fail("manifest", file.path, "the manifest lists this file twice");
    listed.set(file.path, file);
  }
  const totalBytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  let doneBytes = 0;
  const progress = (n: number) => {
    doneBytes += n;
    verdict.bytesHashed += n;
    options.onProgress?.({ doneBytes, totalBytes });
  };

  // Hashes a listed file (reading it when its content is needed too); the check names the file.
  const hashed = new Set<string>();
  const intact = new Set<string>();
  const checkFile = async (file: ManifestFile, keep: boolean): Promise<Uint8Array | null> => {
    if (!present.has(file.path)) {
      fail("file", file.path, "listed in the manifest but missing from the package");
      hashed.add(file.path);
      return null;
    }
    let digest: { sha256: string; size: number };
    let bytes: Uint8Array | null = null;
    if (keep) {
      bytes = await reader.read(file.path);
      digest = { sha256: toHex(sha256(bytes)), size: bytes.length };
      progress(bytes.length);
    } else {
      digest = await reader.digest(file.path, progress);
    }
    if (digest.sha256 !== file.sha256 || digest.size !== file.size) {
      fail("file", file.path, "its SHA-256 differs from the manifest's: the file was changed");
      hashed.add(file.path);
      return null;
    }
    pass("file", file.path, `SHA-256 ${file.sha256}`);
    hashed.add(file.path);
    intact.add(file.path);
    return bytes ?? new Uint8Array(0);
  };

  // The head file must be the manifest's head, byte for byte in meaning.
  const headFile = listed.get(HEAD_PATH);
  const headBytes = headFile ? await checkFile(headFile, true) : null;
  if (!headFile) fail("head", HEAD_PATH, "the manifest does not list the tree head file");
  else if (headBytes) {
    const stored = parseJson(headBytes, signedTreeHeadSchema);
    if (!stored || !sameHead(stored as SignedTreeHead, head)) {
      fail(
        "head",
        HEAD_PATH,
        "the tree head file differs from the head the manifest was signed with",
      );
    } else pass("head", HEAD_PATH, "the tree head file is the manifest's head");
  }
  const keyFile = listed.get(LOG_KEY_PATH);
  const keyBytes = keyFile ? await checkFile(keyFile, true) : null;
  if (keyBytes && !sameKey(decoder.decode(keyBytes).trim(), head.publicKey)) {
    fail("head", LOG_KEY_PATH, "the log key file is not the key that signed the head");
  }

  // Consistency proofs from earlier heads (what a witness needs).
  const consistencyFile = listed.get(CONSISTENCY_PATH);
  const consistencyBytes = consistencyFile ? await checkFile(consistencyFile, true) : null;
  if (consistencyBytes) {
    const parsed = parseJson(consistencyBytes, consistencyFileSchema);
    if (!parsed || parsed.to.size !== head.head.size || parsed.to.root !== head.head.root) {
      fail("proof", CONSISTENCY_PATH, "the consistency proofs do not lead to the package's head");
    } else {
      const bad = parsed.from.find(
        (f) =>
          !verifyHeadExtension(
            { operation: head.head.operation, size: f.size, root: f.root, time: "" },
            head.head,
            f.hashes,
          ).ok,
      );
      if (bad)
        fail(
          "proof",
          CONSISTENCY_PATH,
          `the consistency proof from the head of size ${bad.size} does not verify`,
        );
      else {
        pass(
          "proof",
          CONSISTENCY_PATH,
          `${parsed.from.length} earlier heads are consistent with this one`,
        );
        verdict.consistency = parsed;
      }
    }
  }

  // Ledger entries and their inclusion proofs.
  const batch = new InclusionBatch(head.head.size, head.head.root);
  const captureEntries = new Map<number, { bytesSha256: unknown; sizeBytes: unknown }>();
  for (const file of manifest.files) {
    if (file.role !== "entries") continue;
    const entriesBytes = await checkFile(file, true);
    const proofsMeta = file.proofs ? listed.get(file.proofs) : undefined;
    if (!proofsMeta) {
      fail("proof", file.path, "the manifest names no proofs file for these entries");
      continue;
    }
    const proofsBytes = await checkFile(proofsMeta, true);
    if (!entriesBytes || !proofsBytes) {
      fail(
        "proof",
        file.path,
        "its entries cannot be proved: a file they rely on failed its hash check",
      );
      continue;
    }
    const proofs = parseJson(proofsBytes, proofsFileSchema);
    if (!proofs || proofs.treeSize !== head.head.size || proofs.root !== head.head.root) {
      fail("proof", proofsMeta.path, "the proofs are not against the package's signed head");
      continue;
    }
    const lines = splitLines(entriesBytes);
    const indices = file.leafIndices ?? [];
    if (lines.length !== proofs.proofs.length || lines.length !== indices.length) {
      fail("proof", file.path, "the number of entries, proofs and leaf indices differ");
      continue;
    }
    let failed: string | null = null;
    for (let i = 0; i < lines.length && !failed; i++) {
      const line = lines[i]!;
      const proof = proofs.proofs[i]!;
      const entry = parseEntry(line);
      if (!entry) failed = `line ${i + 1} is not a ledger entry`;
      else if (entry.index !== proof.index || entry.index !== indices[i]) {
        failed = `line ${i + 1}: the entry's index, its proof's and the manifest's differ`;
      } else if (entry.operation !== head.head.operation) {
        failed = `line ${i + 1} belongs to another operation`;
      } else if (!batch.verify(entry.index, leafHash(line), proof.hashes)) {
        failed = `entry ${entry.index} (line ${i + 1}) is not in the signed log: its text or its proof was changed`;
      } else if (entry.kind === "capture") {
        captureEntries.set(
          entry.index,
          entry.content as { bytesSha256: unknown; sizeBytes: unknown },
        );
      }
    }
    if (failed) fail("proof", file.path, failed);
    else {
      verdict.entriesProved += lines.length;
      pass("proof", file.path, `${lines.length} entries are in the signed log unchanged`);
    }
  }

  // Every other listed file: its hash; a capture also against its ledger entry.
  for (const file of manifest.files) {
    if (hashed.has(file.path)) continue;
    await checkFile(file, false);
    if (file.role !== "capture" || !intact.has(file.path)) continue;
    const index = file.leafIndices?.[0];
    const entry = index === undefined ? undefined : captureEntries.get(index);
    if (!entry) {
      fail("capture", file.path, "no proved capture entry in the package records these bytes");
    } else if (entry.bytesSha256 !== file.sha256 || entry.sizeBytes !== file.size) {
      fail("capture", file.path, "the bytes differ from the ones the ledger recorded");
    } else pass("capture", file.path, `the bytes are the ones ledger entry ${index} recorded`);
  }

  for (const path of present) {
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH || listed.has(path)) continue;
    fail("manifest", path, "this file is in the package but not in the signed manifest");
  }
  verdict.ok = checks.every((check) => check.ok);
  return verdict;
}

function safePath(path: string): boolean {
  return (
    !path.startsWith("/") &&
    !path.includes("\\") &&
    !path.split("/").some((p) => p === ".." || p === "")
  );
}

function parseJson<T>(
  bytes: Uint8Array,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function sameHead(a: SignedTreeHead, b: SignedTreeHead): boolean {
  return (
    a.signature === b.signature &&
    a.publicKey === b.publicKey &&
    a.head.operation === b.head.operation &&
    a.head.size === b.head.size &&
    a.head.root === b.head.root &&
    a.head.time === b.head.time
  );
}

/** The lines of an entries file (each an RFC 8785 entry; JSON never holds a raw newline). */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

interface ParsedEntry {
  kind: string;
  index: number;
  operation: string;
  content: Record<string, unknown>;
}

function parseEntry(line: Uint8Array): ParsedEntry | null {
  try {
    const value = JSON.parse(decoder.decode(line)) as Partial<ParsedEntry> | null;
    if (!value || typeof value !== "object") return null;
    if (typeof value.kind !== "string" || typeof value.operation !== "string") return null;
    if (typeof value.index !== "number" || typeof value.content !== "object" || !value.content)
      return null;
    return value as ParsedEntry;
  } catch {
    return null;
  }
}
