import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../ledger/bytes";
import { entryLeafHash, type LedgerEntry } from "../ledger/entries";
import { sha256 } from "../ledger/hashing";
import { MerkleTree } from "../ledger/merkleTree";
import { generateSigningKey, signTreeHead, type SigningKey } from "../ledger/treeHead";
import {
  CONSISTENCY_PATH,
  HEAD_PATH,
  LOG_KEY_PATH,
  MANIFEST_PATH,
  manifestBytes,
  SIGNATURE_PATH,
  signManifest,
  type ManifestFile,
  type PackageManifest,
} from "./manifest";
import { subtreeHasher } from "./batchProof";
import {
  batchProofFile,
  consistencyFile,
  entriesFileBytes,
  jsonBytes,
  listFile,
} from "./packageParts";
import { verifyPackage, type PackageReader } from "./verifyPackage";

const OPERATION = "0190a4c2-0000-7000-8000-000000000001";
const PNG = utf8("not really a png, but bytes all the same");
const FINDING = utf8("a saved profile page, as the analyst captured it");

function memoryReader(files: Map<string, Uint8Array>): PackageReader {
  return {
    paths: () => [...files.keys()],
    read: async (path) => files.get(path)!,
    digest: async (path, onBytes) => {
      const bytes = files.get(path)!;
      onBytes?.(bytes.length);
      return { sha256: toHex(sha256(bytes)), size: bytes.length };
    },
  };
}

function entry(
  index: number,
  kind: LedgerEntry["kind"],
  content: LedgerEntry["content"],
): LedgerEntry {
  return { kind, v: 1, operation: OPERATION, index, source: null, content };
}

/** A log of 37 entries (a size that is no power of two), a package citing two conversations. */
function buildPackage(key: SigningKey = generateSigningKey()) {
  const log: LedgerEntry[] = [];
  for (let i = 0; i < 37; i++) {
    log.push(
      i === 20
        ? entry(i, "capture", {
            id: "cap-1",
            bytesSha256: toHex(sha256(PNG)),
            sizeBytes: PNG.length,
          })
        : i === 25
          ? entry(i, "finding", {
              id: "f-1",
              fileSha256: toHex(sha256(FINDING)),
              fileBytesSha256: toHex(sha256(FINDING)),
              fileSizeBytes: FINDING.length,
            })
          : i === 26
            ? entry(i, "claim", { id: "cl-1", predicate: "uses_email", value: "x@example.net" })
            : entry(i, "message", { id: `m-${i}`, body: `message ${i}` }),
    );
  }
  const leaves = log.map(entryLeafHash);
  const tree = new MerkleTree(leaves);
  const earlier = signTreeHead(
    { operation: OPERATION, size: 16, root: toHex(tree.root(16)), time: "2026-11-30T10:00:00Z" },
    key,
  );
  const head = signTreeHead(
    { operation: OPERATION, size: 37, root: toHex(tree.root()), time: "2026-11-30T11:00:00Z" },
    key,
  );
  const files = new Map<string, Uint8Array>();
  const listed: ManifestFile[] = [];
  const add = (path: string, role: ManifestFile["role"], bytes: Uint8Array, extra = {}) => {
    files.set(path, bytes);
    listed.push(listFile(path, role, bytes, extra));
  };
  add(HEAD_PATH, "head", jsonBytes(head));
  add(LOG_KEY_PATH, "key", utf8(`${head.publicKey}\n`));
  add(CONSISTENCY_PATH, "consistency", jsonBytes(consistencyFile(tree, [earlier], head)));
  for (const [name, indices] of [
    ["a", [1, 2, 3, 20, 30]],
    ["b", [0, 5, 36]],
  ] as const) {
    const cited = indices.map((i) => log[i]!);
    add(
      `proofs/conversations/${name}.proof`,
      "proofs",
      batchProofFile(subtreeHasher(leaves), head, indices),
    );
    add(`evidence/conversations/${name}/entries.jsonl`, "entries", entriesFileBytes(cited), {
      proofs: `proofs/conversations/${name}.proof`,
      leafIndices: [...indices],
    });
  }
  add("evidence/conversations/a/capture-cap-1.png", "capture", PNG, { leafIndices: [20] });
  // A subject's identification: its entries with their proof, and the finding's file.
  add("proofs/subjects/s-1.proof", "proofs", batchProofFile(subtreeHasher(leaves), head, [25, 26]));
  add(
    "evidence/subjects/s-1/identification.jsonl",
    "entries",
    entriesFileBytes([log[25]!, log[26]!]),
    {
      proofs: "proofs/subjects/s-1.proof",
      leafIndices: [25, 26],
    },
  );
  add("evidence/subjects/s-1/finding-f-1.html", "finding", FINDING, { leafIndices: [25] });
  add("report.pdf", "report", utf8("%PDF-1.7 stand-in"));
  const manifest: PackageManifest = {
    format: "sweetie.referral.package",
    version: 2,
    kind: "referral",
    packageId: "pkg-1",
    createdAt: "2026-11-30T11:00:01Z",
    operation: { id: OPERATION, name: "Test operation" },
    country: "NL",
    agency: "Test agency",
    head,
    files: listed,
  };
  const bytes = manifestBytes(manifest);
  files.set(MANIFEST_PATH, bytes);
  files.set(SIGNATURE_PATH, utf8(signManifest(bytes, key)));
  return { files, key, head };
}

