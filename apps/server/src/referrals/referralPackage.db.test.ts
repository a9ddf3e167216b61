import { captureBytesIn } from "../blobs/captureBytes";
import type { BlobStore } from "../blobs/blobStore";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateSigningKey, sha256, toHex } from "@sweetie/core/ledger/index";
import { verifyCosignature } from "@sweetie/core/referral/index";
import { addCapture } from "../commands/addCapture";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVerify } from "../cli/verify";
import { buildEvidenceScenario, FINDING_PNG, PNG } from "../test/evidenceScenario";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { writePackageFile } from "./writePackageFile";
import { openZipPackage } from "./packageReaders";
import { identityReferralSource } from "./identityReferralSource";
import { recordReferralSource } from "./referralSource";

// Acceptance (issue 12): a package built from a seeded operation passes `sweetie verify`;
// one byte changed in an evidence file, a capture, a proof, the manifest, its signature or the
// head fails, naming the item.

const store = useTestStore();
const signer = testSigner();
let dir: string;
let zipPath: string;
let folder: string;
let scenario: Awaited<ReturnType<typeof buildEvidenceScenario>>;
let buildMs = 0;

const lines: string[] = [];
const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), isTTY: false };
const verify = async (path: string, trustedKeys: string[] = []) => {
  lines.length = 0;
  return (await runVerify(path, { trustedKeys }, io)).code;
};

