import type { ReferralIdentifier, ReferralSubject } from "../referralSource";
import { fileNodes } from "./conversationNodes";
import { address } from "./operationNodes";
import { boolean, iri, ref, refs, type JsonNode } from "./jsonldTerms";

// A subject as a Person, with the identifiers its established claims name (an email account, a
// phone account, an application account) owned by that person, and each claim as an Assertion
// whose descriptions are its sources in the report's words: the findings with their file hashes,
// what the chat disclosed, the grading and the sign-off, each with its ledger entry. Each claim
// is linked to the nodes it rests on by a uco-core:Relationship "Supported_By" (core:Relationship
// takes any kindOfRelationship string): the File node of each cited finding's file, with its
// hash, and the Message node of each cited observation when its conversation is in the package.

export interface SubjectGraph {
  person: string;
  nodes: JsonNode[];
  objects: string[];
}

export function subjectNodes(
  subject: ReferralSubject,
  /** The ids of the messages the package's graph has a Message node for. */
  messagesInPackage: ReadonlySet<string> = new Set(),
): SubjectGraph {
  const person = iri("person", subject.id);
  const named = subject.identifiers.find((i) => i.claim?.predicate === "is_named");
  const livesIn = subject.identifiers.find((i) => i.claim?.predicate === "lives_in");
  const node: JsonNode = {
    "@id": person,
    "@type": "uco-identity:Person",
    "rdfs:label": `Subject "${subject.label}"`,
    "uco-core:description": subject.established
      ? "Identity established: two independent sources and a reviewer's sign-off."
      : `Identity not established: ${subject.notEstablishedBecause ?? "no reason recorded"}`,
  };
  if (named) node["uco-core:name"] = named.value;
  const nodes: JsonNode[] = [node];
  if (subject.country || livesIn) {
    node["uco-core:hasFacet"] = ref(iri("address-facet", person));
    nodes.push(...address(person, subject.country, livesIn?.value ?? null));
  }
  const objects = [person];
  subject.identifiers.forEach((identifier, i) => {
    const key = identifier.claim?.id ?? `${subject.id}/${i}`;
    const observable = identifierNodes(identifier, person, key);
    nodes.push(...observable);
    if (observable[0]) objects.push(observable[0]["@id"]);
    const assertion = iri("claim", key);
    objects.push(assertion);
    nodes.push({
      "@id": assertion,
      "@type": "uco-core:Assertion",
      "rdfs:label": `Claim: "${subject.label}" ${identifier.kind} ${identifier.value}`,
      "uco-core:statement": `${subject.label} ${identifier.kind} ${identifier.value}`,
      "uco-core:description": identifier.sources.length ? identifier.sources : ["no source"],
    });
    const support = supportNodes(identifier, assertion, key, messagesInPackage);
    nodes.push(...support.nodes);
    objects.push(...support.objects);
  });
  return { person, nodes, objects };
}

/** The claim's links to the finding files and messages it rests on, and the files' nodes. */
function supportNodes(
  identifier: ReferralIdentifier,
  assertion: string,
  key: string,
  messagesInPackage: ReadonlySet<string>,
): { nodes: JsonNode[]; objects: string[] } {
  const nodes: JsonNode[] = [];
  const objects: string[] = [];
  const link = (target: string, targetKey: string, label: string) => {
    const id = iri("claim-supported-by", key, targetKey);
    objects.push(id);
    nodes.push({
      "@id": id,
      "@type": "uco-core:Relationship",
      "rdfs:label": label,
      "uco-core:kindOfRelationship": "Supported_By",
      "uco-core:isDirectional": boolean(true),
      "uco-core:source": ref(assertion),
      "uco-core:target": ref(target),
    });
  };
  for (const file of identifier.basis?.files ?? []) {
    const id = iri("file", "finding", file.findingId);
    nodes.push(...fileNodes(id, `Finding "${file.title}"`, file));
    objects.push(id);
    link(id, `finding/${file.findingId}`, `The claim rests on the finding "${file.title}"`);
  }
  for (const message of identifier.basis?.messages ?? []) {
    if (!messagesInPackage.has(message.id)) continue;
    link(
      iri("message", message.id),
      `message/${message.id}`,
      `The claim rests on what was said in message ${message.id}`,
    );
  }
  return { nodes, objects };
}

/** The observable an identifier names, owned by the person (none for names, places, ages). */
function identifierNodes(identifier: ReferralIdentifier, person: string, key: string): JsonNode[] {
  const value = identifier.value;
  const account = (type: string, label: string, facets: JsonNode[]): JsonNode[] => {
    const id = iri("identifier", key);
    const owner: JsonNode = {
      "@id": iri("account-facet", id),
      "@type": "uco-observable:AccountFacet",
      "uco-observable:accountIdentifier": value,
      "uco-observable:owner": ref(person),
    };
    const all = [owner, ...facets.map((f) => ({ ...f, "@id": iri(String(f["@id"]), id) }))];
    return [
      {
        "@id": id,
        "@type": type,
        "rdfs:label": `${label} ${value}`,
        "uco-core:hasFacet": refs(all.map((f) => f["@id"])),
      },
      ...all,
    ];
  };
  switch (identifier.claim?.predicate) {
    case "uses_email": {
      const address = iri("email-address", key);
      const nodes = account("uco-observable:EmailAccount", "Email account", [
        {
          "@id": "email-account-facet",
          "@type": "uco-observable:EmailAccountFacet",
          "uco-observable:emailAddress": ref(address),
        },
      ]);
      nodes.push(
        {
          "@id": address,
          "@type": "uco-observable:EmailAddress",
          "rdfs:label": value,
          "uco-core:hasFacet": ref(iri("email-address-facet", key)),
        },
        {
          "@id": iri("email-address-facet", key),
          "@type": "uco-observable:EmailAddressFacet",
          "uco-observable:addressValue": value,
        },
      );
      return nodes;
    }
    case "uses_phone":
      return account("uco-observable:PhoneAccount", "Phone account", [
        {
          "@id": "phone-account-facet",
          "@type": "uco-observable:PhoneAccountFacet",
          "uco-observable:phoneNumber": value,
        },
      ]);
    case "uses_account":
      return account("uco-observable:ApplicationAccount", "Account", []);
    default:
      return [];
  }
}
