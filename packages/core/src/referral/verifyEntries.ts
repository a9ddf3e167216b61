import { fromHex } from "../ledger/bytes";
import type { SignedTreeHead } from "../ledger/treeHead";
import { proveEntries, type CaptureEntry, type FindingEntry } from "./entriesProof";
import type { ManifestFile, PackageManifest } from "./manifest";
import { ProvedNodes } from "./provedNodes";
import { kindsInWords } from "./verifyHelpers";
import type { CheckGroup, EntriesRead, PackageReader, PackageVerdict } from "./verifyPackage";

// The ledger-entries step of a package's verify: every entries file with its batch inclusion
// proof against the signed head. Its loops are functions of their own, apart from the rest of
// the verify: a loop that runs thousands of times gets the function around it compiled while
// it runs, and compiling the whole verify that way (several times in one run) cost more than
// a third of a verify's time, as measured.

/** What the steps of one verify share: the package, the verdict and how a file is checked. */
export interface VerifyRun {
  reader: PackageReader;
  verdict: PackageVerdict;
  present: ReadonlySet<string>;
  listed: ReadonlyMap<string, ManifestFile>;
  /** Files hashed (whatever the result), and those whose hash matched. */
  hashed: Set<string>;
  intact: Set<string>;
  fail(group: CheckGroup, item: string, detail: string): void;
  pass(group: CheckGroup, item: string, detail: string): void;
  /** Hashes a listed file (and returns its bytes when `keep`), or null when it failed. */
  checkFile(
    file: ManifestFile,
    keep: boolean,
    read?: Promise<{ bytes: Uint8Array; sha256: string }>,
  ): Promise<Uint8Array | null>;
}

/** Entries files asked for ahead of the one being proved (bounds what waits in memory). */
const ENTRIES_AHEAD = 64;

/** What the proved entries record of the package's files. */
export interface ProvedFiles {
  captures: Map<number, CaptureEntry>;
  findings: Map<number, FindingEntry>;
}

/**
 * Proves the package's entries files. Made before the other files are asked for, it asks for
 * the first entries files at once (a host reading them on another thread starts on them first).
 */
export class EntriesStep {
  private readonly files: ManifestFile[];
  private readonly reads = new Map<string, Promise<EntriesRead>>();
  private next = 0;

  constructor(
    private readonly run: VerifyRun,
    private readonly manifest: PackageManifest,
    private readonly head: SignedTreeHead,
  ) {
    this.files = manifest.files.filter((f) => f.role === "entries" && run.present.has(f.path));
    this.readAhead();
  }

  // Topped up once half are used, so the host gets them in batches.
  private readAhead(): void {
    const { reader, listed, present } = this.run;
    if (!reader.readEntries || this.reads.size > ENTRIES_AHEAD / 2) return;
    while (this.next < this.files.length && this.reads.size < ENTRIES_AHEAD) {
      const file = this.files[this.next++]!;
      const proofs = file.proofs ? listed.get(file.proofs) : undefined;
      const read = reader.readEntries(
        file.path,
        proofs && present.has(proofs.path) ? proofs.path : undefined,
      );
      read.catch(() => undefined);
      this.reads.set(file.path, read);
    }
  }

  async proveAll(): Promise<ProvedFiles> {
    const { manifest, head } = this;
    const proved: ProvedFiles = { captures: new Map(), findings: new Map() };
    // One set of proved nodes for the package: conversations share most of their paths.
    let nodes: ProvedNodes | undefined;
    try {
      nodes = new ProvedNodes(head.head.size, fromHex(head.head.root));
    } catch {
      nodes = undefined;
    }
    for (const file of manifest.files) {
      if (file.role === "entries") await this.prove(file, nodes, proved);
    }
    return proved;
  }

  private async prove(
    file: ManifestFile,
    nodes: ProvedNodes | undefined,
    proved: ProvedFiles,
  ): Promise<void> {
    const { run } = this;
    const read = this.reads.get(file.path);
    this.reads.delete(file.path);
    this.readAhead();
    const entriesBytes = await run.checkFile(file, true, read);
    const done = read ? await read.catch(() => null) : null;
    const proofsMeta = file.proofs ? run.listed.get(file.proofs) : undefined;
    if (!proofsMeta) {
      run.fail("proof", file.path, "the manifest names no proofs file for these entries");
      return;
    }
    const proofsBytes = run.hashed.has(proofsMeta.path)
      ? null
      : await run.checkFile(proofsMeta, true, done?.proofs && Promise.resolve(done.proofs));
    if (!entriesBytes || !proofsBytes) {
      run.fail(
        "proof",
        file.path,
        "its entries cannot be proved: a file they rely on failed its hash check",
      );
      return;
    }
    const result = proveEntries(
      entriesBytes,
      proofsBytes,
      file.leafIndices ?? [],
      this.head,
      nodes,
      done?.leafHashes,
    );
    if (!result.ok) {
      run.fail("proof", result.proofBroken ? proofsMeta.path : file.path, result.detail);
      if (result.proofBroken) run.fail("proof", file.path, "its entries cannot be proved");
      return;
    }
    for (const [index, entry] of result.captures) proved.captures.set(index, entry);
    for (const [index, entry] of result.findings) proved.findings.set(index, entry);
    run.verdict.entriesProved += result.entries;
    run.pass(
      "proof",
      file.path,
      `${result.entries} entries (${kindsInWords(result.kinds)}) are in the signed log unchanged`,
    );
  }
}