beforeAll(async () => {
  scenario = await buildEvidenceScenario(store.db);
  const { operation } = scenario;
  dir = await mkdtemp(join(tmpdir(), "sweetie-package-"));
  zipPath = join(dir, "package.zip");
  const operationInfo = await identityReferralSource.operation(store.db, operation.id);
  // As a release builds it: the subjects with their established claims and sources.
  const subjects = await identityReferralSource.subjects(store.db, operation.id, {});
  expect(subjects.map((s) => s.id)).toContain(scenario.subjectId);
  const started = performance.now();
  await writePackageFile(
    store.db,
    {
      kind: "referral",
      packageId: "test-package",
      operation: operationInfo,
      subjects,
      country: "NL",
      agency: "Test agency",
      signer,
      now: new Date("2026-12-01T10:00:00Z"),
    },
    zipPath,
  );
  buildMs = performance.now() - started;
  // The unzipped folder, as an analyst would have it after "extract all".
  folder = join(dir, "unzipped");
  const reader = await openZipPackage(zipPath);
  for (const path of reader.paths()) {
    const target = join(folder, ...path.split("/"));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await reader.read(path));
  }
  reader.close();
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function flipByte(path: string, at = 0.5): Promise<() => Promise<void>> {
  const original = await readFile(path);
  const changed = Buffer.from(original);
  const i = Math.floor(changed.length * at);
  changed[i] = changed[i] === 0x61 ? 0x62 : 0x61;
  await writeFile(path, changed);
  return () => writeFile(path, original);
}

describe("referral package", () => {
  it("passes sweetie verify, as a ZIP and unzipped, with the log key trusted", async () => {
    const key = toHex(signer.publicKey);
    expect(await verify(zipPath, [key])).toBe(0);
    expect(lines.join("\n")).toMatch(/RESULT: the package is intact/);
    expect(lines.join("\n")).toMatch(/ledger entries proved to be in the signed log/);
    expect(lines.join("\n")).toMatch(/1 capture: the bytes are the ones the ledger recorded/);
    expect(await verify(folder, [key])).toBe(0);
  });

  it("holds every cited entry of the conversation and the capture's bytes", async () => {
    const reader = await openZipPackage(zipPath);
    const paths = reader.paths();
    const entriesPath = paths.find((p) => p.endsWith("entries.jsonl"))!;
    const entries = new TextDecoder()
      .decode(await reader.read(entriesPath))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string });
    expect(new Set(entries.map((e) => e.kind))).toEqual(
      new Set(["conversation", "message", "event", "decision", "subject_link", "capture"]),
    );
    const capture = paths.find((p) => p.includes("/capture-"))!;
    expect(Buffer.from(await reader.read(capture)).equals(Buffer.from(PNG))).toBe(true);
    reader.close();
  });

  it("carries referral.jsonld, listed in the manifest with its SHA-256", async () => {
    const reader = await openZipPackage(zipPath);
    const bytes = await reader.read("referral.jsonld");
    const manifest = JSON.parse(new TextDecoder().decode(await reader.read("manifest.json"))) as {
      files: { path: string; role: string; sha256: string }[];
    };
    reader.close();
    expect(manifest.files.find((f) => f.path === "referral.jsonld")).toMatchObject({
      role: "jsonld",
      sha256: toHex(sha256(bytes)),
    });
    const graph = (
      JSON.parse(new TextDecoder().decode(bytes)) as { "@graph": { "@type": unknown }[] }
    )["@graph"];
    expect(
      graph.some((n) =>
        [n["@type"]].flat().includes("cacontology-undercover:MinorPersonaOperation"),
      ),
    ).toBe(true);
  });

  it.each([
    ["an evidence file", (p: string) => p.endsWith("entries.jsonl")],
    ["a capture", (p: string) => p.includes("/capture-")],
    ["a proof", (p: string) => p.startsWith("proofs/conversations/")],
    ["the head", (p: string) => p === "proofs/head.json"],
    ["the report", (p: string) => p === "report.pdf"],
    ["the JSON-LD", (p: string) => p === "referral.jsonld"],
    ["the manifest", (p: string) => p === "manifest.json"],
    ["the signature", (p: string) => p === "manifest.json.sig"],
    ["a finding's file", (p: string) => p.includes("/finding-") && p.endsWith(".png")],
    ["the identification entries", (p: string) => p.endsWith("/identification.jsonl")],
    ["a proof of identification entries", (p: string) => p.startsWith("proofs/subjects/")],
  ])("fails naming %s when one byte of it changes", async (_what, pick) => {
    const reader = await openZipPackage(zipPath);
    const path = reader.paths().find(pick)!;
    reader.close();
    const restore = await flipByte(join(folder, ...path.split("/")), 0.3);
    try {
      expect(await verify(folder)).toBe(1);
      const failed = lines.filter((l) => l.includes("FAILED  "));
      expect(failed.join("\n")).toContain(`FAILED  ${path}`);
      expect(lines.at(-1)).toMatch(/RESULT: the package FAILED/);
    } finally {
      await restore();
    }
  });

  it("fails a ZIP whose stored capture bytes were changed in place", async () => {
    const zip = await readFile(zipPath);
    const at = zip.indexOf(Buffer.from(PNG));
    expect(at).toBeGreaterThan(0);
    const copy = join(dir, "tampered.zip");
    const changed = Buffer.from(zip);
    changed[at + 20] = changed[at + 20]! ^ 0x01;
    await writeFile(copy, changed);
    expect(await verify(copy)).toBe(1);
    expect(lines.join("\n")).toMatch(
      /FAILED {2}evidence\/conversations\/.*\/capture-.*: its SHA-256 differs/,
    );
  });

  it("refuses a package whose log key is not the one the agency trusts", async () => {
    expect(await verify(zipPath, [toHex(testSigner().publicKey)])).toBe(1);
    expect(lines.join("\n")).toMatch(/not a key you trust/);
  });
});

interface Manifest {
  files: { path: string; role: string; sha256: string; size: number; leafIndices?: number[] }[];
}

