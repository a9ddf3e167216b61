import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256, toHex } from "@sweetie/core/ledger/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEvidenceScenario } from "../../test/evidenceScenario";
import {
  jsonldQuads,
  validateJsonld,
  violationLines,
  type Violation,
} from "../../test/shacl/shaclValidation";
import { useTestStore } from "../../test/testHooks";
import { testSigner } from "../../test/testSigner";
import { identityReferralSource } from "../identityReferralSource";
import { openZipPackage } from "../packageReaders";
import { writePackageFile } from "../writePackageFile";
import type { JsonNode, JsonValue } from "./jsonldTerms";
import type { ReferralJsonld } from "./referralJsonld";

// Acceptance (issue 12): the JSON-LD conforms. A package built from a seeded operation carries
// referral.jsonld; validated offline with shacl-engine (SPARQL constraints on) against the
// CASE/UCO 1.4.0 and CAC 3.0.0 shapes it has no result at all, and a broken copy (a blank-node
// hash, the operation without its type, a message with two sent times) is rejected for that.

const store = useTestStore();
const signer = testSigner();
let dir: string;
let document: ReferralJsonld;
let bytes: Uint8Array;
let listed: { path: string; sha256: string; role: string } | undefined;

const UCO = "https://ontology.unifiedcyberontology.org/uco/";
const UNDERCOVER = "https://cacontology.projectvic.org/undercover#";

