import type { ReferralOperation } from "../referralSource";
import {
  boolean,
  dateTime,
  iri,
  nonNegativeInteger,
  ref,
  refs,
  type JsonNode,
} from "./jsonldTerms";
import type { ReferralJsonldInput } from "./referralJsonldInput";

// The operation side of the graph: the investigation and its authorization, the organizations,
// the undercover operation with its plan, the persona (a role over a child-persona identity),
// the tool, and the referral itself.

/** The IRIs every other part of the graph points at. */
export interface OperationIris {
  investigation: string;
  operation: string;
  tool: string;
  /** The unit the referral comes from (the authorization's partner unit). */
  alertingPartner: string;
  receivingAgency: string;
  personaRoles: Map<string, string>;
}

export function operationIris(input: ReferralJsonldInput): OperationIris {
  const op = input.operation;
  return {
    investigation: iri("investigation", op.id),
    operation: iri("undercover-operation", op.id),
    tool: iri("tool", "sweetie", input.tool.version),
    alertingPartner: iri("organization", "partner-unit", op.id),
    receivingAgency: iri("organization", "receiving-agency", input.packageId),
    personaRoles: new Map(op.personas.map((p) => [p.id, iri("persona-role", p.id)])),
  };
}

/**
 * CAC requires values Sweetie does not record as such; each is derived from what it does record
 * (INTERCHANGE.md): every operation is an online chat investigation under a recorded
 * authorization (the legal review), its status follows the authorized window, and the persona is
 * a digital-only identity with its declared facts and nothing more. Sweetie keeps no risk
 * assessment: the plan says so (riskAssessmentCompleted false), and riskLevel, which CAC requires,
 * is the class of every minor-persona operation ("high"), not an assessment of this one.
 */
export function operationStatus(op: ReferralOperation, now: Date): string {
  if (now.getTime() < Date.parse(op.authorization.startsAt)) return "planning";
  return now.getTime() > Date.parse(op.authorization.endsAt) ? "completed" : "active";
}

export function operationNodes(
  input: ReferralJsonldInput,
  ids: OperationIris,
  evidence: { objects: string[]; results: string[]; subactions: string[]; subjects: string[] },
): JsonNode[] {
  const op = input.operation;
  const auth = op.authorization;
  const authorization = iri("authorization", op.id);
  const issuer = iri("organization", "issuing-authority", op.id);
  const plan = iri("operation-plan", op.id);
  const training = op.isTraining ? " (TRAINING operation: not real evidence)" : "";
  const nodes: JsonNode[] = [
    {
      "@id": ids.investigation,
      "@type": "case-investigation:Investigation",
      "rdfs:label": `Investigation "${op.name}"${training}`,
      "uco-core:name": op.name,
      "case-investigation:investigationForm": "case",
      "case-investigation:relevantAuthorization": ref(authorization),
      "uco-core:object": refs([ids.operation, ...evidence.objects]),
    },
    {
      "@id": authorization,
      "@type": "case-investigation:Authorization",
      "rdfs:label": `Authorization ${auth.reference}`,
      "case-investigation:authorizationType": "undercover online operation",
      "case-investigation:authorizationIdentifier": auth.reference,
      "uco-core:startTime": dateTime(auth.startsAt),
      "uco-core:endTime": dateTime(auth.endsAt),
      "uco-core:createdBy": ref(issuer),
      "uco-core:description": [
        `Partner unit: ${auth.partnerUnit}`,
        `Permitted venues: ${auth.permittedVenues.join(", ")}`,
      ],
    },
    ...organization(issuer, auth.issuingAuthority, null),
    ...organization(ids.alertingPartner, auth.partnerUnit, null),
    ...organization(ids.receivingAgency, input.agency ?? "receiving agency", input.country),
    {
      "@id": ids.tool,
      "@type": "uco-tool:AnalyticTool",
      "rdfs:label": `${input.tool.name} ${input.tool.version}`,
      "uco-core:name": input.tool.name,
      "uco-tool:version": input.tool.version,
    },
    {
      "@id": ids.operation,
      "@type": [
        "cacontology-undercover:UndercoverChatInvestigation",
        "cacontology-undercover:MinorPersonaOperation",
      ],
      "rdfs:label": `Undercover operation "${op.name}"${training}`,
      "cacontology-undercover:operationType": "online_investigation",
      "cacontology-undercover:operationStatus": operationStatus(op, input.now),
      "cacontology-undercover:riskLevel": "high",
      "cacontology-undercover:usesIdentity": refs(op.personas.map((p) => iri("persona", p.id))),
      "cacontology-undercover:utilizesPersona": refs([...ids.personaRoles.values()]),
      "cacontology-undercover:followsPlan": ref(plan),
      "cacontology-undercover:targetsSubject": refs(evidence.subjects),
      "uco-core:startTime": dateTime(auth.startsAt),
      "uco-action:startTime": dateTime(auth.startsAt),
      "uco-action:performer": ref(ids.alertingPartner),
      "uco-action:instrument": ref(ids.tool),
      "uco-action:object": refs(evidence.subjects.length ? evidence.subjects : [authorization]),
      "uco-action:result": refs(evidence.results),
      "uco-action:subaction": refs(evidence.subactions),
    },
    {
      "@id": plan,
      "@type": "cacontology-undercover:OperationPlan",
      "rdfs:label": `Plan of operation "${op.name}": its authorization ${auth.reference}`,
      "rdfs:comment":
        "Sweetie records the operation's authorization (issuing authority, reference, window, venues, persona age), not a risk assessment.",
      "cacontology-undercover:planningPhase": "operational",
      "cacontology-undercover:approvalLevel": "multi_agency",
      "cacontology-undercover:riskAssessmentCompleted": boolean(false),
      "cacontology-undercover:legalReviewCompleted": boolean(true),
    },
  ];
  for (const persona of op.personas) nodes.push(...personaNodes(persona, ids));
  return nodes;
}