describe("the subject's identification in the package", () => {
  const base = () => `evidence/subjects/${scenario.subjectId}`;

  it("carries the established claim with what it rests on, each entry proved, the findings' files beside them", async () => {
    const reader = await openZipPackage(zipPath);
    const manifest = JSON.parse(
      new TextDecoder().decode(await reader.read("manifest.json")),
    ) as Manifest;
    const listed = manifest.files.find((f) => f.path === `${base()}/identification.jsonl`)!;
    expect(listed).toMatchObject({
      role: "entries",
      proofs: `proofs/subjects/${scenario.subjectId}.proof`,
    });
    const entries = new TextDecoder()
      .decode(await reader.read(listed.path))
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            kind: string;
            index: number;
            source: { id: string };
            content: Record<string, unknown>;
          },
      );
    expect(listed.leafIndices).toEqual(entries.map((e) => e.index));
    // A referral carries the established claim, its live citations, grading and sign-off, the
    // findings it cites, the country decision and the comparison; not the retracted citation,
    // the finding nobody cites, nor the decision about another subject.
    expect(entries.map((e) => e.kind).sort()).toEqual(
      [
        "claim",
        "claim_citation",
        "claim_citation",
        "claim_grading",
        "claim_signoff",
        "country_confirmation",
        "finding",
        "finding",
        "image_comparison",
      ].sort(),
    );
    expect(entries.find((e) => e.kind === "claim")!.source.id).toBe(scenario.identity.claimId);
    const [first, second] = scenario.identity.findingIds;
    const findingEntry = entries.find((e) => e.kind === "finding" && e.source.id === first)!;
    const picture = manifest.files.find((f) => f.path === `${base()}/finding-${first}.png`)!;
    expect(picture).toMatchObject({
      role: "finding",
      sha256: toHex(sha256(FINDING_PNG)),
      size: FINDING_PNG.length,
      leafIndices: [findingEntry.index],
    });
    expect(findingEntry.content.fileSha256).toBe(picture.sha256);
    expect(Buffer.from(await reader.read(picture.path)).equals(Buffer.from(FINDING_PNG))).toBe(
      true,
    );
    expect(manifest.files.find((f) => f.path === `${base()}/finding-${second}.pdf`)?.role).toBe(
      "finding",
    );
    reader.close();
  });

  it("sweetie verify shows each subject's identification and each finding's file, item by item", async () => {
    expect(await verify(zipPath)).toBe(0);
    const out = lines.join("\n");
    expect(out).toMatch(/2 finding files: each is the file its finding's ledger entry recorded/);
    expect(out).toContain("Identification, item by item:");
    expect(out).toMatch(
      new RegExp(
        `OK {6}${base()}/identification\\.jsonl: 9 entries \\(.*1 claim.*2 claim citations.*\\) are in the signed log unchanged`,
      ),
    );
    const [first] = scenario.identity.findingIds;
    expect(out).toMatch(
      new RegExp(
        `OK {6}${base()}/finding-${first}\\.png: the file is the one finding entry \\d+ recorded`,
      ),
    );
    // The build time of the seeded package, for the record (issue 12).
    console.info(`seeded referral package built in ${Math.round(buildMs)} ms`);
  });

  it("stops the build, saying why, when a finding's file leaves the store while the package is written", async () => {
    const stored = databaseBlobStore(store.db);
    const gone = toHex(sha256(FINDING_PNG));
    const leaving: BlobStore = {
      ...stored,
      // Still there when the entry re-hashes it, gone when the ZIP reaches the file.
      open: async (sha) => (sha === gone ? null : stored.open(sha)),
    };
    await expect(
      writePackageFile(
        store.db,
        {
          kind: "referral",
          packageId: "leaving",
          operation: await identityReferralSource.operation(store.db, scenario.operation.id),
          subjects: await identityReferralSource.subjects(store.db, scenario.operation.id, {}),
          country: "NL",
          agency: "Test agency",
          signer,
          now: new Date("2026-12-01T10:00:00Z"),
          blobs: leaving,
        },
        join(dir, "leaving.zip"),
      ),
    ).rejects.toThrow(/left the blob store meanwhile/);
  });

  it.each([
    ["a finding file's SHA-256", (f: Manifest["files"][number]) => f.role === "finding", "sha256"],
    [
      "the identification entries' leaf indices",
      (f: Manifest["files"][number]) => f.path.endsWith("/identification.jsonl"),
      "leafIndices",
    ],
  ] as const)(
    "fails naming the item when %s in its manifest line changes",
    async (_what, pick, field) => {
      const path = join(folder, "manifest.json");
      const original = await readFile(path, "utf8");
      const manifest = JSON.parse(original) as Manifest;
      const file = manifest.files.find(pick)!;
      const line = JSON.stringify(file);
      const changed =
        field === "sha256"
          ? { ...file, sha256: `${file.sha256[0] === "a" ? "b" : "a"}${file.sha256.slice(1)}` }
          : { ...file, leafIndices: file.leafIndices!.map((i, n) => (n === 0 ? i + 1 : i)) };
      expect(original).toContain(line);
      await writeFile(path, original.replace(line, JSON.stringify(changed)));
      try {
        expect(await verify(folder)).toBe(1);
        const failed = lines.filter((l) => l.includes("FAILED  ")).join("\n");
        expect(failed).toContain("FAILED  manifest.json.sig");
        expect(failed).toContain(`FAILED  ${file.path}`);
      } finally {
        await writeFile(path, original);
      }
    },
  );
});