function flip(files: Map<string, Uint8Array>, path: string, at = 0.5): Map<string, Uint8Array> {
  const copy = new Map(files);
  const bytes = Uint8Array.from(files.get(path)!);
  const i = Math.floor(bytes.length * at);
  // Stay inside printable ASCII so JSON files still parse where that matters.
  bytes[i] = bytes[i] === 0x61 ? 0x62 : 0x61;
  copy.set(path, bytes);
  return copy;
}

/** The key holder's forgery: the changed file's hash put in the manifest, which is re-signed. */
function resigned(
  tampered: Map<string, Uint8Array>,
  path: string,
  key: SigningKey,
): Map<string, Uint8Array> {
  const manifest = JSON.parse(
    new TextDecoder().decode(tampered.get(MANIFEST_PATH)!),
  ) as PackageManifest;
  manifest.files.find((f) => f.path === path)!.sha256 = toHex(sha256(tampered.get(path)!));
  const bytes = manifestBytes(manifest);
  tampered.set(MANIFEST_PATH, bytes);
  tampered.set(SIGNATURE_PATH, utf8(signManifest(bytes, key)));
  return tampered;
}

const failures = (verdict: Awaited<ReturnType<typeof verifyPackage>>) =>
  verdict.checks.filter((c) => !c.ok).map((c) => `${c.group} ${c.item}: ${c.detail}`);

