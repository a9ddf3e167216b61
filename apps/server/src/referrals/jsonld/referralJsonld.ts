import * as crypto from "node:crypto";
import { conversationNodes } from "./conversationNodes";
import { CONTEXT, dateTime, iri, ref, refs, type JsonNode } from "./jsonldTerms";
import { operationIris, operationNodes } from "./operationNodes";
import type { ReferralJsonldInput } from "./referralJsonldInput";
import { subjectNodes } from "./subjectNodes";

// referral.jsonld: the package as one JSON-LD @graph in CASE/UCO 1.4.0 with CAC 3.0.0's
// undercover and international terms (INTERCHANGE.md). Pure: the same input gives the same
// bytes. Every node has an IRI ending in a UUID; nothing is said that the report does not say.

export interface ReferralJsonld {
  "@context": typeof CONTEXT;
  "@graph": JsonNode[];
}

/**
 * The document's nodes a batch at a time: each subject with its conversations, then the
 * operation and the referral (which list what came before). A node two subjects share (an
 * application, the persona's account) comes once. Lazy, so a writer can serialize each batch
 * and let it go: the whole graph of a large package is never in memory. Exactly one batch per
 * subject (possibly empty), in input order, then one closing batch; a subject's digests and
 * transcripts are read only while its own batch is made (referralJsonldWorker.ts relies on it).
 */
export function* referralJsonldBatches(input: ReferralJsonldInput): Generator<AdmittedNode[]> {
  const ids = operationIris(input);
  const seen = new SeenNodes();
  const objects = new Set<string>();
  const results = new Set<string>();
  const actions: string[] = [];
  const persons: string[] = [];
  for (const subject of input.subjects) {
    const digests = input.digests.get(subject.id) ?? [];
    const messages = new Set(digests.flatMap((d) => d.messages.map((m) => m.id)));
    const s = subjectNodes(subject, messages);
    const batch = seen.admit(s.nodes);
    for (const id of s.objects) objects.add(id);
    persons.push(s.person);
    for (const digest of digests) {
      const c = conversationNodes(input, ids, s.person, digest);
      batch.push(...seen.admit(c.nodes));
      for (const id of c.objects) objects.add(id);
      for (const id of c.results) results.add(id);
      actions.push(...c.actions);
    }
    yield batch;
  }
  const referral = iri("referral", input.packageId);
  actions.push(referral);
  yield seen.admit([
    ...operationNodes(input, ids, {
      objects: [...objects],
      results: [...results],
      subactions: actions,
      subjects: persons,
    }),
    {
      "@id": referral,
      "@type": [
        "cacontology-international:InternationalReferral",
        "case-investigation:InvestigativeAction",
      ],
      "rdfs:label": `Referral ${input.packageId} to ${input.agency ?? "—"} (${input.country ?? "—"})`,
      "uco-core:startTime": dateTime(input.now),
      "uco-action:startTime": dateTime(input.now),
      "cacontology-international:alertingPartner": ref(ids.alertingPartner),
      "cacontology-international:referredTo": ref(ids.receivingAgency),
      "uco-action:performer": ref(ids.alertingPartner),
      "uco-action:instrument": ref(ids.tool),
      "uco-action:object": refs(persons.length ? persons : [ids.investigation]),
      "uco-core:description": `Every file of the package is listed with its SHA-256 in manifest.json; every ledger entry is proved against the signed tree head of ${input.head.size} entries (root ${input.head.root}).`,
    },
  ]);
}

/** The whole document as one value (tests, small packages). */
export function buildReferralJsonld(input: ReferralJsonldInput): ReferralJsonld {
  const graph: JsonNode[] = [];
  for (const batch of referralJsonldBatches(input)) for (const { node } of batch) graph.push(node);
  return { "@context": CONTEXT, "@graph": graph };
}

/** The document's text before its first node and after its last. */
export const JSONLD_HEAD = `{"@context":${JSON.stringify(CONTEXT)},\n"@graph":[`;
export const JSONLD_TAIL = "\n]}\n";

/**
 * The document as text, a batch of nodes per chunk: the context, then one node per line of
 * the graph. Parsed, it is the same document as buildReferralJsonld's.
 */
export function* referralJsonldChunks(input: ReferralJsonldInput): Generator<string> {
  let first = true;
  yield JSONLD_HEAD;
  for (const batch of referralJsonldBatches(input)) {
    if (batch.length === 0) continue;
    yield batchText(batch, first);
    first = false;
  }
  yield JSONLD_TAIL;
}

/** A batch's nodes, one per line; `first` when no node of the graph came before them. */
export function batchText(batch: readonly AdmittedNode[], first: boolean): string {
  let text = "";
  for (const [i, { json }] of batch.entries()) text += `${first && i === 0 ? "" : ","}\n${json}`;
  return text;
}

/** A node of the document with its JSON text. */
export interface AdmittedNode {
  node: JsonNode;
  json: string;
}

// Node 20.12+: a digest without a Hash object per call (there is one per node of the graph).
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string, encoding: "base64") => string }
).hash;
const digestOf = (json: string) =>
  oneShot
    ? oneShot("sha1", json, "base64")
    : crypto.createHash("sha1").update(json).digest("base64");

/**
 * The nodes already in the document, by IRI: a node met twice must say the same both times,
 * and comes once. It keeps a short digest of each node's text (an equality check between
 * Sweetie's own nodes, not a security measure), not the node.
 */
class SeenNodes {
  private readonly byId = new Map<string, string>();

  /** The nodes not met before, in order; throws on a node described two different ways. */
  admit(nodes: readonly JsonNode[]): AdmittedNode[] {
    const fresh: AdmittedNode[] = [];
    for (const node of nodes) {
      const json = JSON.stringify(node);
      const digest = digestOf(json);
      const known = this.byId.get(node["@id"]);
      if (known === undefined) {
        this.byId.set(node["@id"], digest);
        fresh.push({ node, json });
      } else if (known !== digest) {
        throw new Error(`referral.jsonld: node ${node["@id"]} is described two different ways`);
      }
    }
    return fresh;
  }
}