describe("report.pdf", () => {
  it("renders to pages (pdftoppm) and names the operation, the authorization and the capture's hash", async () => {
    const pdf = join(folder, "report.pdf");
    const { spawnSync } = await import("node:child_process");
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    text.stdout = text.stdout.replace(/\s+/g, " ");
    expect(text.status).toBe(0);
    // The seeded conversation has no age statement by the persona: the report must say so.
    expect(text.stdout).toMatch(/Not every conversation meets the safeguard/);
    expect(text.stdout).toMatch(/Age stated before any solicitation: NO/);
    expect(text.stdout).toContain("Authorization:");
    expect(text.stdout).toContain(createHashHex(PNG));
    // Per subject: the identifier with its claim, status and sources, and where its evidence is.
    expect(text.stdout).toMatch(/cp1@example\.net — established: 2 independent sources/);
    expect(text.stdout).toContain(createHashHex(FINDING_PNG));
    // (a long path wraps at a hyphen, which pdftotext then drops)
    expect(text.stdout.replace(/[\s-]+/g, "")).toContain(
      `evidence/subjects/${scenario.subjectId}/identification.jsonl`.replaceAll("-", ""),
    );
    const png = spawnSync("pdftoppm", ["-png", "-r", "60", pdf, join(dir, "report")]);
    expect(png.status).toBe(0);
    if (process.env.SWEETIE_KEEP_SCREENSHOTS) {
      await writeFile("/tmp/referral-report.txt", text.stdout);
      await mkdir("screenshots", { recursive: true });
      spawnSync("pdftoppm", ["-png", "-r", "70", pdf, join("screenshots", "referral-report")]);
    }
  });
});

function createHashHex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

describe("sweetie verify --witness", () => {
  it("stores the first head, cosigns a later package whose log grew, refuses going back", async () => {
    const state = join(dir, "witness-state.json");
    const keyFile = join(dir, "agency.key");
    await writeFile(keyFile, `${toHex(generateSigningKey().secretKey)}\n`);
    const witness = { stateFile: state, keyFile, name: "nl-police" };
    lines.length = 0;
    expect((await runVerify(zipPath, { witness }, io)).code).toBe(0);
    expect(lines.join("\n")).toMatch(/WITNESS: first head seen for this log/);

    // The log grows (another capture), and a second package is built on it.
    const { conversationId, operation, operator } = scenario;
    await addCapture(
      store.db,
      { evidence: ledgerEvidence, captures: captureBytesIn(databaseBlobStore(store.db)) },
      {
        actor: {
          userId: operator.id,
          username: operator.username,
          isAdmin: false,
          ip: "127.0.0.1",
        },
        operationId: operation.id,
        conversationId,
        fileName: "cam-2.png",
        mediaType: "image/png",
        bytes: PNG,
      },
    );
    const second = join(dir, "second.zip");
    await writePackageFile(
      store.db,
      {
        kind: "referral",
        packageId: "second",
        operation: await recordReferralSource.operation(store.db, operation.id),
        subjects: await recordReferralSource.subjects(store.db, operation.id, {}),
        country: "NL",
        agency: "Test agency",
        signer,
        now: new Date(),
      },
      second,
    );
    lines.length = 0;
    expect((await runVerify(second, { witness }, io)).code).toBe(0);
    expect(lines.join("\n")).toMatch(/the log grew consistently from \d+ to \d+ entries/);
    const record = JSON.parse(lines.at(-1)!) as { cosignature: string; witnessPublicKey: string };
    const head = JSON.parse(await readFile(join(folder, "proofs", "head.json"), "utf8"));
    expect(record.cosignature).toMatch(/^\u2014 nl-police /);
    const secondHead = (await openZipPackage(second)).read("proofs/head.json");
    const parsedSecond = JSON.parse(new TextDecoder().decode(await secondHead));
    expect(
      verifyCosignature(parsedSecond, record.cosignature, "nl-police", record.witnessPublicKey),
    ).toBe(true);
    expect(verifyCosignature(head, record.cosignature, "nl-police", record.witnessPublicKey)).toBe(
      false,
    );

    // The older package now shows a shorter log than the agency has seen: refused.
    lines.length = 0;
    expect((await runVerify(zipPath, { witness }, io)).code).toBe(1);
    expect(lines.join("\n")).toMatch(/WITNESS: refused: .*fewer than/);
  });
});
