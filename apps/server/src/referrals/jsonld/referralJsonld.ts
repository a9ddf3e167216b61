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

export function buildReferralJsonld(input: ReferralJsonldInput): ReferralJsonld {
  const ids = operationIris(input);
  const graph = new Graph();
  const objects: string[] = [];
  const results: string[] = [];
  const actions: string[] = [];
  const persons: string[] = [];
  for (const subject of input.subjects) {
    const digests = input.digests.get(subject.id) ?? [];
    const messages = new Set(digests.flatMap((d) => d.messages.map((m) => m.id)));
    const s = subjectNodes(subject, messages);
    graph.add(s.nodes);
    objects.push(...s.objects);
    persons.push(s.person);
    for (const digest of digests) {
      const c = conversationNodes(input, ids, s.person, digest);
      graph.add(c.nodes);
      objects.push(...c.objects);
      results.push(...c.results);
      actions.push(...c.actions);
    }
  }
  const referral = iri("referral", input.packageId);
  actions.push(referral);
  graph.add(
    operationNodes(input, ids, {
      objects: unique(objects),
      results: unique(results),
      subactions: actions,
      subjects: persons,
    }),
  );
  graph.add([
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
  return { "@context": CONTEXT, "@graph": graph.nodes() };
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** Nodes by IRI: a node met twice (an application, an account) must say the same both times. */
class Graph {
  private readonly byId = new Map<string, JsonNode>();

  add(nodes: readonly JsonNode[]) {
    for (const node of nodes) {
      const known = this.byId.get(node["@id"]);
      if (!known) this.byId.set(node["@id"], node);
      else if (JSON.stringify(known) !== JSON.stringify(node))
        throw new Error(`referral.jsonld: node ${node["@id"]} is described two different ways`);
    }
  }

  nodes(): JsonNode[] {
    return [...this.byId.values()];
  }
}