describe("verifyPackage", () => {
  it("passes an intact package and reports what it proved", async () => {
    const { files, key } = buildPackage();
    const verdict = await verifyPackage(memoryReader(files), {
      trustedKeys: [toHex(key.publicKey)],
    });
    expect(failures(verdict)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.keyTrusted).toBe(true);
    expect(verdict.entriesProved).toBe(10);
    expect(verdict.checks).toContainEqual({
      group: "finding",
      item: "evidence/subjects/s-1/finding-f-1.html",
      ok: true,
      detail: "the file is the one finding entry 25 recorded",
    });
    expect(verdict.checks).toContainEqual({
      group: "proof",
      item: "evidence/subjects/s-1/identification.jsonl",
      ok: true,
      detail: "2 entries (1 finding, 1 claim) are in the signed log unchanged",
    });
    expect(verdict.consistency?.from).toHaveLength(1);
  });

  it.each([
    ["an evidence file", "evidence/conversations/a/entries.jsonl", "proof"],
    ["a capture", "evidence/conversations/a/capture-cap-1.png", "file"],
    ["a proof", "proofs/conversations/b.proof", "file"],
    ["the head", HEAD_PATH, "file"],
    ["the consistency proofs", CONSISTENCY_PATH, "file"],
    ["the report", "report.pdf", "file"],
    ["a finding's file", "evidence/subjects/s-1/finding-f-1.html", "file"],
    ["identification entries", "evidence/subjects/s-1/identification.jsonl", "proof"],
    ["a proof of identification entries", "proofs/subjects/s-1.proof", "file"],
  ])("fails naming %s when one byte of it changes", async (_what, path) => {
    const { files } = buildPackage();
    const verdict = await verifyPackage(memoryReader(flip(files, path)));
    expect(verdict.ok).toBe(false);
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.item)).toContain(path);
  });

  it("fails the signature when one byte of the manifest or the signature changes", async () => {
    const { files } = buildPackage();
    for (const path of [MANIFEST_PATH, SIGNATURE_PATH]) {
      const verdict = await verifyPackage(memoryReader(flip(files, path, 0.3)));
      expect(verdict.ok).toBe(false);
      expect(failures(verdict).join("\n")).toMatch(/manifest/);
    }
  });

  it("fails an entry whose proof was changed even when the file's hash was updated to match", async () => {
    const { files, key } = buildPackage();
    // A rewritten proofs file with a consistent manifest needs the key: a forger without it can
    // only produce a bad signature, and a holder of another key is caught by the trusted key.
    const forger = generateSigningKey();
    const tampered = flip(files, "proofs/conversations/b.proof", 0.6);
    const manifest = JSON.parse(
      new TextDecoder().decode(files.get(MANIFEST_PATH)!),
    ) as PackageManifest;
    const file = manifest.files.find((f) => f.path === "proofs/conversations/b.proof")!;
    file.sha256 = toHex(sha256(tampered.get(file.path)!));
    const bytes = manifestBytes(manifest);
    tampered.set(MANIFEST_PATH, bytes);
    tampered.set(SIGNATURE_PATH, utf8(signManifest(bytes, forger)));
    const verdict = await verifyPackage(memoryReader(tampered), {
      trustedKeys: [toHex(key.publicKey)],
    });
    expect(verdict.ok).toBe(false);
    expect(failures(verdict).join("\n")).toMatch(/signature does not match/);
  });

  it.each([
    ["an entry's text", "evidence/conversations/a/entries.jsonl", "message 2"],
    ["a node of the batch proof", "proofs/conversations/a.proof", 0.9],
  ])(
    "fails the proof naming the entries when %s changed and the manifest was re-signed",
    async (_what, path, at) => {
      // Even the holder of the log key cannot make changed entries pass: the batch proof must
      // lead every cited leaf to the signed head's root.
      const { files, key } = buildPackage();
      const original = files.get(path)!;
      const offset =
        typeof at === "string"
          ? (new TextDecoder().decode(original).indexOf(at) + at.length - 1) / original.length
          : at;
      const tampered = resigned(flip(files, path, offset), path, key);
      const verdict = await verifyPackage(memoryReader(tampered), {
        trustedKeys: [toHex(key.publicKey)],
      });
      // Its capture then has no proved entry either.
      expect(failures(verdict)).toEqual([
        "proof evidence/conversations/a/entries.jsonl: entries 1–30 are not all in the signed log: the text of an entry or the proof was changed",
        "capture evidence/conversations/a/capture-cap-1.png: no proved capture entry in the package records these bytes",
      ]);
    },
  );

  it("fails a finding's file replaced by the key holder, manifest re-signed: it is not the file the ledger recorded", async () => {
    const { files, key } = buildPackage();
    const path = "evidence/subjects/s-1/finding-f-1.html";
    const tampered = resigned(flip(files, path), path, key);
    const verdict = await verifyPackage(memoryReader(tampered), {
      trustedKeys: [toHex(key.publicKey)],
    });
    expect(failures(verdict)).toEqual([
      `finding ${path}: the file differs from the one the finding's ledger entry recorded`,
    ]);
  });

  it("fails a finding's file whose manifest line names no proved finding entry", async () => {
    const { files, key } = buildPackage();
    const manifest = JSON.parse(
      new TextDecoder().decode(files.get(MANIFEST_PATH)!),
    ) as PackageManifest;
    const path = "evidence/subjects/s-1/finding-f-1.html";
    manifest.files.find((f) => f.path === path)!.leafIndices = [26];
    const bytes = manifestBytes(manifest);
    const changed = new Map(files);
    changed.set(MANIFEST_PATH, bytes);
    changed.set(SIGNATURE_PATH, utf8(signManifest(bytes, key)));
    const verdict = await verifyPackage(memoryReader(changed));
    expect(failures(verdict)).toEqual([
      `finding ${path}: no proved finding entry in the package records this file`,
    ]);
  });

  it("names a file that is missing, and one that was slipped in", async () => {
    const { files } = buildPackage();
    const changed = new Map(files);
    changed.delete("report.pdf");
    changed.set("extra.txt", utf8("hello"));
    const verdict = await verifyPackage(memoryReader(changed));
    expect(failures(verdict)).toEqual([
      "file report.pdf: listed in the manifest but missing from the package",
      "manifest extra.txt: this file is in the package but not in the signed manifest",
    ]);
  });

  it("refuses a package signed with a key the reader does not trust", async () => {
    const { files } = buildPackage();
    const verdict = await verifyPackage(memoryReader(files), {
      trustedKeys: [toHex(generateSigningKey().publicKey)],
    });
    expect(verdict.ok).toBe(false);
    expect(failures(verdict)[0]).toMatch(/not a key you trust/);
  });

  it("answers a damaged manifest with one failed check, never a throw", async () => {
    const { files } = buildPackage();
    const changed = new Map(files);
    changed.set(MANIFEST_PATH, utf8("{ not json"));
    const verdict = await verifyPackage(memoryReader(changed));
    expect(failures(verdict)).toEqual([
      "manifest manifest.json: the manifest is not valid JSON (it was changed or damaged)",
    ]);
  });
});
