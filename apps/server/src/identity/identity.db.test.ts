import { beforeAll, describe, expect, it } from "vitest";
import { buildEvidenceScenario, PNG } from "../test/evidenceScenario";
import { actorOf, stageBytes, testIdentityPorts } from "../test/identityScenario";
import { useTestStore } from "../test/testHooks";
import { testSigner } from "../test/testSigner";
import { issueTreeHead } from "../ledger/headIssuer";
import { verifyLedger } from "../ledger/ledgerVerifier";
import { createClaim, citeSources, signOffClaim } from "./claimCommands";
import { claimsOfSubjects, subjectsForReferral } from "./identityRepository";
import { recordFinding } from "./recordFinding";
import { decideMerge } from "./subjectDecisions";

const store = useTestStore();
let scenario: Awaited<ReturnType<typeof buildEvidenceScenario>>;

beforeAll(async () => {
  scenario = await buildEvidenceScenario(store.db);
});

async function finding(title: string, bytes: Uint8Array | null, derivedFrom: string | null = null) {
  const ports = testIdentityPorts(store.db);
  return recordFinding(store.db, ports, {
    actor: actorOf(scenario.analyst),
    operationId: scenario.operation.id,
    subjectId: scenario.subjectId,
    title,
    sourceUrl: null,
    seenAt: new Date(),
    note: "",
    derivedFrom,
    identifiers: [],
    file: bytes ? { fileName: "capture.png", staged: await stageBytes(ports.blobs, bytes) } : null,
  });
}

async function claimCiting(findingIds: string[]) {
  return store.db.transaction().execute((trx) =>
    createClaim(trx, testIdentityPorts(store.db), {
      actor: actorOf(scenario.analyst),
      operationId: scenario.operation.id,
      subjectId: scenario.subjectId,
      predicate: "is_named",
      value: "Tom Example",
      reliability: "C",
      credibility: "3",
      gradingReason: "profile and register agree",
      citations: findingIds.map((findingId) => ({ findingId })),
    }),
  );
}

const signOff = (claimId: string, user: { id: string; username: string }) =>
  store.db.transaction().execute((trx) =>
    signOffClaim(trx, testIdentityPorts(store.db), {
      actor: actorOf(user),
      operationId: scenario.operation.id,
      claimId,
      note: "checked",
    }),
  );

const statusOf = async (claimId: string) =>
  (await claimsOfSubjects(store.db, [scenario.subjectId])).find((c) => c.id === claimId)!.status;

describe("the referral view of subjects (for the referral builder)", () => {
  it("gives each subject its country, status and established claims with their sources", async () => {
    const [subject] = await subjectsForReferral(store.db, scenario.operation.id, "de");
    expect(subject).toMatchObject({
      id: scenario.subjectId,
      country: "DE",
      status: { established: true, reasons: [] },
      conversationIds: [scenario.conversationId],
    });
    expect(subject!.countryConfirmation?.ledgerEntryId).toMatch(/^[0-9a-f-]{36}$/);
    const [claim] = subject!.establishedClaims;
    expect(claim).toMatchObject({ predicate: "uses_email", value: "cp1@example.net" });
    expect(claim!.grading?.words).toBe("Usually reliable source; information probably true (B2)");
    const active = claim!.citations.filter((c) => !c.retracted);
    expect(active.map((c) => c.source.type)).toEqual(["finding", "finding"]);
    for (const citation of active) {
      expect(citation.ledgerEntryId).not.toBeNull();
      if (citation.source.type !== "finding") continue;
      expect(citation.source.ledgerEntryId).not.toBeNull();
      expect(citation.source.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(claim!.citations.filter((c) => c.retracted)).toHaveLength(1);
    expect(await subjectsForReferral(store.db, scenario.operation.id, "PH")).toEqual([]);
  });
});

describe("claims", () => {
  it("are not established by the same finding cited twice", async () => {
    const only = await finding("one capture", Uint8Array.from([...PNG, 1]));
    const claim = await claimCiting([only.id, only.id]);
    await signOff(claim.id, scenario.supervisor);
    expect(await statusOf(claim.id)).toMatchObject({ established: false, independentSources: 1 });
  });

  it("are not established by a finding and one found through it", async () => {
    const first = await finding("first", Uint8Array.from([...PNG, 2]));
    const derived = await finding("found through the first", null, first.id);
    const claim = await claimCiting([first.id, derived.id]);
    await signOff(claim.id, scenario.supervisor);
    expect(await statusOf(claim.id)).toMatchObject({ established: false, independentSources: 1 });
  });

  it("need a reviewer who is not the author, and a new sign-off after new sources", async () => {
    const a = await finding("a", Uint8Array.from([...PNG, 3]));
    const b = await finding("b", Uint8Array.from([...PNG, 4]));
    const claim = await claimCiting([a.id, b.id]);
    await expect(signOff(claim.id, scenario.analyst)).rejects.toMatchObject({
      code: "own_claim_sign_off",
    });
    expect((await statusOf(claim.id)).established).toBe(false);
    const result = await signOff(claim.id, scenario.supervisor);
    expect(result.established).toBe(true);
    const c = await finding("c", Uint8Array.from([...PNG, 5]));
    await store.db.transaction().execute((trx) =>
      citeSources(trx, testIdentityPorts(store.db), {
        actor: actorOf(scenario.analyst),
        operationId: scenario.operation.id,
        claimId: claim.id,
        citations: [{ findingId: c.id }],
      }),
    );
    expect((await statusOf(claim.id)).established).toBe(false);
  });
});

describe("merges", () => {
  it("keep every observation, and their reversal too", async () => {
    const countOf = async () =>
      (
        await store.db
          .selectFrom("observations")
          .select("id")
          .where("operation_id", "=", scenario.operation.id)
          .execute()
      ).length;
    const before = await countOf();
    const decide = (decision: "merge" | "unmerge") =>
      store.db.transaction().execute((trx) =>
        decideMerge(trx, testIdentityPorts(store.db), {
          actor: actorOf(scenario.analyst),
          operationId: scenario.operation.id,
          subjectId: scenario.subjectId,
          otherSubjectId: scenario.identity.otherSubjectId,
          decision,
          reason: "same email after all",
        }),
      );
    await decide("merge");
    const merged = await subjectsForReferral(store.db, scenario.operation.id);
    expect(merged.map((s) => s.id)).toEqual([scenario.subjectId]);
    expect(merged[0]!.memberSubjectIds).toContain(scenario.identity.otherSubjectId);
    await decide("unmerge");
    expect((await subjectsForReferral(store.db, scenario.operation.id)).map((s) => s.id)).toContain(
      scenario.identity.otherSubjectId,
    );
    expect(await countOf()).toBe(before);
  });
});

describe("the ledger", () => {
  it("verifies with every identification entry, findings' files re-hashed", async () => {
    await issueTreeHead(store.db, testSigner(), scenario.operation.id);
    const verdict = await verifyLedger(store.db, {
      operationId: scenario.operation.id,
      blobs: testIdentityPorts(store.db).blobs,
    });
    expect(verdict.problem).toBeNull();
  });
});
