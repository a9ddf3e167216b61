import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { agencyInputSchema } from "@sweetie/core/api/referralSchemas";
import { generateSigningKey, toHex } from "@sweetie/core/ledger/index";
import { cosignHead } from "@sweetie/core/referral/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBlobStore } from "../blobs/databaseBlobStore";
import { runVerify } from "../cli/verify";
import { ledgerEvidence } from "../conversations/ledgerEvidence";
import { issueTreeHead } from "../ledger/headIssuer";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { buildEvidenceScenario } from "../test/evidenceScenario";
import { actorOf } from "../test/identityScenario";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { createAgency } from "./agencyRepository";
import { recordCosignature, signedHeadsWithCosignatures } from "./cosignatures";
import { changeDraft, draftReferral, trackReferral } from "./referralLifecycle";
import { previewReferral, referralCandidates } from "./referralPreview";
import { referralDetail, requireReferral } from "./referralRepository";
import { releaseWithPackage } from "./releaseWithPackage";

// Issue 12, items 1, 2 and 5 (cosignatures), on both stores: the agency registry's checks, the
// builder's candidates and preview (wired to the identification workspace's established claims),
// the lifecycle in order with four-eyes release, each step a ledger entry, the released package
// verifying offline and citing the subject's claims, and cosignatures checked against the
// agency's registered key.

const store = useTestStore();
const signer = testSigner();
let scenario: Awaited<ReturnType<typeof buildEvidenceScenario>>;
let agencyId: string;
let dir: string;
const ports = () => ({ evidence: ledgerEvidence, blobs: databaseBlobStore(store.db), signer });
const agencyKey = generateSigningKey();

