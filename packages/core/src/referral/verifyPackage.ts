import { toHex } from "../ledger/bytes";
import { verifyHeadExtension } from "../ledger/consistency";
import { sha256 } from "../ledger/hashing";
import { signedTreeHeadSchema } from "../ledger/consistency";
import { verifyHead, type SignedTreeHead } from "../ledger/treeHead";
import {
  consistencyFileSchema,
  CONSISTENCY_PATH,
  HEAD_PATH,
  LOG_KEY_PATH,
  MANIFEST_PATH,
  manifestSchema,
  sameKey,
  SIGNATURE_PATH,
  verifyManifestSignature,
  type ConsistencyFile,
  type ManifestFile,
  type PackageManifest,
} from "./manifest";
import { EntriesStep, type ProvedFiles, type VerifyRun } from "./verifyEntries";
import {
  concurrency,
  DIGESTS_IN_FLIGHT,
  findingCheck,
  parseJson,
  safePath,
  sameHead,
} from "./verifyHelpers";

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
  /** SHA-256 (hex) of bytes already read; the host's native hash when it has one. */
  sha256?(bytes: Uint8Array): Promise<string>;
  /**
   * Optional: an entries file's bytes with their SHA-256 and each line's leaf hash
   * (SHA-256(0x00 ‖ line), 32 bytes apiece), worked out off the verifier's thread; asked for
   * before any other file is hashed. With a proofs path, that file's bytes and SHA-256 too
   * (when the host can read it alongside).
   */
  readEntries?(path: string, proofsPath?: string): Promise<EntriesRead>;
  /**
   * How many digests to ask for at once while the entries are proved (default 8, which bounds
   * memory); a host that hashes on its own thread from its own queue can take them all.
   */
  digestsInFlight?: number;
}

/** An entries file as a host read it, with its proofs file when asked for. */
export interface EntriesRead {
  bytes: Uint8Array;
  sha256: string;
  leafHashes: Uint8Array;
  proofs?: { bytes: Uint8Array; sha256: string };
}

export type CheckGroup =
  "manifest" | "signature" | "head" | "file" | "proof" | "capture" | "finding";

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
 * head, and that each capture's bytes and each finding's file are the ones their ledger entries
 * recorded. Never throws on a
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

  const listed = listFiles(manifest, fail);
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
  const checkFile = async (
    file: ManifestFile,
    keep: boolean,
    read?: Promise<{ bytes: Uint8Array; sha256: string }>,
  ): Promise<Uint8Array | null> => {
    if (!present.has(file.path)) {
      fail("file", file.path, "listed in the manifest but missing from the package");
      hashed.add(file.path);
      return null;
    }
    let digest: { sha256: string; size: number };
    let bytes: Uint8Array | null = null;
    try {
      if (read) {
        const done = await read;
        bytes = done.bytes;
        digest = { sha256: done.sha256, size: bytes.length };
        progress(bytes.length);
      } else if (keep) {
        bytes = await reader.read(file.path);
        digest = {
          sha256: reader.sha256 ? await reader.sha256(bytes) : toHex(sha256(bytes)),
          size: bytes.length,
        };
        progress(bytes.length);
      } else {
        digest = await reader.digest(file.path, progress);
      }
    } catch (error) {
      fail("file", file.path, `it cannot be read from the package (${(error as Error).message})`);
      hashed.add(file.path);
      return null;
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
  const run: VerifyRun = {
    reader,
    verdict,
    present,
    listed,
    hashed,
    intact,
    fail,
    pass,
    checkFile,
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

  // Ledger entries and their batch inclusion proofs. The other files are hashed meanwhile (a
  // host with a native or threaded hash overlaps that with the proofs); entries files are asked
  // for first.
  const entries = new EntriesStep(run, manifest, head);
  const early = startDigests(run, manifest, reader.digestsInFlight ?? DIGESTS_IN_FLIGHT);
  const provedFiles = await entries.proveAll();
  await checkOtherFiles(run, manifest, early, provedFiles);
  reportUnlisted(run);
  verdict.ok = checks.every((check) => check.ok);
  return verdict;
}

// The verify's other loops, each a function of its own (see verifyEntries.ts for why).

/** The manifest's files by path; a path outside the package or listed twice fails. */
function listFiles(
  manifest: PackageManifest,
  fail: (group: CheckGroup, item: string, detail: string) => void,
): Map<string, ManifestFile> {
  const listed = new Map<string, ManifestFile>();
  for (const file of manifest.files) {
    if (!safePath(file.path)) {
      fail("manifest", file.path, "the manifest names a file outside the package");
      continue;
    }
    if (listed.has(file.path)) fail("manifest", file.path, "the manifest lists this file twice");
    listed.set(file.path, file);
  }
  return listed;
}

/**
 * Asks for the hash of every listed file the entries step does not read (the head, the key and
 * the consistency proofs are checked before), a bounded number at a time.
 */
function startDigests(
  run: VerifyRun,
  manifest: PackageManifest,
  inFlight: number,
): Map<string, Promise<Uint8Array | null>> {
  const read = new Set<string>([HEAD_PATH, LOG_KEY_PATH, CONSISTENCY_PATH]);
  for (const file of manifest.files) {
    if (file.role === "entries") {
      read.add(file.path);
      if (file.proofs) read.add(file.proofs);
    }
  }
  const limit = concurrency(inFlight);
  const early = new Map<string, Promise<Uint8Array | null>>();
  for (const file of run.listed.values()) {
    if (!read.has(file.path))
      early.set(
        file.path,
        limit(() => run.checkFile(file, false)),
      );
  }
  return early;
}

/** Every other listed file: its hash; a capture or a finding's file also against its entry. */
async function checkOtherFiles(
  run: VerifyRun,
  manifest: PackageManifest,
  early: ReadonlyMap<string, Promise<Uint8Array | null>>,
  proved: ProvedFiles,
): Promise<void> {
  for (const file of manifest.files) {
    const pending = early.get(file.path);
    if (pending) await pending;
    else if (run.hashed.has(file.path)) continue;
    else await run.checkFile(file, false);
    if (run.intact.has(file.path)) checkRecorded(run, file, proved);
  }
}

function checkRecorded(run: VerifyRun, file: ManifestFile, proved: ProvedFiles): void {
  if (file.role === "finding") {
    const finding = findingCheck(file, proved.findings);
    (finding.ok ? run.pass : run.fail)("finding", file.path, finding.detail);
    return;
  }
  if (file.role !== "capture") return;
  const index = file.leafIndices?.[0];
  const entry = index === undefined ? undefined : proved.captures.get(index);
  if (!entry) {
    run.fail("capture", file.path, "no proved capture entry in the package records these bytes");
  } else if (entry.bytesSha256 !== file.sha256 || entry.sizeBytes !== file.size) {
    run.fail("capture", file.path, "the bytes differ from the ones the ledger recorded");
  } else run.pass("capture", file.path, `the bytes are the ones ledger entry ${index} recorded`);
}

/** A file in the package that the signed manifest does not list fails. */
function reportUnlisted(run: VerifyRun): void {
  for (const path of run.present) {
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH || run.listed.has(path)) continue;
    run.fail("manifest", path, "this file is in the package but not in the signed manifest");
  }
}