beforeAll(async () => {
  const { operation } = await buildEvidenceScenario(store.db);
  dir = await mkdtemp(join(tmpdir(), "sweetie-jsonld-"));
  const zipPath = join(dir, "package.zip");
  const { manifest } = await writePackageFile(
    store.db,
    {
      kind: "referral",
      packageId: "3f7f1c52-2d6c-4b8e-9a51-6f0e6c1d2b10",
      operation: await identityReferralSource.operation(store.db, operation.id),
      subjects: await identityReferralSource.subjects(store.db, operation.id, { country: "DE" }),
      country: "DE",
      agency: "Bundeskriminalamt, SO 12",
      signer,
      now: new Date(),
    },
    zipPath,
  );
  listed = manifest.files.find((f) => f.path === "referral.jsonld");
  const reader = await openZipPackage(zipPath);
  bytes = await reader.read("referral.jsonld");
  reader.close();
  document = JSON.parse(new TextDecoder().decode(bytes)) as ReferralJsonld;
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const nodes = (doc: ReferralJsonld) => doc["@graph"];
const typed = (doc: ReferralJsonld, type: string) =>
  nodes(doc).filter((n) => [n["@type"]].flat().includes(type));
const copy = (): ReferralJsonld => structuredClone(document);

/** Validates and reports how long it took (the SHACL run is the slow part of this file). */
async function validate(doc: ReferralJsonld): Promise<Violation[]> {
  const started = performance.now();
  const results = await validateJsonld(doc);
  console.info(
    `SHACL validation of ${nodes(doc).length} nodes: ${Math.round(performance.now() - started)} ms, ${results.length} result(s)`,
    violationLines(results),
  );
  return results;
}

describe("referral.jsonld", () => {
  it("is in the package and listed in the manifest with its SHA-256", () => {
    expect(listed).toMatchObject({ role: "jsonld", sha256: toHex(sha256(bytes)) });
  });

  it("describes the operation, persona, subject, messages, captures and chain of custody", async () => {
    const op = typed(document, `cacontology-undercover:UndercoverChatInvestigation`);
    expect(op).toHaveLength(1);
    expect(op[0]!["@type"]).toContain("cacontology-undercover:MinorPersonaOperation");
    expect(op[0]!["cacontology-undercover:operationType"]).toBe("online_investigation");
    expect(typed(document, "cacontology-undercover:MinorPersonaAgent")).toHaveLength(1);
    const person = typed(document, "uco-identity:Person");
    expect(person).toHaveLength(1);
    expect(String(person[0]!["uco-core:description"])).toMatch(/^Identity established/);
    const email = typed(document, "uco-observable:EmailAddressFacet");
    expect(email.map((n) => n["uco-observable:addressValue"])).toEqual(["cp1@example.net"]);
    expect(typed(document, "uco-observable:MessageFacet")).toHaveLength(3);
    const hashes = typed(document, "uco-types:Hash");
    // The transcript, the capture and the two findings' files the claim cites, each with its
    // SHA-256.
    expect(hashes.length).toBe(4);
    // The claim rests on the two findings' files: a Supported_By relationship to each File.
    const claim = typed(document, "uco-core:Assertion")[0]!;
    const support = typed(document, "uco-core:Relationship").filter(
      (n) => n["uco-core:kindOfRelationship"] === "Supported_By",
    );
    expect(support).toHaveLength(2);
    const byId = new Map(nodes(document).map((n) => [n["@id"], n]));
    for (const link of support) {
      expect(link["uco-core:source"]).toEqual({ "@id": claim["@id"] });
      const target = byId.get((link["uco-core:target"] as { "@id": string })["@id"])!;
      expect(target["@type"]).toBe("uco-observable:File");
    }
    expect(typed(document, "case-investigation:ProvenanceRecord").length).toBe(2);
    const referral = typed(document, "cacontology-international:InternationalReferral")[0]!;
    expect(referral["cacontology-international:referredTo"]).not.toEqual(
      referral["cacontology-international:alertingPartner"],
    );
    // Every node has an IRI ending in a UUID; the RDF has no blank node at all.
    for (const node of nodes(document)) expect(node["@id"]).toMatch(/^kb:[a-z-]+-[0-9a-f-]{36}$/);
    const quads = await jsonldQuads(document);
    expect(quads.some((q) => q.subject.termType === "BlankNode")).toBe(false);
    expect(quads.some((q) => q.object.termType === "BlankNode")).toBe(false);
  });

  it("conforms to the CASE/UCO and CAC shapes with SPARQL constraints: no result at all", async () => {
    const results = await validate(document);
    expect(results, violationLines(results)).toEqual([]);
  });

  it("is rejected with a blank-node hash", async () => {
    const doc = copy();
    const hash = typed(doc, "uco-types:Hash")[0]!;
    const facet = typed(doc, "uco-observable:ContentDataFacet").find(
      (f) => (f["uco-observable:hash"] as { "@id": string })["@id"] === hash["@id"],
    )!;
    const { "@id": _dropped, ...blank } = hash;
    facet["uco-observable:hash"] = blank as JsonValue;
    doc["@graph"] = nodes(doc).filter((n) => n !== hash);
    const results = await validate(doc);
    expect(
      results.filter(
        (r) =>
          r.message === "UcoThings are required to not be blank nodes." &&
          r.focusNode.startsWith("b"),
      ),
      violationLines(results),
    ).toHaveLength(1);
  });

  it("is rejected when the operation has no operation type", async () => {
    const doc = copy();
    const op = typed(doc, "cacontology-undercover:UndercoverChatInvestigation")[0]!;
    delete op["cacontology-undercover:operationType"];
    const results = await validate(doc);
    expect(
      results.map((r) => [r.severity, r.path]),
      violationLines(results),
    ).toContainEqual(["Violation", `${UNDERCOVER}operationType`]);
  });

  it("is rejected when a message has two sent times", async () => {
    const doc = copy();
    const facet: JsonNode = typed(doc, "uco-observable:MessageFacet")[0]!;
    const sent = facet["uco-observable:sentTime"] as { "@type": string; "@value": string };
    facet["uco-observable:sentTime"] = [
      sent,
      { ...sent, "@value": new Date(Date.parse(sent["@value"]) + 1000).toISOString() },
    ];
    const results = await validate(doc);
    expect(
      results
        .filter((r) => r.severity === "Violation" && r.path === `${UCO}observable/sentTime`)
        .map((r) => r.focusNode),
      violationLines(results),
    ).toEqual([expect.stringContaining("urn:sweetie:kb:message-facet-")]);
  });
});