/** An organization; the receiving agency's address gives its country (ISO 3166-1 alpha-2). */
function organization(id: string, name: string, country: string | null): JsonNode[] {
  const node: JsonNode = {
    "@id": id,
    "@type": "uco-identity:Organization",
    "rdfs:label": name,
    "uco-core:name": name,
  };
  if (!country) return [node];
  return [
    { ...node, "uco-core:hasFacet": ref(iri("address-facet", id)) },
    ...address(id, country, null),
  ];
}

/** An AddressFacet of `owner` and the Location it names (country, and a locality if known). */
export function address(
  owner: string,
  country: string | null,
  locality: string | null,
): JsonNode[] {
  const location = iri("location", owner);
  const place: JsonNode = {
    "@id": iri("simple-address-facet", owner),
    "@type": "uco-location:SimpleAddressFacet",
  };
  if (country) place["uco-location:country"] = country;
  if (locality) place["uco-location:locality"] = locality;
  return [
    {
      "@id": iri("address-facet", owner),
      "@type": "uco-identity:AddressFacet",
      "uco-identity:address": ref(location),
    },
    {
      "@id": location,
      "@type": "uco-location:Location",
      "rdfs:label": [locality, country].filter(Boolean).join(", "),
      "uco-core:hasFacet": ref(place["@id"]),
    },
    place,
  ];
}

function personaNodes(persona: ReferralOperation["personas"][number], ids: OperationIris) {
  const role = ids.personaRoles.get(persona.id)!;
  const identity = iri("persona", persona.id);
  const relationship = iri("persona-has-role", persona.id);
  const nodes: JsonNode[] = [
    {
      "@id": role,
      "@type": "cacontology-undercover:MinorPersonaAgent",
      "rdfs:label": `Persona "${persona.name}" (an operator-controlled identity)`,
      "cacontology-undercover:personaAge": nonNegativeInteger(persona.age),
      "cacontology-undercover:personaGender": persona.gender,
      "cacontology-undercover:personaLocation": persona.location,
      "cacontology-undercover:operatesUnderIdentity": ref(identity),
    },
    {
      "@id": identity,
      "@type": "cacontology-undercover:ChildPersona",
      "rdfs:label": `Child persona "${persona.name}"`,
      "uco-core:name": persona.name,
      "cacontology-undercover:portraysAge": nonNegativeInteger(persona.age),
      "cacontology-undercover:identityType": "digital_only",
      "cacontology-undercover:identityComplexity": "basic",
      "cacontology-undercover:backstoryDepth": "minimal",
      "cacontology-undercover:documentationLevel": "basic",
    },
    {
      "@id": relationship,
      "@type": "uco-core:Relationship",
      "rdfs:label": `The persona identity "${persona.name}" has the persona role`,
      "uco-core:kindOfRelationship": "Has_Role",
      "uco-core:isDirectional": boolean(true),
      "uco-core:source": ref(identity),
      "uco-core:target": ref(role),
    },
  ];
  return nodes;
}
