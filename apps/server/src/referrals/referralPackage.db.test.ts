import { captureBytesIn } from "../blobs/captureBytes";
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
import { buildEvidenceScenario, PNG } from "../test/evidenceScenario";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { writePackageFile } from "./writePackageFile";
import { openZipPackage } from "./packageReaders";
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
  const operationInfo = await recordReferralSource.operation(store.db, operation.id);
  const subjects = await recordReferralSource.subjects(store.db, operation.id, {});
  // The scenario has the reviewed subject and the identification workspace's; both go in.
  expect(subjects.length).toBeGreaterThanOrEqual(1);
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
