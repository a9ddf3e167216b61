import { fromHex, toHex } from "../ledger/bytes";
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
import { proveEntries, type CaptureEntry, type FindingEntry } from "./entriesProof";
import { ProvedNodes } from "./provedNodes";
import {
  concurrency,
  DIGESTS_IN_FLIGHT,
  findingCheck,
  kindsInWords,
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

/** Entries files asked for ahead of the one being proved (bounds what waits in memory). */
const ENTRIES_AHEAD = 64;

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
  // host with a native or threaded hash overlaps that with the proofs).
  const proved = new Set<string>([HEAD_PATH, LOG_KEY_PATH, CONSISTENCY_PATH]);
  for (const file of manifest.files) {
    if (file.role === "entries") {
      proved.add(file.path);
      if (file.proofs) proved.add(file.proofs);
    }
  }
  // Entries files are asked for first (a host reading them on another thread starts on them
  // before the other files), a bounded number ahead of the one being proved.
  const entriesFiles = manifest.files.filter((f) => f.role === "entries" && present.has(f.path));
  const entriesReads = new Map<string, Promise<EntriesRead>>();
  let nextEntries = 0;
  const readAhead = () => {
    // Topped up once half are used, so the host gets them in batches.
    if (!reader.readEntries || entriesReads.size > ENTRIES_AHEAD / 2) return;
    while (nextEntries < entriesFiles.length && entriesReads.size < ENTRIES_AHEAD) {
      const file = entriesFiles[nextEntries++]!;
      const proofs = file.proofs ? listed.get(file.proofs) : undefined;
      const read = reader.readEntries(
        file.path,
        proofs && present.has(proofs.path) ? proofs.path : undefined,
      );
      read.catch(() => undefined);
      entriesReads.set(file.path, read);
    }
  };
  readAhead();
  const early = new Map<string, Promise<Uint8Array | null>>();
  const limit = concurrency(reader.digestsInFlight ?? DIGESTS_IN_FLIGHT);
  for (const file of listed.values()) {
    if (!proved.has(file.path))
      early.set(
        file.path,
        limit(() => checkFile(file, false)),
      );
  }
  const captureEntries = new Map<number, CaptureEntry>();
  const findingEntries = new Map<number, FindingEntry>();
  // One set of proved nodes for the package: conversations share most of their paths.
  let provedNodes: ProvedNodes | undefined;
  try {
    provedNodes = new ProvedNodes(head.head.size, fromHex(head.head.root));
  } catch {
    provedNodes = undefined;
  }
  for (const file of manifest.files) {
    if (file.role !== "entries") continue;
    const read = entriesReads.get(file.path);
    entriesReads.delete(file.path);
    readAhead();
    const entriesBytes = await checkFile(file, true, read);
    const done = read ? await read.catch(() => null) : null;
    const proofsMeta = file.proofs ? listed.get(file.proofs) : undefined;
    if (!proofsMeta) {
      fail("proof", file.path, "the manifest names no proofs file for these entries");
      continue;
    }
    const proofsBytes = hashed.has(proofsMeta.path)
      ? null
      : await checkFile(proofsMeta, true, done?.proofs && Promise.resolve(done.proofs));
    if (!entriesBytes || !proofsBytes) {
      fail(
        "proof",
        file.path,
        "its entries cannot be proved: a file they rely on failed its hash check",
      );
      continue;
    }
    const result = proveEntries(
      entriesBytes,
      proofsBytes,
      file.leafIndices ?? [],
      head,
      provedNodes,
      done?.leafHashes,
    );
    if (!result.ok) {
      fail("proof", result.proofBroken ? proofsMeta.path : file.path, result.detail);
      if (result.proofBroken) fail("proof", file.path, "its entries cannot be proved");
      continue;
    }
    for (const [index, entry] of result.captures) captureEntries.set(index, entry);
    for (const [index, entry] of result.findings) findingEntries.set(index, entry);
    verdict.entriesProved += result.entries;
    pass(
      "proof",
      file.path,
      `${result.entries} entries (${kindsInWords(result.kinds)}) are in the signed log unchanged`,
    );
  }

  // Every other listed file: its hash; a capture also against its ledger entry.
  for (const file of manifest.files) {
    const pending = early.get(file.path);
    if (pending) await pending;
    else if (hashed.has(file.path)) continue;
    else await checkFile(file, false);
    if (!intact.has(file.path)) continue;
    if (file.role === "finding") {
      const finding = findingCheck(file, findingEntries);
      (finding.ok ? pass : fail)("finding", file.path, finding.detail);
      continue;
    }
    if (file.role !== "capture") continue;
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