beforeAll(async () => {
  scenario = await buildEvidenceScenario(store.db);
  dir = await mkdtemp(join(tmpdir(), "sweetie-referrals-"));
  const admin = actorOf({ id: scenario.supervisor.id, username: "admin" });
  agencyId = (
    await createAgency(
      store.db,
      { ...admin, isAdmin: true },
      agencyInputSchema.parse({
        country: "de",
        name: "Bundeskriminalamt",
        unit: "Child protection",
        contactChannel: "Secure exchange",
        contactPerson: "Duty officer",
        publicKey: toHex(agencyKey.publicKey),
      }) as Parameters<typeof createAgency>[2],
    )
  ).id;
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const analyst = () => actorOf(scenario.analyst);
const supervisor = () => actorOf(scenario.supervisor);

describe("agency registry", () => {
  it("takes a country code as typed and refuses what is not ISO 3166-1, in words", () => {
    const base = {
      name: "Police",
      contactChannel: "Secure exchange",
      contactPerson: "Duty officer",
    };
    expect(agencyInputSchema.parse({ ...base, country: " nl " }).country).toBe("NL");
    const bad = agencyInputSchema.safeParse({ ...base, country: "XX" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/two-letter ISO code/);
  });

  it("refuses a public key that is not an Ed25519 key, saying why", () => {
    const base = {
      country: "NL",
      name: "Police",
      contactChannel: "Secure exchange",
      contactPerson: "Duty officer",
    };
    const message = (publicKey: string) =>
      agencyInputSchema.safeParse({ ...base, publicKey }).error?.issues[0]?.message;
    expect(message("ab".repeat(31))).toMatch(/64 hexadecimal characters/);
    // The identity point (small order): any signature would verify under it.
    expect(message(`01${"00".repeat(31)}`)).toMatch(/weak point/);
    expect(message(toHex(generateSigningKey().publicKey))).toBeUndefined();
    expect(agencyInputSchema.parse({ ...base }).publicKey).toBe("");
  });

  it("refuses a second agency with the same country, name and unit", async () => {
    await expect(
      createAgency(
        store.db,
        { ...supervisor(), isAdmin: true },
        {
          country: "DE",
          name: "Bundeskriminalamt",
          unit: "Child protection",
          contactChannel: "x",
          contactPerson: "y",
          publicKey: "",
        },
      ),
    ).rejects.toMatchObject({ code: "agency_exists" });
  });
});

describe("referral builder and lifecycle", () => {
  let referralId: string;

  it("lists the country's subjects with their status in words", async () => {
    const candidates = await referralCandidates(store.db, scenario.operation.id, "DE");
    const subject = candidates.find((c) => c.id === scenario.subjectId)!;
    expect(subject).toBeDefined();
    expect(subject.country).toBe("DE");
    if (!subject.established) expect(subject.reasons.join(" ")).toMatch(/\w+ \w+/);
    // The scenario's draft already carries this subject.
    expect(subject.inReferrals).toEqual([{ id: scenario.referralId, status: "draft" }]);
    expect(await referralCandidates(store.db, scenario.operation.id, "FR")).toEqual([]);
  });

  it("refuses an agency of another country", async () => {
    const other = await createAgency(
      store.db,
      { ...supervisor(), isAdmin: true },
      {
        country: "FR",
        name: "Gendarmerie",
        unit: "",
        contactChannel: "x",
        contactPerson: "y",
        publicKey: "",
      },
    );
    await expect(
      store.db.transaction().execute((trx) =>
        draftReferral(trx, ports(), {
          actor: analyst(),
          operationId: scenario.operation.id,
          country: "DE",
          agencyId: other.id,
          subjectIds: [scenario.subjectId],
        }),
      ),
    ).rejects.toMatchObject({ code: "validation_failed", detail: /registered for FR, not DE/ });
  });

  it("drafts, previews the claims with their sources, and blocks release without an agency", async () => {
    const row = await store.db.transaction().execute((trx) =>
      draftReferral(trx, ports(), {
        actor: analyst(),
        operationId: scenario.operation.id,
        country: "DE",
        agencyId: null,
        subjectIds: [scenario.subjectId],
      }),
    );
    referralId = row.id;
    const preview = await previewReferral(store.db, scenario.operation.id, {
      country: "DE",
      agencyId: null,
      subjectIds: [scenario.subjectId],
    });
    expect(preview.blocking.join(" ")).toMatch(/Choose the registered agency/);
    expect(preview.totals.conversations).toBe(1);
    expect(preview.totals.captures).toBeGreaterThanOrEqual(1);
    expect(preview.totals.ledgerEntries).toBeGreaterThan(5);
    const claims = preview.subjects[0]!.claims;
    for (const claim of claims) {
      expect(claim.ledgerEntryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(claim.sources.join(" ")).toMatch(/ledger entry [0-9a-f-]{36}/);
    }
    await expect(
      releaseWithPackage(store.db, ports(), {
        actor: supervisor(),
        operationId: scenario.operation.id,
        referralId,
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: "referral_not_ready" });
    await store.db.transaction().execute((trx) =>
      changeDraft(trx, ports(), {
        actor: analyst(),
        operationId: scenario.operation.id,
        referralId,
        agencyId,
        subjectIds: [scenario.subjectId],
      }),
    );
  });

  it("refuses release by the person who built it (four-eyes), on the server", async () => {
    await expect(
      releaseWithPackage(store.db, ports(), {
        actor: analyst(),
        operationId: scenario.operation.id,
        referralId,
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: "four_eyes_release" });
    const row = await requireReferral(store.db, scenario.operation.id, referralId);
    const detail = await referralDetail(store.db, row, analyst(), true);
    expect(detail.canRelease).toBe(false);
    expect(detail.releaseBlockedBecause).toMatch(/you cannot release it yourself/);
  });

  it("refuses to record a step out of order, in words", async () => {
    await expect(
      store.db.transaction().execute((trx) =>
        trackReferral(trx, ports(), {
          actor: supervisor(),
          operationId: scenario.operation.id,
          referralId,
          step: "sent",
          occurredOn: "2026-12-02",
          note: "",
        }),
      ),
    ).rejects.toMatchObject({
      code: "referral_step_not_allowed",
      detail: /only after a supervisor released it/,
    });
  });

  it("a second person releases it: the package verifies offline and cites the subject's claims", async () => {
    await releaseWithPackage(store.db, ports(), {
      actor: supervisor(),
      operationId: scenario.operation.id,
      referralId,
      now: new Date(),
    });
    const row = await requireReferral(store.db, scenario.operation.id, referralId);
    expect(row.status).toBe("released");
    expect(row.released_by).toBe(scenario.supervisor.id);
    const stream = await databaseBlobStore(store.db).open(row.package_sha256!);
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from(stream!)) chunks.push(Buffer.from(chunk as Uint8Array));
    const zip = join(dir, "released.zip");
    await writeFile(zip, Buffer.concat(chunks));
    const lines: string[] = [];
    const io = {
      out: (l: string) => lines.push(l),
      err: (l: string) => lines.push(l),
      isTTY: false,
    };
    const { code } = await runVerify(zip, { trustedKeys: [toHex(signer.publicKey)] }, io);
    expect(code, lines.join("\n")).toBe(0);
    expect(Buffer.concat(chunks).length).toBe(row.package_size_bytes);
    // The released package carries the subject's identification as proved evidence, and the
    // findings' files streamed from the deployment's blob store, each checked against its entry.
    const subjectDir = `evidence/subjects/${scenario.subjectId}`;
    expect(lines.join("\n")).toMatch(
      new RegExp(`OK {6}${subjectDir}/identification\\.jsonl: \\d+ entries \\(.*claim`),
    );
    expect(lines.join("\n")).toMatch(
      /2 finding files: each is the file its finding's ledger entry recorded/,
    );

    // The report names the subject's established claims with the ledger entries they stand on.
    const preview = await previewReferral(store.db, scenario.operation.id, {
      country: "DE",
      agencyId,
      subjectIds: [scenario.subjectId],
    });
    const folder = join(dir, "unzipped");
    spawnSync("unzip", ["-q", "-o", zip, "-d", folder]);
    const text = spawnSync("pdftotext", [join(folder, "report.pdf"), "-"], { encoding: "utf8" });
    // pdftotext breaks long ids over lines (and drops the hyphen there): compare without either.
    const squeeze = (value: string) => value.replace(/[\s-]+/g, "");
    const flat = squeeze(text.stdout);
    expect(preview.subjects[0]!.claims.length).toBeGreaterThan(0);
    for (const claim of preview.subjects[0]!.claims) {
      expect(flat).toContain(squeeze(claim.value));
      expect(flat).toContain(squeeze(claim.ledgerEntryId!));
      expect(flat).toContain(squeeze(claim.sources[0]!.match(/ledger entry (\S+)\)/)![1]!));
    }
  }, 120_000);

  it("a released draft cannot change; sent → acknowledged → outcome, each a ledger entry", async () => {
    await expect(
      store.db.transaction().execute((trx) =>
        changeDraft(trx, ports(), {
          actor: analyst(),
          operationId: scenario.operation.id,
          referralId,
          agencyId,
          subjectIds: [],
        }),
      ),
    ).rejects.toMatchObject({ code: "referral_step_not_allowed" });
    const steps = [
      { step: "sent", occurredOn: "2026-12-02", note: "By the secure exchange." },
      { step: "acknowledged", occurredOn: "2026-12-03", agencyReference: "BKA-2026-17", note: "" },
      { step: "outcome", occurredOn: "2026-12-20", outcome: "charged", note: "" },
      { step: "outcome", occurredOn: "2027-03-01", outcome: "convicted", note: "Court of Köln" },
    ] as const;
    for (const step of steps) {
      await store.db.transaction().execute((trx) =>
        trackReferral(trx, ports(), {
          actor: supervisor(),
          operationId: scenario.operation.id,
          referralId,
          ...step,
        }),
      );
    }
    const row = await requireReferral(store.db, scenario.operation.id, referralId);
    expect(row).toMatchObject({
      status: "outcome",
      outcome: "convicted",
      agency_reference: "BKA-2026-17",
    });
    const detail = await referralDetail(store.db, row, supervisor(), true);
    expect(detail.steps.map((s) => s.step)).toEqual([
      "drafted",
      "draft_changed",
      "released",
      "sent",
      "acknowledged",
      "outcome",
      "outcome",
    ]);
    expect(detail.steps.every((s) => s.ledgerEntryId !== null)).toBe(true);
    expect(detail.steps.at(-1)).toMatchObject({ occurredOn: "2027-03-01" });
    const audit = await store.db
      .selectFrom("audit")
      .select("action")
      .where("target_id", "=", referralId)
      .where("action", "like", "referral.%")
      .where("action", "<>", "referral.preview")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "referral.drafted",
      "referral.change",
      "referral.released",
      "referral.sent",
      "referral.acknowledged",
      "referral.outcome",
      "referral.outcome",
    ]);
    await issueTreeHead(store.db, signer, scenario.operation.id);
    const verdict = await verifyLedger(store.db, { operationId: scenario.operation.id });
    expect(verdict.problem).toBeNull();
  });
});

describe("cosignatures of signed heads", () => {
  let head: Awaited<ReturnType<typeof issueTreeHead>>;

  beforeAll(async () => {
    head = await issueTreeHead(store.db, signer, scenario.operation.id);
  });

  const record = (text: string, headSize = head.head.size, agency = agencyId) =>
    store.db.transaction().execute((trx) =>
      recordCosignature(trx, supervisor(), {
        operationId: scenario.operation.id,
        headSize,
        agencyId: agency,
        text,
      }),
    );

  it("refuses a cosignature made with another key than the registered one", async () => {
    const line = cosignHead(head, "bka", generateSigningKey(), new Date()).line;
    await expect(record(line)).rejects.toMatchObject({
      code: "cosignature_rejected",
      detail: /does not verify against Bundeskriminalamt's registered key/,
    });
  });

  it("refuses a changed line and another head's cosignature", async () => {
    const good = cosignHead(head, "bka", agencyKey, new Date());
    const changed = good.line.replace(
      /.(.)$/,
      (_m, last: string) => `${last === "A" ? "B" : "A"}=`,
    );
    await expect(record(changed)).rejects.toMatchObject({ code: "cosignature_rejected" });
    const earlier = (await signedHeadsWithCosignatures(store.db, scenario.operation.id, 10)).at(
      -1,
    )!;
    expect(earlier.size).toBeLessThan(head.head.size);
    await expect(record(good.line, earlier.size)).rejects.toMatchObject({
      code: "cosignature_rejected",
    });
    const json = JSON.stringify({
      operation: head.head.operation,
      size: head.head.size,
      cosignature: good.line,
    });
    await expect(record(json, earlier.size)).rejects.toMatchObject({
      detail: /for the head of \d+ entries, not this one/,
    });
    await expect(record("nothing to see here")).rejects.toMatchObject({
      detail: /No cosignature found/,
    });
  });

  it("records the agency's cosignature as the verifier printed it, once, and shows it with the head", async () => {
    const cosignature = cosignHead(head, "bka", agencyKey, new Date("2026-12-02T10:00:00Z"));
    const printed = [
      "WITNESS: the log grew consistently from 3 to 9 entries; kept in state.json.",
      "Cosignature for Sweetie to record against this head:",
      cosignature.line,
      JSON.stringify({
        operation: head.head.operation,
        size: head.head.size,
        root: head.head.root,
        witness: "bka",
        witnessPublicKey: cosignature.publicKey,
        time: cosignature.time,
        cosignature: cosignature.line,
      }),
    ].join("\n");
    await record(printed);
    await expect(record(printed)).rejects.toMatchObject({ code: "cosignature_exists" });
    const heads = await signedHeadsWithCosignatures(store.db, scenario.operation.id, 10);
    const shown = heads.find((h) => h.size === head.head.size)!;
    expect(shown.cosignatures).toHaveLength(1);
    expect(shown.cosignatures[0]).toMatchObject({
      agency: { id: agencyId, name: "Bundeskriminalamt", country: "DE" },
      witnessName: "bka",
      cosignedAt: "2026-12-02T10:00:00.000Z",
      line: cosignature.line,
    });
  });
});
